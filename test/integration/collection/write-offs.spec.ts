import { expect } from 'chai';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { registration } from '../../helpers/fine-factory.js';
import { makeUser } from '../../helpers/factories.js';
import { fineBalance } from '../../../src/modules/fines/fines.repository.js';
import { verifyLedger } from '../../../src/modules/ledger/ledger.verify.js';

describe(`write-offs (${testDialect()})`, () => {
  let t: TestApp;
  let fineId: number;
  let amount: number;
  beforeEach(async () => {
    t = await createTestApp('2024-03-01T09:00:00+01:00');
    const f = await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-02-26T10:00:00+01:00' }));
    const { fine } = await t.services.fines.issue(t.users.backoffice.actor, f.id, {});
    fineId = fine.id;
    amount = fine.amountCents;
  });
  afterEach(async () => {
    const report = await verifyLedger(t.db, t.services.ledgerChecks);
    expect(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok))).to.equal(true);
    await t.destroy();
  });

  const at = (date: string) => t.clock.set(`${date}T10:00:00+02:00`);
  const ask = (body: object) => request(t.app).post(`/api/v1/fines/${fineId}/write-offs`).set('Authorization', t.auth('finance')).send(body);

  it('writes off an uncollectable fine only after a second finance user approves, booking it to expense:write-offs', async () => {
    at('2024-09-01');
    const req = await ask({ kind: 'uncollectable', reason: 'geen verhaal, deurwaarder: nihil' });
    expect(req.status, JSON.stringify(req.body)).to.equal(201);
    expect(req.body.status).to.equal('pending');
    expect((await fineBalance(t.db, fineId, '2024-09-01')).outstandingCents).to.equal(amount);
    const self = await request(t.app).post(`/api/v1/write-offs/${req.body.id}/decision`).set('Authorization', t.auth('finance')).send({ approve: true });
    expect(self.status).to.equal(403);
    const second = await makeUser(t.services, 'finance', 'Tweede Financiën');
    const ok = await request(t.app).post(`/api/v1/write-offs/${req.body.id}/decision`).set('Authorization', `Bearer ${second.token}`).send({ approve: true, reason: 'akkoord' });
    expect(ok.body).to.include({ status: 'approved', amountCents: amount });
    expect(await fineBalance(t.db, fineId, '2024-09-01')).to.deep.equal({ principalCents: amount, costsCents: 0, paidCents: 0, writtenOffCents: amount, outstandingCents: 0 });
    const detail = (await request(t.app).get(`/api/v1/fines/${fineId}`).set('Authorization', t.auth('finance'))).body;
    expect(detail.status).to.equal('written_off');
    expect(detail.timeline.at(-1)).to.include({ type: 'written-off' });
    const expense = (await t.services.ledger.accountBalances(t.db, '2024-09-01')).find((b) => b.account === 'expense:write-offs');
    expect(expense!.balanceCents).to.equal(amount);
  });

  it('refuses to write off as time-barred before five years after the term (Awb 4:104)', async () => {
    at('2029-04-12');
    const res = await ask({ kind: 'time-barred', reason: 'verjaard volgens dossier' });
    expect(res.status).to.equal(422);
    expect(res.body.detail).to.contain('2029-04-13');
    at('2029-04-13');
    expect((await ask({ kind: 'time-barred', reason: 'verjaard volgens dossier' })).status).to.equal(201);
  });

  it('counts prescription anew from an aanmaning (stuiting, Awb 4:106)', async () => {
    at('2024-04-13');
    await t.services.collection.run(t.users.backoffice.actor, { asOf: '2024-04-13' });
    at('2029-04-13');
    const res = await ask({ kind: 'time-barred', reason: 'verjaard volgens dossier' });
    expect(res.status).to.equal(422);
    expect(res.body.detail).to.contain('2029-04-14');
  });
});
