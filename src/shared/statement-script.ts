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

/**
 * A script built ahead of running it (`runScript`): its text, or the statements themselves when a
 * value cannot be a literal. Not both: a bank import holds a few batches' scripts while they wait
 * for the database, and the text already holds every value.
 */
export interface Script {
  /** The statements as one script ('' for none); null if a value cannot be a literal. */
  text: string | null;
  /** Only when `text` is null: the statements, to go one by one with bound values. */
  statements: readonly Statement[];
}

/**
 * Builds the script of `statements` (`scriptOf`). A bank import builds a batch's script while the
 * database is busy with the batch before it: at its turn the script only has to be sent.
 */
export function buildScript(dialect: Dialect, statements: readonly Statement[]): Script {
  const text = statements.length === 0 ? '' : scriptOf(dialect, statements);
  return { text, statements: text === null ? statements : [] };
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
  const text = script.text;
  if (text === '') return Promise.resolve();
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

/**
 * The statements as one script, each `?` replaced by its value as a literal; null if a value cannot
 * be one.
 *
 * Built by concatenation, which V8 keeps as a rope until the driver writes the text out: the rows'
 * JSON (itself a rope from JSON.stringify) is copied once, into the flat script, and not again by
 * a `replace` per statement and a `join`. A bank import writes megabytes of JSON per second this
 * way; each extra copy was garbage the collector had to catch up with (BENCHMARKS.md, memory).
 * The checks that scan the text (a NUL character; the dollar-quote tag) run once, on the whole.
 */
export function scriptOf(dialect: Dialect, statements: readonly Statement[]): string | null {
  const postgres = dialect === 'postgres';
  for (let attempt = 0; ; attempt++) {
    // One tag for the whole script: a random one is in the text only by a chance too small to
    // meet, but if it is, the script is built again with another.
    const tag = postgres ? `$q${randomBytes(6).toString('hex')}$` : '';
    let script = '';
    let quoted = 0;
    for (let s = 0; s < statements.length; s++) {
      const { sql, bindings } = statements[s]!;
      const pieces = sql.split('?');
      if (pieces.length !== bindings.length + 1) return null;
      let text = pieces[0]!;
      for (let i = 0; i < bindings.length; i++) {
        const v = bindings[i];
        let literal = plainLiteral(v);
        if (literal === null) return null;
        if (literal === undefined) {
          quoted += 1;
          literal = postgres ? tag + (v as string) + tag : sqliteLiteral(v as string);
        }
        text += literal + pieces[i + 1]!;
      }
      script += s === 0 ? text : `;\n${text}`;
    }
    script += ';';
    if (script.includes('\u0000')) return null; // flattens the rope: the one copy
    if (!postgres || occurrences(script, tag) === 2 * quoted) return script;
    if (attempt > 10) throw new Error('scriptOf: no dollar-quote tag found that the text does not hold');
  }
}

/** How often `tag` occurs in `text`, overlaps counted (a text ending in a tag's start would close it early). */
function occurrences(text: string, tag: string): number {
  let n = 0;
  for (let at = text.indexOf(tag); at !== -1; at = text.indexOf(tag, at + 1)) n += 1;
  return n;
}

/** A number, boolean or null as its literal (null if it cannot be one); undefined for text. */
function plainLiteral(v: Binding | undefined): string | null | undefined {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : null;
  return undefined; // text: quoted by the dialect (PostgreSQL dollar-quotes it: no escapes at all inside)
}

/** SQLite: text in single quotes, each quote doubled (SQLite knows no other escape). */
function sqliteLiteral(text: string): string {
  return `'${text.includes("'") ? text.replace(/'/g, "''") : text}'`; // most JSON texts hold no quote: no copy
}
