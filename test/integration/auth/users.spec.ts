import { expect } from 'chai';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { verifyPassword } from '../../../src/modules/auth/secrets.js';
import { SYSTEM_ACTOR } from '../../../src/modules/audit/audit.types.js';

describe(`users, roles and tokens (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.destroy());

  const admin = () => t.auth('admin');

  it('lets an admin add a boa with a badge number; the token shown once works and is stored only as a hash', async () => {
    const res = await request(t.app).post('/api/v1/users').set('Authorization', admin()).send({ name: 'Fatima el Amrani', role: 'boa', badgeNumber: 'BOA-4711' });
    expect(res.status).to.equal(201);
    expect(res.body).to.include({ username: 'fatima.el.amrani', role: 'boa', badgeNumber: 'BOA-4711' });
    const token = res.body.token as string;
    expect(token).to.match(/^bboor_[A-Za-z0-9_-]{43}$/);
    const me = await request(t.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(me.body).to.include({ username: 'fatima.el.amrani', role: 'boa' });
    const stored = await t.db('api_tokens').where({ user_id: res.body.id });
    expect(stored).to.have.length(1);
    expect(JSON.stringify(stored)).to.not.contain(token);
  });

  it('requires a badge number for a boa and refuses one for other roles', async () => {
    const noBadge = await request(t.app).post('/api/v1/users').set('Authorization', admin()).send({ name: 'Boa zonder pas', role: 'boa' });
    expect(noBadge.status).to.equal(422);
    const badge = await request(t.app).post('/api/v1/users').set('Authorization', admin()).send({ name: 'Financiën', role: 'finance', badgeNumber: 'BOA-1' });
    expect(badge.status).to.equal(422);
  });

  it('refuses an unknown role with 400 naming the field', async () => {
    const res = await request(t.app).post('/api/v1/users').set('Authorization', admin()).send({ name: 'X', role: 'mayor' });
    expect(res.status).to.equal(400);
    expect(res.body.errors[0].field).to.equal('role');
  });

  it('revokes a token: the next call with it is 401', async () => {
    const finance = t.users.finance;
    const tokens = await request(t.app).get(`/api/v1/users/${finance.user.id}/tokens`).set('Authorization', admin());
    const tokenId = tokens.body.items[0].id;
    expect((await request(t.app).get('/api/v1/me').set('Authorization', t.auth('finance'))).status).to.equal(200);
    const revoked = await request(t.app).delete(`/api/v1/users/${finance.user.id}/tokens/${tokenId}`).set('Authorization', admin());
    expect(revoked.status).to.equal(200);
    expect(revoked.body.revokedAt).to.equal('2024-03-05T09:00:00.000Z');
    const after = await request(t.app).get('/api/v1/me').set('Authorization', t.auth('finance'));
    expect(after.status).to.equal(401);
    expect(after.type).to.equal('application/problem+json');
  });

  it('remembers a valid token for a few seconds: repeated API calls do not look it up again (TOKEN_MEMORY_MS)', async () => {
    const lookups: string[] = [];
    const seen = (q: { sql: string }) => {
      if (q.sql.includes('api_tokens')) lookups.push(q.sql);
    };
    t.db.on('query', seen);
    try {
      for (let i = 0; i < 3; i++) expect((await request(t.app).get('/api/v1/me').set('Authorization', t.auth('evaluator'))).status).to.equal(200);
    } finally {
      t.db.off('query', seen);
    }
    expect(lookups).to.have.length(1);
  });

  it('issues an extra token and blocks a deactivated user', async () => {
    const evaluator = t.users.evaluator;
    const extra = await request(t.app).post(`/api/v1/users/${evaluator.user.id}/tokens`).set('Authorization', admin()).send({ label: 'rapportagescript' });
    expect(extra.status).to.equal(201);
    expect((await request(t.app).get('/api/v1/me').set('Authorization', `Bearer ${extra.body.token}`)).status).to.equal(200);
    const off = await request(t.app).patch(`/api/v1/users/${evaluator.user.id}`).set('Authorization', admin()).send({ active: false, reason: 'uit dienst' });
    expect(off.body.active).to.equal(false);
    expect((await request(t.app).get('/api/v1/me').set('Authorization', `Bearer ${extra.body.token}`)).status).to.equal(401);
  });

  it('audits each change with the acting admin, the request id and the reason', async () => {
    await request(t.app).patch(`/api/v1/users/${t.users.boa.user.id}`).set('Authorization', admin()).set('X-Request-Id', 'req-deactivate-1').send({ active: false, reason: 'pas verlopen' });
    const row = await t.db('audit_log').where({ action: 'user.deactivate' }).first();
    expect(row).to.include({ actor_user_id: t.users.admin.user.id, reason: 'pas verlopen', request_id: 'req-deactivate-1', subject_type: 'user', subject_id: String(t.users.boa.user.id) });
  });

  it('logs the reading of the user list (names and badge numbers are personal data)', async () => {
    await request(t.app).get('/api/v1/users').set('Authorization', admin()).set('X-Request-Id', 'req-list-users');
    const row = await t.db('audit_log').where({ action: 'user.list.read' }).first();
    expect(row).to.include({ actor_user_id: t.users.admin.user.id, request_id: 'req-list-users' });
  });

  it('creates the first admin with a password (scrypt) only when there is no user', async () => {
    expect(await t.services.auth.ensureFirstAdmin(SYSTEM_ACTOR)).to.equal(null);
    await t.destroy();
    const { createTestContext } = await import('../../helpers/test-db.js');
    const fresh = await createTestContext();
    t = { ...t, ...fresh };
    const first = await fresh.services.auth.ensureFirstAdmin(SYSTEM_ACTOR);
    expect(first!.user).to.include({ username: 'admin', role: 'admin', hasPassword: true });
    const row = await fresh.db('users').where({ username: 'admin' }).first();
    expect(row.password_hash).to.match(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(first!.password, row.password_hash)).to.equal(true);
    expect(await verifyPassword('wrong password', row.password_hash)).to.equal(false);
    expect(await fresh.services.auth.ensureFirstAdmin(SYSTEM_ACTOR)).to.equal(null);
  });
});
