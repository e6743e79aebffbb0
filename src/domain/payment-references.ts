import { isValidBetalingskenmerk } from './betalingskenmerk.js';
import { caseNumber } from './tariffs.js';

/**
 * Payers type the betalingskenmerk into the free text with spaces, dots or dashes between the
 * digits ("6202 4000 0000 1234", "6202.4000.0000.1234"). Find every 16-digit run, separators
 * between digits tolerated, whose check digit holds; in order of appearance, without repeats.
 * Digits glued to a longer number are not taken apart: with one chance in eleven that any 16
 * digits carry a valid check digit, that would match account numbers by accident.
 */
export function kenmerkenInText(text: string): string[] {
  const found: string[] = [];
  // Digits, each optionally followed by one separator, not glued to other digits on either side.
  const candidate = /(?<!\d)\d(?:[ .\-/]?\d){15}(?!\d)/g;
  for (const m of text.matchAll(candidate)) {
    const digits = m[0].replace(/\D/g, '');
    if (isValidBetalingskenmerk(digits) && !found.includes(digits)) found.push(digits);
  }
  return found;
}

/** Case numbers written as BB-2024-000123, "BB 2024 123", "bb2024000123"; normalised. */
export function caseNumbersInText(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\bBB[\s.-]?(20\d{2})[\s.-]?(\d{1,6})(?!\d)/gi)) {
    const normalised = caseNumber(Number(m[1]), Number(m[2]));
    if (!found.includes(normalised)) found.push(normalised);
  }
  return found;
}
