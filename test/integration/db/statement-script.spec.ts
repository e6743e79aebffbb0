import { expect } from 'chai';
import { createTestContext, testDialect, type TestContext } from '../../helpers/test-db.js';
import { insertStatements } from '../../../src/shared/bulk-insert.js';
import { buildScript, runScript, runStatements, transactionConnection } from '../../../src/shared/statement-script.js';
import { dialectOf } from '../../../src/shared/db.js';

/** statement-script.ts: a batch of inserts sent as one script stores exactly the values bound ones would. */
describe(`statement scripts in the database (${testDialect()})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
    await t.db.schema.createTable('script_probe', (tb) => {
      tb.integer('n').notNullable();
      tb.text('s');
      tb.boolean('b');
    });
  });
  afterEach(async () => t.destroy());

  const awkward = ["O'Brien", 'vraag? $q$ $$ \\ \\n', 'Zoë Müller 🚲', 'regel\nnieuwe regel', '"; DROP TABLE script_probe; --', "'); DELETE FROM script_probe; --", ''];

  it('stores awkward text, numbers, booleans and nulls unchanged, in order', async () => {
    const rows = awkward.map((s, i) => ({ n: i, s, b: i % 2 === 0 }));
    await t.db.transaction(async (trx) => {
      const statements = [
        ...insertStatements(dialectOf(trx), 'script_probe', rows),
        // One value the same in every row is bound once on SQLite (bulk-insert.ts): a literal too.
        ...insertStatements(dialectOf(trx), 'script_probe', [{ n: 100, s: awkward[1]!, b: null }, { n: 101, s: awkward[1]!, b: null }]),
      ];
      await runStatements(trx, statements);
    });
    const stored = await t.db('script_probe').orderBy('n');
    expect(stored.map((r) => r.s)).to.deep.equal([...awkward, awkward[1], awkward[1]]);
    expect(stored.map((r) => (r.b === null ? null : Boolean(r.b)))).to.deep.equal([...rows.map((r) => r.b), null, null]);
  });

  it('a failing statement fails the script and the transaction keeps nothing of it', async () => {
    const bad = t.db.transaction(async (trx) => {
      await runStatements(trx, [
        { sql: 'INSERT INTO script_probe (n, s) VALUES (?, ?)', bindings: [1, 'first'] },
        { sql: 'INSERT INTO script_probe (n, s) VALUES (?, ?)', bindings: [null, 'n may not be null'] },
      ]);
    });
    let failed = false;
    await bad.catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(await t.db('script_probe').count({ c: '*' }).first()).to.satisfy((r: { c: unknown }) => Number(r.c) === 0);
  });

  it('hands a built script to the driver before giving the JavaScript thread away (the database does not wait for the next batch)', async () => {
    await t.db.transaction(async (trx) => {
      const connection = (await transactionConnection(trx)) as Record<string, (...args: never[]) => unknown>;
      let sent = 0;
      // The connection as it is, counting what reaches the driver.
      const counted = new Proxy(connection, {
        get(target, key) {
          const value = Reflect.get(target, key) as unknown;
          if ((key === 'exec' || key === 'query') && typeof value === 'function') {
            return (...args: unknown[]) => {
              sent += 1;
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            };
          }
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
      const script = buildScript(dialectOf(trx), insertStatements(dialectOf(trx), 'script_probe', [{ n: 1, s: 'één', b: true }]));
      const running = runScript(trx, script, counted);
      expect(sent, 'sent before runScript returned').to.equal(1);
      await running;
    });
    expect((await t.db('script_probe').select('n', 's')).map((r) => [Number(r.n), r.s])).to.deep.equal([[1, 'één']]);
  });

  it('refuses to run outside a transaction (it would keep a pooled connection)', async () => {
    let message = '';
    await runStatements(t.db as never, [{ sql: 'INSERT INTO script_probe (n) VALUES (?)', bindings: [1] }]).catch((err: Error) => (message = err.message));
    expect(message).to.equal('runStatements needs a transaction');
    expect(await t.db('script_probe').count({ c: '*' }).first()).to.satisfy((r: { c: unknown }) => Number(r.c) === 0);
  });

  // PostgreSQL text cannot hold a NUL character at all; SQLite can, but not inside a script.
  if (testDialect() === 'sqlite') {
    it('falls back to bound values for text with a NUL character, which is then stored whole', async () => {
      await t.db.transaction((trx) => runStatements(trx, [{ sql: 'INSERT INTO script_probe (n, s) VALUES (?, ?)', bindings: [1, 'a\u0000b'] }]));
      const [row] = await t.db('script_probe').select(t.db.raw('hex(s) AS h'));
      expect(row.h).to.equal('610062');
    });
  }
});
