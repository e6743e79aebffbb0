import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { fromRoot } from '../../../src/shared/paths.js';
import { createCliDb, runCli, type CliDb } from '../../helpers/run-cli.js';
import { testDialect } from '../../helpers/test-db.js';
import { verifyPassword } from '../../../src/modules/auth/secrets.js';

describe(`bboor user: passwords from stdin (${testDialect()})`, () => {
  let d: CliDb;
  beforeEach(async () => {
    d = await createCliDb();
  });
  afterEach(async () => d.destroy());

  const cli = (input: string | undefined, ...args: string[]) => runCli(args, { DATABASE_URL: d.url, BBOOR_NOW: '2024-03-05T10:00:00+01:00' }, input);
  const hashOf = async (username: string) => (await d.db('users').where({ username }).first()).password_hash as string;

  it('adds a boa with a password read from stdin, never from an argument', async () => {
    const res = await cli('een zin van vier woorden\n', 'user', 'add', '--name', 'Henk de Boa', '--role', 'boa', '--badge', 'BOA-0042', '--password-stdin');
    expect(res.code, res.stderr).to.equal(0);
    expect(JSON.parse(res.stdout)).to.include({ username: 'henk.de.boa' });
    expect(await verifyPassword('een zin van vier woorden', await hashOf('henk.de.boa'))).to.equal(true);
  });

  it('sets a user’s password by username; the change is audited as the CLI', async () => {
    await cli(undefined, 'user', 'add', '--name', 'Eva Luator', '--role', 'evaluator');
    const res = await cli('nieuw en lang genoeg\r\n', 'user', 'password', '--username', 'eva.luator');
    expect(res.code, res.stderr).to.equal(0);
    expect(JSON.parse(res.stdout)).to.deep.equal({ id: 1, username: 'eva.luator', hasPassword: true });
    expect(await verifyPassword('nieuw en lang genoeg', await hashOf('eva.luator'))).to.equal(true);
    const audit = await d.db('audit_log').where({ action: 'user.password.set' }).first();
    expect(audit.actor).to.match(/^cli \(/);
  });

  it('refuses a short password (exit 1), an unknown user (exit 1) and an empty stdin (exit 2)', async () => {
    await cli(undefined, 'user', 'add', '--name', 'Eva Luator', '--role', 'evaluator');
    const short = await cli('kort\n', 'user', 'password', '--username', 'eva.luator');
    expect(short.code).to.equal(1);
    expect(short.stderr).to.contain('12');
    const unknown = await cli('lang genoeg wachtwoord\n', 'user', 'password', '--username', 'niemand');
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.contain('niemand');
    const empty = await cli('', 'user', 'password', '--username', 'eva.luator');
    expect(empty.code).to.equal(2);
    expect(await d.db('users').where({ username: 'eva.luator' }).first()).to.have.property('password_hash', null);
  });

  it('at a terminal, the password typed is not shown (raw mode, no echo) and is stored', async () => {
    await cli(undefined, 'user', 'add', '--name', 'Eva Luator', '--role', 'evaluator');
    // util-linux `script` runs the CLI on a pseudo-terminal; the keys go in once the prompt is there.
    const command = [process.execPath, '--import', 'tsx', fromRoot('src', 'cli.ts'), 'user', 'password', '--username', 'eva.luator'].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: fromRoot(), env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', DATABASE_URL: d.url, BBOOR_NOW: '2024-03-05T10:00:00+01:00' } });
    let shown = '';
    let typed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      shown += chunk.toString();
      if (!typed && shown.includes('Wachtwoord')) {
        typed = true;
        child.stdin.write('geheim en lang genoeg\r');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, shown).to.equal(0);
    expect(shown).to.contain('"hasPassword": true');
    expect(shown).to.not.contain('geheim');
    expect(await verifyPassword('geheim en lang genoeg', await hashOf('eva.luator'))).to.equal(true);
  });
});
