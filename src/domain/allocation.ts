import type { Cents } from './money.js';

/** What a fine still owes, per kind of debt. */
export interface OpenDebt {
  costsCents: Cents;
  interestCents: Cents;
  principalCents: Cents;
}

export interface Allocation extends OpenDebt {
  /** What is left of the payment once the debt is paid: an overpayment, to be refunded. */
  excessCents: Cents;
}

/**
 * Awb 4:92 lid 1: a payment on a debt goes first to the costs, then to the interest that has
 * fallen due, then to the principal. Whatever is more than the debt is excess.
 */
export function allocatePayment(amountCents: Cents, open: OpenDebt): Allocation {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new RangeError(`payment must be a non-negative whole number of cents: ${amountCents}`);
  let left = amountCents;
  const take = (owed: Cents): Cents => {
    const part = Math.min(left, Math.max(0, owed));
    left -= part;
    return part;
  };
  const costsCents = take(open.costsCents);
  const interestCents = take(open.interestCents);
  const principalCents = take(open.principalCents);
  return { costsCents, interestCents, principalCents, excessCents: left };
}

/**
 * Awb 4:92 lid 2: a debtor who pays several debts at once designates them. The payment is split
 * over the designated fines in the order given, each up to what it owes; the rest is excess.
 */
export function splitOverDebts(amountCents: Cents, debts: readonly OpenDebt[]): { allocations: OpenDebt[]; excessCents: Cents } {
  let left = amountCents;
  const allocations = debts.map((debt) => {
    const a = allocatePayment(left, debt);
    left = a.excessCents;
    return { costsCents: a.costsCents, interestCents: a.interestCents, principalCents: a.principalCents };
  });
  return { allocations, excessCents: left };
}
