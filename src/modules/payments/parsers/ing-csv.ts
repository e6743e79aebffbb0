// ING "Af- en bijschrijvingen" CSV (domain.md §5.3). Columns by position, the same in Dutch and
// English and in the old comma layout (which lacks the last two):
//   0 Datum (YYYYMMDD) · 1 Naam / Omschrijving · 2 Rekening · 3 Tegenrekening · 4 Code ·
//   5 Af Bij · 6 Bedrag (EUR), always positive with a decimal comma · 7 Mutatiesoort ·
//   8 Mededelingen · 9 Saldo na mutatie (since 2023) · 10 Tag
// ING gives no bank reference per row and no sequence number: identical rows (the same fee booked
// twice on one day) are two lines, told apart only by their line number.
import type { ParseEvent, DetectedFormat, ParseProblem } from './statement.types.js';
import { tryParseAmountToCents } from '../../../domain/money.js';
import { normalizeIban } from '../../../domain/iban.js';
import { parseCsvStatement, type RowResult } from './csv-statements.js';
import { betalingskenmerkOrNull, collapseWhitespace, dateFromCompact, dateFromText, ibanOrNull, joinText } from './values.js';

const DIRECTIONS: Readonly<Record<string, 'credit' | 'debit'>> = { af: 'debit', bij: 'credit', debit: 'debit', credit: 'credit' };

// ING writes the details of a transfer into "Mededelingen" as labelled parts; the English export
// uses English labels. Anything before the first label (a card payment's terminal text, "Naar
// Oranje spaarrekening …") is free text.
const LABELS: Readonly<Record<string, string>> = {
  Naam: 'name', Name: 'name',
  Omschrijving: 'description', Description: 'description',
  IBAN: 'iban',
  Kenmerk: 'reference', Reference: 'reference',
  'Machtiging ID': 'mandate', 'Mandate ID': 'mandate',
  'Incassant ID': 'creditorId', 'Creditor ID': 'creditorId',
  Valutadatum: 'valueDate', 'Value date': 'valueDate',
};
const LABEL_PATTERN = new RegExp(`(?:^|\\s)(${Object.keys(LABELS).join('|')}):(?=\\s|$)`, 'g');

export interface IngNotes {
  prefix: string | null;
  parts: Partial<Record<string, string>>;
}

export function parseIngNotes(text: string): IngNotes {
  const parts: Partial<Record<string, string>> = {};
  const matches = [...text.matchAll(LABEL_PATTERN)];
  const prefix = collapseWhitespace(text.slice(0, matches[0]?.index ?? text.length));
  matches.forEach((m, i) => {
    const key = LABELS[m[1] ?? ''];
    const start = (m.index ?? 0) + m[0].length;
    const end = matches[i + 1]?.index ?? text.length;
    const value = collapseWhitespace(text.slice(start, end));
    if (key && value !== null && parts[key] === undefined) parts[key] = value;
  });
  return { prefix, parts };
}

function mapIngRow(fields: readonly string[], header: readonly string[], lineNo: number): RowResult {
  const col = (i: number): string => (fields[i] ?? '').trim();
  const problems: ParseProblem[] = [];
  const bad = (i: number, reason: string) => problems.push({ lineNo, field: header[i] ?? `column ${i + 1}`, reason });

  const bookingDate = dateFromCompact(col(0));
  if (bookingDate === null) bad(0, `not a date (YYYYMMDD): ${JSON.stringify(col(0))}`);
  const account = normalizeIban(col(2));
  if (account === '') bad(2, 'own account is missing');
  const direction = DIRECTIONS[col(5).toLowerCase()];
  if (direction === undefined) bad(5, `expected Af/Bij or Debit/Credit, found ${JSON.stringify(col(5))}`);
  const amount = tryParseAmountToCents(col(6));
  if (amount === null) bad(6, `not an amount: ${JSON.stringify(col(6))}`);
  else if (amount < 0 || /^\s*[-+\u2212]|[-+\u2212]\s*$/.test(col(6))) bad(6, `ING amounts are unsigned, found ${JSON.stringify(col(6))}`);
  const hasBalance = header.length > 9;
  const balance = hasBalance && col(9) !== '' ? tryParseAmountToCents(col(9)) : null;
  if (hasBalance && col(9) !== '' && balance === null) bad(9, `not an amount: ${JSON.stringify(col(9))}`);
  if (problems.length > 0 || bookingDate === null || direction === undefined || amount === null) return { ok: false, problems };

  const notes = parseIngNotes(col(8));
  // "Kenmerk:" is the payer's reference; only a valid betalingskenmerk is structured, anything
  // else (an invoice number, "SDD0237763432") stays free text for the matcher to search.
  const kenmerk = betalingskenmerkOrNull(notes.parts.reference);
  const valueDateText = notes.parts.valueDate;
  return {
    ok: true,
    account,
    currency: 'EUR', // the column is "Bedrag (EUR)"; ING exports no other currency
    balance: { balanceCents: balance, signedCents: direction === 'credit' ? amount : -amount, date: bookingDate, sequence: null },
    line: {
      lineNo,
      account,
      bookingDate,
      valueDate: valueDateText ? dateFromText(valueDateText) : null,
      amountCents: amount,
      direction,
      reversal: false,
      returnReason: null,
      bankReference: null,
      endToEndId: null,
      positionInEntry: 0,
      entryDetailCount: 1,
      counterpartyIban: ibanOrNull(col(3)) ?? ibanOrNull(notes.parts.iban),
      counterpartyName: collapseWhitespace(notes.parts.name) ?? collapseWhitespace(col(1)),
      counterpartyBic: null,
      structuredReference: kenmerk,
      remittanceText: joinText([notes.parts.description ?? notes.prefix, kenmerk === null ? notes.parts.reference : null]),
      bankTransactionCode: collapseWhitespace(col(4)),
    },
  };
}

export function parseIngCsv(text: AsyncIterable<string>, detected: DetectedFormat): AsyncGenerator<ParseEvent> {
  return parseCsvStatement(text, detected, 9, mapIngRow);
}
