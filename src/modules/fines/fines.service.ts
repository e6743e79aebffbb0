import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { NotFoundError, RuleViolationError } from '../../shared/errors.js';
import { noticeIsLate } from '../../domain/notice-deadline.js';
import { endOfTerm, type EquatedDay } from '../../domain/deadlines.js';
import { fineKenmerk } from '../../domain/betalingskenmerk.js';
import { deriveStatus } from '../../domain/fine-status.js';
import { requirePolicyValue, type PolicyValue } from '../../domain/policy.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import type { Ledger } from '../ledger/ledger.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import * as repo from './fines.repository.js';
import { createRegistration } from './registration.service.js';
import { listFines, type FineFilter } from './fines.query.js';
import type { FineRow } from './fines.types.js';

export interface FinesDeps {
  db: Knex;
  clock: Clock;
  audit: AuditLog;
  ledger: Ledger;
  catalogue: CatalogueService;
  reference: ReferenceService;
  /** Moves what was paid on a fine beyond `keepCents` to refunds (the payments module). */
  refundPaidOnFine: (trx: Knex.Transaction, actor: Actor, fineId: number, keepCents: number, reason: string) => Promise<number>;
}

export interface IssueOptions {
  /** Required when the beschikking is sent more than eight weeks after the offence (Gemeentewet 154c). */
  lateReason?: string | null | undefined;
  requestId?: string | null | undefined;
}

/** Policy and calendar data that issuing needs, loaded once per request or run. */
export interface IssueContext {
  policies: PolicyValue[];
  equated: EquatedDay[];
}

