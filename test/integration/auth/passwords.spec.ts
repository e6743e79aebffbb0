import { expect } from 'chai';
import { createTestContext, testDialect, type TestContext } from '../../helpers/test-db.js';
import { makeUser } from '../../helpers/factories.js';
import { verifyPassword } from '../../../src/modules/auth/secrets.js';
import { SYSTEM_ACTOR } from '../../../src/modules/audit/audit.types.js';

describe(`passwords for the web pages (${testDialect()})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.destroy());

  it('sets a first password (scrypt), audited without the password or its hash', async () => {
    const { user } = await makeUser(t.services, 'evaluator');
    expect(user.hasPassword).to.equal(false);
    const updated = await t.services.auth.setPassword(SYSTEM_ACTOR, user.id, 'een zin van vier woorden', 'req-1');
    expect(updated.hasPassword).to.equal(true);
    const row = await t.db('users').where({ id: user.id }).first();
    expect(await verifyPassword('een zin van vier woorden', row.password_hash)).to.equal(true);
    const audit = await t.db('audit_log').where({ action: 'user.password.set' }).first();
    expect(String(audit.subject_id)).to.equal(String(user.id));
    expect(JSON.stringify(audit)).to.not.contain('woorden').and.not.contain(row.password_hash);
  });

  it('resets a password: the old one stops working and the user’s web sessions end', async () => {
    const { user } = await t.services.auth.addUser(SYSTEM_ACTOR, { name: 'Bea', role: 'boa', badgeNumber: 'BOA-7', password: 'het oude wachtwoord' });
    const login = await t.services.webSessions.login(user.username, 'het oude wachtwoord');
    expect(login.ok).to.equal(true);
    await t.services.auth.setPassword(SYSTEM_ACTOR, user.id, 'het nieuwe wachtwoord');
    if (login.ok) expect(await t.services.webSessions.resolve(login.sessionId)).to.equal(null);
    expect((await t.services.webSessions.login(user.username, 'het oude wachtwoord')).ok).to.equal(false);
    expect((await t.services.webSessions.login(user.username, 'het nieuwe wachtwoord')).ok).to.equal(true);
    const audit = await t.db('audit_log').where({ action: 'user.password.reset' }).first();
    expect(typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details).to.deep.equal({ sessionsEnded: 1 });
  });

  it('refuses a password shorter than 12 characters, on the password field, also when adding a user', async () => {
    const { user } = await makeUser(t.services, 'finance');
    const err = await t.services.auth.setPassword(SYSTEM_ACTOR, user.id, 'te kort').catch((e) => e);
    expect(err.status).to.equal(422);
    expect(err.errors).to.deep.equal([{ field: 'password', message: 'minstens 12 tekens' }]);
    const add = await t.services.auth.addUser(SYSTEM_ACTOR, { name: 'X', role: 'finance', password: 'kort' }).catch((e) => e);
    expect(add.status).to.equal(422);
    expect(await t.db('users').where({ name: 'X' }).first()).to.equal(undefined);
  });

  it('says which user does not exist', async () => {
    const err = await t.services.auth.setPassword(SYSTEM_ACTOR, 999, 'lang genoeg wachtwoord').catch((e) => e);
    expect(err.status).to.equal(404);
  });
});
