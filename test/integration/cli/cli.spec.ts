import { expect } from 'chai';
import { createCliDb, runCli, type CliDb } from '../../helpers/run-cli.js';
import { testDialect } from '../../helpers/test-db.js';

describe(`bboor CLI (${testDialect()})`, () => {
  let d: CliDb;
  beforeEach(async () => {
    d = await createCliDb();
  });
  afterEach(async () => d.destroy());

  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: d.url, BBOOR_NOW: '2024-03-05T10:00:00+01:00' });

  it('adds a user and prints {"id","role","token"} as JSON; the change is audited as the CLI', async () => {
    const res = await cli('user', 'add', '--name', 'Henk de Boa', '--role', 'boa', '--badge', 'BOA-0042');
    expect(res.code, res.stderr).to.equal(0);
    const out = JSON.parse(res.stdout);
    expect(out).to.include({ id: 1, role: 'boa', badge: 'BOA-0042', username: 'henk.de.boa' });
    expect(out.token).to.match(/^bboor_/);
    const row = await d.db('audit_log').where({ action: 'user.create' }).first();
    expect(row.actor).to.match(/^cli \(/);
  });

  it('says what is wrong on stderr and exits 2 on bad arguments', async () => {
    const missing = await cli('user', 'add', '--name', 'X');
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('--role is required');
    const role = await cli('user', 'add', '--name', 'X', '--role', 'mayor');
    expect(role.code).to.equal(2);
    expect(role.stderr).to.contain('--role must be one of');
    const unknown = await cli('frobnicate');
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.contain('unknown command frobnicate');
    const flag = await cli('user', 'add', '--nmae', 'X');
    expect(flag.code).to.equal(2);
    expect(flag.stdout).to.equal('');
  });

  it('refuses a boa without a badge with exit 1 and a message', async () => {
    const res = await cli('user', 'add', '--name', 'X', '--role', 'boa');
    expect(res.code).to.equal(1);
    expect(res.stderr).to.contain('pasnummer');
  });

  it('reports bad configuration with the variable name and exits 2', async () => {
    const res = await runCli(['ledger', 'verify'], { DATABASE_URL: d.url, BBOOR_NOW: 'gisteren' });
    expect(res.code).to.equal(2);
    expect(res.stderr).to.contain('BBOOR_NOW');
  });

  it('verifies the audit chain (exit 0), and reports the first broken link (exit 1)', async () => {
    await cli('user', 'add', '--name', 'A', '--role', 'finance');
    await cli('user', 'add', '--name', 'B', '--role', 'evaluator');
    const ok = await cli('audit', 'verify');
    expect(ok.code, ok.stderr).to.equal(0);
    expect(JSON.parse(ok.stdout)).to.deep.equal({ ok: true, checked: 3, firstBroken: null });

    if (testDialect() === 'postgres') await d.db.raw('DROP TRIGGER audit_log_append_only ON audit_log');
    else await d.db.raw('DROP TRIGGER audit_log_no_update');
    await d.db('audit_log').where({ id: 2 }).update({ actor: 'iemand anders' });
    const broken = await cli('audit', 'verify');
    expect(broken.code).to.equal(1);
    expect(JSON.parse(broken.stdout).firstBroken.id).to.equal(2);
    expect(broken.stderr).to.contain('row 2');
  });

  it('verifies the ledger as a JSON report (exit 0 when every invariant holds)', async () => {
    const res = await cli('ledger', 'verify');
    expect(res.code, res.stderr).to.equal(0);
    const report = JSON.parse(res.stdout);
    expect(report.ok).to.equal(true);
    expect(report.checks.map((c: { name: string }) => c.name)).to.include('entries-balance');
  });

  it('exits 1 from ledger verify when an invariant is violated', async () => {
    await cli('migrate');
    if (testDialect() === 'postgres') await d.db.raw('DROP TRIGGER postings_append_only ON postings');
    else await d.db.raw('DROP TRIGGER postings_no_delete');
    const res = await cli('ledger', 'verify');
    expect(res.code).to.equal(1);
    expect(res.stderr).to.contain('append-only-guards');
  });

  it('imports a bank statement file and prints the summary as JSON', async () => {
    const res = await cli('import-statement', 'fixtures/bank-statements/mt940-ing-kenmerk-in-free-text.940');
    expect(res.code, res.stderr).to.equal(0);
    expect(JSON.parse(res.stdout)).to.include({ format: 'mt940', transactions: 2, credits: 2, unmatched: 2 });
    const again = await cli('import-statement', 'fixtures/bank-statements/mt940-ing-kenmerk-in-free-text.940');
    expect(JSON.parse(again.stdout)).to.include({ duplicates: 2 });
  });

  it('refuses a statement of another account with FILE:LINE: field: reason and exit 1', async () => {
    const file = 'fixtures/bank-statements/samples/ing-mt940-structured-sample.940';
    const res = await cli('import-statement', file);
    expect(res.code).to.equal(1);
    expect(res.stderr).to.match(/ing-mt940-structured-sample\.940:\d+: account: rekening NL77INGB0574908765 is niet de rekening van de gemeente/);
    expect(res.stdout).to.equal('');
  });

  it('says so when the statement file does not exist (exit 2)', async () => {
    const res = await cli('import-statement', 'no/such/file.xml');
    expect(res.code).to.equal(2);
    expect(res.stderr).to.contain('no/such/file.xml: no such file');
  });

  it('migrates and loads the reference data once; a second run adds nothing', async () => {
    const first = JSON.parse((await cli('migrate')).stdout);
    expect(first.migrations.length).to.be.greaterThan(3);
    expect(first.reference.municipality).to.equal(true);
    const second = JSON.parse((await cli('seed')).stdout);
    expect(second).to.deep.equal({ migrations: [], reference: { municipality: false, policyValues: 0, equatedDays: 0, offences: 0, tariffs: 0 } });
  });
});
