import type { Knex } from 'knex';
import { toSafeInteger } from '../../shared/db.js';
import type { Offence, OffenceOnDate, OffenceReference, Tariff } from './catalogue.types.js';

type DbRow = Record<string, unknown>;

function offenceFromDb(r: DbRow): Offence {
  return {
    code: String(r.code),
    section: String(r.section),
    shortName: String(r.short_name),
    description: String(r.description),
    apvArticle: String(r.apv_article),
    apvArticleConfirmed: Boolean(r.apv_article_confirmed),
    note: (r.note as string | null) ?? null,
  };
}

function tariffFromDb(r: DbRow, prefix = ''): Tariff {
  return {
    id: toSafeInteger(r[`${prefix}id`]),
    offenceCode: String(r[`${prefix}offence_code`]),
    validFrom: String(r[`${prefix}valid_from`]),
    amountCents: toSafeInteger(r[`${prefix}amount_cents`]),
    confirmed: Boolean(r[`${prefix}confirmed`]),
    source: String(r[`${prefix}source`]),
  };
}

/** Joins the tariff row in force on a date: the latest valid_from on or before it. */
const TARIFF_IN_FORCE =
  'JOIN offence_tariffs t ON t.id = (SELECT t2.id FROM offence_tariffs t2 WHERE t2.offence_code = o.code AND t2.valid_from <= ? ORDER BY t2.valid_from DESC LIMIT 1)';
const TARIFF_COLUMNS = ['o.*', 't.id as t_id', 't.offence_code as t_offence_code', 't.valid_from as t_valid_from', 't.amount_cents as t_amount_cents', 't.confirmed as t_confirmed', 't.source as t_source'];

export async function listOffencesOn(db: Knex, date: string): Promise<OffenceOnDate[]> {
  const rows = await db('offences as o').joinRaw(TARIFF_IN_FORCE, [date]).orderBy('o.code').select(TARIFF_COLUMNS);
  return rows.map((r: DbRow) => ({ ...offenceFromDb(r), tariff: tariffFromDb(r, 't_') }));
}

export async function findOffence(db: Knex, code: string): Promise<Offence | null> {
  const row = await db('offences').where({ code }).first();
  return row ? offenceFromDb(row) : null;
}

export async function listTariffs(db: Knex, code: string): Promise<Tariff[]> {
  return (await db('offence_tariffs').where({ offence_code: code }).orderBy('valid_from')).map((r: DbRow) => tariffFromDb(r));
}

export async function insertTariff(trx: Knex, t: Omit<Tariff, 'id'> & { createdAt: string; createdBy: string }): Promise<Tariff> {
  const [row] = await trx('offence_tariffs')
    .insert({ offence_code: t.offenceCode, valid_from: t.validFrom, amount_cents: t.amountCents, confirmed: t.confirmed, source: t.source, created_at: t.createdAt, created_by: t.createdBy })
    .returning('*');
  return tariffFromDb(row);
}

/** The latest offence date of a fine for this offence, or null: a new tariff may not reach back past it. */
export async function latestOffenceDate(db: Knex, code: string): Promise<string | null> {
  const row = await db('fines').where({ offence_code: code }).max({ d: 'offence_date' }).first();
  return (row?.d as string | null) ?? null;
}

/** Loads offences and tariffs that are not there yet; what exists is never rewritten. */
export async function insertMissingOffences(trx: Knex, offences: readonly OffenceReference[], at: string): Promise<{ offences: number; tariffs: number }> {
  let addedOffences = 0;
  let addedTariffs = 0;
  for (const o of offences) {
    const inserted = await trx('offences')
      .insert({ code: o.code, section: o.section, short_name: o.shortName, description: o.description, apv_article: o.apvArticle, apv_article_confirmed: o.apvArticleConfirmed ?? false, note: o.note ?? null })
      .onConflict('code')
      .ignore()
      .returning('code');
    addedOffences += inserted.length;
    for (const t of o.tariffs) {
      const added = await trx('offence_tariffs')
        .insert({ offence_code: o.code, valid_from: t.validFrom, amount_cents: t.amountCents, confirmed: t.confirmed, source: t.source, created_at: at, created_by: 'reference data' })
        .onConflict(['offence_code', 'valid_from'])
        .ignore()
        .returning('id');
      addedTariffs += added.length;
    }
  }
  return { offences: addedOffences, tariffs: addedTariffs };
}

/** Every offence with all its tariffs, oldest first: the whole catalogue is a few dozen rows. */
export async function listCatalogue(db: Knex): Promise<Array<Offence & { tariffs: Tariff[] }>> {
  const offences = (await db('offences').orderBy('code')).map((r: DbRow) => offenceFromDb(r));
  const tariffs = (await db('offence_tariffs').orderBy(['offence_code', 'valid_from'])).map((r: DbRow) => tariffFromDb(r));
  return offences.map((o) => ({ ...o, tariffs: tariffs.filter((t) => t.offenceCode === o.code) }));
}
