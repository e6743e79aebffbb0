import { createHmac, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { toSafeInteger } from '../../shared/db.js';
import { csvCell } from '../../shared/csv.js';
import { daysBetween } from '../../domain/civil-date.js';
import { ageOn } from '../../domain/tariffs.js';

/** The header of the evaluator export (documented in the README). */
export const EXPORT_COLUMNS = [
  'fine_key', 'offender_key', 'age_band', 'birth_year_band', 'offence_code', 'offence_date', 'issued_on', 'due_on', 'district',
  'amount_cents', 'reduced_for_minor', 'cancelled', 'paid_cents', 'paid_in_full_on', 'days_to_full_payment', 'paid_within_term',
  'reminded', 'handed_off', 'payment_plan', 'objection_outcome', 'written_off_cents', 'outstanding_cents',
] as const;

/** Five-year bands of birth years (1990–1994), so no one is identified by a birth date. */
export function birthYearBand(birthDate: string): string {
  const year = Number(birthDate.slice(0, 4));
  const start = year - (year % 5);
  return `${start}-${start + 4}`;
}

export function ageBand(age: number): string {
  if (age < 16) return '12-15';
  if (age < 18) return '16-17';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 50) return '35-49';
  if (age < 65) return '50-64';
  return '65+';
}

/** The pseudonymisation key: made once, kept in the database, never shown. */
async function pseudonymKey(db: Knex, clock: Clock): Promise<string> {
  const existing = await db('app_secrets').where({ name: 'pseudonym-key' }).first('value');
  if (existing) return String(existing.value);
  await db('app_secrets').insert({ name: 'pseudonym-key', value: randomBytes(32).toString('base64url'), created_at: clock.now().toISOString() }).onConflict('name').ignore();
  return String((await db('app_secrets').where({ name: 'pseudonym-key' }).first('value')).value);
}

const keyed = (key: string, text: string) => createHmac('sha256', key).update(text).digest('base64url').slice(0, 22);

/**
 * One row per fine of the cohort, pseudonymised: keyed hashes instead of identities (the same
 * offender gets the same key in every export), age and birth-year bands instead of a birth date,
 * no names, addresses or IBANs; cells that a spreadsheet would run as formulas are neutralised.
 * Yields CSV lines, so a large year is written as it is read.
 */
export async function* evaluatorCsv(db: Knex, clock: Clock, year: number, asOf: string): AsyncGenerator<string> {
  const key = await pseudonymKey(db, clock);
  yield `\uFEFF${EXPORT_COLUMNS.join(';')}\r\n`;
  let after = 0;
  for (;;) {
    const fines: Record<string, unknown>[] = await db('fines as f')
      .join('offenders as o', 'o.fine_id', 'f.id')
      .whereBetween('f.issued_on', [`${year}-01-01`, `${year}-12-31`])
      .where('f.issued_on', '<=', asOf)
      .where('f.id', '>', after)
      .orderBy('f.id')
      .limit(1000)
      .select('f.*', 'o.given_names', 'o.surname', 'o.birth_date');
    if (fines.length === 0) return;
    const ids = fines.map((f) => toSafeInteger(f.id));
    const postings: Record<string, unknown>[] = await db('postings as p').join('journal_entries as e', 'e.id', 'p.entry_id').whereIn('p.fine_id', ids).where('p.account', 'like', 'receivable:%').where('e.booked_on', '<=', asOf).orderBy([{ column: 'e.booked_on' }, { column: 'e.created_at' }]).select('p.fine_id', 'p.account', 'p.amount_cents', 'e.kind', 'e.booked_on');
    const steps: Record<string, unknown>[] = await db('collection_steps').whereIn('fine_id', ids).where('step_date', '<=', asOf).select('fine_id', 'step');
    const objections: Record<string, unknown>[] = await db('objections').whereIn('fine_id', ids).where('received_on', '<=', asOf).select('fine_id', 'outcome', 'decided_on');
    const plans: Record<string, unknown>[] = await db('payment_plans').whereIn('fine_id', ids).where('granted_on', '<=', asOf).select('fine_id');
    for (const f of fines) {
      const id = toSafeInteger(f.id);
      const own = postings.filter((p) => toSafeInteger(p.fine_id) === id);
      const amount = toSafeInteger(f.amount_cents);
      let paid = 0;
      let paidOn: string | null = null;
      let writtenOff = 0;
      let outstanding = 0;
      for (const p of own) {
        const cents = toSafeInteger(p.amount_cents);
        outstanding += cents;
        if (String(p.kind) === 'fine.write-off') writtenOff -= cents;
        if (String(p.kind).startsWith('payment.') && p.account === 'receivable:fines') {
          paid -= cents;
          if (paid >= amount && paidOn === null) paidOn = String(p.booked_on);
          if (paid < amount) paidOn = null;
        }
      }
      const objection = objections.find((o) => toSafeInteger(o.fine_id) === id);
      const row = [
        keyed(key, `fine:${id}`),
        keyed(key, `offender:${String(f.surname).trim().toLowerCase()}|${String(f.given_names).trim().toLowerCase()}|${String(f.birth_date)}`),
        ageBand(ageOn(String(f.birth_date), String(f.offence_date))),
        birthYearBand(String(f.birth_date)),
        f.offence_code,
        f.offence_date,
        f.issued_on,
        f.due_on,
        f.district,
        amount,
        Boolean(f.reduced_for_minor),
        f.cancelled_on !== null && String(f.cancelled_on) <= asOf,
        paid,
        paidOn,
        paidOn ? daysBetween(String(f.issued_on), paidOn) : null,
        paidOn !== null && paidOn <= String(f.due_on),
        steps.some((s) => toSafeInteger(s.fine_id) === id && s.step === 'aanmaning'),
        steps.some((s) => toSafeInteger(s.fine_id) === id && s.step === 'dwangbevel'),
        plans.some((p) => toSafeInteger(p.fine_id) === id),
        objection ? (objection.outcome && String(objection.decided_on) <= asOf ? objection.outcome : 'pending') : null,
        writtenOff,
        outstanding,
      ];
      yield `${row.map(csvCell).join(';')}\r\n`;
    }
    after = toSafeInteger(fines[fines.length - 1]!.id);
  }
}
