import { allocatePayment, type OpenDebt } from '../../domain/allocation.js';
import { isValidBetalingskenmerk, normalizeKenmerk } from '../../domain/betalingskenmerk.js';
import type { Actor } from '../audit/audit.types.js';
import type { EntryInput } from '../ledger/ledger.types.js';
import type { Row } from '../../shared/bulk-insert.js';
import { allocationPostings } from './allocation.service.js';
import type { BankTransaction } from './bank.types.js';
import type { IssuedFineRef } from './import-batch.repository.js';
import type { MatchOutcome } from './matching.service.js';

/** The writes a page of matching collects before they go to the database together. */
export class PageBookings {
  entries: EntryInput[] = [];
  /** Per entry: the line and what went where, for its allocation and refund rows. */
  booked: { tx: BankTransaction; fineId: number; applied: number; excess: number }[] = [];
  decisions: Row[] = [];

  constructor(
    private readonly actor: Actor,
    private readonly now: () => string,
  ) {}

  decision(txId: number, rule: string, outcome: string, fineId: number | null, evidence: Record<string, unknown>): void {
    this.decisions.push({ bank_transaction_id: txId, rule, outcome, fine_id: fineId, evidence: JSON.stringify(evidence), decided_at: this.now(), decided_by: this.actor.label, decided_by_user_id: this.actor.userId, confirmed_by: null });
  }

  /**
   * One allocation of (part of) a line to a fine, as `allocation.allocate` books it: suspense to the
   * fine's receivables, costs first, then interest, then the fine (Awb 4:92), the excess to
   * refunds; `debt` is reduced by what it took. Returns the split.
   */
  allocate(tx: BankTransaction, fineId: number, amountCents: number, debt: OpenDebt, rule: string, evidence: Record<string, unknown>) {
    const split = allocatePayment(amountCents, debt);
    debt.costsCents -= split.costsCents;
    debt.interestCents -= split.interestCents;
    debt.principalCents -= split.principalCents;
    const applied = amountCents - split.excessCents;
    this.entries.push({
      bookedOn: tx.bookingDate, // Awb 4:89: paid when the municipality's account is credited
      kind: 'payment.allocation',
      description: `Betaling regel ${tx.id} toegewezen aan boete ${fineId} (${rule})`,
      fineId,
      bankTransactionId: tx.id,
      postings: allocationPostings(amountCents, split),
    });
    this.booked.push({ tx, fineId, applied, excess: split.excessCents });
    // Object.assign, not `{ ...evidence, costsCents, … }`: V8 (Node 20) builds a spread with
    // further properties on a slow path, several µs per line of a large import.
    this.decision(
      tx.id,
      rule,
      split.excessCents > 0 && applied === 0 ? 'refund' : 'booked',
      fineId,
      Object.assign({}, evidence, { costsCents: split.costsCents, interestCents: split.interestCents, principalCents: split.principalCents, excessCents: split.excessCents }),
    );
    return { split, applied };
  }
}

/** A credit line's structured reference when it is a valid betalingskenmerk (pass 1's key). */
export function structuredKenmerk(tx: Pick<BankTransaction, 'direction' | 'reversal' | 'structuredReference'>): string | null {
  if (tx.direction !== 'credit' || tx.reversal || !tx.structuredReference) return null;
  const ref = normalizeKenmerk(tx.structuredReference);
  return isValidBetalingskenmerk(ref) ? ref : null;
}

/**
 * Pass 1 over a page's lines, in memory: each line whose structured reference is the
 * betalingskenmerk of an issued fine is allocated to that fine, in file order, against the debts
 * given (reduced as each line is allocated). These lines are settled before the page's other
 * lines, which are returned for the later passes.
 */
export function allocateByStructuredReference(
  lines: readonly BankTransaction[],
  fineByKey: ReadonlyMap<string, IssuedFineRef>,
  debtOf: (fineId: number) => OpenDebt,
  bookings: PageBookings,
  touched: Set<number>,
): { outcomes: Map<number, MatchOutcome>; rest: BankTransaction[] } {
  const outcomes = new Map<number, MatchOutcome>();
  const rest: BankTransaction[] = [];
  for (const tx of lines) {
    const ref = structuredKenmerk(tx);
    const fine = ref ? fineByKey.get(ref) : undefined;
    if (!ref || !fine || fine.paymentReference !== ref) {
      rest.push(tx);
      continue;
    }
    const debt = debtOf(fine.id);
    const outstanding = debt.costsCents + debt.interestCents + debt.principalCents;
    bookings.allocate(tx, fine.id, tx.amountCents, debt, 'structured-reference', { reference: ref, amountCents: tx.amountCents, outstandingCents: outstanding });
    touched.add(fine.id);
    outcomes.set(tx.id, tx.amountCents >= outstanding ? 'matched' : 'partially-matched');
  }
  return { outcomes, rest };
}
