import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { ConflictError, RuleViolationError } from '../../shared/errors.js';
import { toSafeInteger } from '../../shared/db.js';
import { allocatePayment, type Allocation, type OpenDebt } from '../../domain/allocation.js';
import type { Actor } from '../audit/audit.types.js';
import type { Ledger } from '../ledger/ledger.service.js';
import type { PostingInput } from '../ledger/ledger.types.js';
import * as repo from './bank.repository.js';
import type { BankTransaction } from './bank.types.js';

export interface AllocationPart {
  fineId: number;
  amountCents: number;
}

/** The postings of one allocation: suspense to the fine's receivables (Awb 4:92 order), the excess to refunds. */
export function allocationPostings(amountCents: number, split: Allocation): PostingInput[] {
  const postings: PostingInput[] = [{ account: 'suspense:unallocated', amountCents }];
  if (split.costsCents) postings.push({ account: 'receivable:costs', amountCents: -split.costsCents });
  if (split.interestCents) postings.push({ account: 'receivable:interest', amountCents: -split.interestCents });
  if (split.principalCents) postings.push({ account: 'receivable:fines', amountCents: -split.principalCents });
  if (split.excessCents) postings.push({ account: 'liability:refunds', amountCents: -split.excessCents });
  return postings;
}

/** Why money of an allocation goes back to the payer. */
export function refundReason(appliedCents: number): string {
  return appliedCents > 0 ? 'te veel betaald' : 'boete was al betaald of vernietigd';
}

/**
 * The money moves of payments, always inside the caller's transaction. Bookkeeping:
 * - a credit line is received on the bank against suspense (import);
 * - an allocation moves it from suspense to the fine's receivables, costs first (Awb 4:92), and
 *   what the fine does not owe (overpaid, paid twice, cancelled) to liability:refunds;
 * - an unallocation reverses those entries (kind payment.unallocation), reopening the fine;
 * - a refund paid out (a debit line) clears liability:refunds against suspense.
 */
