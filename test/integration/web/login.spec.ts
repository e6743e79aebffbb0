import { createHash } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../../src/app.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { csrfFrom, makeWebUser, signIn, WEB_PASSWORD } from '../../helpers/web.js';

const sessionCookie = (res: request.Response) => ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).find((c) => c.startsWith('bboor_sessie='));

async function tryLogin(t: TestApp, username: string, password: string) {
  const agent = request.agent(t.app);
  const page = await agent.get('/');
  return agent.post('/inloggen').type('form').send({ _csrf: csrfFrom(page.text), gebruikersnaam: username, wachtwoord: password });
}

async function auditActions(t: TestApp, prefix: string): Promise<string[]> {
  return (await t.db('audit_log').where('action', 'like', `${prefix}%`).orderBy('id').select('action')).map((r) => String(r.action));
}

describe(`web login and sessions (${process.env.BBOOR_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp('2024-03-05T10:00:00+01:00');
    await makeWebUser(t.services, 'boa', 'bea.boa');
  });
  afterEach(async () => t.destroy());

  it('logs in with the scrypt password: an HttpOnly, SameSite=Strict session cookie, not Secure over plain HTTP', async () => {
    const res = await tryLogin(t, 'bea.boa', WEB_PASSWORD);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/app');
    const cookie = sessionCookie(res)!;
    expect(cookie).to.match(/HttpOnly/).and.match(/SameSite=Strict/).and.not.match(/Secure/);
  });

  it('marks the session cookie Secure when a trusted proxy says the request came over HTTPS', async () => {
    const app = createApp(t.services, { bodyLimit: '100kb', trustProxy: true });
    // A Secure cookie is not sent back over plain HTTP by a client, so it is carried by hand here.
    const page = await request(app).get('/').set('X-Forwarded-Proto', 'https');
    const csrfCookie = (page.headers['set-cookie'] as unknown as string[])[0]!;
    expect(csrfCookie).to.match(/; Secure/);
    const res = await request(app).post('/inloggen').set('X-Forwarded-Proto', 'https').set('Cookie', csrfCookie.split(';')[0]!).type('form').send({ _csrf: csrfFrom(page.text), gebruikersnaam: 'bea.boa', wachtwoord: WEB_PASSWORD });
    expect(sessionCookie(res)).to.match(/; Secure/);
  });

  it('stores only a SHA-256 hash of the session id', async () => {
    const res = await tryLogin(t, 'bea.boa', WEB_PASSWORD);
    const id = /bboor_sessie=([^;]+)/.exec(sessionCookie(res)!)![1]!;
    const rows = await t.db('web_sessions').select('*');
    expect(rows).to.have.length(1);
    expect(JSON.stringify(rows)).to.not.contain(id);
    expect(rows[0].id_hash).to.equal(createHash('sha256').update(id).digest('hex'));
  });

  it('answers a wrong password and an unknown username alike (401, same message), without a session', async () => {
    const wrong = await tryLogin(t, 'bea.boa', 'niet het wachtwoord');
    const unknown = await tryLogin(t, 'niemand', 'niet het wachtwoord');
    expect(wrong.status).to.equal(401);
    expect(unknown.status).to.equal(401);
    expect(wrong.text).to.contain('De gebruikersnaam of het wachtwoord klopt niet.');
    expect(unknown.text).to.contain('De gebruikersnaam of het wachtwoord klopt niet.');
    expect(sessionCookie(wrong)).to.equal(undefined);
  });

  it('refuses the login form without its CSRF token', async () => {
    const res = await request(t.app).post('/inloggen').type('form').send({ gebruikersnaam: 'bea.boa', wachtwoord: WEB_PASSWORD });
    expect(res.status).to.equal(403);
    expect(sessionCookie(res)).to.equal(undefined);
  });

  it('locks a username out after 5 failed logins in 15 minutes (audited), even with the right password, until the window has passed', async () => {
    for (let i = 0; i < 4; i++) expect((await tryLogin(t, 'bea.boa', `fout ${i}`)).status).to.equal(401);
    const fifth = await tryLogin(t, 'bea.boa', 'fout 5');
    expect(fifth.status).to.equal(429);
    expect(fifth.text).to.contain('15 minuten geblokkeerd');
    expect((await tryLogin(t, 'bea.boa', WEB_PASSWORD)).status).to.equal(429);
    expect(await auditActions(t, 'web.login')).to.deep.equal([...Array(5).fill('web.login.failed'), 'web.login.lockout']);
    const audited = await t.db('audit_log').where('action', 'web.login.failed').select('details');
    expect(JSON.stringify(audited)).to.not.contain('bea.boa');

    t.clock.set('2024-03-05T10:15:01+01:00');
    expect((await tryLogin(t, 'bea.boa', WEB_PASSWORD)).status).to.equal(303);
  });

  it('does not count failures older than 15 minutes', async () => {
    for (let i = 0; i < 4; i++) await tryLogin(t, 'bea.boa', 'fout');
    t.clock.set('2024-03-05T10:16:00+01:00');
    expect((await tryLogin(t, 'bea.boa', 'fout')).status).to.equal(401);
  });

  it('ends a session after 30 minutes without activity', async () => {
    const agent = await signIn(t.app, 'bea.boa');
    t.clock.set('2024-03-05T10:29:00+01:00');
    expect((await agent.get('/app')).status).to.equal(200);
    t.clock.set('2024-03-05T10:59:30+01:00');
    const res = await agent.get('/app/rapporten');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/?terug=%2Fapp%2Frapporten');
  });

  it('ends a session 12 hours after login, however active', async () => {
    const agent = await signIn(t.app, 'bea.boa');
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      t.clock.set(new Date(Date.parse('2024-03-05T10:00:00+01:00') + minutes * 60_000).toISOString());
      expect((await agent.get('/app')).status, `after ${minutes} minutes`).to.equal(200);
    }
    t.clock.set('2024-03-05T22:00:00+01:00');
    expect((await agent.get('/app')).status).to.equal(303);
  });

  it('logs out: the session ends on the server (audited) and the old cookie no longer opens a page', async () => {
    const res = await tryLogin(t, 'bea.boa', WEB_PASSWORD);
    const cookie = sessionCookie(res)!.split(';')[0]!;
    const home = await request(t.app).get('/app').set('Cookie', cookie);
    const out = await request(t.app).post('/uitloggen').set('Cookie', cookie).type('form').send({ _csrf: csrfFrom(home.text) });
    expect(out.status).to.equal(303);
    expect(out.headers.location).to.equal('/?uitgelogd=1');
    expect((await request(t.app).get('/app').set('Cookie', cookie)).status).to.equal(303);
    expect(await t.db('web_sessions').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
    expect(await auditActions(t, 'web.')).to.deep.equal(['web.login', 'web.logout']);
  });

  it('does not end the session on a logout post without its CSRF token', async () => {
    const res = await tryLogin(t, 'bea.boa', WEB_PASSWORD);
    const cookie = sessionCookie(res)!.split(';')[0]!;
    await request(t.app).post('/uitloggen').set('Cookie', cookie).type('form').send({});
    expect((await request(t.app).get('/app').set('Cookie', cookie)).status).to.equal(200);
  });

  it('sends a visitor without a session to the login page and back to where they were going', async () => {
    const res = await request(t.app).get('/app/rapporten/nieuw');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/?terug=%2Fapp%2Frapporten%2Fnieuw');
    const agent = request.agent(t.app);
    const page = await agent.get(res.headers.location!);
    expect(page.text).to.contain('value="/app/rapporten/nieuw"');
    const login = await agent.post('/inloggen').type('form').send({ _csrf: csrfFrom(page.text), gebruikersnaam: 'bea.boa', wachtwoord: WEB_PASSWORD, terug: '/app/rapporten/nieuw' });
    expect(login.headers.location).to.equal('/app/rapporten/nieuw');
  });

  it('never sends anyone back to another site after login', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/?terug=//evil.example/');
    const login = await agent.post('/inloggen').type('form').send({ _csrf: csrfFrom(page.text), gebruikersnaam: 'bea.boa', wachtwoord: WEB_PASSWORD, terug: '//evil.example/' });
    expect(login.headers.location).to.equal('/app');
  });

  it('keeps API tokens for /api/v1, and a session cookie does not open the API', async () => {
    const res = await tryLogin(t, 'bea.boa', WEB_PASSWORD);
    const cookie = sessionCookie(res)!.split(';')[0]!;
    expect((await request(t.app).get('/api/v1/me').set('Cookie', cookie)).status).to.equal(401);
    expect((await request(t.app).get('/api/v1/me').set('Authorization', t.auth('boa'))).status).to.equal(200);
  });

  it('refuses a page form posted without the session’s CSRF token, and registers nothing', async () => {
    const agent = await signIn(t.app, 'bea.boa');
    const res = await agent.post('/app/rapporten/nieuw').type('form').send({ offenceCode: 'A.31' });
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('Formulier verlopen');
    expect(await t.db('fines').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
  });

  it('serves the pages under the Content-Security-Policy: scripts only from the app itself', async () => {
    const res = await request(t.app).get('/');
    expect(res.headers['content-security-policy']).to.contain("script-src 'self'");
    expect(res.text).to.not.match(/<script(?![^>]*\bsrc=)/);
    expect((await request(t.app).get('/assets/nl-design-system/index.css')).status).to.equal(200);
    expect((await request(t.app).get('/assets/theme.css')).text).to.contain('--utrecht-button-primary-action-background-color');
  });
});
