import { expect } from 'chai';
import { migratorConfig, migrations } from '../../../db/migrations/index.js';
import { createEmptyTestDb, testDialect, type TestDb } from '../../helpers/test-db.js';
import type { Knex } from 'knex';

async function tableNames(db: Knex): Promise<string[]> {
  if (testDialect() === 'postgres') {
    const r = await db.raw('SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1');
    return r.rows.map((x: { tablename: string }) => x.tablename);
  }
  const rows = await db('sqlite_master').where({ type: 'table' }).whereNot('name', 'like', 'sqlite_%').orderBy('name').select('name');
  return rows.map((r) => r.name as string);
}

describe(`migrations (${testDialect()})`, () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createEmptyTestDb();
  });
  afterEach(async () => t.destroy());

  it('runs every migration up, all the way down, and up again', async () => {
    const [, applied] = await t.db.migrate.latest(migratorConfig);
    expect(applied).to.deep.equal(migrations.map(([name]) => name));
    expect(await tableNames(t.db)).to.include.members(['journal_entries', 'postings', 'audit_log', 'users', 'api_tokens', 'policy_values']);

    await t.db.migrate.rollback(migratorConfig, true);
    const left = (await tableNames(t.db)).filter((n) => !n.startsWith('knex_migrations'));
    expect(left).to.deep.equal([]);

    const [, again] = await t.db.migrate.latest(migratorConfig);
    expect(again).to.have.length(migrations.length);
  });

  it('runs each migration down and up one step at a time', async () => {
    await t.db.migrate.latest(migratorConfig);
    for (let i = 0; i < migrations.length; i++) {
      await t.db.migrate.down(migratorConfig);
    }
    expect((await tableNames(t.db)).filter((n) => !n.startsWith('knex_migrations'))).to.deep.equal([]);
    for (let i = 0; i < migrations.length; i++) await t.db.migrate.up(migratorConfig);
    const [, pending] = await t.db.migrate.list(migratorConfig);
    expect(pending).to.deep.equal([]);
  });
});
