import type { Knex } from 'knex';
import { dropAppendOnly, isPostgres, makeAppendOnly } from './dialect.js';

/**
 * The append-only double-entry ledger (design.md §5).
 *
 * Balance is enforced by the database, not only by the service: the postings of an entry are
 * written first and the entry row last. Inserting the entry checks that its postings sum to zero
 * and that there are exactly `line_count` of them (at least two); once the entry exists no
 * posting can be added to it. The postings' foreign key is checked at commit (deferred), so
 * postings whose entry never arrives roll the whole transaction back.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('journal_entries', (t) => {
    t.string('id', 36).primary(); // UUID, chosen by the service before the postings are written
    t.string('booked_on', 10).notNullable(); // civil date, Europe/Amsterdam
    t.string('kind', 40).notNullable();
    t.integer('fine_id');
    t.integer('bank_transaction_id');
    t.string('idempotency_key', 200).unique();
    t.string('content_hash', 64).notNullable();
    t.string('reverses_entry_id', 36).unique().references('journal_entries.id');
    t.text('description').notNullable();
    t.integer('line_count').notNullable();
    t.integer('actor_user_id');
    t.string('actor', 120).notNullable();
    t.string('created_at', 30).notNullable();
    t.index(['booked_on']);
    t.index(['fine_id']);
  });

  await knex.schema.createTable('postings', (t) => {
    t.bigIncrements('id');
    const fk = t.string('entry_id', 36).notNullable().references('journal_entries.id');
    // PostgreSQL: the builder can declare the key deferred. SQLite ignores DEFERRABLE in knex's
    // builder; the ledger repository defers it per transaction with PRAGMA defer_foreign_keys.
    if (isPostgres(knex)) fk.deferrable('deferred');
    t.integer('line_no').notNullable();
    t.string('account', 64).notNullable();
    t.integer('fine_id');
    t.bigInteger('amount_cents').notNullable(); // debit positive, credit negative
    t.unique(['entry_id', 'line_no']);
    t.index(['account']);
    t.index(['fine_id']);
    t.check('?? <> 0', ['amount_cents'], 'postings_amount_not_zero');
  });

  if (isPostgres(knex)) {
    // PostgreSQL branch: PL/pgSQL trigger functions.
    await knex.raw(`
      CREATE OR REPLACE FUNCTION bboor_posting_entry_open() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM journal_entries WHERE id = NEW.entry_id) THEN
          RAISE EXCEPTION 'bboor: journal entry % is already booked; its postings are final', NEW.entry_id;
        END IF;
        RETURN NEW;
      END $$`);
    await knex.raw(`CREATE TRIGGER postings_entry_open BEFORE INSERT ON postings
      FOR EACH ROW EXECUTE FUNCTION bboor_posting_entry_open()`);
    await knex.raw(`
      CREATE OR REPLACE FUNCTION bboor_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE total numeric; lines integer;
      BEGIN
        SELECT COALESCE(SUM(amount_cents), 0), COUNT(*) INTO total, lines FROM postings WHERE entry_id = NEW.id;
        IF total <> 0 OR lines <> NEW.line_count OR lines < 2 THEN
          RAISE EXCEPTION 'bboor: journal entry % does not balance (sum %, % of % lines)', NEW.id, total, lines, NEW.line_count;
        END IF;
        RETURN NEW;
      END $$`);
    await knex.raw(`CREATE TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
      FOR EACH ROW EXECUTE FUNCTION bboor_entry_balanced()`);
  } else {
    // SQLite branch: the same two rules as WHEN-guarded triggers.
    await knex.raw(`CREATE TRIGGER postings_entry_open BEFORE INSERT ON postings
      WHEN EXISTS (SELECT 1 FROM journal_entries WHERE id = NEW.entry_id)
      BEGIN SELECT RAISE(ABORT, 'bboor: journal entry is already booked; its postings are final'); END`);
    await knex.raw(`CREATE TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
      WHEN (SELECT COALESCE(SUM(amount_cents), 0) FROM postings WHERE entry_id = NEW.id) <> 0
        OR (SELECT COUNT(*) FROM postings WHERE entry_id = NEW.id) <> NEW.line_count
        OR NEW.line_count < 2
      BEGIN SELECT RAISE(ABORT, 'bboor: journal entry does not balance'); END`);
  }
  await makeAppendOnly(knex, 'journal_entries');
  await makeAppendOnly(knex, 'postings');
}

export async function down(knex: Knex): Promise<void> {
  await dropAppendOnly(knex, 'postings');
  await dropAppendOnly(knex, 'journal_entries');
  if (isPostgres(knex)) {
    await knex.raw('DROP TRIGGER IF EXISTS journal_entries_balanced ON journal_entries');
    await knex.raw('DROP TRIGGER IF EXISTS postings_entry_open ON postings');
  } else {
    await knex.raw('DROP TRIGGER IF EXISTS journal_entries_balanced');
    await knex.raw('DROP TRIGGER IF EXISTS postings_entry_open');
  }
  await knex.schema.dropTable('postings');
  await knex.schema.dropTable('journal_entries');
  if (isPostgres(knex)) {
    await knex.raw('DROP FUNCTION IF EXISTS bboor_entry_balanced()');
    await knex.raw('DROP FUNCTION IF EXISTS bboor_posting_entry_open()');
  }
}
