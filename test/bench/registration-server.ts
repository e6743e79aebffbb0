/**
 * The HTTP server of the registration benchmark, run in a child process of its own (forked by
 * registration.ts) so that autocannon, in the parent, does not share an event loop with it.
 *
 * - `real`: the application as `src/server.ts` builds it (createServices + createApp, the pino logger
 *   at level info on stderr, which the parent sends to a file), on a database the parent prepared.
 * - `bare`: Express 5 with express.json, the same zod schema of the body, and one knex insert of a
 *   row into `bench_bare_fines` in the same database, opened the same way (createDb).
 *
 * Configuration arrives as JSON in BENCH_SERVER_CONFIG; the server listens on 127.0.0.1 at a port
 * of the system's choosing and tells the parent over IPC. A `stop` message closes it.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { createApp } from '../../src/app.js';
import { createServices } from '../../src/services.js';
import { createLogger } from '../../src/startup.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createDb } from '../../src/shared/db.js';
import { bareApp, type ServerConfig, type ServerMessage } from './registration-apps.js';

/** Resolves when no query holds or waits for a pool connection (at most ~10 s). */
async function drained(db: Knex): Promise<void> {
  const pool = (db.client as { pool?: { numUsed(): number; numPendingAcquires(): number } }).pool;
  for (let i = 0; i < 200 && pool && pool.numUsed() + pool.numPendingAcquires() > 0; i++) await new Promise((r) => setTimeout(r, 50));
}

async function main(): Promise<void> {
  const raw = process.env.BENCH_SERVER_CONFIG;
  if (!raw || !process.send) throw new Error('registration-server.ts is forked by registration.ts with BENCH_SERVER_CONFIG');
  const cfg = JSON.parse(raw) as ServerConfig;
  const send = (m: ServerMessage) => process.send?.(m);
  const db = createDb(cfg.url, cfg.searchPath ? { searchPath: cfg.searchPath } : {});
  // Statements run (BEGIN and COMMIT included) and the time between each statement being
  // sent on its connection and its answer, for the "where does the time go" columns.
  let queries = 0;
  let dbMs = 0;
  const sent = new Map<string, number>();
  db.on('query', (q: { __knexQueryUid: string }) => {
    queries += 1;
    sent.set(q.__knexQueryUid, performance.now());
  });
  const answered = (q: { __knexQueryUid: string }) => {
    const t = sent.get(q.__knexQueryUid);
    if (t === undefined) return;
    dbMs += performance.now() - t;
    sent.delete(q.__knexQueryUid);
  };
  db.on('query-response', (_r: unknown, q: { __knexQueryUid: string }) => answered(q));
  db.on('query-error', (_e: unknown, q: { __knexQueryUid: string }) => answered(q));
  const clock = fixedClock(cfg.now);
  const app = cfg.impl === 'real' ? createApp(createServices({ db, clock, logger: createLogger({ logLevel: 'info' }) }), { bodyLimit: '100kb', trustProxy: false }) : bareApp(db, () => clock.now());
  const server = http.createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  process.on('message', (m: unknown) => {
    if (m === 'stats') {
      const cpu = process.cpuUsage();
      send({ type: 'stats', queries, dbMs, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
    if (m !== 'stop') return;
    // autocannon stops without waiting for the requests in flight; let them finish (a destroyed
    // pool would fail them with "aborted" in the log) before closing the database.
    server.close(() => {
      void drained(db).finally(() => db.destroy().finally(() => process.exit(0)));
    });
  });
  send({ type: 'ready', port: (server.address() as AddressInfo).port });
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`${message}\n`);
  process.send?.({ type: 'error', message } satisfies ServerMessage);
  process.exitCode = 1;
});
