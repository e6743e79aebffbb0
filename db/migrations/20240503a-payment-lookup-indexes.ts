import type { Knex } from 'knex';

/**
 * Indexes that keep importing and matching a bank statement linear in its size:
 * - `journal_entries(bank_transaction_id)`: what of a bank line is still unallocated is summed over
 *   the entries of that line; without it every lookup walks all entries of every line imported.
 * - `allocations(entry_id)`: the key from allocations to journal_entries. SQLite checks a new
 *   entry against every table that references journal_entries while the ledger's deferred foreign
 *   keys are pending (postings are written before their entry), so without this index each entry
 *   booked scanned all allocations, and booking n allocations cost O(n²).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('journal_entries', (t) => {
    t.index(['bank_transaction_id']);
  });
  await knex.schema.alterTable('allocations', (t) => {
    t.index(['entry_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('allocations', (t) => {
    t.dropIndex(['entry_id']);
  });
  await knex.schema.alterTable('journal_entries', (t) => {
    t.dropIndex(['bank_transaction_id']);
  });
}
