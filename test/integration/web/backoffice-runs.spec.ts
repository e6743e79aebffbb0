import { expect } from 'chai';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { registration } from '../../helpers/fine-factory.js';
import { csrfFrom, download, makeWebUser, signIn, submitForm, type WebAgent } from '../../helpers/web.js';

describe(`back office: the notice run and the collection run (${testDialect()})`, () => {
  let t: TestApp;
  let bo: WebAgent;
  beforeEach(async () => {
    t = await createTestApp('2024-03-01T09:00:00+01:00');
    await makeWebUser(t.services, 'backoffice', 'bo');
    bo = await signIn(t.app, 'bo');
    await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-02-20T10:00:00+01:00' }));
    await t.services.fines.register(t.users.boa.actor, registration({ offenceCode: 'C.2', observedAt: '2024-02-26T10:00:00+01:00' }));
    await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-01-02T10:00:00+01:00' }));
  });
  afterEach(async () => t.destroy());

  it('lists the rapports waiting for a beschikking, oldest offence first, the late one marked', async () => {
    const page = await bo.get('/app/beschikkingen');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('3 rapporten wachten');
    expect(page.text.indexOf('BB-2024-000003')).to.be.lessThan(page.text.indexOf('BB-2024-000001'));
    expect(page.text.match(/Ouder dan 8 weken: reden opgeven/g)).to.have.length(1);
    expect(page.text).to.contain('Er zijn nog geen verzendruns.');
  });

  it('starts a notice run: the result page shows what was issued, what was skipped, and the print PDF', async () => {
    const res = await submitForm(bo, '/app/beschikkingen', '/app/beschikkingen/verzendrun', {});
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(/^\/app\/beschikkingen\/verzendrun\/\d+\?overgeslagen=1$/);
    const result = await bo.get(res.headers.location!);
    expect(result.text).to.contain('2 beschikkingen opgelegd op 1 maart 2024').and.contain('1 rapport is overgeslagen');
    expect(result.text).to.contain('BB-2024-000001').and.contain('BB-2024-000002').and.not.contain('BB-2024-000003');
    const runId = /verzendrun\/(\d+)/.exec(res.headers.location!)![1];
    expect(result.text).to.contain(`href="/app/beschikkingen/verzendrun/${runId}/beschikkingen.pdf"`);

    const pdf = await download(bo, `/app/beschikkingen/verzendrun/${runId}/beschikkingen.pdf`);
    expect(pdf.status).to.equal(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    expect(pdf.headers['content-disposition']).to.equal(`attachment; filename="verzendrun-${runId}.pdf"`);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');

    const waiting = await bo.get('/app/beschikkingen');
    expect(waiting.text).to.contain('1 rapport wacht').and.contain(`Verzendrun ${runId}`);
  });

  it('says so when a run finds nothing it may issue, and records no run', async () => {
    await submitForm(bo, '/app/beschikkingen', '/app/beschikkingen/verzendrun', {});
    const again = await submitForm(bo, '/app/beschikkingen', '/app/beschikkingen/verzendrun', {});
    expect(again.headers.location).to.equal('/app/beschikkingen?geen=1&overgeslagen=1');
    expect((await bo.get(again.headers.location!)).text).to.contain('Er is geen verzendrun gemaakt');
    expect(Number((await t.db('notice_runs').count({ n: '*' }).first())!.n)).to.equal(1);
  });

  it('runs collection for today and offers the aanmaningen and the hand-off list to download', async () => {
    await submitForm(bo, '/app/beschikkingen', '/app/beschikkingen/verzendrun', {});
    t.clock.set('2024-04-13T08:00:00+02:00');
    bo = await signIn(t.app, 'bo'); // the session of March has expired
    const first = await submitForm(bo, '/app/invordering', '/app/invordering', {});
    expect(first.headers.location).to.match(/^\/app\/invordering\/\d+$/);
    const run = await bo.get(first.headers.location!);
    expect(run.text).to.match(/Aanmaningen verstuurd<\/dt><dd[^>]*>2</);
    expect(run.text).to.match(/Overgedragen voor dwangbevel<\/dt><dd[^>]*>0</);
    const runId = first.headers.location!.split('/').pop();
    // Which fines the run sent an aanmaning for, each linking to its page.
    const rows = [...run.text.matchAll(/<tr class="utrecht-table__row">\s*<th[^>]*><a class="utrecht-link" href="\/app\/boetes\/(\d+)">(BB-2024-\d+)<\/a><\/th>\s*<td[^>]*>([^<]+)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).to.deep.equal([['1', 'BB-2024-000001', 'Aanmaning'], ['2', 'BB-2024-000002', 'Aanmaning']]);
    expect(run.text).to.contain('2 boetes. U ziet 1–2.');
    const secondOnly = await t.services.collection.stepsOfRun(Number(runId), 1, 1);
    expect(secondOnly.total).to.equal(2);
    expect(secondOnly.items.map((x) => x.caseNumber)).to.deep.equal(['BB-2024-000002']);
    const letters = await download(bo, `/app/invordering/${runId}/aanmaningen.pdf`);
    expect(letters.headers['content-type']).to.equal('application/pdf');
    expect(letters.headers['content-disposition']).to.equal(`attachment; filename="aanmaningen-run-${runId}.pdf"`);

    const again = await submitForm(bo, '/app/invordering', '/app/invordering', {});
    expect(again.headers.location).to.equal('/app/invordering?geen=1');
    expect((await bo.get(again.headers.location!)).text).to.contain('Er was vandaag niets te doen');

    t.clock.set('2024-05-15T08:00:00+02:00');
    bo = await signIn(t.app, 'bo');
    const later = await submitForm(bo, '/app/invordering', '/app/invordering', {});
    const laterId = later.headers.location!.split('/').pop();
    const laterPage = (await bo.get(later.headers.location!)).text;
    expect(laterPage).to.match(/Overgedragen voor dwangbevel<\/dt><dd[^>]*>2</);
    expect(laterPage.match(/<td class="utrecht-table__cell">Overgedragen voor dwangbevel<\/td>/g)).to.have.length(2);
    const csv = await download(bo, `/app/invordering/${laterId}/overdracht.csv`);
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    expect(csv.headers['content-disposition']).to.equal(`attachment; filename="overdracht-run-${laterId}.csv"`);
    expect((csv.body as Buffer).toString()).to.contain('BB-2024-000001');
    const handOffPdf = await download(bo, `/app/invordering/${laterId}/overdracht.pdf`);
    expect(handOffPdf.headers['content-type']).to.equal('application/pdf');
    expect(Number((await t.db('audit_log').where({ action: 'collection-letters.read-personal-data' }).count({ n: '*' }).first())!.n)).to.equal(3);
  });

  it('counts the fines a run holds back for a pending objection', async () => {
    await submitForm(bo, '/app/beschikkingen', '/app/beschikkingen/verzendrun', {});
    await t.services.objections.lodge(t.users.backoffice.actor, 1, { receivedOn: '2024-03-01', summary: 'Ik was er niet.' });
    t.clock.set('2024-04-13T08:00:00+02:00');
    bo = await signIn(t.app, 'bo'); // the session of March has expired
    const res = await submitForm(bo, '/app/invordering', '/app/invordering', {});
    const run = await bo.get(res.headers.location!);
    expect(run.text).to.match(/Wachtend \(bezwaar of betalingsregeling\)<\/dt><dd[^>]*>1</);
  });

  it('shows finance the collection runs without the start button or the letters', async () => {
    await makeWebUser(t.services, 'finance', 'fin');
    const fin = await signIn(t.app, 'fin');
    const page = await fin.get('/app/invordering');
    expect(page.status).to.equal(200);
    expect(page.text).to.not.contain('Invorderingsrun starten');
    expect((await fin.post('/app/invordering').type('form').send({ _csrf: csrfFrom(page.text) })).status).to.equal(403);
  });
});
