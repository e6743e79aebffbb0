import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { toSafeInteger } from '../../shared/db.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../../shared/errors.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { HoldLookup } from '../collection/collection.service.js';
import * as finesRepo from '../fines/fines.repository.js';
import type { Ledger } from '../ledger/ledger.service.js';
import type { AllocationService } from '../payments/allocation.service.js';
import type { FinesService } from '../fines/fines.service.js';

export type ObjectionOutcome = 'rejected' | 'upheld' | 'reduced';

function objectionFromDb(r: Record<string, unknown>) {
  return {
    id: toSafeInteger(r.id),
    fineId: toSafeInteger(r.fine_id),
    receivedOn: String(r.received_on),
    summary: String(r.summary),
    timely: Boolean(r.timely),
    objectionDueOn: String(r.objection_due_on),
    status: r.outcome ? 'decided' : 'pending',
    outcome: (r.outcome as ObjectionOutcome | null) ?? null,
    newAmountCents: r.new_amount_cents === null || r.new_amount_cents === undefined ? null : toSafeInteger(r.new_amount_cents),
    decisionReason: (r.decision_reason as string | null) ?? null,
    decidedOn: (r.decided_on as string | null) ?? null,
    decidedBy: (r.decided_by as string | null) ?? null,
  };
}

/** A pending objection holds collection (the run skips the fine and says why). */
export const objectionHolds: HoldLookup = async (db, fineIds) => {
  const holds = new Map<number, 'objection' | 'payment-plan'>();
  for (let i = 0; i < fineIds.length; i += 500) {
    const rows = await db('objections').whereIn('fine_id', fineIds.slice(i, i + 500)).whereNull('outcome').distinct('fine_id');
    for (const r of rows) holds.set(toSafeInteger(r.fine_id), 'objection');
  }
  return holds;
};

