import { expect } from 'chai';
import { createTestContext, testDialect, type TestContext } from '../../helpers/test-db.js';
import { SYSTEM_ACTOR } from '../../../src/modules/audit/audit.types.js';
import { expectRejected } from '../../helpers/refused.js';

/** design.md §5: nothing financial is ever updated or deleted, not even with raw SQL. */
describe(`append-only ledger and audit log in the database (${testDialect()})`, () => {
  let t: TestContext;
  let entryId: string;
  beforeEach(async () => {
    t = await createTestContext();
    const { ledger } = t.services;
    entryId = (
      await t.db.transaction((trx) =>
        ledger.post(trx, SYSTEM_ACTOR, { bookedOn: '2024-03-05', kind: 'manual', description: 'test', postings: [{ account: 'receivable:fines', amountCents: 10000 }, { account: 'revenue:fines', amountCents: -10000 }] }),
      )
    ).entry.id;
  });
  afterEach(async () => t.destroy());

  const refused = /append-only|bboor:/;

  it('refuses a raw UPDATE of a posting', async () => {
    await expectRejected(t.db.raw('UPDATE postings SET amount_cents = 1 WHERE entry_id = ?', [entryId]), refused);
  });

  it('refuses a raw DELETE of a posting', async () => {
    await expectRejected(t.db.raw('DELETE FROM postings WHERE entry_id = ?', [entryId]), refused);
  });

  it('refuses a raw UPDATE and DELETE of a journal entry', async () => {
    await expectRejected(t.db.raw("UPDATE journal_entries SET description = 'x' WHERE id = ?", [entryId]), refused);
    await expectRejected(t.db.raw('DELETE FROM journal_entries WHERE id = ?', [entryId]), refused);
  });

  it('refuses a raw UPDATE and DELETE of an audit row', async () => {
    await expectRejected(t.db.raw("UPDATE audit_log SET reason = 'x'"), refused);
    await expectRejected(t.db.raw('DELETE FROM audit_log'), refused);
  });

  if (testDialect() === 'postgres') {
    it('refuses TRUNCATE of postings (PostgreSQL)', async () => {
      await expectRejected(t.db.raw('TRUNCATE postings CASCADE'), refused);
    });
  }

  it('refuses an entry whose postings do not balance, written with raw SQL', async () => {
    await expectRejected(
      writeRawEntry(t, 'e-unbalanced', [10000, -9999], 2),
      /does not balance/,
    );
    expect(await t.db('postings').where({ entry_id: 'e-unbalanced' })).to.have.length(0);
  });

  it('refuses an entry that declares more lines than it has', async () => {
    await expectRejected(
      writeRawEntry(t, 'e-short', [100, -100], 3),
      /does not balance/,
    );
  });

  it('accepts a balanced entry written with raw SQL whose postings carry its booking date and kind', async () => {
    await writeRawEntry(t, 'e-raw-ok', [100, -100], 2);
    expect(await t.db('postings').where({ entry_id: 'e-raw-ok' }).orderBy('line_no').select('booked_on', 'entry_kind')).to.deep.equal([
      { booked_on: '2024-03-05', entry_kind: 'manual' },
      { booked_on: '2024-03-05', entry_kind: 'manual' },
    ]);
  });

  it("refuses an entry whose postings carry another booking date than the entry's (migration 20240701a)", async () => {
    await expectRejected(writeRawEntry(t, 'e-other-date', [100, -100], 2, { bookedOn: '2024-03-04' }), /booking date and kind/);
    expect(await t.db('postings').where({ entry_id: 'e-other-date' })).to.have.length(0);
  });

  it("refuses an entry whose postings carry another kind than the entry's (migration 20240701a)", async () => {
    await expectRejected(writeRawEntry(t, 'e-other-kind', [100, -100], 2, { kind: 'payment.allocation' }), /booking date and kind/);
    expect(await t.db('postings').where({ entry_id: 'e-other-kind' })).to.have.length(0);
  });

  it('refuses a posting added to an entry that is already booked', async () => {
    await expectRejected(t.db('postings').insert({ entry_id: entryId, line_no: 3, account: 'revenue:fines', amount_cents: 1 }), /already booked/);
  });

  it('rolls back postings whose entry never arrives (deferred foreign key)', async () => {
    await expectRejected(
      t.db.transaction(async (trx) => {
        if (testDialect() === 'sqlite') await trx.raw('PRAGMA defer_foreign_keys = ON');
        await trx('postings').insert({ entry_id: 'e-missing', line_no: 1, account: 'receivable:fines', amount_cents: 5 });
      }),
      /foreign key|FOREIGN KEY/i,
    );
    expect(await t.db('postings').where({ entry_id: 'e-missing' })).to.have.length(0);
  });
});

/**
 * Writes postings and then an entry row (booked 2024-03-05, kind manual) with raw SQL, bypassing
 * the ledger service's checks; `postingsCarry` gives the postings another date or kind than that.
 */
function writeRawEntry(t: TestContext, id: string, amounts: number[], lineCount: number, postingsCarry: { bookedOn?: string; kind?: string } = {}) {
  return t.db.transaction(async (trx) => {
    if (testDialect() === 'sqlite') await trx.raw('PRAGMA defer_foreign_keys = ON');
    const carried = { booked_on: postingsCarry.bookedOn ?? '2024-03-05', entry_kind: postingsCarry.kind ?? 'manual' };
    await trx('postings').insert(amounts.map((amount, i) => ({ entry_id: id, line_no: i + 1, account: i === 0 ? 'receivable:fines' : 'revenue:fines', amount_cents: amount, ...carried })));
    await trx('journal_entries').insert({ id, booked_on: '2024-03-05', kind: 'manual', content_hash: 'x'.repeat(64), description: 'raw', line_count: lineCount, actor: 'test', created_at: '2024-03-05T09:00:00.000Z' });
  });
}
