// The one entry point for reading a bank statement file, whatever its format.
//
//   const { detected, events } = parseStatement(fs.createReadStream(file), { format: 'auto' });
//   const { format } = await detected;           // resolves after the first 64 KiB are read
//   for await (const event of events) { … }      // 'line' | 'problem' | 'statement'
//
// Order of events: every 'line' of statement i comes BEFORE the 'statement' event of i, because
// only then are its balances known (MT940's :62F: follows the lines; a CSV's balances come from
// its first and last rows). Statement indexes are given in order of first appearance, and lines
// carry that index. 'problem' events are interleaved where they occur; parsing goes on after them
// so every bad line is listed, and the importer refuses a file that had any.
//
// `detected` and `events` fail with StatementFormatError for an empty file, an unknown layout, or
// an explicit format that the content contradicts. Iterate `events` to the end or call
// `events.return()`: that releases the input stream.
import type { DetectedFormat, FormatOption, ParseEvent, ParsedLine, ParsedStatement, ParseProblem } from './statement.types.js';
import { DETECT_BYTES, detectFormat } from './detect.js';
import { StatementFormatError } from './errors.js';
import { decodeText, peekBytes, type ByteSource } from './text-stream.js';
import { parseCamt053 } from './camt053.js';
import { parseMt940 } from './mt940.js';
import { parseIngCsv } from './ing-csv.js';
import { parseRabobankCsv } from './rabobank-csv.js';

export interface ParseStatementOptions {
  /** 'auto' (the default) detects; an explicit format must agree with what is detected. */
  format?: FormatOption;
}

export interface StatementParse {
  detected: Promise<DetectedFormat>;
  events: AsyncGenerator<ParseEvent>;
}

function checkRequested(detected: DetectedFormat, requested: FormatOption): DetectedFormat {
  if (requested !== 'auto' && requested !== detected.format) {
    throw new StatementFormatError(`The file was uploaded as ${requested}, but its content is ${detected.format}.`);
  }
  return detected;
}

export function parseStatement(input: ByteSource, options: ParseStatementOptions = {}): StatementParse {
  const peeked = peekBytes(input, DETECT_BYTES);
  const detected = peeked.then(({ head }) => checkRequested(detectFormat(head), options.format ?? 'auto'));
  // Whoever only iterates `events` still sees the error there; this keeps the unobserved copy
  // of the rejection from crashing the process as an unhandled rejection.
  detected.catch(() => undefined);

  async function* events(): AsyncGenerator<ParseEvent> {
    const { all } = await peeked;
    let format: DetectedFormat;
    try {
      format = await detected;
    } catch (err) {
      await all.return(undefined);
      throw err;
    }
    const text = decodeText(all, format.encoding, format.bom);
    switch (format.format) {
      case 'camt053':
        yield* parseCamt053(text);
        break;
      case 'mt940':
        yield* parseMt940(text);
        break;
      case 'ing-csv':
        yield* parseIngCsv(text, format);
        break;
      case 'rabobank-csv':
        yield* parseRabobankCsv(text, format);
        break;
    }
  }
  return { detected, events: events() };
}

export interface CollectedStatement {
  detected: DetectedFormat;
  statements: ParsedStatement[];
  lines: ParsedLine[];
  problems: ParseProblem[];
}

/** Reads a whole (small) file into arrays: for tests, the summary script and previews. */
export async function collectStatement(input: ByteSource, options: ParseStatementOptions = {}): Promise<CollectedStatement> {
  const { detected, events } = parseStatement(input, options);
  const result: Omit<CollectedStatement, 'detected'> = { statements: [], lines: [], problems: [] };
  for await (const event of events) {
    if (event.type === 'statement') result.statements.push(event.statement);
    else if (event.type === 'line') result.lines.push(event.line);
    else result.problems.push(event.problem);
  }
  result.statements.sort((a, b) => a.index - b.index);
  return { detected: await detected, ...result };
}
