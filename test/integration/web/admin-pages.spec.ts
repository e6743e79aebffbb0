import { expect } from 'chai';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { registration } from '../../helpers/fine-factory.js';
import { fieldError, makeWebUser, signIn, submitForm, WEB_PASSWORD, type WebAgent } from '../../helpers/web.js';

const NEW_USER = '/app/gebruikers/nieuw';

const count = async (t: TestApp, table: string, where: Record<string, unknown> = {}) => Number((await t.db(table).where(where).count({ n: '*' }).first())!.n);

describe(`admin pages (${process.env.BBOOR_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestApp;
  let admin: WebAgent;
  beforeEach(async () => {
    t = await createTestApp('2024-03-05T10:00:00+01:00');
    await makeWebUser(t.services, 'admin', 'ada.admin');
    admin = await signIn(t.app, 'ada.admin');
  });
  afterEach(async () => t.destroy());

  describe('users', () => {
    it('lists every user with role, badge and status; the read is audited', async () => {
      const res = await admin.get('/app/gebruikers');
      expect(res.status).to.equal(200);
      expect(res.text).to.match(/<a class="utrecht-link" href="\/app\/gebruikers\/\d+">ada\.admin<\/a>/);
      expect(res.text).to.contain('<td class="utrecht-table__cell">Boa</td>').and.contain('<td class="utrecht-table__cell">Evaluatie</td>');
      expect(await count(t, 'audit_log', { action: 'user.list.read' })).to.equal(1);
    });

    it('creates a boa with a password who can then log in; the first API token is shown once', async () => {
      const res = await submitForm(admin, NEW_USER, NEW_USER, { name: 'Bram de Boa', username: '', role: 'boa', badgeNumber: 'BOA-4711', password: 'een zin van vier woorden' });
      expect(res.status, res.text).to.equal(303);
      expect(res.headers.location).to.match(/^\/app\/gebruikers\/\d+$/);
      const page = await admin.get(res.headers.location!);
      expect(page.text).to.contain('Gebruiker bram.de.boa is aangemaakt');
      const token = /id="nieuw-token">(bboor_[A-Za-z0-9_-]+)</.exec(page.text)?.[1];
      expect(token).to.be.a('string');
      expect((await admin.get(res.headers.location!)).text).to.not.contain(token!);
      await signIn(t.app, 'bram.de.boa', 'een zin van vier woorden');
      const user = await t.db('users').where({ username: 'bram.de.boa' }).first();
      expect(user).to.include({ role: 'boa', badge_number: 'BOA-4711' });
      expect(await count(t, 'audit_log', { action: 'user.create', actor: 'ada.admin (admin)' })).to.equal(1);
    });

    it('puts each refusal next to its field and never sends the password back', async () => {
      const res = await submitForm(admin, NEW_USER, NEW_USER, { name: '', role: '', badgeNumber: '', password: 'kort' });
      expect(res.status).to.equal(400);
      expect(fieldError(res.text, 'f-name')).to.equal('Vul dit veld in.');
      expect(fieldError(res.text, 'f-role')).to.equal('Deze waarde is niet geldig.');
      expect(fieldError(res.text, 'f-password')).to.equal('Minstens 12 tekens.');
      expect(res.text).to.contain('href="#f-password"').and.not.contain('value="kort"');
      const boa = await submitForm(admin, NEW_USER, NEW_USER, { name: 'Bram', role: 'boa', badgeNumber: '', password: 'een zin van vier woorden' });
      expect(boa.status).to.equal(422);
      expect(fieldError(boa.text, 'f-badgeNumber')).to.equal('Nodig voor een boa.');
      expect(boa.text).to.contain('value="Bram"').and.not.contain('een zin van vier woorden');
      const taken = await submitForm(admin, NEW_USER, NEW_USER, { name: 'Ada', username: 'ada.admin', role: 'finance', password: 'een zin van vier woorden' });
      expect(fieldError(taken.text, 'f-username')).to.equal('Bestaat al.');
    });

    it('makes a token (shown once) and revokes it', async () => {
      const evaluator = t.users.evaluator.user;
      const page = `/app/gebruikers/${evaluator.id}`;
      const made = await submitForm(admin, page, `${page}/tokens`, { label: 'rapportagescript' });
      expect(made.headers.location).to.equal(page);
      const shown = await admin.get(page);
      const token = /id="nieuw-token">(bboor_[A-Za-z0-9_-]+)</.exec(shown.text)![1]!;
      expect(await t.services.auth.authenticateToken(token)).to.include({ id: evaluator.id });
      const tokenId = (await t.services.auth.listTokens(evaluator.id)).find((x) => x.label === 'rapportagescript')!.id;
      const revoked = await submitForm(admin, page, `${page}/tokens/${tokenId}/intrekken`, {});
      expect(revoked.status).to.equal(303);
      expect((await admin.get(page)).text).to.contain('Het token ‘rapportagescript’ is ingetrokken.');
      expect(await t.services.auth.authenticateToken(token)).to.equal(null);
      const empty = await submitForm(admin, page, `${page}/tokens`, { label: ' ' });
      expect(empty.status).to.equal(400);
      expect(fieldError(empty.text, 'f-label')).to.not.equal(null);
    });

    it('resets a password (audited) and blocks a user with a reason, after which they cannot log in', async () => {
      const bea = await makeWebUser(t.services, 'boa', 'bea.boa');
      const page = `/app/gebruikers/${bea.id}`;
      const short = await submitForm(admin, page, `${page}/wachtwoord`, { password: 'kort' });
      expect(fieldError(short.text, 'f-password')).to.equal('Minstens 12 tekens.');
      expect((await submitForm(admin, page, `${page}/wachtwoord`, { password: 'het nieuwe wachtwoord' })).status).to.equal(303);
      await signIn(t.app, 'bea.boa', 'het nieuwe wachtwoord');
      expect(await count(t, 'audit_log', { action: 'user.password.reset' })).to.equal(1);

      const noReason = await submitForm(admin, page, `${page}/blokkeren`, { reason: '' });
      expect(fieldError(noReason.text, 'f-reason')).to.not.equal(null);
      expect((await submitForm(admin, page, `${page}/blokkeren`, { reason: 'uit dienst' })).status).to.equal(303);
      expect((await admin.get(page)).text).to.contain('Geblokkeerd').and.contain('action="/app/gebruikers/' + bea.id + '/toelaten"');
      const login = await t.services.webSessions.login('bea.boa', 'het nieuwe wachtwoord');
      expect(login.ok).to.equal(false);
    });

    it('does not offer to block one’s own account', async () => {
      const me = await t.db('users').where({ username: 'ada.admin' }).first();
      const page = await admin.get(`/app/gebruikers/${me.id}`);
      expect(page.text).to.contain('U kunt uw eigen account niet blokkeren.').and.not.contain('/blokkeren"');
    });
  });

  describe('the offence catalogue', () => {
    it('lists the offences with today’s tariff and shows an offence’s dated tariffs', async () => {
      const list = await admin.get('/app/catalogus');
      expect(list.text).to.match(/href="\/app\/catalogus\/A\.31">A\.31<\/a>[\s\S]*?€\s150,00/);
      const a31 = await admin.get('/app/catalogus/A.31');
      expect(a31.status).to.equal(200);
      expect(a31.text).to.contain('<h1 class="utrecht-heading-1">A.31 · ').and.contain('>Nu<');
      expect((await admin.get('/app/catalogus/Z.99')).status).to.equal(404);
    });

    it('adds a dated tariff through the catalogue service, audited, and shows it as coming', async () => {
      const res = await submitForm(admin, '/app/catalogus/A.31', '/app/catalogus/A.31/tarieven', { validFrom: '2025-01-01', amount: '€ 1.175,50', source: 'Besluit tarieven 2025, Gemeenteblad 2024, 4711', confirmed: 'ja' });
      expect(res.status, res.text).to.equal(303);
      expect(res.headers.location).to.equal('/app/catalogus/A.31');
      const page = await admin.get('/app/catalogus/A.31');
      expect(page.text).to.contain('Het nieuwe tarief is toegevoegd.').and.match(/€\s1\.175,50/).and.contain('>1 januari 2025<').and.contain('>Gaat nog in<');
      const tariff = await t.db('offence_tariffs').where({ offence_code: 'A.31', valid_from: '2025-01-01' }).first();
      expect(Number(tariff.amount_cents)).to.equal(117550);
      expect(await count(t, 'audit_log', { action: 'tariff.create' })).to.equal(1);
    });

    it('shows the form’s and the service’s refusals next to the field', async () => {
      const form = '/app/catalogus/A.31';
      const before = await count(t, 'offence_tariffs', { offence_code: 'A.31' });
      const bad = await submitForm(admin, form, `${form}/tarieven`, { validFrom: '', amount: 'honderd', source: 'kort' });
      expect(bad.status).to.equal(400);
      expect(fieldError(bad.text, 'f-amount')).to.equal('Vul een bedrag in euro in, zoals 150,00.');
      expect(fieldError(bad.text, 'f-validFrom')).to.not.equal(null);
      expect(fieldError(bad.text, 'f-source')).to.equal('Noem de bron (besluit, Staatsblad).');
      expect(bad.text).to.contain('value="honderd"');
      // A fine committed on 4 March: a tariff may not start on or before it (it would re-price the past).
      await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-03-04T12:00:00+01:00' }));
      const past = await submitForm(admin, form, `${form}/tarieven`, { validFrom: '2024-03-01', amount: '175', source: 'Besluit tarieven 2024' });
      expect(past.status).to.equal(422);
      expect(fieldError(past.text, 'f-validFrom')).to.equal('Moet na 2024-03-04 liggen.');
      expect(await count(t, 'offence_tariffs', { offence_code: 'A.31' })).to.equal(before);
    });
  });

  it('keeps the admin pages from other roles', async () => {
    await makeWebUser(t.services, 'evaluator', 'eva.luator');
    const evaluator = await signIn(t.app, 'eva.luator', WEB_PASSWORD);
    for (const path of ['/app/gebruikers', '/app/gebruikers/nieuw', '/app/catalogus', '/app/catalogus/A.31']) expect((await evaluator.get(path)).status, path).to.equal(403);
  });
});
