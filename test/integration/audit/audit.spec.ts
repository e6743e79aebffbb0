import { expect } from 'chai';
import { createTestContext, testDialect, type TestContext } from '../../helpers/test-db.js';
import { verifyAuditChain } from '../../../src/modules/audit/audit.service.js';
import { GENESIS_HASH } from '../../../src/modules/audit/audit.chain.js';
import { SYSTEM_ACTOR } from '../../../src/modules/audit/audit.types.js';
import { makeUser } from '../../helpers/factories.js';

async function dropAuditGuards(t: TestContext): Promise<void> {
  if (testDialect() === 'postgres') await t.db.raw('DROP TRIGGER audit_log_append_only ON audit_log');
  else {
    await t.db.raw('DROP TRIGGER audit_log_no_update');
    await t.db.raw('DROP TRIGGER audit_log_no_delete');
  }
}

describe(`audit log hash chain (${testDialect()})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
    for (const role of ['boa', 'finance', 'admin'] as const) await makeUser(t.services, role);
  });
  afterEach(async () => t.destroy());

  it('records who, what, when and why for each change, chained from the genesis hash', async () => {
    const rows = await t.db('audit_log').orderBy('id');
    expect(rows.map((r) => r.action)).to.deep.equal(['reference.load', 'user.create', 'user.create', 'user.create']);
    expect(rows[0].prev_hash).to.equal(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).to.equal(rows[i - 1].hash);
    expect(rows[1]).to.include({ actor: 'system', subject_type: 'user', occurred_at: '2024-03-05T09:00:00.000Z' });
    expect(JSON.parse(rows[1].details)).to.include({ role: 'boa' });
  });

  it('verifies an untouched chain', async () => {
    expect(await verifyAuditChain(t.db)).to.deep.equal({ ok: true, checked: 4, firstBroken: null });
  });

  it('reports the first changed row', async () => {
    await dropAuditGuards(t);
    const third = (await t.db('audit_log').orderBy('id').offset(2).first())!;
    await t.db('audit_log').where({ id: third.id }).update({ reason: 'achteraf ingevuld' });
    const report = await verifyAuditChain(t.db);
    expect(report.ok).to.equal(false);
    expect(report.firstBroken).to.deep.equal({ id: Number(third.id), reason: 'hash does not match the row content (the row was changed)' });
  });

  it('reports a removed row at the row after it', async () => {
    await dropAuditGuards(t);
    const rows = await t.db('audit_log').orderBy('id');
    await t.db('audit_log').where({ id: rows[1].id }).delete();
    const report = await verifyAuditChain(t.db);
    expect(report.firstBroken!.id).to.equal(Number(rows[2].id));
    expect(report.firstBroken!.reason).to.match(/prev_hash/);
  });

  it('keeps the chain whole when many changes are recorded concurrently', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => t.services.auth.issueToken(SYSTEM_ACTOR, 1, `parallel ${i}`)));
    const report = await verifyAuditChain(t.db);
    expect(report).to.deep.equal({ ok: true, checked: 12, firstBroken: null });
  });
});
