import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { toSafeInteger } from '../../shared/db.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../../shared/errors.js';
import { timeBarredFrom } from '../../domain/collection.js';
import { requirePolicyValue } from '../../domain/policy.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import * as finesRepo from '../fines/fines.repository.js';
import type { Ledger } from '../ledger/ledger.service.js';
import type { PostingInput } from '../ledger/ledger.types.js';
import type { ReferenceService } from '../reference/reference.service.js';

export type WriteOffKind = 'uncollectable' | 'time-barred';

function fromDb(r: Record<string, unknown>) {
  return {
    id: toSafeInteger(r.id),
    fineId: toSafeInteger(r.fine_id),
    kind: r.kind as WriteOffKind,
    reason: String(r.reason),
    requestedBy: String(r.requested_by),
    requestedAt: String(r.requested_at),
    status: String(r.status),
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedOn: (r.decided_on as string | null) ?? null,
    amountCents: r.amount_cents === null || r.amount_cents === undefined ? null : toSafeInteger(r.amount_cents),
  };
}

/** Write-offs with four eyes: one person asks, another approves, and only then is it booked. */
export function createWriteOffsService(deps: { db: Knex; clock: Clock; audit: AuditLog; ledger: Ledger; reference: ReferenceService }) {
  const { db, clock, audit, ledger, reference } = deps;

  return {
    async request(actor: Actor, fineId: number, input: { kind: WriteOffKind; reason: string }, requestId?: string) {
      const years = requirePolicyValue(await reference.policyValues(), 'prescription_years', clock.today());
      return db.transaction(async (trx) => {
        const fine = await finesRepo.findFineForUpdate(trx, fineId);
        if (!fine || !fine.issuedOn) throw new NotFoundError(`Opgelegde boete ${fineId} bestaat niet.`);
        if (fine.cancelledOn) throw new RuleViolationError(`${fine.caseNumber} is vernietigd; er valt niets af te boeken.`);
        const open = (await finesRepo.fineBalance(trx, fineId, clock.today())).outstandingCents;
        if (open <= 0) throw new RuleViolationError(`Op ${fine.caseNumber} staat niets open.`);
        if (await trx('write_offs').where({ fine_id: fineId, status: 'pending' }).first('id')) throw new ConflictError(`Er wacht al een afboeking van ${fine.caseNumber} op goedkeuring.`);
        if (input.kind === 'time-barred') {
          const aanmaning = await trx('collection_steps').where({ fine_id: fineId, step: 'aanmaning' }).first('step_date');
          const barredFrom = timeBarredFrom(fine.dueOn!, aanmaning?.step_date ?? null, years);
          if (clock.today() < barredFrom) {
            throw new RuleViolationError(`${fine.caseNumber} verjaart pas op ${barredFrom} (Awb 4:104, gestuit door een aanmaning, Awb 4:106).`, { errors: [{ field: 'kind', message: `nog niet verjaard (vanaf ${barredFrom})` }] });
          }
        }
        const [row] = await trx('write_offs').insert({ fine_id: fineId, kind: input.kind, reason: input.reason, requested_by_user_id: actor.userId, requested_by: actor.label, requested_at: clock.now().toISOString(), status: 'pending' }).returning('*');
        await audit.record(trx, actor, { action: 'write-off.request', subjectType: 'fine', subjectId: fineId, reason: input.reason, details: { writeOffId: toSafeInteger((row as Record<string, unknown>).id), kind: input.kind }, requestId: requestId ?? null });
        return fromDb(row as Record<string, unknown>);
      });
    },

    /** A second person approves (the open receivables go to expense:write-offs) or rejects. */
    async decide(actor: Actor, writeOffId: number, approve: boolean, reason: string | null, requestId?: string) {
      return db.transaction(async (trx) => {
        const w = await trx('write_offs').where({ id: writeOffId }).first();
        if (!w) throw new NotFoundError(`Afboeking ${writeOffId} bestaat niet.`);
        if (w.status !== 'pending') throw new ConflictError(`Afboeking ${writeOffId} is al ${w.status === 'approved' ? 'goedgekeurd' : 'afgewezen'}.`);
        if (toSafeInteger(w.requested_by_user_id) === actor.userId) throw new ForbiddenError('Vier ogen: wie de afboeking vroeg, keurt haar niet zelf goed.');
        const fineId = toSafeInteger(w.fine_id);
        const today = clock.today();
        let amount = 0;
        let entryId: string | null = null;
        if (approve) {
          const balances: Record<string, unknown>[] = await trx('postings').where('fine_id', fineId).where('account', 'like', 'receivable:%').groupBy('account').select('account').sum({ total: 'amount_cents' });
          const postings: PostingInput[] = [];
          for (const b of balances) {
            const open = toSafeInteger(b.total);
            if (open > 0) {
              postings.push({ account: String(b.account), amountCents: -open });
              amount += open;
            }
          }
          if (amount > 0) {
            postings.unshift({ account: 'expense:write-offs', amountCents: amount });
            const { entry } = await ledger.post(trx, actor, { bookedOn: today, kind: 'fine.write-off', description: `Afboeking (${w.kind}): ${w.reason}`, fineId, idempotencyKey: `write-off:${writeOffId}`, postings });
            entryId = entry.id;
          }
          await finesRepo.insertEvent(trx, fineId, { occurredAt: clock.now().toISOString(), onDate: today, type: 'written-off', actor: actor.label, actorUserId: actor.userId, details: { writeOffId, kind: w.kind, amountCents: amount, requestedBy: w.requested_by } });
        }
        await trx('write_offs').where({ id: writeOffId }).update({ status: approve ? 'approved' : 'rejected', decided_by_user_id: actor.userId, decided_by: actor.label, decided_on: today, amount_cents: approve ? amount : null, entry_id: entryId });
        await audit.record(trx, actor, { action: approve ? 'write-off.approve' : 'write-off.reject', subjectType: 'fine', subjectId: fineId, reason, details: { writeOffId, amountCents: amount }, requestId: requestId ?? null });
        return fromDb((await trx('write_offs').where({ id: writeOffId }).first()) as Record<string, unknown>);
      });
    },

    list: async (status?: string) => (await (status ? db('write_offs').where({ status }) : db('write_offs')).orderBy('id')).map((r) => fromDb(r)),
  };
}

export type WriteOffsService = ReturnType<typeof createWriteOffsService>;
