import { expect } from 'chai';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { registration } from '../../helpers/fine-factory.js';
import { camt053 } from '../../helpers/camt053.js';
import { fineBalance } from '../../../src/modules/fines/fines.repository.js';
import { verifyLedger } from '../../../src/modules/ledger/ledger.verify.js';

describe(`the daily collection run (${testDialect()})`, () => {
  let t: TestApp;
  let fineId: number;
  let amount: number;
  let reference: string;
  beforeEach(async () => {
    t = await createTestApp('2024-03-01T09:00:00+01:00');
    const f = await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-02-26T10:00:00+01:00' }));
    const { fine } = await t.services.fines.issue(t.users.backoffice.actor, f.id, {});
    fineId = fine.id;
    amount = fine.amountCents;
    reference = fine.paymentReference!;
    expect(fine.dueOn).to.equal('2024-04-12');
  });
  afterEach(async () => {
    const report = await verifyLedger(t.db, t.services.ledgerChecks);
    expect(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok))).to.equal(true);
    await t.destroy();
  });

  const run = async (asOf: string) => {
    t.clock.set(`${asOf}T07:00:00+02:00`);
    const res = await request(t.app).post('/api/v1/collection-runs').set('Authorization', t.auth('backoffice')).send({ asOf });
    expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201]);
    return res.body;
  };
  const steps = async () => (await t.db('collection_steps').orderBy('id')).map((s) => [s.step, s.step_date, s.term_ends_on, Number(s.costs_cents)]);
  const status = async () => (await request(t.app).get(`/api/v1/fines/${fineId}`).set('Authorization', t.auth('backoffice'))).body;
  const pay = async (cents: number, date: string) => {
    t.clock.set(`${date}T18:00:00+02:00`);
    const xml = camt053([{ account: 'NL91ABNA0417164300', id: `S-${date}`, openingCents: 0, date, entries: [{ amountCents: cents, direction: 'credit', bookingDate: date, bankReference: `R-${date}-${cents}`, details: [{ structuredReference: reference, iban: 'NL02RABO0123456789', endToEndId: `E-${date}` }] }] }]);
    const res = await request(t.app).post('/api/v1/bank-statements').set('Authorization', t.auth('finance')).set('Content-Type', 'application/xml').send(xml);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
  };

  it('sends nothing on or before the last day of payment (Awb 4:87, 4:112)', async () => {
    const result = await run('2024-04-12');
    expect(result).to.include({ runId: null, aanmaningen: 0 });
  });

  it('sends an aanmaning the day after the last day, with a two-week term extended by the Atw and costs (Awb 4:112, 4:113)', async () => {
    const result = await run('2024-04-13');
    expect(result).to.include({ aanmaningen: 1, dwangbevelen: 0, costsCents: 800 });
    // 13 April + two weeks = Saturday 27 April (Koningsdag) → Monday 29 April (Atw art. 1).
    expect(await steps()).to.deep.equal([['aanmaning', '2024-04-13', '2024-04-29', 800]]);
    const fine = await status();
    expect(fine.status).to.equal('reminded');
    expect(fine.balance).to.deep.include({ costsCents: 800, outstandingCents: amount + 800 });
    expect(fine.timeline.map((e: { type: string }) => e.type)).to.deep.equal(['registered', 'issued', 'aanmaning']);
  });

  it('charges EUR 19 for a debt of EUR 500 or more (Awb 4:113, dated threshold)', async () => {
    const { aanmaningCostsOn } = await import('../../../src/domain/collection.js');
    const policies = await t.services.reference.policyValues();
    expect(aanmaningCostsOn(policies, '2024-04-13', 49_999)).to.equal(800);
    expect(aanmaningCostsOn(policies, '2024-04-13', 50_000)).to.equal(1900);
  });

  it('does nothing the second time the same date is run', async () => {
    await run('2024-04-13');
    const again = await run('2024-04-13');
    expect(again).to.include({ runId: null, aanmaningen: 0, dwangbevelen: 0 });
    expect(await steps()).to.have.length(1);
    expect(Number((await t.db('collection_runs').count({ n: '*' }).first())!.n)).to.equal(1);
  });

  it('moves to the dwangbevel stage only after the aanmaning term has run out (Awb 4:117 lid 1)', async () => {
    await run('2024-04-13');
    expect((await run('2024-04-29')).dwangbevelen).to.equal(0);
    const result = await run('2024-04-30');
    expect(result).to.include({ dwangbevelen: 1, costsCents: 4500 });
    expect((await status()).status).to.equal('enforcement');
    expect((await run('2024-05-30')).runId).to.equal(null);
  });

  it('catches up after missed days one step at a time, each step exactly once and in order', async () => {
    const late = await run('2024-06-03');
    expect(late).to.include({ aanmaningen: 1, dwangbevelen: 0 });
    expect((await run('2024-06-10')).runId).to.equal(null);
    const later = await run('2024-06-20');
    expect(later).to.include({ aanmaningen: 0, dwangbevelen: 1 });
    expect((await steps()).map((s) => s[0])).to.deep.equal(['aanmaning', 'dwangbevel']);
  });

  it('sends nothing for a fine paid in full on time', async () => {
    await pay(amount, '2024-04-10');
    expect((await run('2024-04-13')).aanmaningen).to.equal(0);
  });

  it('reminds for the rest of a partly paid fine', async () => {
    await pay(5000, '2024-04-10');
    await run('2024-04-13');
    expect((await t.db('collection_steps').first()).open_cents).to.satisfy((v: unknown) => Number(v) === amount - 5000);
  });

  it('pays the aanmaning costs first out of a later payment (Awb 4:92)', async () => {
    await run('2024-04-13');
    await pay(amount, '2024-04-20');
    const b = await fineBalance(t.db, fineId, '2024-04-20');
    expect(b).to.deep.equal({ principalCents: amount, costsCents: 800, paidCents: amount, writtenOffCents: 0, outstandingCents: 800 });
    const postings = await t.db('postings as p').join('journal_entries as e', 'e.id', 'p.entry_id').where('e.kind', 'payment.allocation').select('p.account', 'p.amount_cents');
    expect(postings.map((p) => [p.account, Number(p.amount_cents)])).to.deep.include.members([['receivable:costs', -800], ['receivable:fines', -(amount - 800)]]);
  });

  it('refuses a run dated in the future', async () => {
    t.clock.set('2024-04-13T07:00:00+02:00');
    const res = await request(t.app).post('/api/v1/collection-runs').set('Authorization', t.auth('backoffice')).send({ asOf: '2024-04-20' });
    expect(res.status).to.equal(422);
    expect(res.body.errors[0].field).to.equal('asOf');
  });
});

