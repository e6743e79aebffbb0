import { expect } from 'chai';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { csrfFrom, makeWebUser, signIn, submitForm, type WebAgent } from '../../helpers/web.js';
import { camt053, type CamtEntry } from '../../helpers/camt053.js';
import { fineDetail, importFile, issuedFine, OWN_IBAN, PAYER_IBAN } from '../../helpers/payments-scenario.js';

describe(`finance: approvals, refunds, trial balance and ageing pages (${process.env.BBOOR_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestApp;
  let finance: WebAgent;
  beforeEach(async () => {
    t = await createTestApp('2024-03-20T09:00:00+01:00');
    await makeWebUser(t.services, 'finance', 'fien.finance');
    await makeWebUser(t.services, 'finance', 'frits.finance');
  });
  afterEach(async () => t.destroy());

  let n = 0;
  const entry = (amountCents: number, direction: 'credit' | 'debit', d: { ref?: string; iban?: string } = {}): CamtEntry => ({
    amountCents, direction, bookingDate: '2024-03-25', bankReference: `D-${++n}`,
    details: [{ endToEndId: `DE-${n}`, name: 'Stichting Buurtwerk', iban: d.iban ?? PAYER_IBAN, ...(d.ref ? { structuredReference: d.ref } : {}) }],
  });
  async function imported(entries: CamtEntry[]) {
    const res = await importFile(t, camt053([{ account: OWN_IBAN, id: `S-${++n}`, openingCents: 0, date: '2024-03-25', entries }]));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    finance = await signIn(t.app, 'fien.finance');
    return (await t.db('bank_transactions').orderBy('id')).map((r) => Number(r.id));
  }

  it('makes an allocation above the threshold wait for a second finance user, who approves it', async () => {
    const fines = [];
    for (let i = 0; i < 4; i++) fines.push(await issuedFine(t));
    const [id] = await imported([entry(fines.reduce((s, f) => s + f.amountCents, 0), 'credit')]);
    const rows: Record<string, string> = { regels: '4', reason: 'verzamelbetaling van de stichting' };
    fines.forEach((f, i) => Object.assign(rows, { [`regel.${i}.boete`]: f.caseNumber, [`regel.${i}.bedrag`]: '150,00' }));
    const asked = await submitForm(finance, `/app/betalingen/${id}`, `/app/betalingen/${id}/toewijzen`, rows);
    expect(asked.headers.location).to.equal(`/app/betalingen/${id}?gedaan=goedkeuring`);
    const line = await finance.get(asked.headers.location!);
    expect(line.text).to.contain('wacht zij op de goedkeuring van een tweede medewerker').and.contain('Naar de goedkeuringen');
    expect((await fineDetail(t, fines[0]!.id)).status).to.equal('issued');

    const own = await finance.get('/app/goedkeuringen');
    expect(own.text).to.contain('U heeft deze toewijzing zelf gevraagd').and.not.contain('Goedkeuren en boeken');
    const approvalId = Number((await t.db('approvals').first()).id);
    const self = await finance.post(`/app/goedkeuringen/${approvalId}`).type('form').send({ _csrf: csrfFrom(own.text), besluit: 'goedkeuren' });
    expect(self.status).to.equal(403);
    expect(self.text).to.contain('wie de toewijzing vroeg, keurt haar niet zelf goed');

    const second = await signIn(t.app, 'frits.finance');
    const list = await second.get('/app/goedkeuringen');
    expect(list.text).to.contain(fines[3]!.caseNumber).and.contain('verzamelbetaling van de stichting').and.contain('Goedkeuren en boeken');
    const tooShort = await submitForm(second, '/app/goedkeuringen', `/app/goedkeuringen/${approvalId}`, { besluit: 'goedkeuren', reason: 'ok' });
    expect(tooShort.status).to.equal(400);
    expect(tooShort.text).to.contain(`id="f-reason-${approvalId}-error"`).and.contain(`href="#f-reason-${approvalId}"`);
    const ok = await submitForm(second, '/app/goedkeuringen', `/app/goedkeuringen/${approvalId}`, { besluit: 'goedkeuren', reason: 'gecontroleerd met de brief' });
    expect(ok.headers.location).to.equal('/app/goedkeuringen?gedaan=goedgekeurd');
    expect((await second.get(ok.headers.location!)).text).to.contain('Er wacht niets op goedkeuring.');
    expect((await fineDetail(t, fines[3]!.id)).status).to.equal('paid');
  });

  it('proposes a refund of a line nobody owes, lists it, and marks it paid with the payout line', async () => {
    const [id] = await imported([entry(4200, 'credit')]);
    const proposed = await submitForm(finance, `/app/betalingen/${id}`, `/app/betalingen/${id}/terugbetalen`, { reason: 'geen boete bekend' });
    expect(proposed.headers.location).to.equal(`/app/betalingen/${id}?gedaan=terugbetalen`);
    // The payout went to another account than the payer's, so the import did not match it.
    const ids = await imported([entry(4200, 'debit', { iban: 'NL69INGB0123456789' })]);
    const payout = ids[ids.length - 1]!;
    const list = await finance.get('/app/terugbetalingen');
    expect(list.text).to.contain('geen boete bekend').and.contain(PAYER_IBAN).and.contain(`<option value="${payout}">Regel ${payout}`);
    const refundId = Number((await t.db('refund_proposals').first()).id);
    const paid = await submitForm(finance, '/app/terugbetalingen', `/app/terugbetalingen/${refundId}/betaald`, { afschrijving: String(payout) });
    expect(paid.headers.location).to.equal('/app/terugbetalingen?gedaan=betaald');
    const done = await finance.get('/app/terugbetalingen?status=paid');
    expect(done.text).to.contain(`regel ${payout}`).and.contain('25 maart 2024');
    const twice = await submitForm(finance, '/app/terugbetalingen?status=paid', `/app/terugbetalingen/${refundId}/betaald`, { afschrijving: String(payout) });
    expect(twice.status).to.equal(409);
  });

  it('shows the trial balance on a date and downloads it as CSV', async () => {
    const fine = await issuedFine(t);
    await imported([entry(fine.amountCents, 'credit', { ref: fine.paymentReference })]);
    const page = await finance.get('/app/financien/proefbalans?datum=2024-03-31');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Te ontvangen boetes').and.contain(`Bankrekening ${OWN_IBAN}`).and.contain('href="/app/financien/proefbalans?datum=2024-03-31&amp;formaat=csv"');
    const csv = await finance.get('/app/financien/proefbalans?datum=2024-03-31&formaat=csv');
    expect(csv.headers['content-type']).to.equal('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).to.equal('attachment; filename="proefbalans-2024-03-31.csv"');
    expect(csv.text).to.contain('rekening;debet_cent;credit_cent;saldo_cent').and.contain(`bank:${OWN_IBAN};15000;0;15000`);
    const wrong = await finance.get('/app/financien/proefbalans?datum=2024-02-30');
    expect(wrong.status).to.equal(400);
    expect(wrong.text).to.contain('id="f-datum-error"').and.contain('Vul een bestaande datum in');
  });

  it('shows open items by age with a CSV download, also to the admin', async () => {
    const fine = await issuedFine(t);
    finance = await signIn(t.app, 'fien.finance');
    const page = await finance.get('/app/financien/ouderdom?datum=2024-05-01');
    expect(page.text).to.contain(fine.caseNumber).and.contain('6–8 weken');
    const csv = await finance.get('/app/financien/ouderdom?datum=2024-05-01&formaat=csv');
    expect(csv.headers['content-disposition']).to.equal('attachment; filename="ouderdom-2024-05-01.csv"');
    expect(csv.text).to.contain(`${fine.caseNumber};2024-03-20;`);
    await makeWebUser(t.services, 'admin', 'ada.admin');
    const admin = await signIn(t.app, 'ada.admin');
    expect((await admin.get('/app/financien/ouderdom')).status).to.equal(200);
    expect((await admin.get('/app/betalingen')).status).to.equal(403);
  });
});
