import type { Knex } from 'knex';
import { isPostgres } from './dialect.js';

/**
 * PostgreSQL: the references of the rows a bank import writes for every line are checked once per
 * statement, without locking the rows they point at.
 *
 * A foreign key checks each new row on its own and takes a FOR KEY SHARE lock on the row it points
 * at, so that no other transaction deletes that row or changes its key before this one commits;
 * the lock is written into the row itself. A bank import of 100 000 lines made some 700 000 such
 * checks (bank line → import and statement; allocation → bank line, fine and entry; decision →
 * bank line and fine), which made up a large share of the database's work (BENCHMARKS.md, "Bank
 * statement import").
 *
 * The rows pointed at are never deleted and their keys never change, and from this migration on
 * the database refuses that too: DELETE, TRUNCATE and a changed id on bank_imports,
 * bank_statements, bank_transactions and fines (journal entries are append-only already). A row
 * seen once can then not go away, so no lock is needed: each of the three tables gets an AFTER
 * INSERT … FOR EACH STATEMENT trigger that checks all of a statement's new rows in one query and
 * raises foreign_key_violation (23503) naming the foreign key it replaces. Allocations and decisions
 * are append-only, so no UPDATE can change their references; a bank line's import and statement
 * cannot be changed either.
 *
 * SQLite's foreign keys take no locks; they stay.
 */

interface Reference {
  column: string;
  parent: string;
  /** The foreign key this check replaces: its name is what a violation reports. */
  constraint: string;
}

const CHECKED: ReadonlyArray<{ table: string; references: Reference[] }> = [
  {
    table: 'bank_transactions',
    references: [
      { column: 'import_id', parent: 'bank_imports', constraint: 'bank_transactions_import_id_foreign' },
      { column: 'statement_id', parent: 'bank_statements', constraint: 'bank_transactions_statement_id_foreign' },
    ],
  },
  {
    table: 'allocations',
    references: [
      { column: 'bank_transaction_id', parent: 'bank_transactions', constraint: 'allocations_bank_transaction_id_foreign' },
      { column: 'fine_id', parent: 'fines', constraint: 'allocations_fine_id_foreign' },
      { column: 'entry_id', parent: 'journal_entries', constraint: 'allocations_entry_id_foreign' },
    ],
  },
  {
    table: 'match_decisions',
    references: [
      { column: 'bank_transaction_id', parent: 'bank_transactions', constraint: 'match_decisions_bank_transaction_id_foreign' },
      { column: 'fine_id', parent: 'fines', constraint: 'match_decisions_fine_id_foreign' },
    ],
  },
];

/** Rows that are pointed at and therefore kept: never deleted, their id never changed. */
const KEPT = ['bank_imports', 'bank_statements', 'bank_transactions', 'fines'];

/**
 * One query over the statement's new rows: for each reference, a lateral lookup by the parent's
 * primary key (an index probe per row, whatever the planner makes of the transition table's size),
 * and the first row whose parent is missing.
 */
function checkFunction(table: string, references: readonly Reference[]): string {
  const missing = references
    .map(
      (r) => `SELECT '${r.constraint}' AS constraint_name, '${r.column}' AS column_name, n.${r.column}::text AS value, '${r.parent}' AS parent
        FROM new_rows n LEFT JOIN LATERAL (SELECT 1 AS found FROM ${r.parent} p WHERE p.id = n.${r.column} LIMIT 1) f ON true
        WHERE n.${r.column} IS NOT NULL AND f.found IS NULL`,
    )
    .join('\n        UNION ALL ');
  return `
    CREATE OR REPLACE FUNCTION bboor_${table}_references() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE bad record;
    BEGIN
      SELECT * INTO bad FROM (${missing}) m LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'bboor: insert into % refers to %.id = %, which does not exist (% %)', TG_TABLE_NAME, bad.parent, bad.value, bad.column_name, bad.constraint_name
          USING ERRCODE = 'foreign_key_violation', CONSTRAINT = bad.constraint_name, TABLE = TG_TABLE_NAME, COLUMN = bad.column_name;
      END IF;
      RETURN NULL;
    END $$`;
}

export async function up(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  // PostgreSQL branch.
  await knex.raw(`
    CREATE OR REPLACE FUNCTION bboor_refuse_removal() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'bboor: rows of % are kept: other rows refer to them (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
    END $$`);
  for (const parent of KEPT) {
    await knex.raw(`CREATE TRIGGER ${parent}_kept BEFORE DELETE ON ${parent} FOR EACH ROW EXECUTE FUNCTION bboor_refuse_removal()`);
    await knex.raw(`CREATE TRIGGER ${parent}_kept_whole BEFORE TRUNCATE ON ${parent} FOR EACH STATEMENT EXECUTE FUNCTION bboor_refuse_removal()`);
    await knex.raw(`CREATE TRIGGER ${parent}_key_kept BEFORE UPDATE OF id ON ${parent} FOR EACH ROW
      WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION bboor_refuse_removal()`);
  }
  await knex.raw(`CREATE TRIGGER bank_transactions_references_kept BEFORE UPDATE OF import_id, statement_id ON bank_transactions FOR EACH ROW
    WHEN (OLD.import_id IS DISTINCT FROM NEW.import_id OR OLD.statement_id IS DISTINCT FROM NEW.statement_id) EXECUTE FUNCTION bboor_refuse_removal()`);
  for (const { table, references } of CHECKED) {
    await knex.raw(checkFunction(table, references));
    await knex.raw(`CREATE TRIGGER ${table}_references AFTER INSERT ON ${table}
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bboor_${table}_references()`);
    for (const r of references) await knex.raw(`ALTER TABLE ${table} DROP CONSTRAINT ${r.constraint}`);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  // PostgreSQL branch: the foreign keys again, and none of the triggers.
  for (const { table, references } of CHECKED) {
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_references ON ${table}`);
    await knex.raw(`DROP FUNCTION IF EXISTS bboor_${table}_references()`);
    for (const r of references) await knex.raw(`ALTER TABLE ${table} ADD CONSTRAINT ${r.constraint} FOREIGN KEY (${r.column}) REFERENCES ${r.parent} (id)`);
  }
  await knex.raw('DROP TRIGGER IF EXISTS bank_transactions_references_kept ON bank_transactions');
  for (const parent of KEPT) {
    await knex.raw(`DROP TRIGGER IF EXISTS ${parent}_kept ON ${parent}`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${parent}_kept_whole ON ${parent}`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${parent}_key_kept ON ${parent}`);
  }
  await knex.raw('DROP FUNCTION IF EXISTS bboor_refuse_removal()');
}
