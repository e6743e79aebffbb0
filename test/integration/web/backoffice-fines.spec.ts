import { expect } from 'chai';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { registration } from '../../helpers/fine-factory.js';
import { csrfFrom, download, fieldError, makeWebUser, signIn, submitForm, type WebAgent } from '../../helpers/web.js';

const count = async (t: TestApp, table: string, where: Record<string, unknown> = {}) => Number((await t.db(table).where(where).count({ n: '*' }).first())!.n);

describe(`back office: fines list and fine page (${testDialect()})`, () => {
  let t: TestApp;
  let bo: WebAgent;
  const ids: number[] = [];
  beforeEach(async () => {
    t = await createTestApp('2024-03-01T09:00:00+01:00');
    await makeWebUser(t.services, 'backoffice', 'bo');
    bo = await signIn(t.app, 'bo');
    ids.length = 0;
    for (const [code, district, at] of [['A.31', 'Centrum', '2024-02-20T10:00:00+01:00'], ['C.2', 'Meerzicht', '2024-02-26T10:00:00+01:00'], ['A.31', 'Rokkeveen', '2024-01-02T10:00:00+01:00']] as const) {
      const body = registration({ offenceCode: code, observedAt: at });
      body.location.district = district;
      ids.push((await t.services.fines.register(t.users.boa.actor, body)).id);
    }
    await t.services.fines.issue(t.users.backoffice.actor, ids[0]!, {});
  });
  afterEach(async () => t.destroy());

  it('lists fines without personal data, 50 to a page, newest first', async () => {
    const page = await bo.get('/app/boetes');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('3 boetes gevonden');
    expect(page.text).to.contain('BB-2024-000001').and.contain('BB-2024-000003');
    expect(page.text).to.not.contain('de Vries');
    expect(page.text.indexOf('BB-2024-000003')).to.be.lessThan(page.text.indexOf('BB-2024-000001'));
    expect(page.text).to.contain('<caption class="bboor-visually-hidden">Boetes, pagina 1 van 1</caption>');
  });

  it('filters by status, offence and district from the URL, and keeps the filters in the form', async () => {
    const registered = await bo.get('/app/boetes?status=registered');
    expect(registered.text).to.contain('2 boetes gevonden').and.not.contain('>BB-2024-000001<');
    const offence = await bo.get('/app/boetes?feit=C.2');
    expect(offence.text).to.contain('1 boete gevonden').and.contain('BB-2024-000002');
    const district = await bo.get('/app/boetes?wijk=Rokkeveen&sorteer=zaaknummer');
    expect(district.text).to.contain('1 boete gevonden').and.contain('BB-2024-000003');
    expect(district.text).to.contain('<option value="Rokkeveen" selected>').and.contain('<option value="zaaknummer" selected>');
  });

  it('finds a fine by case number or payment reference through the posted form, redirected to a URL with only that', async () => {
    const fine = await t.services.fines.find(ids[0]!);
    const byCase = await submitForm(bo, '/app/boetes', '/app/boetes', { zoek: 'bb-2024-000002', status: '', feit: '', wijk: '', sorteer: 'nieuwste' });
    expect(byCase.status).to.equal(303);
    expect(byCase.headers.location).to.equal('/app/boetes?zoek=BB-2024-000002');
    expect((await bo.get(byCase.headers.location!)).text).to.contain('1 boete gevonden');
    const spaced = fine!.paymentReference!.replace(/(\d{4})/g, '$1 ').trim();
    const byReference = await submitForm(bo, '/app/boetes', '/app/boetes', { zoek: spaced });
    expect(byReference.headers.location).to.equal(`/app/boetes?zoek=${fine!.paymentReference}`);
    expect((await bo.get(byReference.headers.location!)).text).to.contain('1 boete gevonden').and.contain('BB-2024-000001');
  });

  it('answers a search that is neither on the page, next to the field, and never in a URL', async () => {
    const res = await submitForm(bo, '/app/boetes', '/app/boetes', { zoek: 'Jan de Vries' });
    expect(res.status).to.equal(400);
    expect(res.headers.location).to.equal(undefined);
    expect(fieldError(res.text, 'f-zoek')).to.match(/^Vul een zaaknummer in/);
    expect(res.text).to.contain('href="#f-zoek"').and.contain('value="Jan de Vries"');
    expect(res.text).to.contain('Geen boetes gevonden');
  });

  it('pages through more than 50 fines with the filters kept in the links', async () => {
    for (let i = 0; i < 50; i++) await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-02-28T10:00:00+01:00' }));
    const first = await bo.get('/app/boetes?feit=A.31');
    expect(first.text).to.contain('52 boetes gevonden. U ziet 1–50.');
    expect(first.text).to.contain('href="/app/boetes?feit=A.31&amp;pagina=2"');
    const second = await bo.get('/app/boetes?feit=A.31&pagina=2');
    expect(second.text).to.contain('U ziet 51–52.');
  });

  it('shows a fine with its offender, balance from the ledger and timeline; the read is audited', async () => {
    const page = await bo.get(`/app/boetes/${ids[0]}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('Boete BB-2024-000001').and.contain('Jan Willem de Vries').and.contain('Beschikking opgelegd');
    expect(page.text).to.match(/Openstaand<\/th><td[^>]*>€\s150,00/);
    expect(page.text).to.contain(`href="/app/boetes/${ids[0]}/beschikking.pdf"`);
    expect(page.text).to.contain('Beschikking vernietigen').and.not.contain('Rapport intrekken');
    expect(await count(t, 'audit_log', { action: 'fine.read-personal-data', subject_id: String(ids[0]) })).to.equal(1);
  });

  it('issues one rapport from its page; past eight weeks it asks for the reason and shows the refusal next to that field', async () => {
    const onTime = await submitForm(bo, `/app/boetes/${ids[1]}`, `/app/boetes/${ids[1]}/opleggen`, {});
    expect(onTime.status).to.equal(303);
    expect(onTime.headers.location).to.equal(`/app/boetes/${ids[1]}?gedaan=opgelegd`);
    expect((await bo.get(onTime.headers.location!)).text).to.contain('De beschikking is opgelegd.');

    const latePage = await bo.get(`/app/boetes/${ids[2]}`);
    expect(latePage.text).to.contain('Reden voor de late beschikking');
    const refused = await bo.post(`/app/boetes/${ids[2]}/opleggen`).type('form').send({ _csrf: csrfFrom(latePage.text) });
    expect(refused.status).to.equal(422);
    expect(fieldError(refused.text, 'f-lateReason')).to.match(/^Reden vereist/);
    const issued = await submitForm(bo, `/app/boetes/${ids[2]}`, `/app/boetes/${ids[2]}/opleggen`, { lateReason: 'Adres pas na navraag bij de BRP bekend.' });
    expect(issued.status).to.equal(303);
    expect((await t.services.fines.find(ids[2]!))!.lateNoticeReason).to.equal('Adres pas na navraag bij de BRP bekend.');
  });

  it('withdraws a rapport before the beschikking and cancels one after it, each only with a reason', async () => {
    const empty = await submitForm(bo, `/app/boetes/${ids[1]}`, `/app/boetes/${ids[1]}/intrekken`, { reason: '  ' });
    expect(empty.status).to.equal(400);
    expect(fieldError(empty.text, 'f-reason')).to.equal('Vul dit veld in.');
    const withdrawn = await submitForm(bo, `/app/boetes/${ids[1]}`, `/app/boetes/${ids[1]}/intrekken`, { reason: 'Verkeerde persoon' });
    expect(withdrawn.headers.location).to.equal(`/app/boetes/${ids[1]}?gedaan=ingetrokken`);
    expect((await bo.get(withdrawn.headers.location!)).text).to.contain('Het rapport is ingetrokken').and.contain('Ingetrokken');

    const cancelled = await submitForm(bo, `/app/boetes/${ids[0]}`, `/app/boetes/${ids[0]}/vernietigen`, { reason: 'Feit niet bewezen' });
    expect(cancelled.headers.location).to.equal(`/app/boetes/${ids[0]}?gedaan=vernietigd`);
    const after = await bo.get(cancelled.headers.location!);
    expect(after.text).to.contain('Vernietigd').and.contain('Feit niet bewezen');
    expect(after.text).to.match(/Openstaand<\/th><td[^>]*>€\s0,00/);
  });

  it('refuses to cancel a rapport that was never issued, with the service’s reason on the page', async () => {
    const page = await bo.get(`/app/boetes/${ids[1]}`);
    const res = await bo.post(`/app/boetes/${ids[1]}/vernietigen`).type('form').send({ _csrf: csrfFrom(page.text), reason: 'per ongeluk' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('is nog niet opgelegd');
  });

  it('sends a fine’s beschikking as an inline PDF named by case number, and audits the read', async () => {
    const res = await download(bo, `/app/boetes/${ids[0]}/beschikking.pdf`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['content-disposition']).to.equal('inline; filename="beschikking-BB-2024-000001.pdf"');
    expect((res.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
    expect(await count(t, 'audit_log', { action: 'notice.read-personal-data' })).to.equal(1);
  });

  it('lets finance read the list and a fine but offers no actions; a boa gets no list at all', async () => {
    await makeWebUser(t.services, 'finance', 'fin');
    const fin = await signIn(t.app, 'fin');
    const page = await fin.get(`/app/boetes/${ids[1]}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.not.contain('Beschikking opleggen').and.not.contain('Rapport intrekken');
    expect((await fin.post(`/app/boetes/${ids[1]}/opleggen`).type('form').send({ _csrf: csrfFrom(page.text) })).status).to.equal(403);
    await makeWebUser(t.services, 'boa', 'boa2');
    expect((await (await signIn(t.app, 'boa2')).get('/app/boetes')).status).to.equal(403);
  });
});
