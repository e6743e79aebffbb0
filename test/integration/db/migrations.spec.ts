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

  it('20240701a gives the postings already booked their entry\'s booking date and kind, and keeps them append-only', async () => {
    const last = migrations.findIndex(([name]) => name === '20240701a-posting-booking-columns');
    for (let i = 0; i < last; i++) await t.db.migrate.up(migratorConfig);
    await t.db.transaction(async (trx) => {
      if (testDialect() === 'sqlite') await trx.raw('PRAGMA defer_foreign_keys = ON');
      await trx('postings').insert([
        { entry_id: 'e-before', line_no: 1, account: 'receivable:fines', amount_cents: 500 },
        { entry_id: 'e-before', line_no: 2, account: 'revenue:fines', amount_cents: -500 },
      ]);
      await trx('journal_entries').insert({ id: 'e-before', booked_on: '2024-02-29', kind: 'fine.issue', content_hash: 'x'.repeat(64), description: 'before', line_count: 2, actor: 'test', created_at: '2024-02-29T09:00:00.000Z' });
    });
    await t.db.migrate.up(migratorConfig);
    expect(await t.db('postings').orderBy('line_no').select('booked_on', 'entry_kind')).to.deep.equal([
      { booked_on: '2024-02-29', entry_kind: 'fine.issue' },
      { booked_on: '2024-02-29', entry_kind: 'fine.issue' },
    ]);
    let refused: unknown = null;
    await t.db.raw("UPDATE postings SET booked_on = '2024-03-01'").catch((err: unknown) => (refused = err));
    expect(String(refused)).to.match(/append-only/);
  });
});
