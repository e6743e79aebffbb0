import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { toSafeInteger } from '../../shared/db.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../../shared/errors.js';
import { requirePolicyValue } from '../../domain/policy.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { AllocationPart, AllocationService } from './allocation.service.js';
import * as repo from './bank.repository.js';
import type { BankTransaction, BankTransactionStatus, MatchDecision } from './bank.types.js';

export interface BankTransactionView extends BankTransaction {
  status: BankTransactionStatus;
  openCents: number;
  allocations: { fineId: number; amountCents: number }[];
  decisions: MatchDecision[];
}

/** Finance's work on bank lines: look, allocate (four eyes above the threshold), undo, refund. */
export function createPaymentsService(deps: { db: Knex; clock: Clock; audit: AuditLog; reference: ReferenceService; allocation: AllocationService }) {
  const { db, clock, audit, reference, allocation } = deps;

  async function view(trx: Knex, tx: BankTransaction): Promise<BankTransactionView> {
    const decisions = await repo.decisionsFor(trx, [tx.id]);
    const openCents = await allocation.openOnLine(trx, tx);
    const allocations = await repo.allocatedPerFine(trx, tx.id);
    const refunds = await repo.listRefunds(trx, { bankTransactionId: tx.id });
    let status: BankTransactionStatus;
    if (decisions.some((d) => d.outcome === 'returned')) status = 'returned';
    else if (decisions.some((d) => d.outcome === 'refund-paid')) status = 'refund-paid';
    else if (openCents === 0 && refunds.some((r) => r.status === 'proposed')) status = 'refund';
    else if (openCents === 0) status = 'allocated';
    else if (decisions.some((d) => d.outcome === 'suggested')) status = 'suggested';
    else status = 'unmatched';
    return { ...tx, status, openCents, allocations, decisions };
  }

  async function lineForUpdate(trx: Knex.Transaction, id: number): Promise<BankTransaction> {
    const tx = await repo.findBankTransactionForUpdate(trx, id);
    if (!tx) throw new NotFoundError(`Bankregel ${id} bestaat niet.`);
    return tx;
  }

  async function executeAllocation(trx: Knex.Transaction, actor: Actor, tx: BankTransaction, parts: AllocationPart[], reason: string, confirmedBy: string | null) {
    const open = await allocation.openOnLine(trx, tx);
    const total = parts.reduce((s, p) => s + p.amountCents, 0);
    if (total !== open) {
      throw new RuleViolationError(`De bedragen (${total} cent) moeten optellen tot wat van de regel openstaat (${open} cent).`, { errors: [{ field: 'allocations', message: `som ${total} ≠ ${open}` }] });
    }
    for (const p of parts) {
      const fine = await trx('fines').where({ id: p.fineId }).first('issued_on');
      if (!fine?.issued_on) throw new RuleViolationError(`Boete ${p.fineId} bestaat niet of is nog niet opgelegd.`, { errors: [{ field: 'allocations.fineId', message: `${p.fineId} is geen opgelegde boete` }] });
    }
    const suggested = (await repo.decisionsFor(trx, [tx.id])).filter((d) => d.outcome === 'suggested').map((d) => d.fineId);
    await allocation.allocate(trx, actor, tx, parts, { rule: parts.every((p) => suggested.includes(p.fineId)) ? 'suggestion-confirmed' : 'manual', evidence: { reason }, confirmedBy });
  }

  return {
    view: async (id: number) => {
      const tx = await repo.findBankTransaction(db, id);
      if (!tx) throw new NotFoundError(`Bankregel ${id} bestaat niet.`);
      return view(db, tx);
    },

    /** Bank lines by status, newest first, with evidence; reading payers' data is audited. */
    async list(actor: Actor, filter: { status?: BankTransactionStatus | undefined; limit: number; offset: number; requestId?: string }) {
      // The status is selected in the database; each line of the page is then viewed in full.
      const items: BankTransactionView[] = [];
      for (const tx of await repo.listBankTransactions(db, filter)) items.push(await view(db, tx));
      await audit.recordRead(db, actor, { action: 'bank-transactions.read', subjectType: 'bank_transaction', details: { status: filter.status ?? null, count: items.length }, requestId: filter.requestId ?? null });
      return items;
    },

    /** How many bank lines there are of each status (the queue's tabs and page count). */
    countByStatus: () => repo.countBankTransactionsByStatus(db),

    /** A manual allocation; at or above the policy amount it waits for a second finance user. */
    async requestAllocation(actor: Actor, id: number, parts: AllocationPart[], reason: string, requestId?: string) {
      const threshold = requirePolicyValue(await reference.policyValues(), 'manual_allocation_approval_cents', clock.today());
      return db.transaction(async (trx) => {
        const tx = await lineForUpdate(trx, id);
        const total = parts.reduce((s, p) => s + p.amountCents, 0);
        if (total >= threshold) {
          const open = await allocation.openOnLine(trx, tx);
          if (total !== open) throw new RuleViolationError(`De bedragen (${total} cent) moeten optellen tot wat van de regel openstaat (${open} cent).`, { errors: [{ field: 'allocations', message: `som ${total} ≠ ${open}` }] });
          const [row] = await trx('approvals').insert({ kind: 'allocation', bank_transaction_id: id, payload: JSON.stringify({ parts, reason }), requested_by_user_id: actor.userId, requested_by: actor.label, requested_at: clock.now().toISOString(), status: 'pending' }).returning('id');
          const approvalId = toSafeInteger((row as Record<string, unknown>).id);
          await audit.record(trx, actor, { action: 'allocation.request-approval', subjectType: 'bank_transaction', subjectId: id, reason, details: { approvalId, totalCents: total }, requestId: requestId ?? null });
          return { status: 'pending-approval' as const, approvalId, line: await view(trx, tx) };
        }
        await executeAllocation(trx, actor, tx, parts, reason, null);
        await audit.record(trx, actor, { action: 'allocation.create', subjectType: 'bank_transaction', subjectId: id, reason, details: { parts }, requestId: requestId ?? null });
        return { status: 'allocated' as const, approvalId: null, line: await view(trx, tx) };
      });
    },

    /** The second pair of eyes: another finance user approves and the allocation is booked. */
    async decideApproval(actor: Actor, approvalId: number, approve: boolean, reason: string | null, requestId?: string) {
      return db.transaction(async (trx) => {
        const a = await trx('approvals').where({ id: approvalId }).first();
        if (!a) throw new NotFoundError(`Goedkeuring ${approvalId} bestaat niet.`);
        if (a.status !== 'pending') throw new ConflictError(`Goedkeuring ${approvalId} is al ${a.status === 'approved' ? 'goedgekeurd' : 'afgewezen'}.`);
        if (toSafeInteger(a.requested_by_user_id) === actor.userId) throw new ForbiddenError('Vier ogen: wie de toewijzing vroeg, keurt haar niet zelf goed.');
        await trx('approvals').where({ id: approvalId }).update({ status: approve ? 'approved' : 'rejected', decided_by_user_id: actor.userId, decided_by: actor.label, decided_at: clock.now().toISOString(), decision_reason: reason });
        const payload = JSON.parse(String(a.payload)) as { parts: AllocationPart[]; reason: string };
        const tx = await lineForUpdate(trx, toSafeInteger(a.bank_transaction_id));
        if (approve) await executeAllocation(trx, { userId: toSafeInteger(a.requested_by_user_id), label: String(a.requested_by), role: 'finance' }, tx, payload.parts, payload.reason, actor.label);
        await audit.record(trx, actor, { action: approve ? 'allocation.approve' : 'allocation.reject', subjectType: 'bank_transaction', subjectId: tx.id, reason, details: { approvalId }, requestId: requestId ?? null });
        return { approvalId, status: approve ? 'approved' : 'rejected', line: await view(trx, tx) };
      });
    },

    async unallocate(actor: Actor, id: number, reason: string, requestId?: string) {
      return db.transaction(async (trx) => {
        const tx = await lineForUpdate(trx, id);
        const undone = await allocation.unallocate(trx, actor, tx, reason);
        if (undone.reversedEntries === 0) throw new RuleViolationError('Er is niets toegewezen om terug te draaien.');
        await audit.record(trx, actor, { action: 'allocation.reverse', subjectType: 'bank_transaction', subjectId: id, reason, details: undone, requestId: requestId ?? null });
        return view(trx, tx);
      });
    },

    async refundLine(actor: Actor, id: number, reason: string, requestId?: string) {
      return db.transaction(async (trx) => {
        const tx = await lineForUpdate(trx, id);
        await allocation.refundLine(trx, actor, tx, reason);
        await audit.record(trx, actor, { action: 'refund.propose', subjectType: 'bank_transaction', subjectId: id, reason, requestId: requestId ?? null });
        return view(trx, tx);
      });
    },

    /** Marks a refund paid by matching it to the debit line that paid it out. */
    async markRefundPaid(actor: Actor, refundId: number, bankTransactionId: number, requestId?: string) {
      return db.transaction(async (trx) => {
        const debit = await lineForUpdate(trx, bankTransactionId);
        if ((await allocation.openOnLine(trx, debit)) !== debit.amountCents) throw new ConflictError(`Bankregel ${bankTransactionId} is al verwerkt.`);
        await allocation.settleRefund(trx, actor, refundId, debit, 'manual-refund-payout', { confirmedBy: actor.label });
        await audit.record(trx, actor, { action: 'refund.paid', subjectType: 'refund', subjectId: refundId, details: { bankTransactionId }, requestId: requestId ?? null });
        return repo.findRefund(trx, refundId);
      });
    },

    listRefunds: (status?: 'proposed' | 'paid' | 'cancelled', bankTransactionId?: number) => repo.listRefunds(db, { status, ...(bankTransactionId === undefined ? {} : { bankTransactionId }) }),
    listApprovals: async (status: string) =>
      (await db('approvals').where({ status }).orderBy('id')).map((a) => ({ id: toSafeInteger(a.id), kind: a.kind, bankTransactionId: a.bank_transaction_id === null ? null : toSafeInteger(a.bank_transaction_id), payload: JSON.parse(String(a.payload)), requestedBy: a.requested_by, requestedAt: a.requested_at, status: a.status, decidedBy: a.decided_by ?? null, decidedAt: a.decided_at ?? null })),
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
