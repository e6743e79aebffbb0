import type { Knex } from 'knex';
import { readJson } from '../../shared/paths.js';
import { ttlCache } from '../../shared/ttl-cache.js';
import type { EquatedDay } from '../../domain/deadlines.js';
import type { PolicyValue } from '../../domain/policy.js';
import type { AuditLog } from '../audit/audit.service.js';
import { SYSTEM_ACTOR } from '../audit/audit.types.js';
import * as repo from './reference.repository.js';
import type { MunicipalityProfile } from './reference.types.js';
import { insertMissingOffences } from '../catalogue/catalogue.repository.js';
import type { OffenceReference } from '../catalogue/catalogue.types.js';

export interface ReferenceLoadResult {
  municipality: boolean;
  policyValues: number;
  equatedDays: number;
  offences: number;
  tariffs: number;
}

/**
 * Loads the reference data of db/reference/ (municipality profile, dated policy values,
 * gelijkgestelde dagen). Idempotent: what is there already is left alone, so a second run adds
 * nothing, and a value that may already have been applied is never rewritten.
 */
export async function loadReferenceData(db: Knex, audit: AuditLog, at: string): Promise<ReferenceLoadResult> {
  const municipality = readJson<MunicipalityProfile>('db', 'reference', 'municipality.json');
  const policies = readJson<{ values: PolicyValue[] }>('db', 'reference', 'policy-values.json').values;
  const equated = readJson<EquatedDay[]>('db', 'reference', 'atw-equated-days.json');
  const offences = readJson<{ offences: OffenceReference[] }>('db', 'reference', 'offences.json').offences;
  return db.transaction(async (trx) => {
    const result = {
      municipality: await repo.insertMunicipalityIfMissing(trx, municipality),
      policyValues: await repo.insertMissingPolicyValues(trx, policies),
      equatedDays: await repo.insertMissingEquatedDays(trx, equated),
      ...(await insertMissingOffences(trx, offences, at)),
    };
    if (result.municipality || result.policyValues > 0 || result.equatedDays > 0 || result.offences > 0 || result.tariffs > 0) {
      await audit.record(trx, SYSTEM_ACTOR, { action: 'reference.load', subjectType: 'reference', details: { ...result } });
    }
    return result;
  });
}

/**
 * How long reference data read from the database is reused. It changes only when `bboor seed`
 * loads a new reference file or an admin adds a dated value, and every value carries its own
 * valid-from date, so a few seconds' delay for another process's change is harmless; without the
 * cache each registration would read it again (BENCHMARKS.md, registration).
 */
export const REFERENCE_CACHE_MS = 10_000;

function frozenList<T extends object>(items: T[]): T[] {
  for (const item of items) Object.freeze(item);
  return Object.freeze(items) as T[];
}

export function createReferenceService(db: Knex, cacheMs = REFERENCE_CACHE_MS) {
  const municipality = ttlCache(async (): Promise<MunicipalityProfile> => {
    const m = await repo.findMunicipality(db);
    if (!m) throw new Error('municipality profile missing: run `bboor seed`');
    return Object.freeze(m);
  }, cacheMs);
  // Frozen: every caller shares the cached lists, so none may change them.
  const policyValues = ttlCache(async () => frozenList(await repo.listPolicyValues(db)), cacheMs);
  const equatedDays = ttlCache(async () => frozenList(await repo.listEquatedDays(db)), cacheMs);
  return {
    municipality: () => municipality.get(),
    policyValues: () => policyValues.get(),
    equatedDays: () => equatedDays.get(),
    /** After this process wrote reference data: the next read goes to the database. */
    invalidate() {
      municipality.invalidate();
      policyValues.invalidate();
      equatedDays.invalidate();
    },
  };
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
