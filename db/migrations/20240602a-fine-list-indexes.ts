import type { Knex } from 'knex';

/**
 * Indexes for the fines list (the back office's page, GET /api/v1/fines): each order it offers
 * can be read from an index and stop after one page, instead of sorting every fine. With the id as
 * the second column, PostgreSQL reads the tie-breaker's order from the index too (SQLite's
 * indexes end in the rowid, which is the id). case_number is unique already; offence_date and
 * issued_on have their index since the fines table was made.
 *
 * postings_taken_off_index: the fines with money taken off a receivable (paid, reduced, written
 * off, cancelled), a partial index of those postings only (its condition is written exactly as
 * fines.query.ts asks, so both databases see that it applies); the status filter sums a fine's
 * balance only for those fines. fines_status_columns_index: the columns the status filter reads
 * from every fine, so that counting a status's fines reads the index, not the wide fines rows.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('fines', (t) => {
    t.index(['registered_at', 'id']);
    t.index(['due_on', 'id']);
    t.index(['amount_cents', 'id']);
    t.index(['due_on', 'withdrawn_at', 'issued_on', 'cancelled_on', 'amount_cents'], 'fines_status_columns_index');
  });
  await knex.schema.alterTable('postings', (t) => {
    t.index(['fine_id'], 'postings_taken_off_index', {
      predicate: knex.whereRaw("account >= 'receivable:' AND account < 'receivable;' AND amount_cents < 0"),
    });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('postings', (t) => {
    t.dropIndex([], 'postings_taken_off_index');
  });
  await knex.schema.alterTable('fines', (t) => {
    t.dropIndex([], 'fines_status_columns_index');
    t.dropIndex(['amount_cents', 'id']);
    t.dropIndex(['due_on', 'id']);
    t.dropIndex(['registered_at', 'id']);
  });
}
