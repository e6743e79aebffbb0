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
  const connection = await transactionConnection(trx);
  await runScript(trx, buildScript(dialectOf(trx), statements), connection);
}

/** Statements with their script, built ahead of running them (`runScript`). */
export interface Script {
  statements: readonly Statement[];
  /** The statements as one script; null if a value cannot be a literal (they then go one by one). */
  text: string | null;
}

/**
 * Builds the script of `statements` (`scriptOf`). A bank import builds a batch's script while the
 * database is busy with the batch before it: at its turn the script only has to be sent.
 */
export function buildScript(dialect: Dialect, statements: readonly Statement[]): Script {
  return { statements, text: statements.length === 0 ? '' : scriptOf(dialect, statements) };
}

/** The connection of a transaction (knex lends the transaction's own), for `runScript`. */
export function transactionConnection(trx: Knex.Transaction): Promise<unknown> {
  // Outside a transaction knex would lend a pooled connection here and never get it back.
  if (!trx.isTransaction) throw new Error('runStatements needs a transaction');
  return (trx.client as { acquireConnection(): Promise<unknown> }).acquireConnection();
}

/**
 * Runs a script built by `buildScript` on the transaction's connection. The script is handed to
 * the driver before this returns, without giving the JavaScript thread away first. Built and sent
 * at its turn, after an `await` for the connection, a bank import's script of 1 000 lines reached
 * PostgreSQL some 60 ms after the statement before it was answered: building it took ~30 ms, and
 * the `await` let the next batch's decision run first. The database waited all that time.
 */
export function runScript(trx: Knex.Transaction, script: Script, connection: unknown): Promise<void> {
  if (script.statements.length === 0) return Promise.resolve();
  const text = script.text;
  if (text === null) {
    return script.statements.reduce<Promise<unknown>>((done, s) => done.then(() => trx.raw(s.sql, s.bindings)), Promise.resolve()).then(() => undefined);
  }
  // Announced like knex's own queries, for whoever listens (debug logging, the benchmark's profile).
  const query = { sql: text, bindings: [], method: 'raw', __knexQueryUid: `script-${++scripts}` };
  trx.client.emit('query', query);
  const answered =
    dialectOf(trx) === 'sqlite'
      ? new Promise<void>((resolve, reject) => (connection as SqliteConnection).exec(text, (err) => (err ? reject(err) : resolve())))
      : (connection as PgConnection).query(text);
  return answered.then(
    () => {
      trx.client.emit('query-response', null, query);
    },
    (err: unknown) => {
      trx.client.emit('query-error', err, query);
      throw err;
    },
  );
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
