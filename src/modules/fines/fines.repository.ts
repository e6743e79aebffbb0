import type { Knex } from 'knex';
import { toSafeInteger } from '../../shared/db.js';
import type { FineBalance, FineEvent, FineRow, Offender } from './fines.types.js';

type DbRow = Record<string, unknown>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function fineFromDb(r: DbRow): FineRow {
  return {
    id: toSafeInteger(r.id),
    caseNumber: String(r.case_number),
    caseYear: toSafeInteger(r.case_year),
    caseSequence: toSafeInteger(r.case_sequence),
    offenceCode: String(r.offence_code),
    tariffId: toSafeInteger(r.tariff_id),
    tariffCents: toSafeInteger(r.tariff_cents),
    amountCents: toSafeInteger(r.amount_cents),
    reducedForMinor: Boolean(r.reduced_for_minor),
    observedAt: String(r.observed_at),
    offenceDate: String(r.offence_date),
    location: { street: String(r.location_street), houseNumber: str(r.location_house_number), postcode: str(r.location_postcode), district: String(r.district), lat: num(r.lat), lon: num(r.lon) },
    observation: String(r.observation),
    boaUserId: toSafeInteger(r.boa_user_id),
    badgeNumber: String(r.badge_number),
    registeredAt: String(r.registered_at),
    withdrawnAt: str(r.withdrawn_at),
    withdrawnReason: str(r.withdrawn_reason),
    issuedOn: str(r.issued_on),
    dueOn: str(r.due_on),
    objectionDueOn: str(r.objection_due_on),
    paymentReference: str(r.payment_reference),
    lateNoticeReason: str(r.late_notice_reason),
    issueEntryId: str(r.issue_entry_id),
    cancelledOn: str(r.cancelled_on),
    cancelReason: str(r.cancel_reason),
  };
}

export async function findFine(db: Knex, id: number): Promise<FineRow | null> {
  const row = await db('fines').where({ id }).first();
  return row ? fineFromDb(row) : null;
}

export async function findFineForUpdate(trx: Knex.Transaction, id: number): Promise<FineRow | null> {
  const q = trx('fines').where({ id }).first();
  // PostgreSQL: lock the row so two concurrent issue/cancel requests take turns.
  if (trx.client.config.client !== 'sqlite3') q.forUpdate();
  const row = await q;
  return row ? fineFromDb(row) : null;
}

export async function findOffender(db: Knex, fineId: number): Promise<Offender | null> {
  const r = await db('offenders').where({ fine_id: fineId }).first();
  if (!r) return null;
  return { givenNames: r.given_names, surname: r.surname, birthDate: r.birth_date, address: { street: r.street, houseNumber: r.house_number, postcode: r.postcode, city: r.city, country: r.country } };
}

export async function updateFine(trx: Knex.Transaction, id: number, changes: Record<string, unknown>): Promise<void> {
  await trx('fines').where({ id }).update(changes);
}

export async function insertEvent(trx: Knex.Transaction, fineId: number, e: FineEvent & { actorUserId: number | null }): Promise<void> {
  await insertEvents(trx, [{ fineId, ...e }]);
}

export async function insertEvents(trx: Knex.Transaction, events: ReadonlyArray<FineEvent & { fineId: number; actorUserId: number | null }>): Promise<void> {
  await trx('fine_events').insert(events.map((e) => ({ fine_id: e.fineId, occurred_at: e.occurredAt, on_date: e.onDate, type: e.type, actor_user_id: e.actorUserId, actor: e.actor, details: e.details ? JSON.stringify(e.details) : null })));
}

export async function listEvents(db: Knex, fineId: number): Promise<FineEvent[]> {
  const rows = await db('fine_events').where({ fine_id: fineId }).orderBy('id');
  return rows.map((r: DbRow) => ({ occurredAt: String(r.occurred_at), onDate: String(r.on_date), type: String(r.type), actor: String(r.actor), details: r.details ? JSON.parse(String(r.details)) : null }));
}

/**
 * A fine's balance from the ledger: what its receivable accounts hold, split by what put it
 * there. Entries whose kind starts with `payment.` are money received (or returned); a write-off
 * takes the rest off without payment; everything else imposes (or corrects) the fine and costs.
 */
export async function fineBalance(db: Knex, fineId: number, asOf: string): Promise<FineBalance> {
  // Each posting carries its entry's kind and booking date (migration 20240701a).
  const bucket = "CASE WHEN p.entry_kind LIKE 'payment.%' THEN 'paid' WHEN p.entry_kind = 'fine.write-off' THEN 'written-off' ELSE 'imposed' END";
  const rows: DbRow[] = await db('postings as p')
    .where('p.fine_id', fineId)
    .where('p.account', 'like', 'receivable:%')
    .where('p.booked_on', '<=', asOf)
    .groupBy('p.account', db.raw(bucket))
    .select('p.account', db.raw(`${bucket} AS bucket`))
    .sum({ total: 'p.amount_cents' });
  let principal = 0;
  let costs = 0;
  let paid = 0;
  let writtenOff = 0;
  for (const r of rows) {
    const total = toSafeInteger(r.total);
    if (r.bucket === 'paid') paid -= total;
    else if (r.bucket === 'written-off') writtenOff -= total;
    else if (r.account === 'receivable:fines') principal += total;
    else costs += total;
  }
  return { principalCents: principal, costsCents: costs, paidCents: paid, writtenOffCents: writtenOff, outstandingCents: principal + costs - paid - writtenOff };
}
