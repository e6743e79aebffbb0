import { expect } from 'chai';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { registration } from '../../helpers/fine-factory.js';
import { camt053 } from '../../helpers/camt053.js';
import { verifyLedger } from '../../../src/modules/ledger/ledger.verify.js';

describe(`payment plans (uitstel, Awb 4:94) (${testDialect()})`, () => {
  let t: TestApp;
  let fine: { id: number; amountCents: number; paymentReference: string };
  beforeEach(async () => {
    t = await createTestApp('2024-03-01T09:00:00+01:00');
    const f = await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-02-26T10:00:00+01:00' }));
    const issued = (await t.services.fines.issue(t.users.backoffice.actor, f.id, {})).fine;
    fine = { id: issued.id, amountCents: issued.amountCents, paymentReference: issued.paymentReference! };
    expect(fine.amountCents).to.equal(15000);
    t.clock.set('2024-04-01T10:00:00+02:00');
    const plan = await request(t.app).post(`/api/v1/fines/${fine.id}/payment-plans`).set('Authorization', t.auth('backoffice')).send({ instalments: [{ dueOn: '2024-04-15', amountCents: 5000 }, { dueOn: '2024-05-15', amountCents: 5000 }, { dueOn: '2024-06-17', amountCents: 5000 }], reason: 'krap bij kas, verzoek per brief' });
    expect(plan.status, JSON.stringify(plan.body)).to.equal(201);
  });
  afterEach(async () => {
    const report = await verifyLedger(t.db, t.services.ledgerChecks);
    expect(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok))).to.equal(true);
    await t.destroy();
  });

  const run = async (asOf: string) => {
    t.clock.set(`${asOf}T07:00:00+02:00`);
    return (await request(t.app).post('/api/v1/collection-runs').set('Authorization', t.auth('backoffice')).send({ asOf })).body;
  };
  const pay = async (cents: number, date: string) => {
    t.clock.set(`${date}T18:00:00+02:00`);
    const xml = camt053([{ account: 'NL91ABNA0417164300', id: `S-${date}`, openingCents: 0, date, entries: [{ amountCents: cents, direction: 'credit', bookingDate: date, bankReference: `R-${date}`, details: [{ structuredReference: fine.paymentReference, iban: 'NL02RABO0123456789', endToEndId: `E-${date}` }] }] }]);
    expect((await request(t.app).post('/api/v1/bank-statements').set('Authorization', t.auth('finance')).set('Content-Type', 'application/xml').send(xml)).status).to.equal(201);
  };
  const status = async () => (await request(t.app).get(`/api/v1/fines/${fine.id}`).set('Authorization', t.auth('backoffice'))).body.status;

  it('sends no aanmaning while the plan is kept (Awb 4:94)', async () => {
    await pay(5000, '2024-04-14');
    const result = await run('2024-04-20');
    expect(result).to.include({ aanmaningen: 0, planReminders: 0 });
    expect(result.held).to.deep.equal([{ fineId: fine.id, caseNumber: 'BB-2024-000001', reason: 'payment-plan' }]);
    expect(await status()).to.equal('payment_plan');
  });

  it('reminds once of a missed instalment', async () => {
    const first = await run('2024-04-16');
    expect(first).to.include({ planReminders: 1, aanmaningen: 0 });
    const again = await run('2024-04-17');
    expect(again.planReminders).to.equal(0);
    const steps = await t.db('collection_steps').select('step', 'instalment', 'term_ends_on');
    expect(steps.map((s) => [s.step, Number(s.instalment), s.term_ends_on])).to.deep.equal([['plan-reminder', 1, '2024-04-30']]);
  });

  it('breaks a plan still behind after the reminder’s term, and collection resumes with an aanmaning (Awb 4:96)', async () => {
    await run('2024-04-16');
    expect((await run('2024-04-30')).plansBroken).to.equal(0);
    const resumed = await run('2024-05-01');
    expect(resumed).to.include({ plansBroken: 1, aanmaningen: 1 });
    expect(await status()).to.equal('reminded');
  });

  it('keeps a plan that catches up after the reminder', async () => {
    await run('2024-04-16');
    await pay(5000, '2024-04-25');
    const result = await run('2024-05-02');
    expect(result).to.include({ plansBroken: 0, aanmaningen: 0 });
  });

  it('refuses instalments that do not add up to what is open', async () => {
    const res = await request(t.app).post(`/api/v1/fines/${fine.id}/payment-plans`).set('Authorization', t.auth('backoffice')).send({ instalments: [{ dueOn: '2024-05-01', amountCents: 100 }], reason: 'test test' });
    expect(res.status).to.equal(409); // a plan is already running
    await t.db('payment_plans').update({ broken_on: '2024-04-01' }).catch(() => undefined);
    const res2 = await request(t.app).post(`/api/v1/fines/${fine.id}/payment-plans`).set('Authorization', t.auth('backoffice')).send({ instalments: [{ dueOn: '2024-05-01', amountCents: 100 }], reason: 'test test' });
    expect(res2.status).to.equal(422);
    expect(res2.body.errors[0].field).to.equal('instalments');
  });
});
