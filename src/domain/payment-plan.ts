/** One instalment of a payment plan (Awb 4:94). */
export interface Instalment {
  seq: number;
  dueOn: string;
  amountCents: number;
}

export type PlanState =
  | { state: 'kept' }
  | { state: 'completed' }
  | { state: 'behind'; instalment: Instalment; shortCents: number };

/**
 * Is the plan kept on a date? What was paid since it was granted (`paidCents`) must cover every
 * instalment whose day has passed. The first instalment not covered is the one missed.
 */
export function planState(instalments: readonly Instalment[], paidCents: number, asOf: string, openCents: number): PlanState {
  if (openCents <= 0) return { state: 'completed' };
  let due = 0;
  for (const i of [...instalments].sort((a, b) => a.seq - b.seq)) {
    if (i.dueOn >= asOf) break;
    due += i.amountCents;
    if (paidCents < due) return { state: 'behind', instalment: i, shortCents: due - paidCents };
  }
  return { state: 'kept' };
}
