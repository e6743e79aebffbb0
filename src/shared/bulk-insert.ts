import type { Knex } from 'knex';
import { dialectOf, type Dialect } from './db.js';

export type Row = Record<string, string | number | boolean | null>;

/**
 * Rows per statement. The rows travel as one JSON text, so the limit is the statement's size, not
 * the number of bound parameters (SQLite) or of compound SELECT terms (knex's multi-row insert on
 * SQLite stops at 500 rows).
 */
const ROWS_PER_STATEMENT = 5000;

/** Table and column names are the code's own; quoted, they are valid on both databases. */
function quoted(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`insertRows: not a plain identifier: ${name}`);
  return `"${name}"`;
}

export interface InsertOptions {
  /** Columns to give back for the rows inserted. */
  returning?: readonly string[];
  /** A row whose value in this uniquely indexed column is already there is left out, silently (and not returned). */
  skipExisting?: string;
}

/** A statement ready to send: its SQL and the values bound to its `?` placeholders, in order. */
export interface Statement {
  sql: string;
  bindings: Binding[];
}
export type Binding = string | number | boolean | null;

/**
 * The statements that insert `rows` (see `insertRows`), built without touching the database: a
 * caller can build a batch's statements while the database is still busy with the previous batch.
 */
export function insertStatements(dialect: Dialect, table: string, rows: readonly Row[], options: InsertOptions = {}): Statement[] {
  const returning = options.returning ?? [];
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const back = `${options.skipExisting ? ` ON CONFLICT (${quoted(options.skipExisting)}) DO NOTHING` : ''}${returning.length > 0 ? ` RETURNING ${returning.map(quoted).join(', ')}` : ''}`;
  const into = `${quoted(table)} (${columns.map(quoted).join(', ')})`;
  const out: Statement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const part = rows.slice(i, i + ROWS_PER_STATEMENT);
    if (dialect === 'postgres') {
      // One record per row, typed by the table: a value the column cannot take is an error here.
      const list = columns.map((c) => `r.${quoted(c)}`).join(', ');
      out.push({ sql: `INSERT INTO ${into} SELECT ${list} FROM json_populate_recordset(NULL::${quoted(table)}, ?::json) AS r${back}`, bindings: [JSON.stringify(part)] });
      continue;
    }
    // Each row as an array, its values taken out by position in json_each's order (the key).
    // SQLite parses a row's JSON again for every value taken out of it, so a column with the
    // same value in every row (the actor, the moment, the import) is bound once instead.
    const first = part[0]!;
    const same = columns.map((c) => part.every((r) => (r[c] ?? null) === (first[c] ?? null)));
    const varying = columns.filter((_, k) => !same[k]);
    const values = part.map((r) => varying.map((c) => r[c] ?? null));
    const bindings: Binding[] = [];
    let position = 0;
    const list = columns
      .map((c, k) => {
        if (!same[k]) return `j.value ->> ${position++}`;
        bindings.push(first[c] ?? null);
        return '?';
      })
      .join(', ');
    bindings.push(JSON.stringify(values));
    // `WHERE true` keeps SQLite from reading an ON CONFLICT clause as a join constraint.
    out.push({ sql: `INSERT INTO ${into} SELECT ${list} FROM json_each(?) AS j WHERE true ORDER BY j.key${back}`, bindings });
  }
  return out;
}

/**
 * Inserts many rows of one table as one JSON parameter per statement, unpacked by the database
 * (SQLite `json_each`, PostgreSQL `json_populate_recordset` over the table's own row type, so every
 * value gets its column's type). A bank import writes about ten rows per bank line; bound one value
 * at a time, through knex's multi-row insert, the parameter marshalling of the driver and the
 * query building cost more than the database's own work (BENCHMARKS.md, "Bank statement import").
 * Every row must have the same keys, the columns. The rows are inserted in the order given (so
 * generated ids rise in that order); what `returning` gives back is best matched to the rows by a
 * unique column, not by position.
 */
export async function insertRows(db: Knex, table: string, rows: readonly Row[], options: InsertOptions = {}): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const dialect = dialectOf(db);
  const postgres = dialect === 'postgres';
  for (const statement of insertStatements(dialect, table, rows, options)) {
    const result: unknown = await db.raw(statement.sql, statement.bindings);
    if ((options.returning ?? []).length > 0) out.push(...(postgres ? (result as { rows: Record<string, unknown>[] }).rows : (result as Record<string, unknown>[])));
  }
  return out;
}
