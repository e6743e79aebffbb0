import type { Knex } from 'knex';

/**
 * The evaluation report's index of a year's fines (its cohort): the issue date first, then every
 * column the report reads of a fine. The report's queries then read this index only, never the
 * wide fines rows, and on SQLite they come out of it in (issue date, offence) order, so the money
 * of the year's postings is summed per issue day and offence as the rows arrive instead of being
 * sorted first (BENCHMARKS.md, "Evaluation report"). The index on issued_on alone stays: the fines
 * list pages by (issued_on, id).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('fines', (t) => {
    t.index(['issued_on', 'offence_code', 'district', 'cancelled_on', 'reduced_for_minor', 'due_on', 'amount_cents'], 'fines_cohort_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('fines', (t) => {
    t.dropIndex([], 'fines_cohort_index');
  });
}
