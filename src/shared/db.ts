import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { AppError, ConflictError, RuleViolationError } from './errors.js';

export type Db = Knex;
export type Dialect = 'sqlite' | 'postgres';

export interface DbOptions {
  /** PostgreSQL only: the schema to work in (tests give each test its own). */
  searchPath?: string;
}

/**
 * Opens the database named by a DATABASE_URL: `sqlite:PATH` (or `sqlite::memory:`) or
 * `postgres://…`. SQLite gets WAL, enforced foreign keys and a busy timeout on every connection.
 */
export function createDb(url: string, options: DbOptions = {}): Db {
  if (url.startsWith('sqlite:')) {
    const filename = url.slice('sqlite:'.length);
    if (filename !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
    return knexFactory({
      client: 'sqlite3',
      connection: { filename },
      useNullAsDefault: true,
      // One connection: SQLite serialises writers anyway, and an in-memory database lives in
      // exactly one connection. Transactions therefore queue instead of failing with SQLITE_BUSY.
      pool: {
        min: 1,
        max: 1,
        afterCreate: (conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) => {
          rollBackFailedCommits(conn);
          conn.serialize(() => {
            conn.run('PRAGMA foreign_keys = ON');
            conn.run('PRAGMA busy_timeout = 5000');
            if (filename !== ':memory:') conn.run('PRAGMA journal_mode = WAL');
            conn.run('PRAGMA synchronous = NORMAL', (err: Error | null) => done(err, conn));
          });
        },
      },
    });
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return knexFactory({
      client: 'pg',
      connection: url,
      pool: { min: 0, max: 10 },
      ...(options.searchPath ? { searchPath: [options.searchPath] } : {}),
    });
  }
  throw new Error(`unsupported DATABASE_URL: ${url.replace(/\/\/[^@]*@/, '//***@')}`);
}

type SqliteCallback = (this: unknown, err: Error | null, ...rest: unknown[]) => void;
interface SqliteConnection {
  serialize(cb: () => void): void;
  run(sql: string, cb?: (err: Error | null) => void): void;
  [method: string]: unknown;
}

/**
 * When COMMIT fails in SQLite (a deferred foreign key still violated), SQLite keeps the
 * transaction open, and knex does not roll it back: the next statement on the connection would
 * then see, and could commit, the half-written rows. Roll back right there, before knex hears of
 * the failure.
 */
function rollBackFailedCommits(conn: SqliteConnection): void {
  for (const method of ['run', 'all']) {
    const original = conn[method] as (...args: unknown[]) => unknown;
    conn[method] = function (this: unknown, sql: unknown, ...args: unknown[]) {
      const callback = args[args.length - 1];
      if (typeof sql !== 'string' || !/^\s*COMMIT\b/i.test(sql) || typeof callback !== 'function') {
        return original.call(conn, sql, ...args);
      }
      const rest = args.slice(0, -1);
      return original.call(conn, sql, ...rest, function (this: unknown, err: Error | null, ...result: unknown[]) {
        if (!err) return (callback as SqliteCallback).call(this, err, ...result);
        (conn.run as (sql: string, cb: () => void) => void)('ROLLBACK', () => (callback as SqliteCallback).call(this, err, ...result));
      });
    };
  }
}

export function dialectOf(db: Knex): Dialect {
  const client = String(db.client.config.client);
  return client === 'pg' || client === 'postgres' || client === 'postgresql' ? 'postgres' : 'sqlite';
}

/** Sums come back as strings (PostgreSQL bigint/numeric) or numbers (SQLite); money must stay exact. */
export function toSafeInteger(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer: ${String(value)}`);
  return n;
}

/**
 * Database errors that mean something to a user, translated in one place for both dialects.
 * Anything else is re-thrown unchanged (a 500).
 */
export function translateDbError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; message?: string; errno?: number };
  const message = e.message ?? '';
  // Our own triggers raise messages that start with "bboor:" on both dialects.
  const own = /bboor: ([^\n]+)/.exec(message);
  if (own) return new RuleViolationError(own[1]!.trim());
  // PostgreSQL unique_violation / SQLite SQLITE_CONSTRAINT_UNIQUE
  if (e.code === '23505' || /UNIQUE constraint failed/.test(message)) {
    return new ConflictError('Dit bestaat al (unieke waarde).');
  }
  return err;
}
