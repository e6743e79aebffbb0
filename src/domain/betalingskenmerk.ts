// The Dutch betalingskenmerk (Betaalvereniging "Specificaties betalingskenmerk"), domain.md §4.1.
// Lengths: 7 = 7N (no check digit); 9–14 = C + L + N (L = number of digits after L, mod 10);
// 16 = C + 15N. 8 and 15 are not valid lengths.

// Weights from the rightmost digit leftwards, repeating. They are 2^1 … 2^10 mod 11, so every
// weight is non-zero mod 11 and neighbouring weights differ: see the tests for what that detects.
const WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3, 6, 1] as const;

function assertDigits(text: string, what: string): void {
  if (typeof text !== 'string' || !/^[0-9]+$/.test(text)) throw new TypeError(`${what} must be digits only: ${JSON.stringify(text)}`);
}

/** A = Σ digit × weight, weights taken from the rightmost digit. */
function weightedSum(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (WEIGHTS[i % WEIGHTS.length] ?? 0);
  }
  return sum;
}

/** C = 11 − (A mod 11), where 10 becomes 1 and 11 becomes 0. `body` includes L for lengths 9–14. */
export function kenmerkCheckDigit(body: string): number {
  assertDigits(body, 'Kenmerk body');
  const c = 11 - (weightedSum(body) % 11);
  // Remainders 1 and 10 both yield C = 1: the one blind spot of this check (see the tests).
  if (c === 10) return 1;
  if (c === 11) return 0;
  return c;
}

/** C + 15 digits: the 16-digit kenmerk for a 15-digit body. */
export function makeBetalingskenmerk(body15: string): string {
  assertDigits(body15, 'Kenmerk body');
  if (body15.length !== 15) throw new RangeError(`A 16-digit kenmerk needs a 15-digit body, got ${body15.length} digits`);
  return `${kenmerkCheckDigit(body15)}${body15}`;
}

/** Strips what payers and banks put in between: spaces (also no-break), dots and dashes. */
export function normalizeKenmerk(text: string): string {
  return text.replace(/[\s.\-\u2010-\u2015]/g, '');
}

export function isValidBetalingskenmerk(text: string): boolean {
  if (typeof text !== 'string') return false;
  const k = normalizeKenmerk(text);
  if (!/^[0-9]+$/.test(k)) return false;
  const length = k.length;
  if (length === 7) return true;
  if (length === 16) return kenmerkCheckDigit(k.slice(1)) === Number(k[0]);
  if (length >= 9 && length <= 14) {
    // L counts the digits after it, mod 10, and is itself part of the checked body.
    if (Number(k[1]) !== (length - 2) % 10) return false;
    return kenmerkCheckDigit(k.slice(1)) === Number(k[0]);
  }
  return false;
}

/** Groups of four from the right, as printed on notices: `6202 4000 0000 1234`. */
export function formatKenmerk(k: string): string {
  const digits = normalizeKenmerk(k);
  assertDigits(digits, 'Kenmerk');
  return digits.replace(/\B(?=([0-9]{4})+$)/g, ' ');
}

/**
 * The kenmerk of a fine: body = YYYY + sequence zero-padded to 11 digits (domain.md §4.1),
 * so 2024 / 1234 → 6202400000001234. Unique per (year, sequence) and readable back.
 */
export function fineKenmerk(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Year must have four digits: ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 0 || sequence > 99_999_999_999) {
    throw new RangeError(`Sequence must be 0–99999999999: ${sequence}`);
  }
  return makeBetalingskenmerk(`${year}${String(sequence).padStart(11, '0')}`);
}
