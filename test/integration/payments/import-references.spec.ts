import { expect } from 'chai';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { camt053 } from '../../helpers/camt053.js';
import { importFile, issuedFine, OWN_IBAN, PAYER_IBAN } from '../../helpers/payments-scenario.js';
import { expectRejected } from '../../helpers/refused.js';

/**
 * The references of what a bank import writes per line hold in the database itself: foreign keys
 * on SQLite; on PostgreSQL statement-level checks over rows that are never deleted and whose keys
 * never change (migration 20240901a).
 */
describe(`references of bank lines, allocations and decisions in the database (${testDialect()})`, () => {
  let t: TestApp;
  let fineId: number;
  let line: { id: number; import_id: number; statement_id: number };
  let entryId: string;
  beforeEach(async () => {
    t = await createTestApp('2024-03-20T09:00:00+01:00');
    const fine = await issuedFine(t);
    fineId = fine.id;
    const file = camt053([{ account: OWN_IBAN, id: 'S-1', openingCents: 0, date: '2024-03-18', entries: [{ amountCents: fine.amountCents, direction: 'credit', bookingDate: '2024-03-18', bankReference: 'B-1', details: [{ endToEndId: 'E-1', iban: PAYER_IBAN, name: 'A. Smit', structuredReference: fine.paymentReference }] }] }]);
    const res = await importFile(t, file);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    line = await t.db('bank_transactions').first('id', 'import_id', 'statement_id');
    entryId = String((await t.db('allocations').first('entry_id')).entry_id);
  });
  afterEach(async () => t.destroy());

  const MISSING = 999_999;
  const refused = /foreign key|does not exist/i;
  const allocation = (o: Partial<Record<'bank_transaction_id' | 'fine_id' | 'entry_id', unknown>>) => ({ bank_transaction_id: line.id, fine_id: fineId, amount_cents: 1, entry_id: entryId, created_at: '2024-03-20T08:00:00.000Z', actor: 'test', ...o });
  const decision = (o: Partial<Record<'bank_transaction_id' | 'fine_id', unknown>>) => ({ bank_transaction_id: line.id, rule: 'manual', outcome: 'booked', fine_id: fineId, evidence: '{}', decided_at: '2024-03-20T08:00:00.000Z', decided_by: 'test', ...o });

  it('the import wrote its line, allocation and decision with references that exist', async () => {
    expect(await t.db('allocations').where({ bank_transaction_id: line.id, fine_id: fineId })).to.have.length(1);
    expect(await t.db('match_decisions').where({ bank_transaction_id: line.id, fine_id: fineId })).to.have.length(1);
  });

  for (const [label, o] of [
    ['a bank line that does not exist', { bank_transaction_id: MISSING }],
    ['a fine that does not exist', { fine_id: MISSING }],
    ['a journal entry that does not exist', { entry_id: 'no-such-entry' }],
  ] as const) {
    it(`refuses an allocation of ${label}`, async () => {
      await expectRejected(t.db('allocations').insert(allocation(o)), refused);
    });
  }

  for (const [label, o] of [
    ['a bank line that does not exist', { bank_transaction_id: MISSING }],
    ['a fine that does not exist', { fine_id: MISSING }],
  ] as const) {
    it(`refuses a decision about ${label}`, async () => {
      await expectRejected(t.db('match_decisions').insert(decision(o)), refused);
    });
  }

  it('refuses a whole statement of many rows when one of them refers to a missing fine, and keeps none of them', async () => {
    const rows = [...Array.from({ length: 50 }, () => decision({})), decision({ fine_id: MISSING })];
    await expectRejected(t.db('match_decisions').insert(rows), refused);
    expect(await t.db('match_decisions')).to.have.length(1); // the import's own
  });

  for (const [label, o] of [
    ['an import', { import_id: MISSING }],
    ['a statement', { statement_id: MISSING }],
  ] as const) {
    it(`refuses a bank line of ${label} that does not exist`, async () => {
      const row = { identity: 'x'.repeat(64), import_id: line.import_id as number, statement_id: line.statement_id as number, line_no: 9, account: OWN_IBAN, booking_date: '2024-03-18', amount_cents: 5, direction: 'credit', reversal: false, position_in_entry: 0 };
      Object.assign(row, o);
      await expectRejected(t.db('bank_transactions').insert(row), refused);
    });
  }

  if (testDialect() === 'postgres') {
    for (const table of ['fines', 'bank_transactions', 'bank_imports', 'bank_statements']) {
      it(`refuses to delete rows of ${table}, to truncate it, or to change a row's id: other rows refer to them (PostgreSQL)`, async () => {
        const before = await t.db(table).orderBy('id').select('id');
        await expectRejected(t.db(table).del(), /are kept/);
        // CASCADE reaches the append-only tables too, whose own trigger may refuse first.
        await expectRejected(t.db.raw(`TRUNCATE ${table} CASCADE`), /are kept|append-only/);
        await expectRejected(t.db(table).update({ id: MISSING }), /are kept/);
        expect(await t.db(table).orderBy('id').select('id')).to.deep.equal(before);
      });
    }

    it("refuses to move a bank line to another import or statement (PostgreSQL)", async () => {
      await expectRejected(t.db('bank_transactions').where({ id: line.id }).update({ statement_id: null }), /are kept/);
    });

    it('reports a missing reference as the foreign key it replaces (SQLSTATE 23503, PostgreSQL)', async () => {
      const err = await t.db('allocations').insert(allocation({ fine_id: MISSING })).then(() => null, (e: unknown) => e as { code?: string; constraint?: string });
      expect(err).to.include({ code: '23503', constraint: 'allocations_fine_id_foreign' });
    });
  }
});