export function createObjectionsService(deps: { db: Knex; clock: Clock; audit: AuditLog; ledger: Ledger; allocation: AllocationService; fines: FinesService }) {
  const { db, clock, audit, ledger, allocation, fines } = deps;

  async function event(trx: Knex.Transaction, actor: Actor, fineId: number, type: string, details: Record<string, unknown>) {
    await finesRepo.insertEvent(trx, fineId, { occurredAt: clock.now().toISOString(), onDate: clock.today(), type, actor: actor.label, actorUserId: actor.userId, details });
  }

  return {
    /** Registers an objection; a late one (Awb 6:7/6:8 with the Atw) is flagged, never refused. */
    async lodge(actor: Actor, fineId: number, input: { receivedOn: string; summary: string }, requestId?: string) {
      return db.transaction(async (trx) => {
        const fine = await finesRepo.findFineForUpdate(trx, fineId);
        if (!fine) throw new NotFoundError(`Boete ${fineId} bestaat niet.`);
        if (!fine.issuedOn || !fine.objectionDueOn) throw new RuleViolationError(`Tegen ${fine.caseNumber} is nog geen beschikking genomen; bezwaar kan pas daarna.`);
        if (input.receivedOn < fine.issuedOn) throw new RuleViolationError('Het bezwaar is ontvangen vóór de beschikking.', { errors: [{ field: 'receivedOn', message: `vóór ${fine.issuedOn}` }] });
        if (input.receivedOn > clock.today()) throw new RuleViolationError('De ontvangstdatum ligt in de toekomst.', { errors: [{ field: 'receivedOn', message: 'in de toekomst' }] });
        if (await trx('objections').where({ fine_id: fineId }).whereNull('outcome').first('id')) throw new ConflictError(`Er loopt al een bezwaar tegen ${fine.caseNumber}.`);
        const timely = input.receivedOn <= fine.objectionDueOn;
        const [row] = await trx('objections').insert({ fine_id: fineId, received_on: input.receivedOn, summary: input.summary, timely, objection_due_on: fine.objectionDueOn, registered_at: clock.now().toISOString(), registered_by: actor.label }).returning('*');
        const objection = objectionFromDb(row as Record<string, unknown>);
        await event(trx, actor, fineId, 'objection-received', { objectionId: objection.id, receivedOn: input.receivedOn, timely });
        await audit.record(trx, actor, { action: 'objection.lodge', subjectType: 'fine', subjectId: fineId, details: { objectionId: objection.id, timely }, requestId: requestId ?? null });
        return objection;
      });
    },

    /**
     * The decision: rejected (collection resumes), upheld (the fine is cancelled by reversal and
     * what was paid is refunded), or reduced (Awb 5:46 lid 3: the difference is reversed and any
     * excess paid is refunded).
     */
    async decide(actor: Actor, objectionId: number, input: { outcome: ObjectionOutcome; newAmountCents?: number | undefined; reason: string }, requestId?: string) {
      return db.transaction(async (trx) => {
        const row = await trx('objections').where({ id: objectionId }).first();
        if (!row) throw new NotFoundError(`Bezwaar ${objectionId} bestaat niet.`);
        if (row.outcome) throw new ConflictError(`Op bezwaar ${objectionId} is al beslist (${row.outcome}).`);
        const fine = (await finesRepo.findFineForUpdate(trx, toSafeInteger(row.fine_id)))!;
        const today = clock.today();
        let refunded = 0;
        if (input.outcome === 'reduced') {
          const newAmount = input.newAmountCents;
          if (newAmount === undefined || newAmount <= 0 || newAmount >= fine.amountCents) {
            throw new RuleViolationError(`Een matiging (Awb 5:46 lid 3) geeft een bedrag tussen 0 en ${fine.amountCents} cent.`, { errors: [{ field: 'newAmountCents', message: `tussen 1 en ${fine.amountCents - 1}` }] });
          }
          const difference = fine.amountCents - newAmount;
          await ledger.post(trx, actor, {
            bookedOn: today,
            kind: 'fine.reduce',
            description: `Matiging ${fine.caseNumber} na bezwaar (Awb 5:46 lid 3): ${input.reason}`,
            fineId: fine.id,
            idempotencyKey: `objection:${objectionId}:reduce`,
            postings: [{ account: 'revenue:fines', amountCents: difference }, { account: 'receivable:fines', amountCents: -difference }],
          });
          await finesRepo.updateFine(trx, fine.id, { amount_cents: newAmount });
          refunded = await allocation.refundPaidOnFine(trx, actor, fine.id, newAmount, `bezwaar: ${input.reason}`);
        } else if (input.outcome === 'upheld') {
          // The beschikking goes: imposition and collection costs reversed, what was paid refunded.
          if (!fine.cancelledOn) refunded = (await fines.cancelInTransaction(trx, actor, fine, `bezwaar gegrond: ${input.reason}`)).refundedCents;
        }
        await trx('objections').where({ id: objectionId }).update({ outcome: input.outcome, new_amount_cents: input.outcome === 'reduced' ? input.newAmountCents : null, decision_reason: input.reason, decided_on: today, decided_by: actor.label });
        await event(trx, actor, fine.id, `objection-${input.outcome}`, { objectionId, ...(input.outcome === 'reduced' ? { newAmountCents: input.newAmountCents } : {}), refundedCents: refunded });
        await audit.record(trx, actor, { action: `objection.${input.outcome}`, subjectType: 'fine', subjectId: fine.id, reason: input.reason, details: { objectionId, refundedCents: refunded }, requestId: requestId ?? null });
        return { ...objectionFromDb((await trx('objections').where({ id: objectionId }).first()) as Record<string, unknown>), refundedCents: refunded };
      });
    },

    async find(objectionId: number) {
      const row = await db('objections').where({ id: objectionId }).first();
      if (!row) throw new NotFoundError(`Bezwaar ${objectionId} bestaat niet.`);
      return objectionFromDb(row as Record<string, unknown>);
    },

    async list(filter: { status?: 'pending' | 'decided' | undefined; fineId?: number | undefined }) {
      const q = db('objections').orderBy('id');
      if (filter.status === 'pending') q.whereNull('outcome');
      if (filter.status === 'decided') q.whereNotNull('outcome');
      if (filter.fineId) q.where('fine_id', filter.fineId);
      return (await q).map((r) => objectionFromDb(r));
    },
  };
}

export type ObjectionsService = ReturnType<typeof createObjectionsService>;
