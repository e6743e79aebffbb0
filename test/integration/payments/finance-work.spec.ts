import { expect } from 'chai';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { camt053, type CamtEntry } from '../../helpers/camt053.js';
import { fineDetail, importFile, issuedFine, OWN_IBAN, PAYER_IBAN } from '../../helpers/payments-scenario.js';
import { makeUser } from '../../helpers/factories.js';
import { verifyLedger } from '../../../src/modules/ledger/ledger.verify.js';

describe(`finance work on bank lines (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp('2024-03-20T09:00:00+01:00');
  });
  afterEach(async () => {
    const report = await verifyLedger(t.db, t.services.ledgerChecks);
    expect(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok))).to.equal(true);
    await t.destroy();
  });

  const fin = () => t.auth('finance');
  const line = (amountCents: number, name: string, text = 'betaling', iban = PAYER_IBAN, date = '2024-03-25'): CamtEntry => ({ amountCents, direction: 'credit', bookingDate: date, bankReference: `R-${amountCents}-${name}`, details: [{ name, iban, text, endToEndId: `E-${amountCents}` }] });
  const statement = (entries: CamtEntry[], date = '2024-03-25') => camt053([{ account: OWN_IBAN, id: `S-${date}`, openingCents: 0, date, entries }]);
  const firstLine = async (status: string) => (await request(t.app).get(`/api/v1/bank-transactions?status=${status}`).set('Authorization', fin())).body.items[0];

  it('suggests, never books, a payment of the fine’s amount from a payer named like the offender', async () => {
    const fine = await issuedFine(t, { surname: 'Jansen' });
    const res = await importFile(t, statement([line(fine.amountCents, 'P. Jansen')]));
    expect(res.body.suggested).to.equal(1);
    expect((await fineDetail(t, fine.id)).status).to.equal('issued');
    const suggested = await firstLine('suggested');
    const s = suggested.decisions.find((d: { outcome: string }) => d.outcome === 'suggested');
    expect(s).to.include({ rule: 'suggestion', fineId: fine.id });
    expect(s.evidence).to.include({ sameAmount: true, payerNameMatchesOffender: true, caseNumber: fine.caseNumber });
    // Finance confirms the suggestion.
    const ok = await request(t.app).post(`/api/v1/bank-transactions/${suggested.id}/allocations`).set('Authorization', fin()).send({ allocations: [{ fineId: fine.id, amountCents: fine.amountCents }], reason: 'naam en bedrag kloppen' });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    expect(ok.body.line.decisions.at(-1)).to.include({ rule: 'suggestion-confirmed', outcome: 'booked' });
    expect((await fineDetail(t, fine.id)).status).to.equal('paid');
  });

  it('allocates one payment over two fines by hand; the amounts must add up to the line', async () => {
    const a = await issuedFine(t);
    const b = await issuedFine(t);
    await importFile(t, statement([line(a.amountCents + b.amountCents, 'Familie Pietersen')]));
    const open = await firstLine('unmatched');
    const wrong = await request(t.app).post(`/api/v1/bank-transactions/${open.id}/allocations`).set('Authorization', fin()).send({ allocations: [{ fineId: a.id, amountCents: a.amountCents }], reason: 'twee kinderen' });
    expect(wrong.status).to.equal(422);
    const ok = await request(t.app).post(`/api/v1/bank-transactions/${open.id}/allocations`).set('Authorization', fin()).send({ allocations: [{ fineId: a.id, amountCents: a.amountCents }, { fineId: b.id, amountCents: b.amountCents }], reason: 'twee kinderen' });
    expect(ok.status).to.equal(201);
    expect(ok.body.line.status).to.equal('allocated');
  });

  it('needs a second finance user for a manual allocation at or above the threshold (four eyes)', async () => {
    const fines = [];
    for (let i = 0; i < 4; i++) fines.push(await issuedFine(t));
    const total = fines.reduce((s, f) => s + f.amountCents, 0);
    expect(total).to.be.at.least(50000);
    await importFile(t, statement([line(total, 'Stichting Buurtwerk')]));
    const open = await firstLine('unmatched');
    const req = await request(t.app).post(`/api/v1/bank-transactions/${open.id}/allocations`).set('Authorization', fin()).send({ allocations: fines.map((f) => ({ fineId: f.id, amountCents: f.amountCents })), reason: 'verzamelbetaling' });
    expect(req.status).to.equal(202);
    expect(req.body.status).to.equal('pending-approval');
    expect((await fineDetail(t, fines[0]!.id)).status).to.equal('issued');
    const self = await request(t.app).post(`/api/v1/approvals/${req.body.approvalId}/decision`).set('Authorization', fin()).send({ approve: true });
    expect(self.status).to.equal(403);
    const second = await makeUser(t.services, 'finance', 'Tweede Financiën');
    const approved = await request(t.app).post(`/api/v1/approvals/${req.body.approvalId}/decision`).set('Authorization', `Bearer ${second.token}`).send({ approve: true, reason: 'gecontroleerd' });
    expect(approved.status).to.equal(200);
    expect(approved.body.line.decisions.at(-1).confirmedBy).to.equal(second.actor.label);
    expect((await fineDetail(t, fines[3]!.id)).status).to.equal('paid');
  });

  it('undoes an allocation with a reversal and a reason: the fine reopens', async () => {
    const fine = await issuedFine(t);
    await importFile(t, statement([{ ...line(fine.amountCents, 'X'), details: [{ structuredReference: fine.paymentReference, iban: PAYER_IBAN, endToEndId: 'E-u' }] }]));
    const allocated = await firstLine('allocated');
    const res = await request(t.app).post(`/api/v1/bank-transactions/${allocated.id}/unallocate`).set('Authorization', fin()).send({ reason: 'verkeerde boete' });
    expect(res.status).to.equal(200);
    expect(res.body.status).to.equal('unmatched');
    expect((await fineDetail(t, fine.id)).status).to.equal('issued');
  });

  it('refunds an unknown payment, and matches the payout when it appears on the next statement', async () => {
    await importFile(t, statement([line(4200, 'Onbekend', 'gift', 'NL86INGB0002445588')]));
    const open = await firstLine('unmatched');
    const refunded = await request(t.app).post(`/api/v1/bank-transactions/${open.id}/refund`).set('Authorization', fin()).send({ reason: 'geen boete te vinden' });
    expect(refunded.body.status).to.equal('refund');
    const payout: CamtEntry = { amountCents: 4200, direction: 'debit', bookingDate: '2024-03-28', bankReference: 'OUT-1', details: [{ iban: 'NL86INGB0002445588', name: 'Onbekend', endToEndId: 'REFUND-1' }] };
    const res = await importFile(t, camt053([{ account: OWN_IBAN, id: 'S-out', openingCents: 4200, date: '2024-03-28', entries: [payout] }]));
    expect(res.body.matched).to.equal(1);
    const refunds = (await request(t.app).get('/api/v1/refunds').set('Authorization', fin())).body.items;
    expect(refunds[0]).to.include({ status: 'paid', paidOn: '2024-03-28' });
  });

  it('reports the trial balance, the ageing of open items and the statement against the ledger', async () => {
    const fine = await issuedFine(t);
    await importFile(t, camt053([{ account: OWN_IBAN, id: 'S-rec', openingCents: 100000, date: '2024-03-25', entries: [line(3000, 'Iemand')] }]));
    t.clock.set('2024-05-20T09:00:00+02:00');
    const tb = (await request(t.app).get('/api/v1/finance/trial-balance').set('Authorization', fin())).body;
    expect(tb.totalDebitCents).to.equal(tb.totalCreditCents);
    const ageing = (await request(t.app).get('/api/v1/finance/ageing').set('Authorization', fin())).body;
    expect(ageing.items[0]).to.include({ fineId: fine.id, bucket: '8-12w', openCents: fine.amountCents });
    const rec = (await request(t.app).get('/api/v1/finance/statement-reconciliation').set('Authorization', t.auth('admin'))).body;
    expect(rec.items[0]).to.include({ closingBalanceCents: 103000, ledgerBalanceCents: 103000, differenceCents: 0 });
  });

  it('exports CSV with spreadsheet formulas neutralised', async () => {
    const res = await request(t.app).get('/api/v1/finance/trial-balance?format=csv').set('Authorization', fin());
    expect(res.type).to.equal('text/csv');
    const { csvCell } = await import('../../../src/shared/csv.js');
    expect(csvCell('=HYPERLINK("x")')).to.equal(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+31')).to.equal("'+31");
    expect(csvCell('@SUM(A1)')).to.equal("'@SUM(A1)");
    expect(csvCell(-1500)).to.equal('-1500');
  });
});
