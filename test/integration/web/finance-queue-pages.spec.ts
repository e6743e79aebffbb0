import { expect } from 'chai';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { makeWebUser, signIn, submitForm, type WebAgent } from '../../helpers/web.js';
import { camt053, type CamtEntry } from '../../helpers/camt053.js';
import { fineDetail, importFile, issuedFine, OWN_IBAN, PAYER_IBAN } from '../../helpers/payments-scenario.js';

/** The message shown next to a field, as a person reads it. */
function fieldError(html: string, id: string): string | null {
  const m = new RegExp(`id="${id}-error"><span[^>]*>Fout: </span>([^<]*)<`).exec(html);
  return m ? m[1]! : null;
}

describe(`finance: the queue of bank lines and a line's page (${process.env.BBOOR_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestApp;
  let finance: WebAgent;
  beforeEach(async () => {
    t = await createTestApp('2024-03-20T09:00:00+01:00');
    await makeWebUser(t.services, 'finance', 'fien.finance');
  });
  afterEach(async () => t.destroy());

  let n = 0;
  const credit = (amountCents: number, d: { ref?: string; name?: string; iban?: string } = {}): CamtEntry => ({
    amountCents, direction: 'credit', bookingDate: '2024-03-25', bankReference: `W-${++n}`,
    details: [{ endToEndId: `WE-${n}`, name: d.name ?? 'Onbekende Betaler', iban: d.iban ?? PAYER_IBAN, ...(d.ref ? { structuredReference: d.ref } : {}) }],
  });
  /** Imports the lines (as on 2 April) and signs finance in on that day. */
  async function imported(entries: CamtEntry[]) {
    const res = await importFile(t, camt053([{ account: OWN_IBAN, id: `S-${++n}`, openingCents: 0, date: '2024-03-25', entries }]));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    finance = await signIn(t.app, 'fien.finance');
    return (await t.db('bank_transactions').orderBy('id')).map((r) => Number(r.id));
  }

  it('lists the lines by status with a count per tab and the evidence of each suggestion', async () => {
    const named = await issuedFine(t, { surname: 'Jansen' });
    await imported([credit(named.amountCents, { name: 'P. Jansen' }), credit(999)]);
    const unmatched = await finance.get('/app/betalingen');
    expect(unmatched.status).to.equal(200);
    expect(unmatched.text).to.match(/aria-current="page">Niet herkend <span class="bboor-count">1<\/span>/);
    expect(unmatched.text).to.match(/Voorstel <span class="bboor-count">1<\/span>/);
    expect(unmatched.text).to.match(/€\s9,99/).and.contain('Geen kenmerk of zaaknummer gevonden');
    const suggested = await finance.get('/app/betalingen?status=suggested');
    expect(suggested.text).to.contain(named.caseNumber).and.contain('P. Jansen');
    expect(suggested.text).to.contain('Naam van de betaler bevat de achternaam van de overtreder: ja');
    expect(await t.db('audit_log').where({ action: 'bank-transactions.read' }).count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) >= 2);
  });

  it('pages the queue 20 lines at a time, newest first', async () => {
    await imported(Array.from({ length: 21 }, (_, i) => credit(1000 + i)));
    const first = await finance.get('/app/betalingen?status=unmatched');
    expect(first.text.match(/>Regel \d+<\/a>/g)).to.have.length(20);
    expect(first.text).to.contain('href="/app/betalingen?status=unmatched&amp;pagina=2"');
    const second = await finance.get('/app/betalingen?status=unmatched&pagina=2');
    expect(second.text.match(/>Regel \d+<\/a>/g)).to.have.length(1);
  });

  it('confirms a suggestion with a reason: the fine is paid', async () => {
    const named = await issuedFine(t, { surname: 'Jansen' });
    const [id] = await imported([credit(named.amountCents, { name: 'P. Jansen' })]);
    const page = await finance.get(`/app/betalingen/${id}`);
    expect(page.text).to.contain(`Voorstel: boete ${named.caseNumber}`).and.contain('Bedrag gelijk aan wat de boete openstaat');
    const noReason = await submitForm(finance, `/app/betalingen/${id}`, `/app/betalingen/${id}/voorstel`, { boete: String(named.id), reason: '' });
    expect(noReason.status).to.equal(400);
    expect(fieldError(noReason.text, `f-reason-voorstel-${named.id}`)).to.equal('Geef een reden.');
    expect(noReason.text).to.contain(`href="#f-reason-voorstel-${named.id}"`);
    const ok = await submitForm(finance, `/app/betalingen/${id}`, `/app/betalingen/${id}/voorstel`, { boete: String(named.id), reason: 'naam en bedrag kloppen' });
    expect(ok.status).to.equal(303);
    expect(ok.headers.location).to.equal(`/app/betalingen/${id}?gedaan=toegewezen`);
    expect((await finance.get(ok.headers.location!)).text).to.contain('De betaling is toegewezen en geboekt.').and.contain('Voorstel bevestigd door een medewerker');
    expect((await fineDetail(t, named.id)).status).to.equal('paid');
  });

  it('allocates one payment over two fines by case number and betalingskenmerk; the amounts must add up', async () => {
    const a = await issuedFine(t);
    const b = await issuedFine(t);
    const [id] = await imported([credit(a.amountCents + b.amountCents)]);
    const line = `/app/betalingen/${id}`;
    const wrong = await submitForm(finance, line, `${line}/toewijzen`, { regels: '3', 'regel.0.boete': 'BB-2024-999999', 'regel.0.bedrag': 'tien', 'regel.1.boete': '', 'regel.1.bedrag': '5', reason: 'x' });
    expect(wrong.status).to.equal(400);
    expect(fieldError(wrong.text, 'f-regel-0-boete')).to.equal('Er is geen boete met dit zaaknummer of betalingskenmerk.');
    expect(fieldError(wrong.text, 'f-regel-0-bedrag')).to.equal('Vul een bedrag in euro in, zoals 150,00.');
    expect(fieldError(wrong.text, 'f-regel-1-boete')).to.equal('Vul het zaaknummer of het betalingskenmerk in.');
    expect(fieldError(wrong.text, 'f-reason-toewijzen')).to.equal('Geef een reden.');
    const short = await submitForm(finance, line, `${line}/toewijzen`, { regels: '3', 'regel.0.boete': a.caseNumber, 'regel.0.bedrag': '100', reason: 'twee kinderen' });
    expect(short.status).to.equal(422);
    expect(short.text).to.match(/De bedragen tellen op tot €\s100,00, maar van deze betaling staat €\s300,00 open./);
    const more = await submitForm(finance, line, `${line}/toewijzen`, { regels: '3', actie: 'regel-erbij' });
    expect(more.text).to.contain('id="f-regel-3-boete"');
    const ok = await submitForm(finance, line, `${line}/toewijzen`, { regels: '3', 'regel.0.boete': a.caseNumber, 'regel.0.bedrag': '150,00', 'regel.1.boete': b.paymentReference, 'regel.1.bedrag': '€ 150', reason: 'twee kinderen' });
    expect(ok.status, ok.text).to.equal(303);
    expect((await fineDetail(t, a.id)).status).to.equal('paid');
    expect((await fineDetail(t, b.id)).status).to.equal('paid');
    const after = await finance.get(ok.headers.location!);
    expect(after.text).to.contain('Toewijzing terugdraaien').and.not.contain('Toewijzen aan boetes');
  });

  it('undoes an allocation with a reason: the fine reopens and the line is back in the queue', async () => {
    const fine = await issuedFine(t);
    const [id] = await imported([credit(fine.amountCents, { ref: fine.paymentReference })]);
    const line = `/app/betalingen/${id}`;
    expect((await finance.get(line)).text).to.contain('Betalingskenmerk in het kenmerkveld');
    const res = await submitForm(finance, line, `${line}/terugdraaien`, { reason: 'verkeerde boete' });
    expect(res.headers.location).to.equal(`${line}?gedaan=teruggedraaid`);
    expect((await fineDetail(t, fine.id)).status).to.equal('issued');
    expect((await finance.get('/app/betalingen?status=unmatched')).text).to.contain(`>Regel ${id}</a>`);
  });

  it('shows a 404 page for a line that does not exist, and no queue to the back office', async () => {
    await imported([credit(500)]);
    expect((await finance.get('/app/betalingen/424242')).status).to.equal(404);
    await makeWebUser(t.services, 'backoffice', 'bo.backoffice');
    const backoffice = await signIn(t.app, 'bo.backoffice');
    expect((await backoffice.get('/app/betalingen')).status).to.equal(403);
  });
});
