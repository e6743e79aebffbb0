import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { toSafeInteger } from '../../shared/db.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../../shared/errors.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import * as finesRepo from '../fines/fines.repository.js';

export interface PlanInput {
  instalments: { dueOn: string; amountCents: number }[];
  reason: string;
}

/** Granting uitstel with instalments (Awb 4:94): the instalments cover exactly what is open. */
export function createPaymentPlansService(deps: { db: Knex; clock: Clock; audit: AuditLog }) {
  const { db, clock, audit } = deps;

  async function plansOf(trx: Knex, fineId: number) {
    const plans = await trx('payment_plans').where({ fine_id: fineId }).orderBy('id');
    const out = [];
    for (const p of plans) {
      const instalments = await trx('plan_instalments').where({ plan_id: p.id }).orderBy('seq');
      out.push({ id: toSafeInteger(p.id), fineId, grantedOn: String(p.granted_on), totalCents: toSafeInteger(p.total_cents), reason: String(p.reason), grantedBy: String(p.granted_by), brokenOn: p.broken_on ?? null, instalments: instalments.map((i) => ({ seq: toSafeInteger(i.seq), dueOn: String(i.due_on), amountCents: toSafeInteger(i.amount_cents) })) });
    }
    return out;
  }

  return {
    plansOf: (fineId: number) => plansOf(db, fineId),

    async grant(actor: Actor, fineId: number, input: PlanInput, requestId?: string) {
      return db.transaction(async (trx) => {
        const fine = await finesRepo.findFineForUpdate(trx, fineId);
        if (!fine || !fine.issuedOn) throw new NotFoundError(`Opgelegde boete ${fineId} bestaat niet.`);
        if (fine.cancelledOn) throw new RuleViolationError(`${fine.caseNumber} is vernietigd.`);
        if (await trx('collection_steps').where({ fine_id: fineId, step: 'dwangbevel' }).first('id')) {
          throw new RuleViolationError(`${fine.caseNumber} is al overgedragen voor een dwangbevel; een regeling loopt dan via de deurwaarder.`);
        }
        if (await trx('payment_plans').where({ fine_id: fineId }).whereNull('broken_on').first('id')) {
          const open = (await finesRepo.fineBalance(trx, fineId, clock.today())).outstandingCents;
          if (open > 0) throw new ConflictError(`Er loopt al een betalingsregeling voor ${fine.caseNumber}.`);
        }
        const open = (await finesRepo.fineBalance(trx, fineId, clock.today())).outstandingCents;
        const total = input.instalments.reduce((s, i) => s + i.amountCents, 0);
        if (open <= 0) throw new RuleViolationError(`Op ${fine.caseNumber} staat niets open.`);
        if (total !== open) throw new RuleViolationError(`De termijnen (${total} cent) moeten samen het openstaande bedrag (${open} cent) zijn.`, { errors: [{ field: 'instalments', message: `som ${total} ≠ ${open}` }] });
        const dates = input.instalments.map((i) => i.dueOn);
        if (dates.some((d, i) => i > 0 && d <= dates[i - 1]!)) throw new RuleViolationError('De termijnen moeten op opeenvolgende datums vallen.', { errors: [{ field: 'instalments', message: 'datums niet oplopend' }] });
        if (dates[0]! < clock.today()) throw new RuleViolationError('De eerste termijn ligt in het verleden.', { errors: [{ field: 'instalments.0.dueOn', message: 'in het verleden' }] });
        const [row] = await trx('payment_plans').insert({ fine_id: fineId, granted_on: clock.today(), total_cents: open, reason: input.reason, granted_by: actor.label, created_at: clock.now().toISOString() }).returning('id');
        const planId = toSafeInteger((row as Record<string, unknown>).id);
        await trx('plan_instalments').insert(input.instalments.map((i, n) => ({ plan_id: planId, seq: n + 1, due_on: i.dueOn, amount_cents: i.amountCents })));
        await finesRepo.insertEvent(trx, fineId, { occurredAt: clock.now().toISOString(), onDate: clock.today(), type: 'payment-plan-granted', actor: actor.label, actorUserId: actor.userId, details: { planId, instalments: input.instalments.length, totalCents: open } });
        await audit.record(trx, actor, { action: 'payment-plan.grant', subjectType: 'fine', subjectId: fineId, reason: input.reason, details: { planId, instalments: input.instalments.length, totalCents: open }, requestId: requestId ?? null });
        return (await plansOf(trx, fineId)).find((p) => p.id === planId)!;
      });
    },
  };
}

export type PaymentPlansService = ReturnType<typeof createPaymentPlansService>;
