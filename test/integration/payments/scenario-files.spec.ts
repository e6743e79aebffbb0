import fs from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { registration } from '../../helpers/fine-factory.js';
import { fromRoot } from '../../../src/shared/paths.js';
import { fineBalance } from '../../../src/modules/fines/fines.repository.js';
import { verifyLedger } from '../../../src/modules/ledger/ledger.verify.js';

/**
 * The scenario files in fixtures/bank-statements/, each imported into a fresh ledger with twelve
 * issued fines (BB-2024-000001 … 000012, alternately A.31 at EUR 150 and C.2 at EUR 100, whose
 * betalingskenmerken the files use).
 */
describe(`bank statement scenario files (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp('2024-03-01T09:00:00+01:00');
    const ctx = await t.services.fines.loadIssueContext();
    for (let i = 0; i < 12; i++) {
      const f = await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-02-26T10:00:00+01:00', offenceCode: i % 2 ? 'C.2' : 'A.31' }));
      await t.db.transaction((trx) => t.services.fines.issueInTransaction(trx, t.users.backoffice.actor, f.id, ctx, {}));
    }
    t.clock.set('2024-03-12T09:00:00+01:00');
  });
  afterEach(async () => {
    const report = await verifyLedger(t.db, t.services.ledgerChecks);
    expect(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok))).to.equal(true);
    await t.destroy();
  });

  const upload = (file: string) => request(t.app).post(`/api/v1/bank-statements?fileName=${file}`).set('Authorization', t.auth('finance')).set('Content-Type', 'application/octet-stream').send(fs.readFileSync(fromRoot('fixtures', 'bank-statements', file)));
  const paid = async (sequence: number) => (await fineBalance(t.db, sequence, '2024-03-12')).paidCents;
  const lines = async () => Number((await t.db('bank_transactions').count({ n: '*' }).first())!.n);

  it('camt053-exact-structured-reference.xml: books the payment on the fine of its betalingskenmerk', async () => {
    const res = await upload('camt053-exact-structured-reference.xml');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ format: 'camt053', transactions: 1, partiallyMatched: 1, openingBalanceCents: 100000, closingBalanceCents: 110000 });
    expect(await paid(1)).to.equal(10000);
  });

  it('camt053-batch-two-details.xml: imports each detail of the batch as its own line and matches both', async () => {
    const res = await upload('camt053-batch-two-details.xml');
    expect(res.body).to.include({ transactions: 2, matched: 2, totalCreditCents: 25000 });
  });

  it('camt053-batch-without-detail-amounts.xml: keeps a batch without detail amounts as one line in the queue', async () => {
    const res = await upload('camt053-batch-without-detail-amounts.xml');
    expect(res.body).to.include({ transactions: 1, unmatched: 1 });
  });

  it('camt053-storno-after-payment.xml: reverses the allocation when the payment is returned (MD07)', async () => {
    const res = await upload('camt053-storno-after-payment.xml');
    expect(res.body).to.include({ credits: 1, debits: 1, matched: 1 });
    expect(await paid(5)).to.equal(0);
    const returned = await t.db('match_decisions').where({ outcome: 'returned' });
    expect(returned).to.have.length(2);
  });

  it('mt940-ing-kenmerk-in-free-text.940: finds the kenmerk typed with spaces in the free text, and the structured one', async () => {
    const res = await upload('mt940-ing-kenmerk-in-free-text.940');
    expect(res.body).to.include({ format: 'mt940', transactions: 2, matched: 2 });
    expect(await paid(4)).to.equal(10000);
    expect(await paid(6)).to.equal(10000);
    const rules = (await t.db('match_decisions').orderBy('id')).map((d) => d.rule);
    expect(rules).to.have.members(['free-text-reference', 'structured-reference']);
  });

  it('ing-csv-windows-1252-names.csv: reads é, ë and ï in payers’ names from a Windows-1252 file', async () => {
    const res = await upload('ing-csv-windows-1252-names.csv');
    expect(res.body).to.include({ format: 'ing-csv', transactions: 3, matched: 3 });
    const names = (await t.db('bank_transactions').orderBy('id').select('counterparty_name')).map((r) => r.counterparty_name);
    expect(names).to.include.members(['Loïs Mulder', 'Zoë Visser', 'Hélène Dupré']);
  });

  it('ing-csv-english-header.csv: recognises the English ING header', async () => {
    const res = await upload('ing-csv-english-header.csv');
    expect(res.body).to.include({ format: 'ing-csv', transactions: 3, credits: 2, debits: 1 });
  });

  it('rabobank-csv-english-header.csv: recognises the English Rabobank header', async () => {
    const res = await upload('rabobank-csv-english-header.csv');
    expect(res.body).to.include({ format: 'rabobank-csv', transactions: 3 });
  });

  it('ing-csv-empty.csv: refuses an empty file with a clear problem, writing nothing', async () => {
    const res = await upload('ing-csv-empty.csv');
    expect(res.status).to.equal(422);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.detail).to.match(/empty/i);
    expect(await lines()).to.equal(0);
  });

  it('ing-csv-header-only.csv: refuses a file with only a header', async () => {
    const res = await upload('ing-csv-header-only.csv');
    expect(res.status).to.equal(400);
    expect(res.body.errors[0]).to.include({ field: 'file', line: 1 });
    expect(await lines()).to.equal(0);
  });

  it('ing-csv-ragged-row.csv: refuses the whole file and names the ragged row by its line', async () => {
    const res = await upload('ing-csv-ragged-row.csv');
    expect(res.status).to.equal(400);
    expect(res.body.errors).to.deep.equal([{ line: 3, field: 'row', message: 'expected 11 columns, found 10' }]);
    expect(await lines()).to.equal(0);
    expect(Number((await t.db('journal_entries').where('kind', 'bank.receipt').count({ n: '*' }).first())!.n)).to.equal(0);
  });

  it('camt053-kenmerk-in-free-text-with-spaces.xml: finds the kenmerk typed with spaces', async () => {
    const res = await upload('camt053-kenmerk-in-free-text-with-spaces.xml');
    expect(res.body.matched).to.equal(1);
    expect(await paid(3)).to.equal(15000);
  });

  it('camt053-kenmerk-typo.xml: does not book a kenmerk whose check digit fails; the line waits in the queue', async () => {
    const res = await upload('camt053-kenmerk-typo.xml');
    expect(res.body).to.include({ matched: 0, unmatched: 1 });
    expect(await paid(3)).to.equal(0);
  });

  it('camt053-partial-payment.xml: books a partial payment and leaves the rest open', async () => {
    const res = await upload('camt053-partial-payment.xml');
    expect(res.body.partiallyMatched).to.equal(1);
    expect(await fineBalance(t.db, 3, '2024-03-12')).to.deep.include({ paidCents: 5000, outstandingCents: 10000 });
  });

  it('camt053-overpayment.xml: pays the fine and proposes to refund the excess to the payer', async () => {
    await upload('camt053-overpayment.xml');
    expect(await paid(3)).to.equal(15000);
    const refunds = await t.db('refund_proposals');
    expect(refunds.map((r) => [Number(r.amount_cents), r.payer_iban])).to.deep.equal([[5000, 'NL02RABO0123456789']]);
  });

  it('camt053-same-fine-paid-twice.xml: books the first payment and refunds the second', async () => {
    await upload('camt053-same-fine-paid-twice.xml');
    expect(await paid(3)).to.equal(15000);
    expect((await t.db('refund_proposals')).map((r) => Number(r.amount_cents))).to.deep.equal([15000]);
  });

  it('camt053-two-fines-one-payment.xml: splits one payment over the two fines it names (Awb 4:92 lid 2)', async () => {
    await upload('camt053-two-fines-one-payment.xml');
    expect([await paid(3), await paid(4)]).to.deep.equal([15000, 10000]);
  });

  it('camt053-other-account.xml: refuses a statement of another account than the municipality’s', async () => {
    const res = await upload('camt053-other-account.xml');
    expect(res.status).to.equal(400);
    expect(res.body.errors[0].field).to.equal('account');
    expect(await lines()).to.equal(0);
  });

  it('camt053-reused-statement-id-day1/day2.xml: keeps both downloads although the bank reused the statement id', async () => {
    await upload('camt053-reused-statement-id-day1.xml');
    const res = await upload('camt053-reused-statement-id-day2.xml');
    expect(res.body).to.include({ duplicates: 0, matched: 1 });
    expect(res.body.warnings).to.deep.equal([]);
    expect(await lines()).to.equal(2);
  });

  it('camt053-overlap-first/second-download.xml: adds only the new lines of an overlapping download', async () => {
    await upload('camt053-overlap-first-download.xml');
    const res = await upload('camt053-overlap-second-download.xml');
    expect(res.body).to.include({ transactions: 2, duplicates: 1, matched: 1 });
    expect(res.body.warnings).to.deep.equal([]);
    expect([await paid(1), await paid(2), await paid(3)]).to.deep.equal([15000, 10000, 15000]);
  });

  it('imports the same scenario file twice: the second time adds nothing (idempotent)', async () => {
    await upload('mt940-ing-kenmerk-in-free-text.940');
    const again = await upload('mt940-ing-kenmerk-in-free-text.940');
    expect(again.body).to.include({ transactions: 2, duplicates: 2, matched: 0 });
    expect(await lines()).to.equal(2);
    expect(await paid(4)).to.equal(10000);
  });
});
