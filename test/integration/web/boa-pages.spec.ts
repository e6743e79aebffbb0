import { expect } from 'chai';
import { actorFor } from '../../../src/modules/auth/auth.service.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { makeWebUser, signIn, submitForm, type WebAgent } from '../../helpers/web.js';

const NEW = '/app/rapporten/nieuw';

/** A valid form as a boa fills it in; override what a test is about. */
function rapportForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    offenceCode: 'A.31',
    observedAt: '2024-03-05T09:40',
    'location.street': 'Stadhuisplein',
    'location.houseNumber': '1',
    'location.postcode': '2711 EC',
    'location.district': 'Centrum',
    'location.lat': '52,0575',
    'location.lon': '4.4931',
    'offender.givenNames': 'Jan Willem',
    'offender.surname': 'de Vries',
    'offender.birthDate': '1990-05-17',
    'offender.address.street': 'Dorpsstraat',
    'offender.address.houseNumber': '12a',
    'offender.address.postcode': '2712 AB',
    'offender.address.city': 'Zoetermeer',
    'offender.address.country': 'NL',
    observation: 'Betrokkene urineerde tegen de gevel van het stadhuis.',
    ...overrides,
  };
}

/** The message shown next to a field, as a person reads it. */
function fieldError(html: string, id: string): string | null {
  const m = new RegExp(`id="${id}-error"><span[^>]*>Fout: </span>([^<]*)<`).exec(html);
  return m ? m[1]! : null;
}

describe(`boa pages (${process.env.BBOOR_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestApp;
  let boa: WebAgent;
  beforeEach(async () => {
    t = await createTestApp('2024-03-05T10:00:00+01:00');
    await makeWebUser(t.services, 'boa', 'bea.boa');
    boa = await signIn(t.app, 'bea.boa');
  });
  afterEach(async () => t.destroy());

  it('pre-fills the current time in Europe/Amsterdam and offers the offences of today with their tariff', async () => {
    const page = await boa.get(NEW);
    expect(page.text).to.contain('name="observedAt" value="2024-03-05T10:00"');
    expect(page.text).to.match(/<option value="A\.31"[^>]*>A\.31 · [^<]+\(€\s150,00\)<\/option>/);
  });

  it('registers through the fines service and confirms with the case number; no personal data in the URL', async () => {
    const res = await submitForm(boa, NEW, NEW, rapportForm());
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(/^\/app\/rapporten\/\d+\/bevestiging$/);
    const confirmation = await boa.get(res.headers.location!);
    expect(confirmation.text).to.contain('BB-2024-000001').and.match(/€\s150,00/);
    const fine = await t.db('fines').first();
    expect(fine.observed_at).to.equal('2024-03-05T08:40:00.000Z');
    expect(Number(fine.lat)).to.be.closeTo(52.0575, 1e-9);
    expect(await t.db('audit_log').where({ action: 'fine.register' }).count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 1);
  });

  it('shows a Dutch message next to each invalid field, in a summary that links to it, and keeps what was typed (escaped)', async () => {
    const res = await submitForm(boa, NEW, NEW, rapportForm({ 'offender.surname': '', 'offender.address.postcode': '27', observation: '<script>alert(1)</script>', 'location.lat': 'noord' }));
    expect(res.status).to.equal(400);
    expect(fieldError(res.text, 'f-offender-surname')).to.equal('Vul dit veld in.');
    expect(fieldError(res.text, 'f-location-lat')).to.equal('Vul een getal in, zoals 52.06.');
    expect(res.text).to.contain('href="#f-location-lat"');
    const again = await submitForm(boa, NEW, NEW, rapportForm({ 'offender.surname': '', 'offender.address.postcode': '27', observation: '<script>alert(1)</script>' }));
    expect(fieldError(again.text, 'f-offender-address-postcode')).to.equal('Vul een postcode zoals 2711 CJ in.');
    expect(again.text).to.contain('href="#f-offender-surname"');
    expect(again.text).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;').and.not.contain('<script>alert(1)');
    expect(again.text).to.contain('aria-invalid="true"');
    expect(await t.db('fines').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
  });

  it('puts the service’s refusals next to the field: under 12 on the birth date, a time in the future on the time', async () => {
    const young = await submitForm(boa, NEW, NEW, rapportForm({ 'offender.birthDate': '2015-01-01' }));
    expect(young.status).to.equal(422);
    expect(fieldError(young.text, 'f-offender-birthDate')).to.equal('Jonger dan 12 op de pleegdatum.');
    const future = await submitForm(boa, NEW, NEW, rapportForm({ observedAt: '2024-03-05T11:00' }));
    expect(fieldError(future.text, 'f-observedAt')).to.equal('Ligt in de toekomst.');
  });

  it('shows a confirmation only to the boa who wrote the rapport', async () => {
    const res = await submitForm(boa, NEW, NEW, rapportForm());
    await makeWebUser(t.services, 'boa', 'bob.boa');
    const other = await signIn(t.app, 'bob.boa');
    expect((await other.get(res.headers.location!)).status).to.equal(404);
  });

  it('lists the boa’s own rapports, newest first, 20 to a page', async () => {
    const actor = actorFor((await t.services.auth.listUsers()).find((u) => u.username === 'bea.boa')!);
    for (let i = 0; i < 21; i++) await t.services.fines.register(actor, {
      offenceCode: 'A.31', observedAt: '2024-03-04T12:00:00+01:00', location: { street: 'Markt', district: 'Centrum' },
      offender: { givenNames: 'Jan', surname: `Jansen ${i}`, birthDate: '1990-01-01', address: { street: 'Markt', houseNumber: '1', postcode: '2711 AB', city: 'Zoetermeer', country: 'NL' } }, observation: 'Gezien.',
    });
    const first = await boa.get('/app/rapporten');
    expect(first.text.match(/BB-2024-\d{6}/g)).to.have.length(20);
    expect(first.text).to.contain('BB-2024-000021');
    expect(first.text).to.contain('href="/app/rapporten?pagina=2"');
    const second = await boa.get('/app/rapporten?pagina=2');
    expect(second.text.match(/BB-2024-\d{6}/g)).to.deep.equal(['BB-2024-000001']);
    expect(first.text).to.not.contain('Jansen');
  });
});
