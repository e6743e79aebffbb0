import { daysBetween } from './civil-date.js';
import type { PolicyValue } from './policy.js';

/**
 * Wettelijke rente (Awb 4:98 with BW 6:119): simple interest per day at the rate in force on
 * each day (a dated table of yearly rates in basis points), added to the principal once a year
 * (compounding yearly, BW 6:119 lid 2). Interest is due from the day after the last day of
 * payment (verzuim, Awb 4:97). Whole cents, rounded down.
 */
export function statutoryInterestCents(principalCents: number, fromExclusive: string, toInclusive: string, rates: readonly PolicyValue[]): number {
  if (principalCents <= 0 || toInclusive <= fromExclusive) return 0;
  const table = rates.filter((r) => r.key === 'statutory_interest_rate_bp').sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  let base = principalCents;
  let accrued = 0; // in hundredths of a cent per... kept exact as a rational: cents × bp / (10000 × days in year)
  let yearAccrued = 0;
  let day = fromExclusive;
  let counted = 0;
  const total = daysBetween(fromExclusive, toInclusive);
  for (let i = 0; i < total; i++) {
    day = nextDay(day);
    counted += 1;
    const rate = [...table].reverse().find((r) => r.validFrom <= day)?.value ?? 0;
    const yearLength = isLeap(Number(day.slice(0, 4))) ? 366 : 365;
    yearAccrued += (base * rate) / (10_000 * yearLength);
    // BW 6:119 lid 2: at the end of each year the interest is added to the principal.
    if (counted % 365 === 0) {
      base += Math.floor(yearAccrued);
      accrued += Math.floor(yearAccrued);
      yearAccrued = 0;
    }
  }
  return accrued + Math.floor(yearAccrued);
}

/** Awb 4:98 lid 2: no interest is charged when it comes to less than the minimum (EUR 20). */
export function chargeableInterestCents(interestCents: number, minimumCents: number): number {
  return interestCents < minimumCents ? 0 : interestCents;
}

function nextDay(d: string): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, day + 1)).toISOString().slice(0, 10);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
