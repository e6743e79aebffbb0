import { spawn } from 'node:child_process';
import http from 'node:http';
import { expect } from 'chai';
import { startServer, type Running } from '../../../src/server.js';
import { createTestContext, testDialect } from '../../helpers/test-db.js';
import { createCliDb, type CliDb } from '../../helpers/run-cli.js';
import { fromRoot } from '../../../src/shared/paths.js';
import type { Config } from '../../../src/config.js';

const config: Config = { databaseUrl: 'unused', port: 0, host: '127.0.0.1', logLevel: 'silent', bodyLimit: '100kb', trustProxy: false };

describe(`the HTTP server (${testDialect()})`, () => {
  it('finishes an in-flight request on shutdown, then refuses new connections and closes the database', async () => {
    const t = await createTestContext();
    const running: Running = await startServer(config, t.services);
    // A request whose body is still arriving when shutdown starts.
    const [head, tail] = ['{"name":"Jan",', '"role":"boa"}'];
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: running.port, method: 'POST', path: '/api/v1/users', headers: { 'content-type': 'application/json', 'content-length': String(head.length + tail.length) } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.write(head);
      // Shut down once the server holds the request (headers read, body still incomplete).
      running.server.once('request', () => {
        void running.shutdown();
        setImmediate(() => req.end(tail));
      });
    });
    const { status, body } = await response;
    expect(status).to.equal(401); // answered (no token), not cut off
    expect(JSON.parse(body).title).to.equal('Niet aangemeld');
    await running.shutdown();
    const refused = await new Promise<string>((resolve) => {
      http.get({ host: '127.0.0.1', port: running.port, path: '/health' }, () => resolve('answered')).on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).to.equal('ECONNREFUSED');
    const dbClosed = await t.db.raw('select 1').then(() => 'open', () => 'closed');
    expect(dbClosed).to.equal('closed');
    if (t.schema) await t.destroy().catch(() => undefined);
  });

  describe('started as `npm start` starts it', () => {
    let d: CliDb;
    beforeEach(async () => {
      d = await createCliDb();
    });
    afterEach(async () => d.destroy());

    it('migrates, loads the reference data, prints the first admin once, serves, and stops on SIGTERM', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('src', 'server.ts')], {
        cwd: fromRoot(),
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: d.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const m = /localhost:(\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(out).to.match(/gebruikersnaam: admin/);
      const token = /API-token:\s+(\S+)/.exec(out)![1]!;
      const me = await fetch(`http://127.0.0.1:${port}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).to.equal(200);
      expect(((await me.json()) as { role: string }).role).to.equal('admin');
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).to.equal(200);
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).to.equal(0);
      expect(Number((await d.db('municipality_profile').count({ n: '*' }).first())!.n)).to.equal(1);
    });
  });
});
