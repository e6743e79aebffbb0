// Small value readers shared by the statement parsers. Every amount goes from text to integer
// cents through parseAmountToCents (design.md §4); the readers here only bring a bank's notation
// into a shape that function reads without guessing.
import { parseAmountToCents, type Cents } from '../../../domain/money.js';
import { normalizeIban } from '../../../domain/iban.js';
import { isValidBetalingskenmerk, normalizeKenmerk } from '../../../domain/betalingskenmerk.js';
import { amsterdamDateOf } from '../../../domain/civil-date.js';

/** Collapses runs of whitespace to one space and trims; empty becomes null. */
export function collapseWhitespace(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed === '' ? null : collapsed;
}

/** Joins the non-empty parts with one space; null when nothing is left. */
export function joinText(parts: readonly (string | null | undefined)[]): string | null {
  return collapseWhitespace(parts.filter((p) => p !== null && p !== undefined).join(' '));
}

const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/;

/**
 * The text as a normalised IBAN when it has the shape of one, else null. Check digits are NOT
 * verified here: banks' test files carry IBANs with wrong check digits, and a statement reports
 * what the bank booked; the matcher decides what a bad IBAN means (isValidIban).
 */
export function ibanOrNull(text: string | null | undefined): string | null {
  if (!text) return null;
  const iban = normalizeIban(text);
  return IBAN_SHAPE.test(iban) ? iban : null;
}

export function looksLikeIban(text: string): boolean {
  return IBAN_SHAPE.test(normalizeIban(text));
}

/**
 * A structured reference as the matcher wants it: a valid Dutch betalingskenmerk in its plain
 * digits (banks and payers write `1202 4000 0000 0001` or with dots), anything else (an RF
 * reference, a Swiss ISR number) as written, whitespace collapsed.
 */
export function structuredReferenceValue(text: string | null | undefined): string | null {
  const ref = collapseWhitespace(text);
  if (ref === null) return null;
  return isValidBetalingskenmerk(ref) ? normalizeKenmerk(ref) : ref;
}

/** A valid betalingskenmerk in plain digits, else null (ING's "Kenmerk:" is often something else). */
export function betalingskenmerkOrNull(text: string | null | undefined): string | null {
  const ref = collapseWhitespace(text);
  return ref !== null && isValidBetalingskenmerk(ref) ? normalizeKenmerk(ref) : null;
}

/**
 * An XML decimal (camt `Amt`: `1405.31`, `3294.00000`) to cents. parseAmountToCents would read
 * `1.234` as thousands (the Dutch convention), which is wrong for XML, so the fraction is first
 * brought to exactly two digits here; non-zero digits beyond the cent are refused, not rounded.
 */
export function xmlDecimalToCents(text: string): Cents {
  const m = /^\s*([0-9]+)(?:\.([0-9]*))?\s*$/.exec(text);
  if (!m) throw new Error(`not an XML decimal amount: ${JSON.stringify(text)}`);
  const [, whole = '', fraction = ''] = m;
  if (/[1-9]/.test(fraction.slice(2))) throw new Error(`more than two decimals: ${JSON.stringify(text)}`);
  return parseAmountToCents(`${whole}.${fraction.slice(0, 2).padEnd(2, '0')}`);
}

/**
 * A SWIFT amount (MT940: `1,56`, `000000004433,52`, `100,`) to cents: digits, a decimal comma,
 * zero to two decimals, never a thousands separator.
 */
export function swiftAmountToCents(text: string): Cents {
  const m = /^([0-9]+),([0-9]*)$/.exec(text.trim());
  if (!m) throw new Error(`not a SWIFT amount: ${JSON.stringify(text)}`);
  const [, whole = '', fraction = ''] = m;
  if (/[1-9]/.test(fraction.slice(2))) throw new Error(`more than two decimals: ${JSON.stringify(text)}`);
  return parseAmountToCents(`${whole},${fraction.slice(0, 2).padEnd(2, '0')}`);
}

/**
 * `YYYY-MM-DD` from parts, or null when that day does not exist. Plain calendar arithmetic, not
 * luxon: a million-line file asks this a million times, and a calendar day needs no time zone.
 */
export function civilDate(year: number | string, month: number | string, day: number | string): string | null {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `20230523` (ING CSV). */
export function dateFromCompact(text: string): string | null {
  const m = /^\s*([0-9]{4})([0-9]{2})([0-9]{2})\s*$/.exec(text);
  return m ? civilDate(m[1] ?? '', m[2] ?? '', m[3] ?? '') : null;
}

/** `2018-03-01` (Rabobank CSV, camt), also `01-03-2018` and `01/03/2018` (ING "Valutadatum"). */
export function dateFromText(text: string): string | null {
  const iso = /^\s*([0-9]{4})-([0-9]{2})-([0-9]{2})\s*$/.exec(text);
  if (iso) return civilDate(iso[1] ?? '', iso[2] ?? '', iso[3] ?? '');
  const dmy = /^\s*([0-9]{2})[-/.]([0-9]{2})[-/.]([0-9]{4})\s*$/.exec(text);
  return dmy ? civilDate(dmy[3] ?? '', dmy[2] ?? '', dmy[1] ?? '') : null;
}

/**
 * A camt `DtTm`. With `Z` it is an instant and the day is the Amsterdam day it fell on (a credit
 * at 23:30 UTC on 31 March is 1 April); with a local offset or none, the bank wrote its own day.
 */
export function dateFromDateTime(text: string): string | null {
  const t = text.trim();
  if (/Z$/i.test(t)) {
    try {
      return amsterdamDateOf(t);
    } catch {
      return null;
    }
  }
  return dateFromText(t.slice(0, 10));
}
