// Rabobank CSV (2018 layout, domain.md §5.3): comma-separated, quoted, Windows-1252, CR CR LF.
// Columns by position, the same in the Dutch and the English header:
//   0 IBAN/BBAN · 1 Munt · 2 BIC · 3 Volgnr · 4 Datum · 5 Rentedatum · 6 Bedrag (signed, "+12,50") ·
//   7 Saldo na trn · 8 Tegenrekening IBAN/BBAN · 9 Naam tegenpartij · 10 Naam uiteindelijke partij ·
//   11 Naam initiërende partij · 12 BIC tegenpartij · 13 Code · 14 Batch ID · 15 Transactiereferentie ·
//   16 Machtigingskenmerk · 17 Incassant ID · 18 Betalingskenmerk · 19–21 Omschrijving-1..3 ·
//   22 Reden retour · 23 Oorspr bedrag · 24 Oorspr munt · 25 Koers
import type { DetectedFormat, ParseEvent, ParseProblem } from './statement.types.js';
import { tryParseAmountToCents } from '../../../domain/money.js';
import { normalizeIban } from '../../../domain/iban.js';
import { parseCsvStatement, type RowResult } from './csv-statements.js';
import { collapseWhitespace, dateFromText, ibanOrNull, joinText, structuredReferenceValue } from './values.js';

function mapRabobankRow(fields: readonly string[], header: readonly string[], lineNo: number): RowResult {
  const col = (i: number): string => (fields[i] ?? '').trim();
  const problems: ParseProblem[] = [];
  const bad = (i: number, reason: string) => problems.push({ lineNo, field: header[i] ?? `column ${i + 1}`, reason });

  const account = normalizeIban(col(0));
  if (!/^[A-Z0-9]+$/.test(account)) bad(0, `not an account number: ${JSON.stringify(col(0))}`);
  const currency = col(1).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) bad(1, `not a currency code: ${JSON.stringify(col(1))}`);
  const bookingDate = dateFromText(col(4));
  if (bookingDate === null) bad(4, `not a date (YYYY-MM-DD): ${JSON.stringify(col(4))}`);
  const valueDate = col(5) === '' ? null : dateFromText(col(5));
  if (col(5) !== '' && valueDate === null) bad(5, `not a date (YYYY-MM-DD): ${JSON.stringify(col(5))}`);
  const signed = tryParseAmountToCents(col(6));
  if (signed === null) bad(6, `not an amount: ${JSON.stringify(col(6))}`);
  const balance = col(7) === '' ? null : tryParseAmountToCents(col(7));
  if (col(7) !== '' && balance === null) bad(7, `not an amount: ${JSON.stringify(col(7))}`);
  // Volgnr is the bank's own running number per account: the idempotency key of a row.
  const volgnr = col(3);
  if (volgnr !== '' && !/^[0-9]+$/.test(volgnr)) bad(3, `not a sequence number: ${JSON.stringify(volgnr)}`);
  if (problems.length > 0 || bookingDate === null || signed === null) return { ok: false, problems };

  return {
    ok: true,
    account,
    currency,
    balance: { balanceCents: balance, signedCents: signed, date: bookingDate, sequence: volgnr === '' ? null : BigInt(volgnr) },
    line: {
      lineNo,
      account,
      bookingDate,
      valueDate,
      amountCents: Math.abs(signed),
      direction: signed < 0 ? 'debit' : 'credit',
      reversal: false,
      returnReason: collapseWhitespace(col(22)),
      bankReference: volgnr === '' ? null : volgnr,
      // Transactiereferentie is the payer's end-to-end reference of a SEPA transfer.
      endToEndId: collapseWhitespace(col(15)),
      positionInEntry: 0,
      entryDetailCount: 1,
      counterpartyIban: ibanOrNull(col(8)),
      counterpartyName: collapseWhitespace(col(9)) ?? collapseWhitespace(col(10)),
      counterpartyBic: collapseWhitespace(col(12)),
      structuredReference: structuredReferenceValue(col(18)),
      remittanceText: joinText([col(19), col(20), col(21)]),
      bankTransactionCode: collapseWhitespace(col(13)),
    },
  };
}

export function parseRabobankCsv(text: AsyncIterable<string>, detected: DetectedFormat): AsyncGenerator<ParseEvent> {
  return parseCsvStatement(text, detected, 22, mapRabobankRow);
}
