import type { Knex } from 'knex';
import { isPostgres } from './dialect.js';

/**
 * Indexes for the evaluation report (BENCHMARKS.md, "Evaluation report").
 *
 * fines_cohort_index: a year's fines (the cohort), the issue date first, then every column the
 * report reads of a fine. The report's queries then read this index only, never the wide fines
 * rows, and on SQLite they come out of it in (issue date, offence) order, so the money of the
 * year's postings is summed per issue day and offence as the rows arrive instead of being sorted
 * first. The index on issued_on alone stays: the fines list pages by (issued_on, id). It holds
 * issued fines only (a rapport gets its entry when the beschikking is issued), so registering a
 * rapport, the boa's request that has to be fast, does not write it; every query of a year's fines
 * compares issued_on, which both databases take as implying that condition.
 *
 * postings_fine_payments_index (PostgreSQL only): the payments on the fines themselves (payment.*
 * on receivable:fines), about one posting in eight, in each fine's booking order. PostgreSQL reads
 * the payments of a year from it alone instead of scanning every posting. SQLite reaches a fine's
 * payments through the postings' fine index (it starts from the fines), so there it would only
 * cost writes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('fines', (t) => {
    t.index(['issued_on', 'offence_code', 'district', 'cancelled_on', 'reduced_for_minor', 'due_on', 'amount_cents'], 'fines_cohort_index', {
      predicate: knex.whereNotNull('issued_on'),
    });
  });
  if (isPostgres(knex)) {
    // PostgreSQL branch: a partial index (its condition written exactly as the report asks).
    await knex.raw(`CREATE INDEX postings_fine_payments_index ON postings (fine_id, booked_on, id, amount_cents)
      WHERE account = 'receivable:fines' AND entry_kind >= 'payment.' AND entry_kind < 'payment/'`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPostgres(knex)) await knex.raw('DROP INDEX IF EXISTS postings_fine_payments_index');
  await knex.schema.alterTable('fines', (t) => {
    t.dropIndex([], 'fines_cohort_index');
  });
}
