// IBAN (ISO 13616), domain.md §4.3: move the first four characters to the end, letters A=10…Z=35,
// the whole number mod 97 must be 1. The number has ~30 digits, far beyond exact floats, so the
// remainder is computed digit by digit (ISO 7064 MOD 97-10 piecewise), never as one Number.

/** Lengths per country for the SEPA countries (SWIFT IBAN Registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20,
  ES: 24, FI: 18, FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26,
  IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28,
  PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
};

/** Remainder mod 97 of an alphanumeric string read as digits with A=10 … Z=35. Uppercase only. */
export function mod97(alnum: string): number {
  let remainder = 0;
  for (const ch of alnum) {
    const code = ch.charCodeAt(0);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      // A letter stands for two digits (10–35).
      remainder = (remainder * 100 + (code - 55)) % 97;
    } else {
      throw new TypeError(`Not an uppercase alphanumeric character: ${JSON.stringify(ch)}`);
    }
  }
  return remainder;
}

/** Check digits as ISO 7064 MOD 97-10 makes them: 98 − (value with "00" appended) mod 97, always 02–98. */
export function mod97CheckDigits(payload: string): string {
  return String(98 - mod97(`${payload}00`)).padStart(2, '0');
}

/** Strips all whitespace and uppercases (payers type `nl91 abna 0417 1643 00`). */
export function normalizeIban(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** The IBAN for a country and BBAN, with computed check digits. */
export function makeIban(country: string, bban: string): string {
  const cc = country.toUpperCase();
  const b = normalizeIban(bban);
  return `${cc}${mod97CheckDigits(`${b}${cc}`)}${b}`;
}

export function isValidIban(text: string): boolean {
  if (typeof text !== 'string') return false;
  const iban = normalizeIban(text);
  const match = /^([A-Z]{2})([0-9]{2})([A-Z0-9]+)$/.exec(iban);
  if (!match) return false;
  const [, country = '', check = '', bban = ''] = match;
  if (IBAN_LENGTHS[country] !== iban.length) return false;
  // NL: 4-letter bank code + 10-digit account number.
  if (country === 'NL' && !/^[A-Z]{4}[0-9]{10}$/.test(bban)) return false;
  // 00, 01 and 99 are never produced (98 − r lies in 2–98), yet 99 ≡ 02 and 00 ≡ 97 mod 97 would pass.
  if (check === '00' || check === '01' || check === '99') return false;
  return mod97(`${bban}${country}${check}`) === 1;
}

/** Groups of four for display: `NL91 ABNA 0417 1643 00`. */
export function formatIban(text: string): string {
  return normalizeIban(text).replace(/(.{4})(?=.)/g, '$1 ');
}
