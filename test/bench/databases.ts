/**
 * Fresh, migrated databases for benchmark runs: a SQLite file (WAL, as createDb opens it) in a temp
 * directory, or a PostgreSQL schema of its own. Each is removed again by `destroy()`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { createDb, type Dialect } from '../../src/shared/db.js';
import { migrateLatest } from '../../src/startup.js';

export interface BenchDb {
  db: Knex;
  dialect: Dialect;
  /** How another process opens the same database: `createDb(url, { searchPath })`. */
  url: string;
  /** PostgreSQL: the schema of this database; undefined on SQLite. */
  searchPath?: string;
  destroy(): Promise<void>;
}

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function pgUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? DEFAULT_PG_URL;
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@]*@/, '//$1:***@');
}

/** Null when PostgreSQL answers; otherwise why not. */
export async function postgresUnavailableReason(url = pgUrl()): Promise<string | null> {
  const probe = knexFactory({ client: 'pg', connection: { connectionString: url, connectionTimeoutMillis: 5000 }, pool: { min: 0, max: 1 }, acquireConnectionTimeout: 6000 });
  try {
    await probe.raw('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await probe.destroy();
  }
}

export async function freshSqlite(dir: string): Promise<BenchDb> {
  const file = path.join(dir, `bench-${randomBytes(6).toString('hex')}.sqlite`);
  const db = createDb(`sqlite:${file}`);
  try {
    await migrateLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    db,
    dialect: 'sqlite',
    url: `sqlite:${file}`,
    destroy: async () => {
      await db.destroy();
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
    },
  };
}

export async function freshPostgres(url = pgUrl()): Promise<BenchDb> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE SCHEMA ${schema}`);
  const db = createDb(url, { searchPath: schema });
  const drop = async () => {
    await db.destroy();
    await admin.raw(`DROP SCHEMA ${schema} CASCADE`);
    await admin.destroy();
  };
  try {
    await migrateLatest(db);
  } catch (err) {
    await drop();
    throw err;
  }
  return { db, dialect: 'postgres', url, searchPath: schema, destroy: drop };
}

export function freshDb(dialect: Dialect, tmpDir: string): Promise<BenchDb> {
  return dialect === 'sqlite' ? freshSqlite(tmpDir) : freshPostgres();
}
