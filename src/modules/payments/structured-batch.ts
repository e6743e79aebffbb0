import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { toSafeInteger } from '../../shared/db.js';
import { allocatePayment } from '../../domain/allocation.js';
import { isValidBetalingskenmerk, normalizeKenmerk } from '../../domain/betalingskenmerk.js';
import type { Actor } from '../audit/audit.types.js';
import type { Ledger } from '../ledger/ledger.service.js';
import type { EntryInput } from '../ledger/ledger.types.js';
import { allocationPostings, refundReason } from './allocation.service.js';
import type { BankTransaction } from './bank.types.js';
import { insertMatchRows, openDebts } from './import-batch.repository.js';
import type { MatchOutcome } from './matching.service.js';

/**
 * Pass 1 for a page of new lines at once: most payments carry the betalingskenmerk as their
 * structured reference, so looking up their fines, their open debts, and booking their
 * allocations is done with a handful of statements per page instead of a dozen per line. Among
 * these lines the outcome is that of allocating them one by one in file order (the open debts are
 * kept in memory and reduced as each line is allocated); they are settled before the page's other
 * lines, which are returned for the later passes.
 */
export async function allocateByStructuredReference(
  trx: Knex.Transaction,
  deps: { clock: Clock; ledger: Ledger },
  actor: Actor,
  lines: readonly BankTransaction[],
): Promise<{ outcomes: Map<number, MatchOutcome>; rest: BankTransaction[]; /** Per booked line: the fine and what its receivables went down by. */ paid: (readonly [number, number])[] }> {
  const outcomes = new Map<number, MatchOutcome>();
  const referenceOf = (tx: BankTransaction): string | null => {
    if (tx.direction !== 'credit' || tx.reversal || !tx.structuredReference) return null;
    const ref = normalizeKenmerk(tx.structuredReference);
    return isValidBetalingskenmerk(ref) ? ref : null;
  };
  const refs = [...new Set(lines.map(referenceOf).filter((r): r is string => r !== null))];
  if (refs.length === 0) return { outcomes, rest: [...lines], paid: [] };

  const fineRows = await trx('fines').whereIn('payment_reference', refs).whereNotNull('issued_on').select('id', 'payment_reference');
  const fineByRef = new Map(fineRows.map((r) => [String(r.payment_reference), toSafeInteger(r.id)]));
  const debts = await openDebts(trx, [...fineByRef.values()]);

  const rest: BankTransaction[] = [];
  const booked: { tx: BankTransaction; fineId: number; ref: string; outstanding: number; applied: number; excess: number; split: ReturnType<typeof allocatePayment> }[] = [];
  const entries: EntryInput[] = [];
  for (const tx of lines) {
    const ref = referenceOf(tx);
    const fineId = ref ? fineByRef.get(ref) : undefined;
    if (!ref || fineId === undefined) {
      rest.push(tx);
      continue;
    }
    const debt = debts.get(fineId)!;
    const outstanding = debt.costsCents + debt.interestCents + debt.principalCents;
    const split = allocatePayment(tx.amountCents, debt);
    debt.costsCents -= split.costsCents;
    debt.interestCents -= split.interestCents;
    debt.principalCents -= split.principalCents;
    entries.push({
      bookedOn: tx.bookingDate, // Awb 4:89: paid when the municipality's account is credited
      kind: 'payment.allocation',
      description: `Betaling regel ${tx.id} toegewezen aan boete ${fineId} (structured-reference)`,
      fineId,
      bankTransactionId: tx.id,
      postings: allocationPostings(tx.amountCents, split),
    });
    booked.push({ tx, fineId, ref, outstanding, applied: tx.amountCents - split.excessCents, excess: split.excessCents, split });
    outcomes.set(tx.id, tx.amountCents >= outstanding ? 'matched' : 'partially-matched');
  }
  if (booked.length === 0) return { outcomes, rest, paid: [] };

  const posted = await deps.ledger.postMany(trx, actor, entries);
  const now = deps.clock.now().toISOString();
  const allocations = booked.flatMap((b, i) => (b.applied > 0 ? [{ bank_transaction_id: b.tx.id, fine_id: b.fineId, amount_cents: b.applied, entry_id: posted[i]!.entry.id, created_at: now, actor: actor.label }] : []));
  const refunds = booked.flatMap((b, i) => (b.excess > 0 ? [{ bank_transaction_id: b.tx.id, fine_id: b.fineId, amount_cents: b.excess, payer_iban: b.tx.counterpartyIban, payer_name: b.tx.counterpartyName, reason: refundReason(b.applied), status: 'proposed', created_at: now, entry_id: posted[i]!.entry.id }] : []));
  const decisions = booked.map((b) => ({
    bank_transaction_id: b.tx.id,
    rule: 'structured-reference',
    outcome: b.excess > 0 && b.applied === 0 ? 'refund' : 'booked',
    fine_id: b.fineId,
    evidence: JSON.stringify({ reference: b.ref, amountCents: b.tx.amountCents, outstandingCents: b.outstanding, costsCents: b.split.costsCents, interestCents: b.split.interestCents, principalCents: b.split.principalCents, excessCents: b.excess }),
    decided_at: now,
    decided_by: actor.label,
    decided_by_user_id: actor.userId,
    confirmed_by: null,
  }));
  await insertMatchRows(trx, { allocations, refunds, decisions });
  return { outcomes, rest, paid: booked.map((b) => [b.fineId, b.applied] as const) };
}
