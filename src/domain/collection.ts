import { policyValueOn, requirePolicyValue, type PolicyValue } from './policy.js';
import { addDays } from './civil-date.js';
import { DateTime } from 'luxon';

/** Whole years later; 29 February lands on 28 February in a common year (luxon's rule). */
function addYears(date: string, years: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ years }).toISODate()!;
}

/** What the collection run needs to know of one fine on the run's date. */
export interface CollectionFacts {
  dueOn: string;
  cancelled: boolean;
  writtenOff: boolean;
  outstandingCents: number;
  aanmaning: { sentOn: string; termEndsOn: string } | null;
  dwangbevel: { on: string } | null;
  /** Collection is held while an objection is pending or a payment plan is kept. */
  hold: 'objection' | 'payment-plan' | null;
}

export type CollectionDecision =
  | { step: 'aanmaning' | 'dwangbevel' }
  | { step: null; reason: 'settled' | 'not-yet-due' | 'term-running' | 'handed-off' | 'objection' | 'payment-plan' };

/**
 * The next step for a fine on a date, one step per run, in the order of the law:
 * - after the last day of payment without full payment: an aanmaning (Awb 4:112);
 * - after the aanmaning's term: the dwangbevel stage (Awb 4:117 lid 1: only once that term ran out).
 * Nothing while an objection is pending or a payment plan is kept (Awb 4:94; the debt stays,
 * Awb 6:16). A run after missed days catches up one step at a time: each step exactly once.
 */
export function nextCollectionStep(f: CollectionFacts, asOf: string): CollectionDecision {
  if (f.cancelled || f.writtenOff || f.outstandingCents <= 0) return { step: null, reason: 'settled' };
  if (f.dwangbevel) return { step: null, reason: 'handed-off' };
  if (f.hold) return { step: null, reason: f.hold };
  if (!f.aanmaning) return asOf > f.dueOn ? { step: 'aanmaning' } : { step: null, reason: 'not-yet-due' };
  return asOf > f.aanmaning.termEndsOn ? { step: 'dwangbevel' } : { step: null, reason: 'term-running' };
}

/** Aanmaning costs (Awb 4:113) on a date for a debt, when the policy then charges them. */
export function aanmaningCostsOn(policies: readonly PolicyValue[], date: string, debtCents: number): number | null {
  if (!policyValueOn(policies, 'aanmaning_costs_enabled', date)?.value) return null;
  const threshold = requirePolicyValue(policies, 'aanmaning_cost_threshold_cents', date);
  return requirePolicyValue(policies, debtCents < threshold ? 'aanmaning_cost_low_cents' : 'aanmaning_cost_high_cents', date);
}

/** Costs of the dwangbevel stage (Awb 4:119) on a date, when the policy then charges them. */
export function dwangbevelCostsOn(policies: readonly PolicyValue[], date: string): number | null {
  if (!policyValueOn(policies, 'dwangbevel_costs_enabled', date)?.value) return null;
  return requirePolicyValue(policies, 'dwangbevel_cost_cents', date);
}

/**
 * The first day on which a fine can no longer be collected (Awb 4:104): the claim prescribes five
 * years (a dated policy value) after the last day of payment; an aanmaning interrupts prescription
 * and a new term runs from it (Awb 4:105–4:106).
 */
export function timeBarredFrom(dueOn: string, aanmaningOn: string | null, years: number): string {
  const start = aanmaningOn && aanmaningOn > dueOn ? aanmaningOn : dueOn;
  return addDays(addYears(start, years), 1);
}