describe(`collection letters (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp('2024-03-01T09:00:00+01:00');
    const f = await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-02-26T10:00:00+01:00' }));
    await t.services.fines.issue(t.users.backoffice.actor, f.id, {});
  });
  afterEach(async () => t.destroy());

  it('prints the run’s aanmaningen as one PDF and hands off to the bailiff as CSV and PDF', async () => {
    const { pdfText } = await import('../../helpers/pdf.js');
    t.clock.set('2024-04-13T07:00:00+02:00');
    const run = await t.services.collection.run(t.users.backoffice.actor, { asOf: '2024-04-13' });
    const pdf = await request(t.app).get(`/api/v1/collection-runs/${run.runId}/aanmaningen.pdf`).set('Authorization', t.auth('backoffice')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).to.equal(200);
    const text = await pdfText(pdf.body as Buffer);
    expect(text).to.contain('BB-2024-000001');
    expect(text).to.match(/29 april 2024/);
    t.clock.set('2024-04-30T07:00:00+02:00');
    const second = await t.services.collection.run(t.users.backoffice.actor, { asOf: '2024-04-30' });
    const csv = await request(t.app).get(`/api/v1/collection-runs/${second.runId}/hand-off?format=csv`).set('Authorization', t.auth('backoffice'));
    expect(csv.status).to.equal(200);
    expect(csv.text).to.contain('BB-2024-000001');
    expect(csv.text.split('\r\n').filter(Boolean).length).to.be.at.least(2);
    const read = await t.db('audit_log').where({ action: 'collection-letters.read-personal-data' });
    expect(read).to.have.length(2);
  });
});

describe(`statutory interest at hand-off (Awb 4:98) (${testDialect()})`, () => {
  it('is off by default, and when switched on charges interest of EUR 20 or more at the dwangbevel stage', async () => {
    const t = await createTestApp('2024-01-05T09:00:00+01:00');
    try {
      const f = await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-01-03T10:00:00+01:00' }));
      await t.services.fines.issue(t.users.backoffice.actor, f.id, {});
      await t.db('policy_values').insert({ key: 'statutory_interest_enabled', valid_from: '2024-06-01', value: 1, unit: 'flag', source: 'test: switched on' });
      t.services.reference.invalidate(); // written behind the service's back: drop its cached values
      t.clock.set('2024-02-20T07:00:00+01:00');
      await t.services.collection.run(t.users.backoffice.actor, { asOf: '2024-02-20' });
      t.clock.set('2024-03-10T07:00:00+01:00');
      await t.services.collection.run(t.users.backoffice.actor, { asOf: '2024-03-10' });
      expect(await t.db('journal_entries').where({ kind: 'collection.interest' })).to.have.length(0); // off on that date
      // A EUR 420 tariff, so that a year's interest at 7 % passes the EUR 20 minimum.
      await t.services.catalogue.addTariff(t.users.admin.actor, 'A.31', { validFrom: '2024-03-01', amountCents: 42000, source: 'test: hoger tarief', confirmed: false });
      const g = await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-03-09T10:00:00+01:00' }));
      const issued = (await t.services.fines.issue(t.users.backoffice.actor, g.id, {})).fine;
      t.clock.set('2025-03-01T07:00:00+01:00');
      await t.services.collection.run(t.users.backoffice.actor, { asOf: '2025-03-01' });
      t.clock.set('2025-03-20T07:00:00+01:00');
      await t.services.collection.run(t.users.backoffice.actor, { asOf: '2025-03-20' });
      const { statutoryInterestCents } = await import('../../../src/domain/interest.js');
      const expected = statutoryInterestCents(42000 + 800, issued.dueOn!, '2025-03-20', await t.services.reference.policyValues());
      expect(expected).to.be.at.least(2000);
      const interest = await t.db('postings as p').join('journal_entries as e', 'e.id', 'p.entry_id').where('e.kind', 'collection.interest').where('p.account', 'receivable:interest').select('p.fine_id', 'p.amount_cents');
      expect(interest.map((r) => [Number(r.fine_id), Number(r.amount_cents)])).to.deep.equal([[g.id, expected]]);
      // The first fine was handed off on 10 March 2024, before interest was switched on: none for it.
      expect((await verifyLedger(t.db, t.services.ledgerChecks)).ok).to.equal(true);
    } finally {
      await t.destroy();
    }
  });
});
