// Which bank format a file is in, from its first bytes (parse-statement reads 64 KiB): byte order
// mark, encoding, then the first lines. Refusing early with a clear message beats a wrong guess:
// a CSV read with the wrong column meaning books money to the wrong fine.
import type { DetectedFormat, StatementFormat } from './statement.types.js';
import { StatementFormatError } from './errors.js';

export const DETECT_BYTES = 64 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function hasUtf8Bom(buf: Buffer): boolean {
  return UTF8_BOM.every((b, i) => buf[i] === b);
}

/** Valid UTF-8, tolerating a sequence cut off at the end of the sample. */
function isUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function normalizeHeaderCell(cell: string): string {
  return cell.trim().replace(/^"|"$/g, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

interface CsvLayout {
  format: StatementFormat;
  headerVariant: string;
  /** The first header cells, normalised, that identify the layout. */
  cells: readonly string[];
}

// ING changed its export around March 2023 (";" and two more columns), and offers an English
// header; Rabobank's 2018 layout exists in Dutch and English. Columns are read by position
// afterwards, so recognising the first cells is enough to know the layout.
const CSV_LAYOUTS: readonly CsvLayout[] = [
  { format: 'ing-csv', headerVariant: 'ing-nl', cells: ['datum', 'naam / omschrijving', 'rekening', 'tegenrekening'] },
  { format: 'ing-csv', headerVariant: 'ing-en', cells: ['date', 'name / description', 'account', 'counterparty'] },
  { format: 'rabobank-csv', headerVariant: 'rabobank-nl', cells: ['iban/bban', 'munt', 'bic', 'volgnr'] },
  { format: 'rabobank-csv', headerVariant: 'rabobank-en', cells: ['iban/bban', 'ccy', 'bic', 'seq no'] },
];

function detectCsv(firstLine: string): DetectedFormat | null {
  for (const delimiter of [';', ',', '\t'] as const) {
    const cells = firstLine.split(delimiter).map(normalizeHeaderCell);
    const layout = CSV_LAYOUTS.find((l) => l.cells.every((c, i) => cells[i] === c));
    if (layout) return { format: layout.format, encoding: 'utf-8', bom: false, delimiter, headerVariant: layout.headerVariant };
  }
  return null;
}

function detectXml(text: string): StatementFormat {
  const camt = /urn:iso:std:iso:20022:tech:xsd:(camt\.0[0-9]{2})/.exec(text);
  if (/<([A-Za-z0-9_.-]+:)?BkToCstmrStmt[\s>]/.test(text) || camt?.[1] === 'camt.053') return 'camt053';
  if (camt) {
    throw new StatementFormatError(`This is a ${camt[1]} XML file; only camt.053 account statements can be imported.`);
  }
  throw new StatementFormatError('This XML file is not a camt.053 bank statement (no BkToCstmrStmt element found).');
}

/** ABN AMRO's "TXT" download: tab-separated, no header, account/currency/date first. */
function looksLikeAbnAmroTab(lines: readonly string[]): boolean {
  const data = lines.find((l) => l.trim() !== '' && !l.startsWith('#'));
  const cols = data?.split('\t') ?? [];
  return cols.length >= 8 && /^[A-Z]{3}$/.test(cols[1] ?? '') && /^[0-9]{8}$/.test(cols[2] ?? '');
}

/**
 * Detects format, encoding, BOM and (for CSV) delimiter and header variant from the first bytes
 * of a file. Throws StatementFormatError for an empty file or a layout it does not know.
 */
export function detectFormat(firstBytes: Buffer): DetectedFormat {
  if (firstBytes.length === 0) throw new StatementFormatError('The file is empty.');
  if ((firstBytes[0] === 0xff && firstBytes[1] === 0xfe) || (firstBytes[0] === 0xfe && firstBytes[1] === 0xff)) {
    throw new StatementFormatError('The file is UTF-16 encoded; export it as UTF-8 or Windows-1252.');
  }
  const bom = hasUtf8Bom(firstBytes);
  const body = bom ? firstBytes.subarray(3) : firstBytes;
  const encoding = isUtf8(body) ? 'utf-8' : 'windows-1252';
  const text = new TextDecoder(encoding).decode(body);
  const trimmed = text.replace(/^\s+/, '');
  if (trimmed === '') throw new StatementFormatError('The file is empty (only whitespace).');

  if (trimmed.startsWith('<')) return { format: detectXml(trimmed), encoding, bom };

  const lines = trimmed.split(/\r*\n/, 20);
  // MT940: a SWIFT envelope, Rabobank's ":940:" line, or the first tag; ABN AMRO puts three
  // header lines ("ABNANL2A", "940", "ABNANL2A") before ":20:".
  if (lines.slice(0, 6).some((l) => /^(\{1:|:940:|:20:)/.test(l))) return { format: 'mt940', encoding, bom };

  const csv = detectCsv(lines[0] ?? '');
  if (csv) return { ...csv, encoding, bom };

  if (looksLikeAbnAmroTab(lines)) {
    throw new StatementFormatError(
      'ABN AMRO TXT/TAB exports are not supported (no header, no structured references): download the statement as camt.053 (preferred) or MT940.',
    );
  }
  throw new StatementFormatError(
    'Unknown bank statement format: expected camt.053 XML, MT940/MT940S, or an ING or Rabobank CSV export with its header line.',
  );
}