export function createAllocationService({ clock, ledger }: { clock: Clock; ledger: Ledger }) {
  /** What a fine owes per kind of debt, from the ledger. */
  async function openDebt(db: Knex, fineId: number): Promise<OpenDebt> {
    const rows: Record<string, unknown>[] = await db('postings').where('fine_id', fineId).whereIn('account', ['receivable:costs', 'receivable:interest', 'receivable:fines']).groupBy('account').select('account').sum({ total: 'amount_cents' });
    const of = (account: string) => Math.max(0, toSafeInteger(rows.find((r) => r.account === account)?.total));
    return { costsCents: of('receivable:costs'), interestCents: of('receivable:interest'), principalCents: of('receivable:fines') };
  }

  /** What of a bank line is still unresolved: unallocated money in, or an unexplained debit. */
  async function openOnLine(db: Knex, tx: BankTransaction): Promise<number> {
    const returned = await db('match_decisions').where({ bank_transaction_id: tx.id, outcome: 'returned' }).first('id');
    if (returned) return 0;
    // The account is tested inside the sum, not in the WHERE: given both, SQLite (without
    // statistics) starts from postings' account index and walks the suspense postings of every
    // line ever imported; this way the only way in is the line's own entries.
    const row = await db('postings as p')
      .join('journal_entries as e', 'e.id', 'p.entry_id')
      .where('e.bank_transaction_id', tx.id)
      .first(db.raw("COALESCE(SUM(CASE WHEN p.account = 'suspense:unallocated' THEN p.amount_cents ELSE 0 END), 0) AS total"));
    const total = toSafeInteger(row?.total);
    return tx.direction === 'credit' ? -total : total;
  }

  async function decide(trx: Knex, actor: Actor, tx: BankTransaction, d: { rule: string; outcome: 'booked' | 'refund' | 'returned' | 'refund-paid'; fineId: number | null; evidence: Record<string, unknown>; confirmedBy?: string | null }) {
    await repo.insertDecision(trx, { bankTransactionId: tx.id, rule: d.rule, outcome: d.outcome, fineId: d.fineId, evidence: d.evidence, decidedAt: clock.now().toISOString(), decidedBy: actor.label, decidedByUserId: actor.userId, confirmedBy: d.confirmedBy ?? null });
  }

  async function proposeRefund(trx: Knex.Transaction, tx: BankTransaction, fineId: number | null, amountCents: number, entryId: string, reason: string) {
    await repo.insertRefundProposal(trx, { bankTransactionId: tx.id, fineId, amountCents, payerIban: tx.counterpartyIban, payerName: tx.counterpartyName, reason, createdAt: clock.now().toISOString(), entryId });
  }

  return {
    openDebt,
    openOnLine,

    /**
     * What was paid on a fine goes back to the payers (a cancelled or reduced fine): per bank line
     * that paid it, newest first, its net allocation moves from the fine's receivable to
     * liability:refunds with a refund proposal, until only `keepCents` stays paid.
     */
    async refundPaidOnFine(trx: Knex.Transaction, actor: Actor, fineId: number, keepCents: number, reason: string): Promise<number> {
      const perLine: Record<string, unknown>[] = await trx('allocations').where({ fine_id: fineId }).groupBy('bank_transaction_id').select('bank_transaction_id').sum({ total: 'amount_cents' }).orderBy('bank_transaction_id', 'desc');
      let paid = perLine.reduce((s, r) => s + toSafeInteger(r.total), 0);
      let refunded = 0;
      for (const r of perLine) {
        const amount = Math.min(toSafeInteger(r.total), paid - keepCents);
        if (amount <= 0) continue;
        const tx = (await repo.findBankTransaction(trx, toSafeInteger(r.bank_transaction_id)))!;
        const { entry } = await ledger.post(trx, actor, {
          bookedOn: clock.today(),
          kind: 'payment.refund-due',
          description: `Terug te betalen op boete ${fineId}: ${reason}`,
          fineId,
          bankTransactionId: tx.id,
          postings: [{ account: 'receivable:fines', amountCents: amount }, { account: 'liability:refunds', amountCents: -amount }],
        });
        await repo.insertAllocation(trx, { bankTransactionId: tx.id, fineId, amountCents: -amount, entryId: entry.id, createdAt: clock.now().toISOString(), actor: actor.label });
        await proposeRefund(trx, tx, fineId, amount, entry.id, reason.slice(0, 200));
        paid -= amount;
        refunded += amount;
      }
      return refunded;
    },

    /** Allocates parts of a credit line to fines; every part is one ledger entry and one decision. */
    async allocate(trx: Knex.Transaction, actor: Actor, tx: BankTransaction, parts: readonly AllocationPart[], how: { rule: string; evidence: Record<string, unknown>; confirmedBy?: string | null }) {
      if (tx.direction !== 'credit' || tx.reversal) throw new RuleViolationError('Alleen een ontvangst kan aan boetes worden toegewezen.');
      const requested = parts.reduce((s, p) => s + p.amountCents, 0);
      const open = await openOnLine(trx, tx);
      if (requested > open) throw new ConflictError(`Er staat nog ${open} cent van deze regel open; toegewezen wordt ${requested}.`, { extensions: { openCents: open } });
      for (const part of parts) {
        const split = allocatePayment(part.amountCents, await openDebt(trx, part.fineId));
        const postings = allocationPostings(part.amountCents, split);
        const { entry } = await ledger.post(trx, actor, {
          bookedOn: tx.bookingDate, // Awb 4:89: paid when the municipality's account is credited
          kind: 'payment.allocation',
          description: `Betaling regel ${tx.id} toegewezen aan boete ${part.fineId} (${how.rule})`,
          fineId: part.fineId,
          bankTransactionId: tx.id,
          postings,
        });
        const applied = part.amountCents - split.excessCents;
        if (applied > 0) await repo.insertAllocation(trx, { bankTransactionId: tx.id, fineId: part.fineId, amountCents: applied, entryId: entry.id, createdAt: clock.now().toISOString(), actor: actor.label });
        if (split.excessCents > 0) await proposeRefund(trx, tx, part.fineId, split.excessCents, entry.id, refundReason(applied));
        await decide(trx, actor, tx, { rule: how.rule, outcome: split.excessCents > 0 && applied === 0 ? 'refund' : 'booked', fineId: part.fineId, evidence: { ...how.evidence, amountCents: part.amountCents, costsCents: split.costsCents, interestCents: split.interestCents, principalCents: split.principalCents, excessCents: split.excessCents }, confirmedBy: how.confirmedBy ?? null });
      }
    },

    /** The whole open amount of a credit line goes back to the payer (nothing to pay it for). */
    async refundLine(trx: Knex.Transaction, actor: Actor, tx: BankTransaction, reason: string) {
      if (tx.direction !== 'credit') throw new RuleViolationError('Alleen een ontvangst kan worden terugbetaald.');
      const open = await openOnLine(trx, tx);
      if (open <= 0) throw new ConflictError('Van deze regel staat niets meer open.');
      const { entry } = await ledger.post(trx, actor, {
        bookedOn: clock.today(),
        kind: 'payment.refund-due',
        description: `Regel ${tx.id} terug te betalen: ${reason}`,
        bankTransactionId: tx.id,
        postings: [{ account: 'suspense:unallocated', amountCents: open }, { account: 'liability:refunds', amountCents: -open }],
      });
      await proposeRefund(trx, tx, null, open, entry.id, reason);
      await decide(trx, actor, tx, { rule: 'manual-refund', outcome: 'refund', fineId: null, evidence: { reason, amountCents: open } });
    },

    /** Reverses every live allocation of a line: the fines reopen, open refund proposals lapse. */
    async unallocate(trx: Knex.Transaction, actor: Actor, tx: BankTransaction, reason: string) {
      const refunds = await repo.listRefunds(trx, { bankTransactionId: tx.id });
      if (refunds.some((r) => r.status === 'paid')) throw new RuleViolationError('Een deel van deze regel is al terugbetaald; draai die terugbetaling eerst terug.');
      const entries = await repo.liveAllocationEntries(trx, tx.id);
      const before = await repo.allocatedPerFine(trx, tx.id);
      for (const entryId of entries) {
        await ledger.reverse(trx, actor, entryId, { reason, kind: 'payment.unallocation', bookedOn: clock.today() > tx.bookingDate ? clock.today() : tx.bookingDate });
      }
      for (const a of before) {
        await repo.insertAllocation(trx, { bankTransactionId: tx.id, fineId: a.fineId, amountCents: -a.amountCents, entryId: entries[entries.length - 1]!, createdAt: clock.now().toISOString(), actor: actor.label });
      }
      for (const r of refunds.filter((x) => x.status === 'proposed')) await repo.updateRefund(trx, r.id, { status: 'cancelled' });
      return { reversedEntries: entries.length, fines: before.map((a) => a.fineId) };
    },

    /** A debit line that pays out a refund proposal. */
    async settleRefund(trx: Knex.Transaction, actor: Actor, refundId: number, debit: BankTransaction, rule: string, evidence: Record<string, unknown>) {
      const refund = await repo.findRefund(trx, refundId);
      if (!refund || refund.status !== 'proposed') throw new ConflictError(`Terugbetaling ${refundId} staat niet open.`);
      if (debit.direction !== 'debit' || debit.amountCents !== refund.amountCents) throw new RuleViolationError('De afschrijving past niet bij de terugbetaling (bedrag of richting).');
      await ledger.post(trx, actor, {
        bookedOn: debit.bookingDate,
        kind: 'refund.paid',
        description: `Terugbetaling ${refund.id} uitbetaald (regel ${debit.id})`,
        fineId: refund.fineId,
        bankTransactionId: debit.id,
        postings: [{ account: 'liability:refunds', amountCents: refund.amountCents }, { account: 'suspense:unallocated', amountCents: -refund.amountCents }],
      });
      await repo.updateRefund(trx, refund.id, { status: 'paid', paid_bank_transaction_id: debit.id, paid_on: debit.bookingDate });
      await decide(trx, actor, debit, { rule, outcome: 'refund-paid', fineId: refund.fineId, evidence: { ...evidence, refundId: refund.id } });
    },

    /** A storno or return of an earlier credit: its allocations are reversed, both lines settled. */
    async returnCredit(trx: Knex.Transaction, actor: Actor, debit: BankTransaction, original: BankTransaction, evidence: Record<string, unknown>) {
      const undone = await this.unallocate(trx, actor, original, `storno/retour ${debit.returnReason ?? ''}`.trim());
      await decide(trx, actor, original, { rule: 'return', outcome: 'returned', fineId: null, evidence: { ...evidence, returnedBy: debit.id, fines: undone.fines } });
      await decide(trx, actor, debit, { rule: 'return', outcome: 'returned', fineId: null, evidence: { ...evidence, returns: original.id, fines: undone.fines } });
      return undone;
    },
  };
}

export type AllocationService = ReturnType<typeof createAllocationService>;
