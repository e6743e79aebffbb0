import type { Knex } from 'knex';
import { dropAppendOnly, isPostgres, makeAppendOnly } from './dialect.js';

/**
 * Each posting carries its entry's booking date and kind (`booked_on`, `entry_kind`), so money can
 * be summed per date and kind from the postings alone. The evaluation report sums every posting of
 * a year's fines; joining each of them to its entry through the UUID key was most of its time
 * (BENCHMARKS.md, "Evaluation report"). The copies cannot drift: the balance trigger, which already
 * reads an entry's postings when the entry row arrives, now also refuses an entry whose postings
 * carry another date or kind, and both tables stay append-only.
 *
 * The index on postings(fine_id) becomes postings(fine_id, account, booked_on, entry_kind,
 * amount_cents), and the one on postings(account) becomes postings(account, booked_on,
 * amount_cents): the same lookups as before, and an account's or a fine's money up to a date read
 * from the index alone. The number of indexes a posting writes stays the same.
 *
 * Existing rows are filled from their entries; the append-only guard on postings is lifted for
 * that one statement inside this migration's transaction.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('postings', (t) => {
    // SQLite adds a NOT NULL column only with a default; '' is never a valid date or kind, and the
    // balance trigger refuses a posting that does not carry its entry's.
    t.string('booked_on', 10).notNullable().defaultTo('');
    t.string('entry_kind', 40).notNullable().defaultTo('');
  });
  await dropAppendOnly(knex, 'postings');
  if (isPostgres(knex)) {
    await knex.raw('UPDATE postings p SET booked_on = e.booked_on, entry_kind = e.kind FROM journal_entries e WHERE e.id = p.entry_id');
  } else {
    await knex.raw(`UPDATE postings SET
      booked_on = (SELECT e.booked_on FROM journal_entries e WHERE e.id = postings.entry_id),
      entry_kind = (SELECT e.kind FROM journal_entries e WHERE e.id = postings.entry_id)`);
  }
  await makeAppendOnly(knex, 'postings');
  await knex.schema.alterTable('postings', (t) => {
    t.dropIndex(['fine_id']);
    t.index(['fine_id', 'account', 'booked_on', 'entry_kind', 'amount_cents'], 'postings_fine_money_index');
    t.dropIndex(['account']);
    t.index(['account', 'booked_on', 'amount_cents'], 'postings_account_money_index');
  });
  await replaceBalanceTrigger(knex, true);
}

export async function down(knex: Knex): Promise<void> {
  await replaceBalanceTrigger(knex, false);
  await knex.schema.alterTable('postings', (t) => {
    t.dropIndex([], 'postings_account_money_index');
    t.index(['account']);
    t.dropIndex([], 'postings_fine_money_index');
    t.index(['fine_id']);
  });
  // Raw DROP COLUMN on both databases: knex would rebuild the SQLite table, losing its triggers.
  await knex.raw('ALTER TABLE postings DROP COLUMN entry_kind');
  await knex.raw('ALTER TABLE postings DROP COLUMN booked_on');
}

/**
 * The balance trigger of the ledger migration, with (or, going down, without) the check that every
 * posting carries its entry's booking date and kind. On SQLite the postings are read once for all
 * three conditions (the old trigger read them twice).
 */
async function replaceBalanceTrigger(knex: Knex, withBookingColumns: boolean): Promise<void> {
  if (isPostgres(knex)) {
    // PostgreSQL branch: the trigger stays; its function is replaced.
    const mismatch = withBookingColumns ? 'COUNT(*) FILTER (WHERE booked_on <> NEW.booked_on OR entry_kind <> NEW.kind)' : '0';
    await knex.raw(`
      CREATE OR REPLACE FUNCTION bboor_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE total numeric; lines integer; strays integer;
      BEGIN
        SELECT COALESCE(SUM(amount_cents), 0), COUNT(*), ${mismatch} INTO total, lines, strays FROM postings WHERE entry_id = NEW.id;
        IF total <> 0 OR lines <> NEW.line_count OR lines < 2 THEN
          RAISE EXCEPTION 'bboor: journal entry % does not balance (sum %, % of % lines)', NEW.id, total, lines, NEW.line_count;
        END IF;
        IF strays > 0 THEN
          RAISE EXCEPTION 'bboor: % postings of journal entry % do not carry its booking date and kind', strays, NEW.id;
        END IF;
        RETURN NEW;
      END $$`);
    return;
  }
  // SQLite branch: a trigger cannot be altered, so it is dropped and made again.
  await knex.raw('DROP TRIGGER IF EXISTS journal_entries_balanced');
  if (withBookingColumns) {
    await knex.raw(`CREATE TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
      WHEN (SELECT COALESCE(SUM(amount_cents), 0) <> 0 OR COUNT(*) <> NEW.line_count
              OR SUM(booked_on <> NEW.booked_on OR entry_kind <> NEW.kind) > 0
            FROM postings WHERE entry_id = NEW.id)
        OR NEW.line_count < 2
      BEGIN SELECT RAISE(ABORT, 'bboor: journal entry does not balance, or its postings do not carry its booking date and kind'); END`);
  } else {
    await knex.raw(`CREATE TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
      WHEN (SELECT COALESCE(SUM(amount_cents), 0) FROM postings WHERE entry_id = NEW.id) <> 0
        OR (SELECT COUNT(*) FROM postings WHERE entry_id = NEW.id) <> NEW.line_count
        OR NEW.line_count < 2
      BEGIN SELECT RAISE(ABORT, 'bboor: journal entry does not balance'); END`);
  }
}
