import type { Cents } from './money.js';

/** A fine's status is derived from facts, never stored by hand. */
export type FineStatus = 'registered' | 'withdrawn' | 'issued' | 'overdue' | 'partially_paid' | 'paid' | 'reminded' | 'enforcement' | 'objection_pending' | 'payment_plan' | 'refund_due' | 'written_off' | 'cancelled';

export interface FineStatusFacts {
  withdrawn: boolean;
  issuedOn: string | null;
  dueOn: string | null;
  cancelledOn: string | null;
  amountCents: Cents;
  /** What the receivable accounts of the fine still hold, from the ledger. */
  outstandingCents: Cents;
  today: string;
  /** The collection steps taken (Awb 4:112 aanmaning, 4:114 dwangbevel stage). */
  reminded?: boolean;
  handedOff?: boolean;
  /** An objection is pending (collection holds, Awb 6:16 keeps the debt). */
  objectionPending?: boolean;
  /** Money paid on the fine waits to be refunded. */
  refundDue?: boolean;
  /** The open amount was written off (approved). */
  writtenOff?: boolean;
  /** A payment plan (Awb 4:94) is running and not broken. */
  paymentPlan?: boolean;
}

export function deriveStatus(f: FineStatusFacts): FineStatus {
  if (f.withdrawn) return 'withdrawn';
  if (!f.issuedOn) return 'registered';
  if (f.refundDue) return 'refund_due';
  if (f.cancelledOn) return 'cancelled';
  if (f.writtenOff) return 'written_off';
  if (f.objectionPending) return 'objection_pending';
  if (f.outstandingCents <= 0) return 'paid';
  if (f.handedOff) return 'enforcement';
  if (f.paymentPlan) return 'payment_plan';
  if (f.reminded) return 'reminded';
  if (f.outstandingCents < f.amountCents) return 'partially_paid';
  if (f.dueOn && f.today > f.dueOn) return 'overdue';
  return 'issued';
}
