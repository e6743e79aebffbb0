import { expect } from 'chai';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { registration } from '../../helpers/fine-factory.js';
import { camt053 } from '../../helpers/camt053.js';
import { fineBalance } from '../../../src/modules/fines/fines.repository.js';
import { verifyLedger } from '../../../src/modules/ledger/ledger.verify.js';

describe(`objections (bezwaar) (${testDialect()})`, () => {
  let t: TestApp;
  let fine: { id: number; amountCents: number; paymentReference: string; objectionDueOn: string };
  beforeEach(async () => {
    t = await createTestApp('2024-03-01T09:00:00+01:00');
    const f = await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-02-26T10:00:00+01:00' }));
    const issued = (await t.services.fines.issue(t.users.backoffice.actor, f.id, {})).fine;
    fine = { id: issued.id, amountCents: issued.amountCents, paymentReference: issued.paymentReference!, objectionDueOn: issued.objectionDueOn! };
  });
  afterEach(async () => {
    const report = await verifyLedger(t.db, t.services.ledgerChecks);
    expect(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok))).to.equal(true);
    await t.destroy();
  });

  const at = (date: string) => t.clock.set(`${date}T10:00:00+02:00`);
  const lodge = (receivedOn: string) => request(t.app).post(`/api/v1/fines/${fine.id}/objections`).set('Authorization', t.auth('backoffice')).send({ receivedOn, summary: 'Ik was er niet; het was mijn broer.' });
  const decide = (id: number, body: object) => request(t.app).post(`/api/v1/objections/${id}/decision`).set('Authorization', t.auth('backoffice')).send(body);
  const status = async () => (await request(t.app).get(`/api/v1/fines/${fine.id}`).set('Authorization', t.auth('backoffice'))).body.status;
  const collect = async (asOf: string) => {
    at(asOf);
    return (await request(t.app).post('/api/v1/collection-runs').set('Authorization', t.auth('backoffice')).send({ asOf })).body;
  };
  const pay = async (cents: number, date: string) => {
    at(date);
    const xml = camt053([{ account: 'NL91ABNA0417164300', id: `S-${date}`, openingCents: 0, date, entries: [{ amountCents: cents, direction: 'credit', bookingDate: date, bankReference: `R-${date}`, details: [{ structuredReference: fine.paymentReference, iban: 'NL02RABO0123456789', name: 'J. de Vries', endToEndId: `E-${date}` }] }] }]);
    expect((await request(t.app).post('/api/v1/bank-statements').set('Authorization', t.auth('finance')).set('Content-Type', 'application/xml').send(xml)).status).to.equal(201);
  };

  it('accepts an objection within six weeks from the day after the beschikking as timely (Awb 6:7, 6:8)', async () => {
    expect(fine.objectionDueOn).to.equal('2024-04-12');
    at('2024-04-12');
    const res = await lodge('2024-04-12');
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ timely: true, status: 'pending' });
  });

  it('flags a late objection but does not refuse it (Awb 6:7; the decision is a person’s, Awb 6:11)', async () => {
    at('2024-04-20');
    const res = await lodge('2024-04-15');
    expect(res.status).to.equal(201);
    expect(res.body.timely).to.equal(false);
  });

  it('holds reminders while an objection is pending, visibly, and the debt stays (Awb 6:16)', async () => {
    at('2024-04-01');
    await lodge('2024-04-01');
    expect(await status()).to.equal('objection_pending');
    const run = await collect('2024-04-13');
    expect(run.aanmaningen).to.equal(0);
    expect(run.held).to.deep.equal([{ fineId: fine.id, caseNumber: 'BB-2024-000001', reason: 'objection' }]);
    expect((await fineBalance(t.db, fine.id, '2024-04-13')).outstandingCents).to.equal(fine.amountCents);
  });

  it('resumes collection after a rejected objection', async () => {
    at('2024-04-01');
    const obj = (await lodge('2024-04-01')).body;
    await decide(obj.id, { outcome: 'rejected', reason: 'geen nieuwe feiten' });
    const run = await collect('2024-04-13');
    expect(run.aanmaningen).to.equal(1);
  });

  it('cancels the fine by reversal and refunds what was paid when the objection is upheld', async () => {
    await pay(fine.amountCents, '2024-03-10');
    at('2024-03-15');
    const obj = (await lodge('2024-03-15')).body;
    const res = await decide(obj.id, { outcome: 'upheld', reason: 'identiteit niet vastgesteld' });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ outcome: 'upheld', refundedCents: fine.amountCents });
    expect(await status()).to.equal('refund_due');
    const refunds = (await request(t.app).get('/api/v1/refunds?status=proposed').set('Authorization', t.auth('finance'))).body.items;
    expect(refunds[0]).to.include({ amountCents: fine.amountCents, payerIban: 'NL02RABO0123456789', fineId: fine.id });
    expect(await fineBalance(t.db, fine.id, '2024-03-15')).to.deep.equal({ principalCents: 0, costsCents: 0, paidCents: 0, writtenOffCents: 0, outstandingCents: 0 });
  });

  it('reverses the difference of a reduced fine and refunds the excess paid (Awb 5:46 lid 3)', async () => {
    await pay(fine.amountCents, '2024-03-10');
    at('2024-03-15');
    const obj = (await lodge('2024-03-15')).body;
    const res = await decide(obj.id, { outcome: 'reduced', newAmountCents: 10000, reason: 'bijzondere omstandigheden' });
    expect(res.body).to.include({ outcome: 'reduced', newAmountCents: 10000, refundedCents: fine.amountCents - 10000 });
    expect(await fineBalance(t.db, fine.id, '2024-03-15')).to.deep.equal({ principalCents: 10000, costsCents: 0, paidCents: 10000, writtenOffCents: 0, outstandingCents: 0 });
  });

  it('refuses a reduction that is not lower than the fine', async () => {
    at('2024-03-15');
    const obj = (await lodge('2024-03-15')).body;
    const res = await decide(obj.id, { outcome: 'reduced', newAmountCents: fine.amountCents, reason: 'x y z' });
    expect(res.status).to.equal(422);
    expect(res.body.errors[0].field).to.equal('newAmountCents');
  });

  it('refuses a second objection while one is pending, and a second decision', async () => {
    at('2024-03-15');
    const obj = (await lodge('2024-03-15')).body;
    expect((await lodge('2024-03-15')).status).to.equal(409);
    await decide(obj.id, { outcome: 'rejected', reason: 'ongegrond' });
    expect((await decide(obj.id, { outcome: 'upheld', reason: 'toch' })).status).to.equal(409);
  });

  it('refunds what was paid when the back office cancels a paid fine', async () => {
    await pay(fine.amountCents, '2024-03-10');
    at('2024-03-15');
    const res = await request(t.app).post(`/api/v1/fines/${fine.id}/cancel`).set('Authorization', t.auth('backoffice')).send({ reason: 'verkeerde persoon' });
    expect(res.status).to.equal(200);
    expect(await status()).to.equal('refund_due');
  });
});