export function createFinesService(deps: FinesDeps) {
  const { db, clock, audit, ledger, reference, refundPaidOnFine } = deps;
  const registration = createRegistration(deps);

  async function event(trx: Knex.Transaction, actor: Actor, fineId: number, type: string, onDate: string, details: Record<string, unknown> | null = null) {
    await repo.insertEvent(trx, fineId, { occurredAt: clock.now().toISOString(), onDate, type, actor: actor.label, actorUserId: actor.userId, details });
  }

  async function loadIssueContext(): Promise<IssueContext> {
    return { policies: await reference.policyValues(), equated: await reference.equatedDays() };
  }

  /** Issues one beschikking inside the caller's transaction; an issued fine is returned unchanged. */
  async function issueInTransaction(trx: Knex.Transaction, actor: Actor, fineId: number, ctx: IssueContext, options: IssueOptions): Promise<{ fine: FineRow; changed: boolean }> {
    const fine = await repo.findFineForUpdate(trx, fineId);
    if (!fine) throw new NotFoundError(`Boete ${fineId} bestaat niet.`);
    if (fine.issuedOn) return { fine, changed: false }; // issuing twice changes nothing
    if (fine.withdrawnAt) throw new RuleViolationError(`Rapport ${fine.caseNumber} is ingetrokken en kan niet meer worden opgelegd.`);
    const issuedOn = clock.today();
    const lapseYears = requirePolicyValue(ctx.policies, 'imposition_lapse_years', issuedOn);
    if (issuedOn >= `${Number(fine.offenceDate.slice(0, 4)) + lapseYears}${fine.offenceDate.slice(4)}`) {
      throw new RuleViolationError(`De bevoegdheid om een boete op te leggen voor ${fine.caseNumber} is vervallen: meer dan ${lapseYears} jaar na de overtreding (Awb 5:45).`);
    }
    const deadlineWeeks = requirePolicyValue(ctx.policies, 'notice_deadline_weeks', issuedOn);
    const late = noticeIsLate(ctx.policies, fine.offenceDate, issuedOn);
    const lateReason = options.lateReason?.trim() || null;
    if (late && !lateReason) {
      throw new RuleViolationError(
        `De beschikking voor ${fine.caseNumber} gaat later dan ${deadlineWeeks} weken na de overtreding (${fine.offenceDate}) uit (Gemeentewet 154c); geef een reden op.`,
        { errors: [{ field: 'lateReason', message: 'reden vereist voor een beschikking na acht weken' }], extensions: { caseNumber: fine.caseNumber } },
      );
    }
    const dueOn = endOfTerm({ from: issuedOn, weeks: requirePolicyValue(ctx.policies, 'payment_term_weeks', issuedOn), equated: ctx.equated });
    const objectionDueOn = endOfTerm({ from: issuedOn, weeks: requirePolicyValue(ctx.policies, 'objection_term_weeks', issuedOn), equated: ctx.equated });
    const paymentReference = fineKenmerk(fine.caseYear, fine.caseSequence);
    const { entry } = await ledger.post(trx, actor, {
      bookedOn: issuedOn,
      kind: 'fine.issue',
      description: `Beschikking ${fine.caseNumber} (${fine.offenceCode})`,
      fineId: fine.id,
      idempotencyKey: `fine:${fine.id}:issue`,
      postings: [
        { account: 'receivable:fines', amountCents: fine.amountCents },
        { account: 'revenue:fines', amountCents: -fine.amountCents },
      ],
    });
    await repo.updateFine(trx, fine.id, { issued_on: issuedOn, due_on: dueOn, objection_due_on: objectionDueOn, payment_reference: paymentReference, late_notice_reason: late ? lateReason : null, issue_entry_id: entry.id });
    await event(trx, actor, fine.id, 'issued', issuedOn, { dueOn, paymentReference, amountCents: fine.amountCents, ...(late ? { late: true } : {}) });
    await audit.record(trx, actor, { action: 'fine.issue', subjectType: 'fine', subjectId: fine.id, reason: late ? lateReason : null, details: { caseNumber: fine.caseNumber, dueOn, late }, requestId: options.requestId ?? null });
    return { fine: (await repo.findFine(trx, fine.id))!, changed: true };
  }

  /**
   * Cancels an issued fine inside the caller's transaction: the imposition and any collection
   * costs are reversed, and what was paid goes to refunds for the payers.
   */
  async function cancelInTransaction(trx: Knex.Transaction, actor: Actor, fine: FineRow, reason: string): Promise<{ reversalEntryId: string; refundedCents: number }> {
    const today = clock.today();
    const { entry } = await ledger.reverse(trx, actor, fine.issueEntryId!, { reason, kind: 'fine.cancel', bookedOn: today, idempotencyKey: `fine:${fine.id}:cancel` });
    const costs = await trx('journal_entries as e').where('e.fine_id', fine.id).where('e.kind', 'like', 'collection.%-costs').whereNotExists(trx('journal_entries as r').whereRaw('r.reverses_entry_id = e.id')).select('e.id');
    for (const c of costs) await ledger.reverse(trx, actor, String(c.id), { reason, kind: 'collection.costs-cancel', bookedOn: today });
    const refundedCents = await refundPaidOnFine(trx, actor, fine.id, 0, `boete vernietigd: ${reason}`);
    await repo.updateFine(trx, fine.id, { cancelled_on: today, cancel_reason: reason });
    await event(trx, actor, fine.id, 'cancelled', today, { reversalEntryId: entry.id, refundedCents });
    return { reversalEntryId: entry.id, refundedCents };
  }

  return {
    loadIssueContext,
    issueInTransaction,

    register: registration.register,

    async issue(actor: Actor, fineId: number, options: IssueOptions) {
      const ctx = await loadIssueContext();
      return db.transaction((trx) => issueInTransaction(trx, actor, fineId, ctx, options));
    },

    /** Before the beschikking: a rapport is withdrawn with a reason (a boa only its own). */
    async withdraw(actor: Actor, fineId: number, reason: string, requestId?: string) {
      return db.transaction(async (trx) => {
        const fine = await repo.findFineForUpdate(trx, fineId);
        if (!fine || (actor.role === 'boa' && fine.boaUserId !== actor.userId)) throw new NotFoundError(`Boete ${fineId} bestaat niet.`);
        if (fine.withdrawnAt) return fine;
        if (fine.issuedOn) throw new RuleViolationError(`De beschikking ${fine.caseNumber} is al opgelegd; gebruik intrekken (cancel) met een tegenboeking.`);
        await repo.updateFine(trx, fine.id, { withdrawn_at: clock.now().toISOString(), withdrawn_reason: reason });
        await event(trx, actor, fine.id, 'withdrawn', clock.today(), null);
        await audit.record(trx, actor, { action: 'fine.withdraw', subjectType: 'fine', subjectId: fine.id, reason, requestId: requestId ?? null });
        return (await repo.findFine(trx, fine.id))!;
      });
    },

    cancelInTransaction,

    /** After the beschikking: cancelled only by reversing the receivable, with a reason. */
    async cancel(actor: Actor, fineId: number, reason: string, requestId?: string) {
      return db.transaction(async (trx) => {
        const fine = await repo.findFineForUpdate(trx, fineId);
        if (!fine) throw new NotFoundError(`Boete ${fineId} bestaat niet.`);
        if (fine.cancelledOn) return fine;
        if (!fine.issuedOn || !fine.issueEntryId) throw new RuleViolationError(`Rapport ${fine.caseNumber} is nog niet opgelegd; trek het rapport in (withdraw).`);
        const { reversalEntryId, refundedCents } = await cancelInTransaction(trx, actor, fine, reason);
        await audit.record(trx, actor, { action: 'fine.cancel', subjectType: 'fine', subjectId: fine.id, reason, details: { reversalEntryId, refundedCents }, requestId: requestId ?? null });
        return (await repo.findFine(trx, fine.id))!;
      });
    },

    /** One fine with the offender, its balance from the ledger and its timeline; the read is audited. */
    async detail(actor: Actor, fineId: number, requestId?: string) {
      const fine = await repo.findFine(db, fineId);
      if (!fine || (actor.role === 'boa' && fine.boaUserId !== actor.userId)) throw new NotFoundError(`Boete ${fineId} bestaat niet.`);
      const today = clock.today();
      const balance = await repo.fineBalance(db, fineId, today);
      const offender = await repo.findOffender(db, fineId);
      await audit.recordRead(db, actor, { action: 'fine.read-personal-data', subjectType: 'fine', subjectId: fineId, requestId: requestId ?? null });
      const steps = await db('collection_steps').where({ fine_id: fineId }).select('step');
      const objectionPending = Boolean(await db('objections').where({ fine_id: fineId }).whereNull('outcome').first('id'));
      const refundDue = Boolean(await db('refund_proposals').where({ fine_id: fineId, status: 'proposed' }).first('id'));
      const writtenOff = Boolean(await db('write_offs').where({ fine_id: fineId, status: 'approved' }).first('id'));
      const paymentPlan = Boolean(await db('payment_plans').where({ fine_id: fineId }).whereNull('broken_on').first('id'));
      const status = deriveStatus({ withdrawn: fine.withdrawnAt !== null, issuedOn: fine.issuedOn, dueOn: fine.dueOn, cancelledOn: fine.cancelledOn, amountCents: fine.amountCents, outstandingCents: balance.outstandingCents, today, reminded: steps.some((s) => s.step === 'aanmaning'), handedOff: steps.some((s) => s.step === 'dwangbevel'), objectionPending, refundDue, writtenOff, paymentPlan });
      const { caseYear: _y, caseSequence: _s, tariffId: _t, boaUserId: _b, ...shown } = fine;
      return { ...shown, status, offender, balance, timeline: await repo.listEvents(db, fineId) };
    },

    list: (filter: FineFilter) => listFines(db, filter, clock.today()),
    find: (fineId: number) => repo.findFine(db, fineId),
  };
}

export type FinesService = ReturnType<typeof createFinesService>;
