import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import pino from 'pino';
import { createDb, type Dialect } from '../../src/shared/db.js';
import { migrateLatest } from '../../src/startup.js';
import { createServices, type Services } from '../../src/services.js';
import { loadReferenceData } from '../../src/modules/reference/reference.service.js';
import { fixedClock, manualClock, type Clock } from '../../src/shared/clock.js';

/**
 * Which database the integration suite runs on: SQLite in memory by default;
 * `BBOOR_TEST_DIALECT=postgres` with TEST_DATABASE_URL gives every test its own PostgreSQL schema.
 */
export function testDialect(): Dialect {
  return process.env.BBOOR_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

function pgUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('BBOOR_TEST_DIALECT=postgres needs TEST_DATABASE_URL');
  return url;
}

let admin: Knex | null = null;
function pgAdmin(): Knex {
  admin ??= knexFactory({ client: 'pg', connection: pgUrl(), pool: { min: 0, max: 2 } });
  return admin;
}

export interface TestDb {
  db: Knex;
  dialect: Dialect;
  /** The PostgreSQL schema of this test (for a CLI child process), or null on SQLite. */
  schema: string | null;
  destroy(): Promise<void>;
}

/** A fresh, empty database (not migrated). */
export async function createEmptyTestDb(): Promise<TestDb> {
  if (testDialect() === 'sqlite') {
    const db = createDb('sqlite::memory:');
    return { db, dialect: 'sqlite', schema: null, destroy: () => db.destroy() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await pgAdmin().raw(`CREATE SCHEMA ${schema}`);
  const db = createDb(pgUrl(), { searchPath: schema });
  return {
    db,
    dialect: 'postgres',
    schema,
    destroy: async () => {
      await db.destroy();
      await pgAdmin().raw(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

/** A fresh database, migrated, with the reference data loaded. */
export async function createTestDb(): Promise<TestDb> {
  const t = await createEmptyTestDb();
  await migrateLatest(t.db);
  return t;
}

export const silentLogger = pino({ level: 'silent' });

export interface TestContext extends TestDb {
  services: Services;
  clock: Clock & { set(iso: string): void };
}

/** A migrated database with reference data and wired services; the clock starts at `now`. */
export async function createTestContext(now = '2024-03-05T10:00:00+01:00'): Promise<TestContext> {
  const t = await createTestDb();
  const clock = manualClock(now);
  const services = createServices({ db: t.db, clock, logger: silentLogger });
  await loadReferenceData(t.db, services.audit, clock.now().toISOString());
  return { ...t, services, clock };
}

export { fixedClock };

// Under mocha: close the shared admin connection at the end of the run (scripts have no `after`).
if (typeof after === 'function') {
  after(async () => {
    await admin?.destroy();
    admin = null;
  });
}
