// Number and date formatting of the evaluation PDF, nl-NL: "4.812", "€ 1.234,56", "52,4 %",
// "31 januari 2025". Money is formatted from integer cents (formatCents); only chart axes and
// chart labels round to whole euros. A no-break space keeps "€" and "%" with their number.
import { DateTime } from 'luxon';
import { formatCents } from '../../domain/money.js';
import { dutchDate } from '../notices/pdf-values.js';
import type { EvaluationTemplate } from './pdf-chart-template.js';
import { fill } from './pdf-chart-template.js';

const NBSP = '\u00a0';
const INTEGER = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A finite number or 0: a report field that is missing or NaN must not print "NaN". */
export function finite(n: number | null | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/** "4.812". */
export function count(n: number): string {
  return INTEGER.format(finite(n));
}

/** "€ 1.234,56" from cents, exactly (no float in between). */
export function money(cents: number): string {
  return formatCents(Number.isSafeInteger(cents) ? cents : Math.round(finite(cents)));
}

/** "€ 1.235" from cents, rounded to whole euros (chart labels and axes). */
export function euros(cents: number): string {
  const whole = Math.round(finite(cents) / 100);
  return `€${NBSP}${INTEGER.format(whole)}`;
}

/** "52,4 %" from a fraction 0.524. */
export function percent(share: number): string {
  return `${ONE_DECIMAL.format(finite(share) * 100)}${NBSP}%`;
}

/** "20 %" for an axis tick (whole percentages). */
export function percentTick(share: number): string {
  return `${INTEGER.format(Math.round(finite(share) * 100))}${NBSP}%`;
}

/** "23 dagen", "1 dag", or "–" when there is no median. */
export function days(n: number | null, t: EvaluationTemplate): string {
  if (n === null || !Number.isFinite(n)) return t.units.none;
  const text = Number.isInteger(n) ? INTEGER.format(n) : ONE_DECIMAL.format(n);
  return fill(n === 1 ? t.units.day : t.units.days, { n: text });
}

/** "31 januari 2025" from a civil date; the raw text when it is not one. */
export function longDate(date: string): string {
  try {
    return dutchDate(date, 'asOf');
  } catch {
    return String(date);
  }
}

/** "1 februari 2025, 00.30 uur": an instant (ISO, UTC) as Amsterdam date and time. */
export function amsterdamDateTime(iso: string): string {
  const dt = DateTime.fromISO(String(iso), { zone: 'utc' }).setZone('Europe/Amsterdam').setLocale('nl');
  return dt.isValid ? dt.toFormat("d MMMM yyyy, HH.mm 'uur'") : String(iso);
}

/** Month index 0–11 of "2024-03", or -1. */
export function monthIndex(month: string): number {
  const m = /^[0-9]{4}-([0-9]{2})$/.exec(String(month));
  const i = m ? Number(m[1]) - 1 : -1;
  return i >= 0 && i < 12 ? i : -1;
}

export interface Ticks {
  max: number;
  step: number;
  values: number[];
}

/** A "nice" step (1, 2, 2.5 or 5 × 10^k) at or above `raw`; whole when `integer`. */
export function niceStep(raw: number, integer = false): number {
  const r = Math.max(finite(raw), integer ? 1 : 1e-9);
  const mag = 10 ** Math.floor(Math.log10(r));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((c) => c >= r * (1 - 1e-12)) ?? 10 * mag;
  return integer ? Math.max(1, Math.ceil(step)) : step;
}

/**
 * Axis ticks from 0 to a nice maximum at or above `max`, about `target` intervals; with `intervals`
 * exactly that many (so a second axis shares the first one's gridlines). A max of 0 still gives a
 * usable axis.
 */
export function niceTicks(max: number, target = 5, integer = false, intervals?: number): Ticks {
  const top = Math.max(finite(max), 0);
  if (intervals !== undefined) {
    const step = niceStep(top / intervals, integer);
    return { max: intervals * step, step, values: Array.from({ length: intervals + 1 }, (_, i) => i * step) };
  }
  const step = niceStep(top / target, integer);
  const n = top === 0 ? target : Math.max(1, Math.ceil(top / step - 1e-9));
  return { max: n * step, step, values: Array.from({ length: n + 1 }, (_, i) => i * step) };
}
