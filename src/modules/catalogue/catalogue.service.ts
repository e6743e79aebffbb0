import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { NotFoundError, RuleViolationError } from '../../shared/errors.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import * as repo from './catalogue.repository.js';
import type { Tariff } from './catalogue.types.js';

export function createCatalogueService({ db, clock, audit }: { db: Knex; clock: Clock; audit: AuditLog }) {
  return {
    offencesOn: (date: string) => repo.listOffencesOn(db, date),
    offenceOn: (code: string, date: string) => repo.findOffenceOn(db, code, date),

    async offenceWithTariffs(code: string) {
      const offence = await repo.findOffence(db, code);
      if (!offence) throw new NotFoundError(`Feit ${code} staat niet in de catalogus.`);
      return { ...offence, tariffs: await repo.listTariffs(db, code) };
    },

    /**
     * Adds a dated tariff. Existing tariffs are never changed; and a new tariff may not start on
     * or before the offence date of a fine already registered for the offence, because that
     * would re-price the past (the fine keeps the tariff it was registered with).
     */
    async addTariff(actor: Actor, code: string, input: { validFrom: string; amountCents: number; source: string; confirmed: boolean }, requestId?: string): Promise<Tariff> {
      return db.transaction(async (trx) => {
        if (!(await repo.findOffence(trx, code))) throw new NotFoundError(`Feit ${code} staat niet in de catalogus.`);
        const latest = await repo.latestOffenceDate(trx, code);
        if (latest && input.validFrom <= latest) {
          throw new RuleViolationError(`Er zijn al boetes voor ${code} met een pleegdatum tot ${latest}; een nieuw tarief kan pas na die datum ingaan.`, { errors: [{ field: 'validFrom', message: `moet na ${latest} liggen` }] });
        }
        const existing = await repo.listTariffs(trx, code);
        if (existing.some((t) => t.validFrom === input.validFrom)) {
          throw new RuleViolationError(`Er is al een tarief voor ${code} vanaf ${input.validFrom}; tarieven worden niet gewijzigd.`, { errors: [{ field: 'validFrom', message: 'bestaat al' }] });
        }
        const tariff = await repo.insertTariff(trx, { offenceCode: code, ...input, createdAt: clock.now().toISOString(), createdBy: actor.label });
        await audit.record(trx, actor, { action: 'tariff.create', subjectType: 'offence', subjectId: code, details: { tariffId: tariff.id, validFrom: input.validFrom, amountCents: input.amountCents }, reason: input.source, requestId: requestId ?? null });
        return tariff;
      });
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
