// Streams CSV records out of decoded text with csv-parse, one record at a time, and turns
// csv-parse's own complaints (a stray quote, an unclosed quote) into problems with a line number
// instead of an exception, so the rest of the file is still read and every bad line is listed.
import { once } from 'node:events';
import { parse, type CsvError, type Options } from 'csv-parse';
import type { ParseProblem } from './statement.types.js';

export type CsvItem =
  | { kind: 'record'; fields: string[]; lineNo: number }
  | { kind: 'problem'; problem: ParseProblem };

// csv-parse's own messages quote the offending value (a payer's name, say); ours name the fault.
const QUOTE_ERRORS: Readonly<Record<string, string>> = {
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (is the opening quote missing?)',
  CSV_INVALID_CLOSING_QUOTE: 'text right after a closing quote',
  CSV_QUOTE_NOT_CLOSED: 'a quote that is never closed',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'wrong number of columns',
};

interface ParsedRecord {
  record: string[];
  /** The line the record ends on (1-based). */
  lines: number;
}

function newlinesIn(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) n += 1;
  return n;
}

export async function* readCsvRecords(text: AsyncIterable<string>, delimiter: string): AsyncGenerator<CsvItem> {
  const skipped: ParseProblem[] = [];
  /** Last line of the last record csv-parse accepted (it runs ahead of our consumer). */
  let parsedEndLine = 0;
  let lastSkippedLine = 0;
  const options: Options<ParsedRecord, string[]> = {
    delimiter,
    // Rabobank ends lines with CR CR LF; a lone CR is not a line end in any of these exports.
    record_delimiter: ['\r\r\n', '\r\n', '\n'],
    relax_column_count: true, // counted per row below, with a message naming the expected count
    skip_empty_lines: true,
    skip_records_with_error: true,
    // The line a record ends on, taken here instead of with `info: true` (which clones more).
    on_record: (record: string[], context: { lines: number }) => {
      parsedEndLine = context.lines;
      return { record, lines: context.lines };
    },
    on_skip: (err: CsvError | undefined) => {
      if (!err) return;
      // An unclosed quote is only noticed at the end of the file; it started after the last good row.
      const lineNo = err.code === 'CSV_QUOTE_NOT_CLOSED' || typeof err.lines !== 'number' ? parsedEndLine + 1 : err.lines;
      // csv-parse may complain twice about one row; one problem per line is enough.
      if (lineNo !== lastSkippedLine) {
        skipped.push({ lineNo, field: 'row', reason: `malformed CSV row: ${QUOTE_ERRORS[err.code] ?? err.code}` });
      }
      lastSkippedLine = lineNo;
      parsedEndLine = Math.max(parsedEndLine, lineNo);
    },
  };
  // csv-parse's typings tie on_record's result to string[] unless `columns` is set.
  const parser = parse(options as unknown as Options);

  let feedError: unknown;
  const stop = new AbortController();
  const feed = (async () => {
    try {
      for await (const chunk of text) {
        if (!parser.write(chunk)) await once(parser, 'drain', { signal: stop.signal });
      }
      parser.end();
    } catch (err) {
      if (stop.signal.aborted) return; // the consumer stopped reading: not an error
      feedError = err;
      parser.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();

  try {
    for await (const item of parser as AsyncIterable<ParsedRecord>) {
      const endLine = item.lines;
      const lineNo = endLine - newlinesIn(item.record);
      // csv-parse may have reported later bad rows already; keep the events in file order.
      while (skipped.length > 0 && (skipped[0]?.lineNo ?? 0) < lineNo) yield { kind: 'problem', problem: skipped.shift() as ParseProblem };
      yield { kind: 'record', fields: item.record, lineNo };
    }
    await feed;
    if (feedError) throw feedError;
    while (skipped.length > 0) yield { kind: 'problem', problem: skipped.shift() as ParseProblem };
  } finally {
    stop.abort();
    if (!parser.destroyed) parser.destroy();
  }
}
