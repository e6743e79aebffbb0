import { expect } from 'chai';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { registration } from '../../helpers/fine-factory.js';
import { fineKenmerk, isValidBetalingskenmerk } from '../../../src/domain/betalingskenmerk.js';
import { verifyLedger } from '../../../src/modules/ledger/ledger.verify.js';
import { SYSTEM_ACTOR } from '../../../src/modules/audit/audit.types.js';

describe(`issuing the beschikking (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp('2024-03-20T09:00:00+01:00');
  });
  afterEach(async () => t.destroy());

  async function registered(observedAt = '2024-03-15T14:00:00+01:00'): Promise<{ id: number; amountCents: number; caseNumber: string }> {
    const res = await request(t.app).post('/api/v1/fines').set('Authorization', t.auth('boa')).send(registration({ observedAt }));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body;
  }
  const issue = (id: number, body: object = {}) => request(t.app).post(`/api/v1/fines/${id}/issue`).set('Authorization', t.auth('backoffice')).send(body);
  const entries = async () => Number((await t.db('journal_entries').count({ n: '*' }).first())!.n);

  it('sets the dagtekening, a due date six weeks on extended by the Atw, and a valid betalingskenmerk (Awb 4:87, Atw art. 1)', async () => {
    t.clock.set('2024-03-28T09:00:00+01:00');
    const fine = await registered();
    const res = await issue(fine.id);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    // 28 March 2024 + six weeks = Thursday 9 May (Hemelvaartsdag), Friday 10 May is gelijkgesteld → Monday 13 May.
    expect(res.body).to.include({ issuedOn: '2024-03-28', dueOn: '2024-05-13', objectionDueOn: '2024-05-13' });
    expect(res.body.paymentReference).to.equal(fineKenmerk(2024, 1));
    expect(res.body.paymentReference).to.have.length(16);
    expect(isValidBetalingskenmerk(res.body.paymentReference)).to.equal(true);
  });

  it('books the receivable in the ledger: receivable:fines against revenue:fines', async () => {
    const fine = await registered();
    await issue(fine.id);
    expect(await t.services.ledger.fineOutstandingCents(t.db, fine.id, '2024-03-20')).to.equal(fine.amountCents);
    const detail = await request(t.app).get(`/api/v1/fines/${fine.id}`).set('Authorization', t.auth('backoffice'));
    expect(detail.body.balance).to.deep.equal({ principalCents: fine.amountCents, costsCents: 0, paidCents: 0, writtenOffCents: 0, outstandingCents: fine.amountCents });
    expect(detail.body.status).to.equal('issued');
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).to.deep.equal(['registered', 'issued']);
    expect((await verifyLedger(t.db)).ok).to.equal(true);
  });

  it('changes nothing when issued twice', async () => {
    const fine = await registered();
    const first = await issue(fine.id);
    t.clock.set('2024-03-22T09:00:00+01:00');
    const second = await issue(fine.id);
    expect(second.status).to.equal(200);
    expect(second.body).to.deep.equal(first.body);
    expect(await entries()).to.equal(1);
  });

  it('gives each fine its own payment reference', async () => {
    const a = await registered();
    const b = await registered();
    const ra = (await issue(a.id)).body.paymentReference;
    const rb = (await issue(b.id)).body.paymentReference;
    expect(ra).to.not.equal(rb);
  });

  it('refuses a beschikking more than eight weeks after the offence without a reason, and audits the reason (Gemeentewet 154c)', async () => {
    const fine = await registered('2024-01-20T10:00:00+01:00'); // eight weeks end 16 March
    const refused = await issue(fine.id);
    expect(refused.status).to.equal(422);
    expect(refused.body.errors[0].field).to.equal('lateReason');
    expect(await entries()).to.equal(0);
    const ok = await issue(fine.id, { lateReason: 'adres pas via BRP achterhaald' });
    expect(ok.status).to.equal(200);
    expect(ok.body.lateNoticeReason).to.equal('adres pas via BRP achterhaald');
    const audit = await t.db('audit_log').where({ action: 'fine.issue' }).first();
    expect(audit.reason).to.equal('adres pas via BRP achterhaald');
  });

  it('issues on the last day of the eight weeks without a reason', async () => {
    const fine = await registered('2024-01-24T10:00:00+01:00'); // + 8 weeks = 20 March = today
    expect((await issue(fine.id)).status).to.equal(200);
  });

  it('withdraws a rapport before issuing, with a reason; a withdrawn rapport cannot be issued', async () => {
    const fine = await registered();
    const res = await request(t.app).post(`/api/v1/fines/${fine.id}/withdraw`).set('Authorization', t.auth('backoffice')).send({ reason: 'verkeerde persoon' });
    expect(res.body).to.include({ status: 'withdrawn', withdrawnReason: 'verkeerde persoon' });
    expect((await issue(fine.id)).status).to.equal(422);
    expect(await entries()).to.equal(0);
  });

  it('does not withdraw an issued fine: that takes a cancellation', async () => {
    const fine = await registered();
    await issue(fine.id);
    const res = await request(t.app).post(`/api/v1/fines/${fine.id}/withdraw`).set('Authorization', t.auth('backoffice')).send({ reason: 'te laat bedacht' });
    expect(res.status).to.equal(422);
  });

  it('cancels an issued fine only by a reversal entry with a reason; cancelling twice changes nothing', async () => {
    const fine = await registered();
    await issue(fine.id);
    const res = await request(t.app).post(`/api/v1/fines/${fine.id}/cancel`).set('Authorization', t.auth('backoffice')).send({ reason: 'feit niet bewezen' });
    expect(res.body).to.include({ status: 'cancelled', cancelReason: 'feit niet bewezen', cancelledOn: '2024-03-20' });
    expect(await t.services.ledger.fineOutstandingCents(t.db, fine.id, '2024-03-20')).to.equal(0);
    const again = await request(t.app).post(`/api/v1/fines/${fine.id}/cancel`).set('Authorization', t.auth('backoffice')).send({ reason: 'nogmaals' });
    expect(again.status).to.equal(200);
    const reversal = await t.db('journal_entries').where({ kind: 'fine.cancel' });
    expect(reversal).to.have.length(1);
    expect(reversal[0].reverses_entry_id).to.be.a('string');
    expect((await verifyLedger(t.db)).ok).to.equal(true);
  });

  it('runs notices in bulk: issues the registered rapports, skips a late one with its reason, and a second run changes nothing', async () => {
    const a = await registered();
    const b = await registered();
    const late = await registered('2024-01-10T10:00:00+01:00');
    const run = await request(t.app).post('/api/v1/notice-runs').set('Authorization', t.auth('backoffice')).send({});
    expect(run.status).to.equal(201);
    expect(run.body.count).to.equal(2);
    expect(run.body.totalCents).to.equal(a.amountCents + b.amountCents);
    expect(run.body.skipped).to.have.length(1);
    expect(run.body.skipped[0]).to.include({ id: late.id, caseNumber: late.caseNumber });
    const again = await request(t.app).post('/api/v1/notice-runs').set('Authorization', t.auth('backoffice')).send({});
    expect(again.status).to.equal(200);
    expect(again.body).to.include({ runId: null, count: 0 });
    expect(await entries()).to.equal(2);
    const withReason = await request(t.app).post('/api/v1/notice-runs').set('Authorization', t.auth('backoffice')).send({ fineIds: [late.id], lateReasons: { [late.id]: 'boa ziek, rapport laat ingevoerd' } });
    expect(withReason.body.count).to.equal(1);
  });

  it('verifies that each fine’s receivable matches the fine, and reports one that does not (ledger verify)', async () => {
    const a = await registered();
    const b = await registered();
    await issue(a.id);
    await issue(b.id);
    await request(t.app).post(`/api/v1/fines/${b.id}/cancel`).set('Authorization', t.auth('backoffice')).send({ reason: 'test' });
    expect((await verifyLedger(t.db, t.services.ledgerChecks)).ok).to.equal(true);
    // A manual entry that books more principal on fine a breaks the agreement.
    await t.db.transaction((trx) => t.services.ledger.post(trx, SYSTEM_ACTOR, { bookedOn: '2024-03-20', kind: 'manual', description: 'fout', fineId: a.id, postings: [{ account: 'receivable:fines', amountCents: 500 }, { account: 'revenue:fines', amountCents: -500 }] }));
    const report = await verifyLedger(t.db, t.services.ledgerChecks);
    const check = report.checks.find((c) => c.name === 'fine-receivables-match-fines')!;
    expect(check.ok).to.equal(false);
    expect(check.examples).to.deep.equal([{ fineId: a.id, caseNumber: a.caseNumber, imposedCents: a.amountCents + 500, expectedCents: a.amountCents }]);
  });

  it('lets an evaluator see no fines (aggregates only)', async () => {
    const fine = await registered();
    expect((await request(t.app).get('/api/v1/fines').set('Authorization', t.auth('evaluator'))).status).to.equal(403);
    expect((await request(t.app).get(`/api/v1/fines/${fine.id}`).set('Authorization', t.auth('evaluator'))).status).to.equal(403);
  });

  it('logs the reading of a fine’s personal data', async () => {
    const fine = await registered();
    await request(t.app).get(`/api/v1/fines/${fine.id}`).set('Authorization', t.auth('finance'));
    const row = await t.db('audit_log').where({ action: 'fine.read-personal-data' }).first();
    expect(row).to.include({ subject_id: String(fine.id), actor_user_id: t.users.finance.user.id });
  });
});
