import type { Knex } from 'knex';
import { toSafeInteger } from '../../shared/db.js';
import type { EquatedDay } from '../../domain/deadlines.js';
import type { PolicyValue } from '../../domain/policy.js';
import type { MunicipalityProfile } from './reference.types.js';

export async function findMunicipality(db: Knex): Promise<MunicipalityProfile | null> {
  const r = await db('municipality_profile').first();
  if (!r) return null;
  return {
    code: r.code,
    name: r.name,
    bestuursorgaan: r.bestuursorgaan,
    postalAddress: r.postal_address,
    postcode: r.postcode,
    city: r.city,
    iban: r.iban,
    bic: r.bic ?? null,
    creditorName: r.creditor_name,
    phone: r.phone ?? null,
    website: r.website ?? null,
    email: r.email ?? null,
    bboorFrom: r.bboor_from,
  };
}

/** Inserts the profile when there is none; an existing profile is the municipality's own and stays. */
export async function insertMunicipalityIfMissing(trx: Knex, m: MunicipalityProfile): Promise<boolean> {
  if (await trx('municipality_profile').first('code')) return false;
  await trx('municipality_profile').insert({
    code: m.code,
    name: m.name,
    bestuursorgaan: m.bestuursorgaan,
    postal_address: m.postalAddress,
    postcode: m.postcode,
    city: m.city,
    iban: m.iban,
    bic: m.bic,
    creditor_name: m.creditorName,
    phone: m.phone,
    website: m.website,
    email: m.email,
    bboor_from: m.bboorFrom,
  });
  return true;
}

export async function listPolicyValues(db: Knex): Promise<PolicyValue[]> {
  const rows = await db('policy_values').orderBy(['key', 'valid_from']);
  return rows.map((r) => ({ key: r.key, validFrom: r.valid_from, value: toSafeInteger(r.value), unit: r.unit, source: r.source }));
}

/** Adds dated values that are not there yet; a row once loaded is never changed (it may have been applied). */
export async function insertMissingPolicyValues(trx: Knex, values: readonly PolicyValue[]): Promise<number> {
  let added = 0;
  for (const v of values) {
    const result = await trx('policy_values')
      .insert({ key: v.key, valid_from: v.validFrom, value: v.value, unit: v.unit, source: v.source })
      .onConflict(['key', 'valid_from'])
      .ignore()
      .returning('key');
    added += result.length;
  }
  return added;
}

export async function listEquatedDays(db: Knex): Promise<EquatedDay[]> {
  return (await db('atw_equated_days').orderBy('date')).map((r) => ({ date: r.date, source: r.source }));
}

export async function insertMissingEquatedDays(trx: Knex, days: readonly EquatedDay[]): Promise<number> {
  let added = 0;
  for (const d of days) {
    const result = await trx('atw_equated_days').insert({ date: d.date, source: d.source }).onConflict('date').ignore().returning('date');
    added += result.length;
  }
  return added;
}
