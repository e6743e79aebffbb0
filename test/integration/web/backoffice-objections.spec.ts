import { expect } from 'chai';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { registration } from '../../helpers/fine-factory.js';
import { fieldError, makeWebUser, signIn, submitForm, type WebAgent } from '../../helpers/web.js';
import { centsFromEuro } from '../../../src/web/pages/backoffice-objections.pages.js';

describe(`back office: objections (${testDialect()})`, () => {
  let t: TestApp;
  let bo: WebAgent;
  let fineId: number;
  beforeEach(async () => {
    t = await createTestApp('2024-03-01T09:00:00+01:00');
    await makeWebUser(t.services, 'backoffice', 'bo');
    bo = await signIn(t.app, 'bo');
    const f = await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-02-26T10:00:00+01:00' }));
    fineId = (await t.services.fines.issue(t.users.backoffice.actor, f.id, {})).fine.id;
    t.clock.set('2024-03-04T09:00:00+01:00');
    bo = await signIn(t.app, 'bo');
  });
  afterEach(async () => t.destroy());

  const lodge = (fields: Record<string, string>) => submitForm(bo, '/app/bezwaren/nieuw', '/app/bezwaren/nieuw', fields);

  it('offers the register form from the fine’s page with the case number and today filled in', async () => {
    const fine = await bo.get(`/app/boetes/${fineId}`);
    expect(fine.text).to.contain(`href="/app/bezwaren/nieuw?boete=${fineId}"`);
    const form = await bo.get(`/app/bezwaren/nieuw?boete=${fineId}`);
    expect(form.text).to.contain('name="caseNumber" value="BB-2024-000001"').and.contain('name="receivedOn" value="2024-03-04"');
  });

  it('registers an objection; the fine is in objection and the list shows it as pending', async () => {
    const res = await lodge({ caseNumber: 'bb-2024-000001', receivedOn: '2024-03-02', summary: 'Ik was die avond niet in Zoetermeer.' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(/^\/app\/bezwaren\/\d+\?gedaan=geregistreerd$/);
    expect((await bo.get(res.headers.location!)).text).to.contain('Het bezwaar is geregistreerd.');
    const list = await bo.get('/app/bezwaren');
    expect(list.text).to.contain('1 bezwaar wacht op een beslissing').and.contain('BB-2024-000001');
    expect((await bo.get(`/app/boetes/${fineId}`)).text).to.contain('In bezwaar');
  });

  it('shows what is wrong next to each field: unknown case number, a date in the future, a summary too short', async () => {
    const res = await lodge({ caseNumber: 'BB-2024-999999', receivedOn: '2024-03-02', summary: 'x' });
    expect(res.status).to.equal(400);
    expect(fieldError(res.text, 'f-caseNumber')).to.equal('Er is geen boete met dit zaaknummer.');
    expect(fieldError(res.text, 'f-summary')).to.equal('Vul minstens 3 tekens in.');
    const future = await lodge({ caseNumber: 'BB-2024-000001', receivedOn: '2024-03-09', summary: 'Ik was er niet.' });
    expect(future.status).to.equal(422);
    expect(fieldError(future.text, 'f-receivedOn')).to.equal('In de toekomst.');
    const twice = await lodge({ caseNumber: 'BB-2024-000001', receivedOn: '2024-03-02', summary: 'Ik was er niet.' });
    expect(twice.status).to.equal(303);
    const again = await lodge({ caseNumber: 'BB-2024-000001', receivedOn: '2024-03-03', summary: 'Nog een keer.' });
    expect(again.status).to.equal(422);
    expect(again.text).to.contain('Er loopt al een bezwaar');
  });

  it('records a reduction in euros (Awb 5:46 lid 3); the fine’s balance follows', async () => {
    const { id } = await t.services.objections.lodge(t.users.backoffice.actor, fineId, { receivedOn: '2024-03-02', summary: 'Te hoog voor mijn inkomen.' });
    const missing = await submitForm(bo, `/app/bezwaren/${id}`, `/app/bezwaren/${id}/beslissing`, { outcome: 'reduced', reason: 'Draagkracht' });
    expect(missing.status).to.equal(400);
    expect(fieldError(missing.text, 'f-newAmountCents')).to.equal('Vul het nieuwe bedrag in.');
    const tooHigh = await submitForm(bo, `/app/bezwaren/${id}`, `/app/bezwaren/${id}/beslissing`, { outcome: 'reduced', newAmountCents: '200', reason: 'Draagkracht' });
    expect(tooHigh.status).to.equal(422);
    expect(fieldError(tooHigh.text, 'f-newAmountCents')).to.equal('Vul een bedrag in dat lager is dan het bedrag van de boete.');
    const ok = await submitForm(bo, `/app/bezwaren/${id}`, `/app/bezwaren/${id}/beslissing`, { outcome: 'reduced', newAmountCents: '75,00', reason: 'Draagkracht aangetoond' });
    expect(ok.headers.location).to.equal('/app/bezwaren?gedaan=beslist');
    const list = await bo.get(ok.headers.location!);
    expect(list.text).to.contain('Er zijn geen openstaande bezwaren.').and.match(/Gedeeltelijk gegrond: boete gematigd tot €\s75,00/);
    expect((await bo.get(`/app/boetes/${fineId}`)).text).to.match(/Openstaand<\/th><td[^>]*>€\s75,00/);
  });

  it('asks for a decision when none is chosen, and upholds one: the fine is cancelled', async () => {
    const { id } = await t.services.objections.lodge(t.users.backoffice.actor, fineId, { receivedOn: '2024-03-02', summary: 'Ik was er niet.' });
    const none = await submitForm(bo, `/app/bezwaren/${id}`, `/app/bezwaren/${id}/beslissing`, { reason: 'Geen' });
    expect(fieldError(none.text, 'f-outcome')).to.equal('Kies een beslissing.');
    expect(none.text).to.contain('href="#f-outcome"');
    await submitForm(bo, `/app/bezwaren/${id}`, `/app/bezwaren/${id}/beslissing`, { outcome: 'upheld', reason: 'Camerabeelden tonen iemand anders.' });
    expect((await bo.get(`/app/boetes/${fineId}`)).text).to.contain('Vernietigd').and.contain('Gegrond: boete vernietigd');
  });

  it('reads euros as a person types them', () => {
    expect(centsFromEuro('75')).to.deep.equal({ cents: 7500 });
    expect(centsFromEuro('75,5')).to.deep.equal({ cents: 7550 });
    expect(centsFromEuro('€ 12.05')).to.deep.equal({ cents: 1205 });
    expect(centsFromEuro('twaalf').error?.field).to.equal('newAmountCents');
    expect(centsFromEuro('')).to.deep.equal({});
  });
});
