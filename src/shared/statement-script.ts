import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { dialectOf, type Dialect } from './db.js';
import type { Binding, Statement } from './bulk-insert.js';

/**
 * Runs statements that return nothing, in order, inside the caller's transaction, as one script:
 * one trip to the database instead of one per statement.
 *
 * Why: the drivers need the JavaScript thread between two statements to send the next one (SQLite
 * runs each on a worker thread and calls back; PostgreSQL answers over the socket). A bank import's
 * JavaScript is busy deciding the next batch meanwhile, so the database waited for it at every
 * statement (BENCHMARKS.md, "Bank statement import"). A script runs its statements back to back.
 *
 * How: every value is written into the SQL as a literal, and the script goes to the driver's own
 * connection past knex (whose PostgreSQL client would take a `?` inside a literal for a
 * placeholder): SQLite `exec` (sqlite3_exec), PostgreSQL a query without parameters (the simple
 * query protocol, which allows several statements). Text is quoted the only way each database reads
 * it: SQLite doubles the quote, PostgreSQL dollar-quotes with a tag the text does not contain.
 * A value that cannot be a literal (a NUL character; a number that is not a safe integer) makes
 * the statements go one by one with bound values, as before.
 */
export async function runStatements(trx: Knex.Transaction, statements: readonly Statement[]): Promise<void> {
  if (statements.length === 0) return;
  // Outside a transaction knex would lend a pooled connection here and never get it back.
  if (!trx.isTransaction) throw new Error('runStatements needs a transaction');
  const dialect = dialectOf(trx);
  const script = scriptOf(dialect, statements);
  if (script === null) {
    for (const s of statements) await trx.raw(s.sql, s.bindings);
    return;
  }
  // Inside a transaction knex hands out the transaction's own connection.
  const connection = await (trx.client as { acquireConnection(): Promise<unknown> }).acquireConnection();
  // Announced like knex's own queries, for whoever listens (debug logging, the benchmark's profile).
  const query = { sql: script, bindings: [], method: 'raw', __knexQueryUid: `script-${++scripts}` };
  trx.client.emit('query', query);
  try {
    if (dialect === 'sqlite') {
      await new Promise<void>((resolve, reject) => (connection as SqliteConnection).exec(script, (err) => (err ? reject(err) : resolve())));
    } else {
      await (connection as PgConnection).query(script);
    }
  } catch (err) {
    trx.client.emit('query-error', err, query);
    throw err;
  }
  trx.client.emit('query-response', null, query);
}

interface SqliteConnection {
  exec(sql: string, callback: (err: Error | null) => void): void;
}
interface PgConnection {
  query(sql: string): Promise<unknown>;
}

let scripts = 0;

/** The statements as one script, each `?` replaced by its value as a literal; null if a value cannot be one. */
export function scriptOf(dialect: Dialect, statements: readonly Statement[]): string | null {
  const literal = dialect === 'sqlite' ? sqliteLiteral : postgresLiteral;
  const parts: string[] = [];
  for (const { sql, bindings } of statements) {
    let i = 0;
    let unsafe = false;
    const text = sql.replace(/\?/g, () => {
      const l = literal(bindings[i++]);
      if (l === null) unsafe = true;
      return l ?? '';
    });
    if (unsafe || i !== bindings.length) return null;
    parts.push(text);
  }
  return `${parts.join(';\n')};`;
}

function plainLiteral(v: Binding | undefined): string | null | undefined {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : null;
  if (v.includes('\u0000')) return null;
  return undefined; // text: quoted by the dialect
}

/** SQLite: text in single quotes, each quote doubled (SQLite knows no other escape). */
function sqliteLiteral(v: Binding | undefined): string | null {
  const plain = plainLiteral(v);
  if (plain !== undefined) return plain;
  const text = v as string;
  return `'${text.includes("'") ? text.replace(/'/g, "''") : text}'`; // most JSON texts hold no quote: no copy
}

/** PostgreSQL: text dollar-quoted (no escapes at all inside), with a tag of random letters not in the text. */
function postgresLiteral(v: Binding | undefined): string | null {
  const plain = plainLiteral(v);
  if (plain !== undefined) return plain;
  let tag: string;
  do tag = `$q${randomBytes(6).toString('hex')}$`;
  while ((v as string).includes(tag));
  return `${tag}${v as string}${tag}`;
}
