import type { Knex } from 'knex';
import { toSafeInteger } from '../../shared/db.js';
import { fineFromDb } from './fines.repository.js';
import type { FineRow, Offender } from './fines.types.js';

type DbRow = Record<string, unknown>;

/** A fine as registration writes it: everything but what issuing, withdrawing or cancelling sets later. */
export type NewFine = Omit<FineRow, 'id' | 'withdrawnAt' | 'withdrawnReason' | 'issuedOn' | 'dueOn' | 'objectionDueOn' | 'paymentReference' | 'lateNoticeReason' | 'issueEntryId' | 'cancelledOn' | 'cancelReason'>;

/**
 * Reserves `count` consecutive sequence numbers of a year in one statement and returns the last;
 * the caller's numbers are last − count + 1 … last. The counter row is updated in place (not money).
 */
export async function reserveCaseSequences(trx: Knex.Transaction, year: number, count: number): Promise<number> {
  const [row] = await trx('case_number_counters')
    .insert({ year, last_sequence: count })
    .onConflict('year')
    .merge({ last_sequence: trx.raw('case_number_counters.last_sequence + ?', [count]) })
    .returning('last_sequence');
  return toSafeInteger((row as DbRow).last_sequence);
}

/** The badge number of each user, by user id. */
export async function badgeNumbers(trx: Knex.Transaction, userIds: readonly number[]): Promise<Map<number, string | null>> {
  const rows: DbRow[] = await trx('users').whereIn('id', [...new Set(userIds)]).select('id', 'badge_number');
  return new Map(rows.map((r) => [toSafeInteger(r.id), (r.badge_number as string | null) ?? null]));
}

/** Inserts the fines in one statement; returns them as stored, in the order given. */
export async function insertFines(trx: Knex.Transaction, fines: readonly NewFine[]): Promise<FineRow[]> {
  const rows: DbRow[] = await trx('fines')
    .insert(
      fines.map((f) => ({
        case_number: f.caseNumber,
        case_year: f.caseYear,
        case_sequence: f.caseSequence,
        offence_code: f.offenceCode,
        tariff_id: f.tariffId,
        tariff_cents: f.tariffCents,
        amount_cents: f.amountCents,
        reduced_for_minor: f.reducedForMinor,
        observed_at: f.observedAt,
        offence_date: f.offenceDate,
        location_street: f.location.street,
        location_house_number: f.location.houseNumber,
        location_postcode: f.location.postcode,
        district: f.location.district,
        lat: f.location.lat,
        lon: f.location.lon,
        observation: f.observation,
        boa_user_id: f.boaUserId,
        badge_number: f.badgeNumber,
        registered_at: f.registeredAt,
      })),
    )
    .returning('*');
  // Neither database promises RETURNING in VALUES order; the case number is unique.
  const byCase = new Map(rows.map((r) => [String(r.case_number), fineFromDb(r)]));
  return fines.map((f) => byCase.get(f.caseNumber)!);
}

export async function insertOffenders(trx: Knex.Transaction, offenders: ReadonlyArray<{ fineId: number; offender: Offender }>): Promise<void> {
  await trx('offenders').insert(
    offenders.map(({ fineId, offender: o }) => ({
      fine_id: fineId,
      given_names: o.givenNames,
      surname: o.surname,
      birth_date: o.birthDate,
      street: o.address.street,
      house_number: o.address.houseNumber,
      postcode: o.address.postcode,
      city: o.address.city,
      country: o.address.country,
    })),
  );
}
