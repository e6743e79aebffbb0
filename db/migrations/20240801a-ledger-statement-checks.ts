import type { Knex } from 'knex';
import { isPostgres } from './dialect.js';

/**
 * PostgreSQL: the ledger's two insert rules checked once per statement instead of once per row.
 *
 * The rules stay what they were (migrations 20240101d and 20240701a): a posting may not be added
 * to an entry that is already booked, and an entry must balance, have the number of lines it
 * declares (at least two), and its postings must carry its booking date and kind. They were
 * row-level PL/pgSQL triggers, so booking a bank statement's 100 000 lines ran the trigger
 * function 300 000 times per 100 000 entries (BENCHMARKS.md, "Bank statement import"). Now each
 * is an AFTER … FOR EACH STATEMENT trigger over the statement's transition table, checking every
 * new row in one query (a lateral index lookup per row, whatever the planner thinks of the
 * transition table's size). It is the same check: row-level AFTER triggers also ran at the end of
 * their statement; and since an entry and its postings are written by different statements, an
 * entry found for a new posting at the end of the postings' statement was booked before it.
 *
 * SQLite has row-level triggers only; its WHEN-guarded triggers run inside the engine, without a
 * function call per row, and stay as they are.
 */
export async function up(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  // PostgreSQL branch.
  await knex.raw('DROP TRIGGER IF EXISTS postings_entry_open ON postings');
  await knex.raw(`
    CREATE OR REPLACE FUNCTION bboor_postings_entries_open() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE booked varchar;
    BEGIN
      SELECT n.entry_id INTO booked FROM new_postings n
        WHERE EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = n.entry_id) LIMIT 1;
      IF booked IS NOT NULL THEN
        RAISE EXCEPTION 'bboor: journal entry % is already booked; its postings are final', booked;
      END IF;
      RETURN NULL;
    END $$`);
  await knex.raw(`CREATE TRIGGER postings_entry_open AFTER INSERT ON postings
    REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION bboor_postings_entries_open()`);

  await knex.raw('DROP TRIGGER IF EXISTS journal_entries_balanced ON journal_entries');
  await knex.raw(`
    CREATE OR REPLACE FUNCTION bboor_entries_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE bad record;
    BEGIN
      SELECT n.id, n.line_count, s.total, s.lines, s.strays INTO bad
        FROM new_entries n
        CROSS JOIN LATERAL (
          SELECT COALESCE(SUM(p.amount_cents), 0) AS total, COUNT(*) AS lines,
                 COUNT(*) FILTER (WHERE p.booked_on <> n.booked_on OR p.entry_kind <> n.kind) AS strays
            FROM postings p WHERE p.entry_id = n.id
        ) s
        WHERE s.total <> 0 OR s.lines <> n.line_count OR s.lines < 2 OR s.strays > 0
        LIMIT 1;
      IF bad.id IS NULL THEN
        RETURN NULL;
      ELSIF bad.strays > 0 THEN
        RAISE EXCEPTION 'bboor: % postings of journal entry % do not carry its booking date and kind', bad.strays, bad.id;
      ELSE
        RAISE EXCEPTION 'bboor: journal entry % does not balance (sum %, % of % lines)', bad.id, bad.total, bad.lines, bad.line_count;
      END IF;
    END $$`);
  await knex.raw(`CREATE TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION bboor_entries_balanced()`);
}

export async function down(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  // PostgreSQL branch: the row-level triggers again, on the functions the earlier migrations made.
  await knex.raw('DROP TRIGGER IF EXISTS journal_entries_balanced ON journal_entries');
  await knex.raw(`CREATE TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION bboor_entry_balanced()`);
  await knex.raw('DROP TRIGGER IF EXISTS postings_entry_open ON postings');
  await knex.raw(`CREATE TRIGGER postings_entry_open BEFORE INSERT ON postings
    FOR EACH ROW EXECUTE FUNCTION bboor_posting_entry_open()`);
  await knex.raw('DROP FUNCTION IF EXISTS bboor_entries_balanced()');
  await knex.raw('DROP FUNCTION IF EXISTS bboor_postings_entries_open()');
}
