// ISO 11649 structured creditor reference ("RF" reference), domain.md §4.2: `RF` + two check
// digits + 1–21 alphanumerics, 25 characters at most. Same MOD 97-10 arithmetic as the IBAN.
import { mod97, mod97CheckDigits } from './iban.js';

const MAX_RAW_LENGTH = 21;

function normalize(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** `AB2G5 9X56 V543` → `RF19AB2G59X56V543`: check = 98 − ((raw + "RF00") mod 97), two digits. */
export function makeCreditorReference(raw: string): string {
  const ref = normalize(raw);
  if (!/^[A-Z0-9]+$/.test(ref) || ref.length > MAX_RAW_LENGTH) {
    throw new RangeError(`A creditor reference is 1–${MAX_RAW_LENGTH} letters or digits: ${JSON.stringify(raw)}`);
  }
  return `RF${mod97CheckDigits(`${ref}RF`)}${ref}`;
}

/** Spaces tolerated, case-insensitive: `rf18 5390 0754 7034` is valid. */
export function isValidCreditorReference(text: string): boolean {
  if (typeof text !== 'string') return false;
  const ref = normalize(text);
  if (!/^RF[0-9]{2}[A-Z0-9]{1,21}$/.test(ref)) return false;
  const check = ref.slice(2, 4);
  // 98 − r is always 02–98; 00, 01 and 99 would pass mod 97 only as aliases of 97, 98 and 02.
  if (check === '00' || check === '01' || check === '99') return false;
  return mod97(`${ref.slice(4)}${ref.slice(0, 4)}`) === 1;
}

/** Groups of four for display: `RF18 5390 0754 7034`. */
export function formatCreditorReference(text: string): string {
  return normalize(text).replace(/(.{4})(?=.)/g, '$1 ');
}
