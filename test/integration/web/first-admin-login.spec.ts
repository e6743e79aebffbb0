import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { createCliDb, type CliDb } from '../../helpers/run-cli.js';
import { testDialect } from '../../helpers/test-db.js';
import { fromRoot } from '../../../src/shared/paths.js';

/** The cookies a response sets, as a Cookie header (name=value; …). */
const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

describe(`the first admin printed by \`npm start\` logs in on the web page (${testDialect()})`, () => {
  let d: CliDb;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    d = await createCliDb();
  });
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exit = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exit;
    }
    await d.destroy();
  });

  it('uses the printed username and one-time password on the login form and lands on the admin’s menu', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', fromRoot('src', 'server.ts')], {
      cwd: fromRoot(),
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: d.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
      child!.stdout!.on('data', (chunk) => {
        out += chunk;
        const m = /localhost:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child!.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const username = /gebruikersnaam:\s+(\S+)/.exec(out)![1]!;
    const password = /wachtwoord:\s+(\S+)/.exec(out)![1]!;
    const base = `http://127.0.0.1:${port}`;

    const form = await fetch(`${base}/`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const login = await fetch(`${base}/inloggen`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(form) },
      body: new URLSearchParams({ _csrf: csrf, gebruikersnaam: username, wachtwoord: password }).toString(),
    });
    expect(login.status).to.equal(303);
    expect(login.headers.get('location')).to.equal('/app');
    const home = await fetch(`${base}/app`, { headers: { cookie: cookiesOf(login) } });
    const html = await home.text();
    expect(home.status).to.equal(200);
    expect(html).to.contain('Welkom, Beheerder').and.contain('href="/app/gebruikers"');
  });
});
