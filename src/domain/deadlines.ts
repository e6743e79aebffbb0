// Terms under the Algemene termijnenwet (Atw), domain.md §3. Pure: the table of gelijkgestelde
// dagen (db/reference/atw-equated-days.json) is passed in by the caller, never read here.
import { addDays, addWeeks, assertCivilDate, dayOfWeek, isCivilDate } from './civil-date.js';

/** A day gelijkgesteld with an algemeen erkende feestdag by besluit in the Staatscourant (Atw art. 3 lid 3). */
export interface EquatedDay {
  date: string;
  source: string;
}

export interface AtwHoliday {
  date: string;
  name: string;
}

/** The first year Koningsdag (27 April) replaced Koninginnedag (30 April); earlier years are not supported. */
export const FIRST_SUPPORTED_YEAR = 2014;

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), integer arithmetic only. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/**
 * The algemeen erkende feestdagen of Atw art. 3 lid 1, plus Goede Vrijdag (art. 3 lid 2), sorted.
 * Eerste Paasdag and eerste Pinksterdag are Sundays and so rest days anyway.
 */
export function atwHolidays(year: number): AtwHoliday[] {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > 9999) {
    throw new RangeError(`Atw holidays are computed for ${FIRST_SUPPORTED_YEAR}–9999, not ${year}`);
  }
  const easter = easterSunday(year);
  // "De dag waarop de verjaardag van de Koning wordt gevierd" (art. 3 lid 1): 27 April, but
  // Saturday 26 April when the 27th is a Sunday (KB 1980; koninklijkhuis.nl "Koningsdag").
  const april27 = iso(year, 4, 27);
  const koningsdag = dayOfWeek(april27) === 7 ? iso(year, 4, 26) : april27;
  const holidays: AtwHoliday[] = [
    { date: iso(year, 1, 1), name: 'Nieuwjaarsdag' },
    { date: addDays(easter, -2), name: 'Goede Vrijdag' },
    { date: addDays(easter, 1), name: 'Tweede Paasdag' },
    { date: koningsdag, name: 'Koningsdag' },
    // Art. 3 lid 1 names "de vijfde mei" without the lustrum condition that applies to the day off.
    { date: iso(year, 5, 5), name: 'Bevrijdingsdag' },
    { date: addDays(easter, 39), name: 'Hemelvaartsdag' },
    { date: addDays(easter, 50), name: 'Tweede Pinksterdag' },
    { date: iso(year, 12, 25), name: 'Eerste Kerstdag' },
    { date: iso(year, 12, 26), name: 'Tweede Kerstdag' },
  ];
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

// The holidays of a year never change, so they are computed once per year.
const holidayCache = new Map<number, ReadonlySet<string>>();

function holidayDates(year: number): ReadonlySet<string> {
  let dates = holidayCache.get(year);
  if (!dates) {
    dates = new Set(atwHolidays(year).map((h) => h.date));
    holidayCache.set(year, dates);
  }
  return dates;
}

/** Saturday, Sunday, an Atw feestdag or a gelijkgestelde dag: a term may not end on it (Atw art. 1, 3). */
export function isAtwRestDay(date: string, equated: readonly EquatedDay[]): boolean {
  const weekday = dayOfWeek(date);
  if (weekday === 6 || weekday === 7) return true;
  if (holidayDates(Number(date.slice(0, 4))).has(date)) return true;
  return equated.some((e) => e.date === date);
}

/** Atw art. 1 lid 1: a term ending on a rest day is extended to and including the next day that is none. */
export function extendToWorkingDay(date: string, equated: readonly EquatedDay[]): string {
  let day = date;
  while (isAtwRestDay(day, equated)) day = addDays(day, 1);
  return day;
}

export interface TermSpec {
  /** The day of the event (e.g. bekendmaking); the term starts the day after (Awb 6:8, 4:112). */
  from: string;
  weeks?: number;
  days?: number;
}

function termLengthInDays(spec: TermSpec): number {
  const weeks = spec.weeks ?? 0;
  const days = spec.days ?? 0;
  if (!Number.isSafeInteger(weeks) || weeks < 0 || !Number.isSafeInteger(days) || days < 0) {
    throw new RangeError(`A term is a non-negative whole number of weeks and days: ${weeks} weeks, ${days} days`);
  }
  if (weeks * 7 + days < 1) throw new RangeError('A term must last at least one day');
  return weeks * 7 + days;
}

/**
 * The last day of the term before the Atw: counted from the day after `from`, so a term of
 * 6 weeks from Thursday 28 March 2024 ends on Thursday 9 May 2024 (Awb 6:8: "vangt aan met
 * ingang van de dag na die waarop het besluit op de voorgeschreven wijze is bekendgemaakt").
 */
export function endOfTermUnextended(spec: TermSpec): string {
  assertCivilDate(spec.from);
  termLengthInDays(spec);
  return addDays(addWeeks(spec.from, spec.weeks ?? 0), spec.days ?? 0);
}

/** Days in (from, end] that are not rest days, counted up to `enough`. */
function workingDaysIn(from: string, end: string, equated: readonly EquatedDay[], enough: number): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= end && count < enough; day = addDays(day, 1)) {
    if (!isAtwRestDay(day, equated)) count += 1;
  }
  return count;
}

/**
 * The last day of a statutory term after the Algemene termijnenwet:
 * - art. 1 lid 1: if it ends on a Saturday, Sunday, feestdag or gelijkgestelde dag, it runs to and
 *   including the next day that is none of these;
 * - art. 2: a term of at least three days is extended, if need be, until it contains at least two
 *   days that are not such rest days (e.g. three days after 24 December 2024 run to Tuesday 31 December).
 * The result is the earliest working day on or after the unextended end that satisfies both.
 * (Art. 4 — terms counted backwards from a moment — is not handled here.)
 */
export function endOfTerm(spec: TermSpec & { equated: readonly EquatedDay[] }): string {
  const length = termLengthInDays(spec);
  let end = extendToWorkingDay(endOfTermUnextended(spec), spec.equated);
  if (length >= 3) {
    while (workingDaysIn(spec.from, end, spec.equated, 2) < 2) {
      end = extendToWorkingDay(addDays(end, 1), spec.equated);
    }
  }
  return end;
}

/**
 * Validates the reference table of gelijkgestelde dagen (e.g. the parsed contents of
 * db/reference/atw-equated-days.json): each row needs a valid date and a non-empty source.
 */
export function parseEquatedDays(json: unknown): EquatedDay[] {
  if (!Array.isArray(json)) throw new TypeError('The table of gelijkgestelde dagen must be an array');
  return json.map((row: unknown, index) => {
    const { date, source } = (row ?? {}) as { date?: unknown; source?: unknown };
    if (!isCivilDate(date)) throw new TypeError(`Gelijkgestelde dag #${index}: date must be YYYY-MM-DD`);
    if (typeof source !== 'string' || source.trim() === '') {
      throw new TypeError(`Gelijkgestelde dag #${index} (${date}): source (the besluit) is required`);
    }
    return { date, source };
  });
}
