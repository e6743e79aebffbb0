import type { Knex } from 'knex';
import { dropAppendOnly, makeAppendOnly } from './dialect.js';

/**
 * Bank statements and what became of every line: the imports, the statements' balances, the
 * bank lines (each with a stable identity so an import is idempotent), the matching decisions
 * with their evidence, allocations to fines, refund proposals and four-eyes approvals.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('bank_imports', (t) => {
    t.increments('id');
    t.string('format', 20).notNullable();
    t.string('file_name', 255);
    t.string('file_sha256', 64).notNullable();
    t.string('encoding', 20).notNullable();
    t.string('imported_at', 30).notNullable();
    t.integer('actor_user_id');
    t.string('actor', 120).notNullable();
    t.integer('transactions').notNullable();
    t.integer('new_lines').notNullable();
    t.integer('duplicates').notNullable();
    t.text('warnings').notNullable(); // JSON array of strings
  });

  await knex.schema.createTable('bank_statements', (t) => {
    t.increments('id');
    t.integer('import_id').notNullable().references('bank_imports.id');
    t.string('account', 34).notNullable();
    t.string('currency', 3).notNullable();
    t.string('bank_statement_id', 80);
    t.string('sequence', 40);
    t.bigInteger('opening_balance_cents');
    t.string('opening_date', 10);
    t.bigInteger('closing_balance_cents');
    t.string('closing_date', 10);
    t.index(['account', 'closing_date']);
  });

  await knex.schema.createTable('bank_transactions', (t) => {
    t.increments('id');
    // SHA-256 of account, booking date, bank reference or EndToEndId, amount, sign, position in
    // the entry, and the occurrence among identical lines of the same file (design.md §10).
    t.string('identity', 64).notNullable().unique();
    t.integer('import_id').notNullable().references('bank_imports.id');
    t.integer('statement_id').references('bank_statements.id');
    t.integer('line_no').notNullable();
    t.string('account', 34).notNullable();
    t.string('booking_date', 10).notNullable();
    t.string('value_date', 10);
    t.bigInteger('amount_cents').notNullable(); // positive
    t.string('direction', 6).notNullable(); // credit | debit
    t.boolean('reversal').notNullable();
    t.string('return_reason', 10);
    t.string('bank_reference', 80);
    t.string('end_to_end_id', 80);
    t.integer('position_in_entry').notNullable();
    t.string('counterparty_iban', 34); // personal data of the payer: for matching and refunds only
    t.string('counterparty_name', 140);
    t.string('counterparty_bic', 11);
    t.string('structured_reference', 35);
    t.text('remittance_text');
    t.string('bank_code', 40);
    t.index(['booking_date']);
    t.index(['counterparty_iban']);
    t.index(['end_to_end_id']);
    t.check("?? in ('credit','debit')", ['direction'], 'bank_transactions_direction');
    t.check('?? > 0', ['amount_cents'], 'bank_transactions_amount_positive');
  });

  // Every decision about a line, with the rule that fired, its evidence and who confirmed it.
  await knex.schema.createTable('match_decisions', (t) => {
    t.bigIncrements('id');
    t.integer('bank_transaction_id').notNullable().references('bank_transactions.id');
    t.string('rule', 40).notNullable();
    t.string('outcome', 20).notNullable(); // booked | suggested | rejected | refund | returned
    t.integer('fine_id').references('fines.id');
    t.text('evidence').notNullable(); // JSON
    t.string('decided_at', 30).notNullable();
    t.string('decided_by', 120).notNullable();
    t.integer('decided_by_user_id');
    t.string('confirmed_by', 120);
    t.index(['bank_transaction_id']);
  });

  // Money moved from suspense to a fine (positive) or back (negative, on unallocation or return).
  await knex.schema.createTable('allocations', (t) => {
    t.bigIncrements('id');
    t.integer('bank_transaction_id').notNullable().references('bank_transactions.id');
    t.integer('fine_id').notNullable().references('fines.id');
    t.bigInteger('amount_cents').notNullable();
    t.string('entry_id', 36).notNullable().references('journal_entries.id');
    t.string('created_at', 30).notNullable();
    t.string('actor', 120).notNullable();
    t.index(['bank_transaction_id']);
    t.index(['fine_id']);
  });

  await knex.schema.createTable('refund_proposals', (t) => {
    t.increments('id');
    t.integer('bank_transaction_id').notNullable().references('bank_transactions.id');
    t.integer('fine_id').references('fines.id');
    t.bigInteger('amount_cents').notNullable();
    t.string('payer_iban', 34);
    t.string('payer_name', 140);
    t.string('reason', 200).notNullable();
    t.string('status', 12).notNullable(); // proposed | paid | cancelled
    t.string('created_at', 30).notNullable();
    t.string('entry_id', 36).notNullable(); // the entry that put the money on liability:refunds
    t.integer('paid_bank_transaction_id').references('bank_transactions.id');
    t.string('paid_on', 10);
    t.index(['status']);
  });

  await knex.schema.createTable('approvals', (t) => {
    t.increments('id');
    t.string('kind', 40).notNullable();
    t.integer('bank_transaction_id').references('bank_transactions.id');
    t.text('payload').notNullable(); // JSON of the requested action
    t.integer('requested_by_user_id').notNullable();
    t.string('requested_by', 120).notNullable();
    t.string('requested_at', 30).notNullable();
    t.string('status', 12).notNullable(); // pending | approved | rejected
    t.integer('decided_by_user_id');
    t.string('decided_by', 120);
    t.string('decided_at', 30);
    t.text('decision_reason');
    t.index(['status']);
  });

  await makeAppendOnly(knex, 'allocations');
  await makeAppendOnly(knex, 'match_decisions');
}

export async function down(knex: Knex): Promise<void> {
  await dropAppendOnly(knex, 'match_decisions');
  await dropAppendOnly(knex, 'allocations');
  for (const table of ['approvals', 'refund_proposals', 'allocations', 'match_decisions', 'bank_transactions', 'bank_statements', 'bank_imports']) {
    await knex.schema.dropTable(table);
  }
}
