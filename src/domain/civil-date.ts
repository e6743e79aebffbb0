// Civil dates are `YYYY-MM-DD` strings on the Europe/Amsterdam calendar (design.md §4): a due date
// is a day in Zoetermeer, not an instant. Instants (UTC ISO strings with an offset) are turned into
// civil dates only through amsterdamDateOf, so a payment booked at 23:30 UTC on 31 March lands on
// 1 April, the day the payer saw on the clock.
import { DateTime } from 'luxon';

export const AMSTERDAM = 'Europe/Amsterdam';

export class InvalidCivilDateError extends Error {
  readonly code = 'INVALID_CIVIL_DATE';
  readonly text: string;

  constructor(text: string, what = 'civil date YYYY-MM-DD') {
    super(`Not a valid ${what}: ${JSON.stringify(text)}`);
    this.name = 'InvalidCivilDateError';
    this.text = text;
  }
}

const CIVIL_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
// Without an offset an ISO timestamp is ambiguous (whose local time?), so one is required.
const INSTANT_WITH_OFFSET = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.,]+(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)$/i;

function parse(d: string): DateTime {
  if (typeof d !== 'string' || !CIVIL_DATE.test(d)) throw new InvalidCivilDateError(String(d));
  const dt = DateTime.fromISO(d, { zone: AMSTERDAM });
  if (!dt.isValid) throw new InvalidCivilDateError(d);
  return dt;
}

function format(dt: DateTime): string {
  const iso = dt.toISODate();
  if (iso === null) throw new RangeError('Date arithmetic left the supported range');
  return iso;
}

/** True for a real calendar date written as `YYYY-MM-DD` (so not 2023-02-29). */
export function isCivilDate(s: unknown): s is string {
  if (typeof s !== 'string' || !CIVIL_DATE.test(s)) return false;
  return DateTime.fromISO(s, { zone: AMSTERDAM }).isValid;
}

/** Throws InvalidCivilDateError unless d is a valid `YYYY-MM-DD` date. */
export function assertCivilDate(d: string): void {
  parse(d);
}

// Luxon's plus({ days }) is calendar arithmetic, so DST changes (always at 02:00/03:00 in
// Amsterdam, never at midnight) cannot shift the date.
export function addDays(d: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return format(parse(d).plus({ days: n }));
}

export function addWeeks(d: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of weeks: ${n}`);
  return format(parse(d).plus({ weeks: n }));
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(d: string): number {
  return parse(d).weekday;
}

/** Calendar days from a to b (negative when b is before a); 2024-03-30 → 2024-04-01 is 2 across DST. */
export function daysBetween(a: string, b: string): number {
  // Compared as UTC midnights: every UTC day has 24 hours, so the difference is a whole number.
  parse(a);
  parse(b);
  const utcA = DateTime.fromISO(a, { zone: 'utc' });
  const utcB = DateTime.fromISO(b, { zone: 'utc' });
  return Math.round(utcB.diff(utcA, 'days').days);
}

/** The Europe/Amsterdam calendar date of an instant given with an offset or Z. */
export function amsterdamDateOf(instantIso: string): string {
  if (typeof instantIso !== 'string' || !INSTANT_WITH_OFFSET.test(instantIso)) {
    throw new InvalidCivilDateError(String(instantIso), 'ISO timestamp with offset');
  }
  const dt = DateTime.fromISO(instantIso, { setZone: true });
  if (!dt.isValid) throw new InvalidCivilDateError(instantIso, 'ISO timestamp with offset');
  return format(dt.setZone(AMSTERDAM));
}

/** -1, 0 or 1, for sorting; both arguments are validated. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  parse(a);
  parse(b);
  // Zero-padded YYYY-MM-DD strings sort lexicographically in calendar order.
  return a < b ? -1 : a > b ? 1 : 0;
}
