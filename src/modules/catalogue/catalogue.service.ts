import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { NotFoundError, RuleViolationError } from '../../shared/errors.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import * as repo from './catalogue.repository.js';
import type { OffenceOnDate, Tariff } from './catalogue.types.js';
import { ttlCache } from '../../shared/ttl-cache.js';
import { REFERENCE_CACHE_MS } from '../reference/reference.service.js';

/** The tariff in force on a date: the latest valid-from on or before it (tariffs oldest first). */
function tariffOn(tariffs: readonly Tariff[], date: string): Tariff | null {
  let found: Tariff | null = null;
  for (const t of tariffs) if (t.validFrom <= date) found = t;
  return found;
}

export function createCatalogueService({ db, clock, audit, cacheMs = REFERENCE_CACHE_MS }: { db: Knex; clock: Clock; audit: AuditLog; cacheMs?: number }) {
  // Every registration looks its offence up; the catalogue is small and changes only by addTariff
  // here (which drops the cache) or by `bboor seed` in another process (seen after cacheMs).
  const catalogue = ttlCache(async () => {
    const offences = await repo.listCatalogue(db);
    for (const o of offences) Object.freeze(o.tariffs.map((t) => Object.freeze(t)));
    return new Map(offences.map((o) => [o.code, Object.freeze(o)] as const));
  }, cacheMs);

  return {
    offencesOn: (date: string) => repo.listOffencesOn(db, date),

    async offenceOn(code: string, date: string): Promise<OffenceOnDate | null> {
      const offence = (await catalogue.get()).get(code);
      const tariff = offence ? tariffOn(offence.tariffs, date) : null;
      if (!offence || !tariff) return null;
      const { tariffs: _all, ...rest } = offence;
      return { ...rest, tariff };
    },

    /** After another writer in this process changed the catalogue (loading reference data). */
    invalidate: () => catalogue.invalidate(),

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
      const added = await db.transaction(async (trx) => {
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
      catalogue.invalidate();
      return added;
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
