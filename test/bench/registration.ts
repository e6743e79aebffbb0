/**
 * Registration over HTTP (design.md §8): POST /api/v1/fines of the real application against a bare
 * Express + knex endpoint that validates the same body and inserts one row into the same database,
 * each driven by autocannon at 20 connections, on SQLite (a file) and PostgreSQL (a schema).
 *
 * For experiments: BENCH_HTTP_SECONDS (measured seconds, default 10), BENCH_HTTP_CONNECTIONS (default
 * 20, the connections the target is set at), BENCH_CPU_PROF=<dir> (a V8 CPU profile of every server
 * process), BENCH_KEEP_LOGS=<dir> (keep the servers' stderr logs there).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Knex } from 'knex';
import pino from 'pino';
import { SYSTEM_ACTOR } from '../../src/modules/audit/audit.types.js';
import { actorFor } from '../../src/modules/auth/auth.service.js';
import { registrationSchema } from '../../src/modules/fines/fines.schemas.js';
import type { RegistrationInput } from '../../src/modules/fines/fines.types.js';
import { loadReferenceData } from '../../src/modules/reference/reference.service.js';
import { createServices } from '../../src/services.js';
import { fixedClock } from '../../src/shared/clock.js';
import type { Dialect } from '../../src/shared/db.js';
import { freshDb, type BenchDb } from './databases.js';
import { registrationBodies } from './people.js';
import { BARE_TABLE, bareRow, createBareTable, type ServerConfig, type ServerImpl, type ServerMessage } from './registration-apps.js';
import { formatInt, formatRatio, log, markdownTable, median } from './report.js';
import { busyShare, loadNote } from './load.js';
import type { BenchConfig, BenchmarkDefinition } from './types.js';

const TARGET_RATIO = 0.4;
const TARGET_P99_MS = 50;
const WARMUP_SECONDS = 2;
const BODY_COUNT = 400;
/** The server's fixed clock; every generated observation lies before it. */
const NOW = '2024-06-01T12:00:00+02:00';

/** The connections the target is set at; BENCH_HTTP_CONNECTIONS changes it for an experiment. */
const CONNECTIONS = envInt('BENCH_HTTP_CONNECTIONS', 20);

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw ? Number(raw) : fallback;
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

function durationSeconds(): number {
  return envInt('BENCH_HTTP_SECONDS', 10);
}

const serverScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'registration-server.ts');

interface Server {
  port: number;
  /** Statements the server ran so far, and the milliseconds they took. */
  stats(): Promise<{ queries: number; dbMs: number; cpuMs: number }>;
  stop(): Promise<void>;
}

function nextMessage(child: ChildProcess, type: ServerMessage['type']): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ServerMessage) => {
      if (m.type !== type && m.type !== 'error') return;
      cleanup();
      if (m.type === 'error') reject(new Error(`benchmark server failed: ${m.message}`));
      else resolve(m);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`benchmark server exited with ${String(code)} before answering`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Forks registration-server.ts (with this process's tsx loader); its stderr goes to `logFile`. */
async function startServer(cfg: ServerConfig, logFile: string): Promise<Server> {
  const fd = fs.openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = fork(serverScript, [], {
      // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server process there (for findings).
      execArgv: [...process.execArgv, ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [])],
      env: { ...process.env, BENCH_SERVER_CONFIG: JSON.stringify(cfg) },
      stdio: ['ignore', 'ignore', fd, 'ipc'],
    });
  } finally {
    fs.closeSync(fd);
  }
  const ready = (await nextMessage(child, 'ready')) as Extract<ServerMessage, { type: 'ready' }>;
  return {
    port: ready.port,
    async stats() {
      const answer = nextMessage(child, 'stats');
      child.send('stats');
      const { queries, dbMs, cpuMs } = (await answer) as Extract<ServerMessage, { type: 'stats' }>;
      return { queries, dbMs, cpuMs };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** autocannon against POST /api/v1/fines, each request the next of the pre-built bodies. */
function cannon(port: number, token: string, bodies: readonly string[], seconds: number): Promise<autocannon.Result> {
  let i = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/fines',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length]! }),
      },
    ],
  });
}

/**
 * PostgreSQL: samples pg_stat_activity every 200 ms while the load runs and gives the average number
 * of the database's other connections (the server's pool) that were waiting for a lock.
 */
function sampleLockWaits(db: Knex): { stop(): Promise<number> } {
  const counts: number[] = [];
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      const r = (await db.raw("select count(*) filter (where wait_event_type = 'Lock') as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")) as { rows: Array<{ n: string }> };
      counts.push(Number(r.rows[0]?.n ?? 0));
    });
  }, 200);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      return counts.length > 0 ? sum(counts) / counts.length : 0;
    },
  };
}

interface PhaseTiming {
  step: string;
  statements: number;
  wallMs: number;
  cpuMs: number;
}

const PHASE_CALLS = 400;
/** Registrations submitted at once in the group-commit step: as many as autocannon's connections. */
const GROUP = CONNECTIONS;

/**
 * Where a registration's time goes, one call at a time in this process (no HTTP, no concurrency),
 * on a fresh database prepared like a pass: the cost of one knex statement, of each lookup the
 * application makes, of the whole `fines.register`, and of the bare endpoint's insert.
 */
async function phaseTimings(config: BenchConfig, dialect: Dialect, bodies: readonly string[]): Promise<PhaseTiming[]> {
  const fresh = await freshDb(dialect, config.tmpDir);
  try {
    const clock = fixedClock(NOW);
    const services = createServices({ db: fresh.db, clock, logger: pino({ level: 'silent' }) });
    await loadReferenceData(fresh.db, services.audit, clock.now().toISOString());
    const { user, token } = await services.auth.addUser(SYSTEM_ACTOR, { name: 'Benchmark Boa', role: 'boa', badgeNumber: 'BOA-4417' });
    await createBareTable(fresh.db);
    const actor = actorFor(user);
    const inputs = bodies.map((b) => registrationSchema.parse(JSON.parse(b)) as RegistrationInput);
    const input = (i: number) => inputs[i % inputs.length]!;
    let statements = 0;
    fresh.db.on('query', () => {
      statements += 1;
    });
    // [step, call, registrations per call]: the last step submits GROUP at once, as concurrent
    // requests do, so that they are written as one group (src/shared/batch-writer.ts).
    const steps: Array<[string, (i: number) => Promise<unknown>, number]> = [
      ['one knex statement (`select 1`)', () => fresh.db.raw('select 1'), 1],
      ['authenticate the token (`auth.authenticateToken`)', () => services.auth.authenticateToken(token), 1],
      ['lookups: municipality, policy values, offence + tariff (cached)', async (i) => {
        await services.reference.municipality();
        await services.reference.policyValues();
        await services.catalogue.offenceOn(input(i).offenceCode, '2024-03-01');
      }, 1],
      ['`fines.register`, one at a time', (i) => services.fines.register(actor, input(i), 'bench'), 1],
      [`\`fines.register\`, ${GROUP} at once, per registration`, (i) => Promise.all(Array.from({ length: GROUP }, (_, k) => services.fines.register(actor, input(i * GROUP + k), 'bench'))), GROUP],
      ['bare endpoint\'s insert', (i) => fresh.db(BARE_TABLE).insert(bareRow(input(i), clock.now().toISOString())).returning('id'), 1],
    ];
    const out: PhaseTiming[] = [];
    for (const [step, fn, per] of steps) {
      for (let i = 0; i < 50; i++) await fn(i);
      statements = 0;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const calls = Math.ceil(PHASE_CALLS / per);
      for (let i = 0; i < calls; i++) await fn(i);
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const n = calls * per;
      out.push({ step, statements: statements / n, wallMs: wall / n, cpuMs: (cpu.user + cpu.system) / 1000 / n });
    }
    log(`registration: ${dialect}: one at a time: ${out.map((p) => `${p.step.split(' (')[0]} ${p.wallMs.toFixed(2)} ms`).join('; ')}`);
    return out;
  } finally {
    await fresh.destroy();
  }
}

interface PassResult {
  impl: ServerImpl;
  rps: number;
  p50: number;
  p99: number;
  completed: number;
  non2xx: number;
  /** Non-2xx answers during the warm-up, which is otherwise not counted. */
  warmupNon2xx: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  /** SQL statements the server ran per answered request in the measured window. */
  queriesPerRequest: number;
  /** Milliseconds from sending each statement to its answer, summed, per answered request. */
  dbMsPerRequest: number;
  /** That sum over the measured wall time (above 1 only when statements overlap, PostgreSQL). */
  dbBusy: number;
  /** CPU time of the server process (all its threads) over the measured wall time. */
  serverCpu: number;
  /** PostgreSQL: the average number of server connections waiting for a lock (pg_stat_activity). */
  lockWaits: number | null;
  /** Rows the endpoint wrote, against the 2xx answers of warm-up and measurement together. */
  rows: number;
  created: number;
  /** Lines the server logged at level warn or worse (real) or wrote to stderr (bare). */
  serverErrors: string[];
}

function statusCounts(r: autocannon.Result): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) out[code] = s.count ?? 0;
  return out;
}

function serverErrorLines(logFile: string, impl: ServerImpl): string[] {
  const lines = fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.trim() !== '');
  if (impl === 'bare') return lines;
  return lines.filter((l) => {
    try {
      return (JSON.parse(l) as { level?: number }).level! >= 40;
    } catch {
      return true; // not a pino line: something else wrote to stderr
    }
  });
}

async function prepare(fresh: BenchDb): Promise<string> {
  const services = createServices({ db: fresh.db, clock: fixedClock(NOW), logger: pino({ level: 'silent' }) });
  await loadReferenceData(fresh.db, services.audit, services.clock.now().toISOString());
  const { token } = await services.auth.addUser(SYSTEM_ACTOR, { name: 'Benchmark Boa', role: 'boa', badgeNumber: 'BOA-4417' });
  await createBareTable(fresh.db);
  return token;
}

async function pass(config: BenchConfig, dialect: Dialect, impl: ServerImpl, bodies: readonly string[], seconds: number, label: string): Promise<PassResult> {
  const fresh = await freshDb(dialect, config.tmpDir);
  try {
    const token = await prepare(fresh);
    const logFile = path.join(process.env.BENCH_KEEP_LOGS ?? config.tmpDir, `registration-${dialect}-${impl}-${Date.now()}.log`);
    const server = await startServer({ impl, url: fresh.url, ...(fresh.searchPath ? { searchPath: fresh.searchPath } : {}), now: NOW }, logFile);
    let warm: autocannon.Result;
    let result: autocannon.Result;
    let queries: number;
    let dbMs: number;
    let cpuMs: number;
    let lockWaits: number | null = null;
    try {
      warm = await cannon(server.port, token, bodies, WARMUP_SECONDS);
      const before = await server.stats();
      const sampler = dialect === 'postgres' ? sampleLockWaits(fresh.db) : null;
      try {
        result = await cannon(server.port, token, bodies, seconds);
      } finally {
        lockWaits = (await sampler?.stop()) ?? null;
      }
      const after = await server.stats();
      queries = after.queries - before.queries;
      dbMs = after.dbMs - before.dbMs;
      cpuMs = after.cpuMs - before.cpuMs;
    } finally {
      await server.stop();
    }
    const table = impl === 'real' ? 'fines' : BARE_TABLE;
    const [count] = await fresh.db(table).count({ n: '*' });
    const completed = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
    const out: PassResult = {
      impl,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      completed,
      non2xx: result.non2xx,
      warmupNon2xx: warm.non2xx,
      statusCounts: statusCounts(result),
      errors: result.errors,
      timeouts: result.timeouts,
      queriesPerRequest: completed > 0 ? queries / completed : NaN,
      dbMsPerRequest: completed > 0 ? dbMs / completed : NaN,
      dbBusy: dbMs / (result.duration * 1000),
      serverCpu: cpuMs / (result.duration * 1000),
      lockWaits,
      rows: Number(count?.n),
      created: warm['2xx'] + result['2xx'],
      serverErrors: serverErrorLines(logFile, impl),
    };
    log(
      `registration: ${label}: ${impl.padEnd(4)} ${formatInt(out.rps)} req/s, p50 ${out.p50} ms, p99 ${out.p99} ms, ` +
        `non-2xx ${out.non2xx} (warm-up ${warm.non2xx}), errors ${out.errors}, ${out.queriesPerRequest.toFixed(1)} SQL/request (${out.dbMsPerRequest.toFixed(2)} ms, DB busy ${(out.dbBusy * 100).toFixed(0)} %), server CPU ${(out.serverCpu * 100).toFixed(0)} %,${out.lockWaits === null ? '' : ` ${out.lockWaits.toFixed(1)} connections waiting for a lock,`} ${out.rows} rows for ${out.created} created`,
    );
    return out;
  } finally {
    await fresh.destroy();
  }
}

interface DialectResult {
  dialect: Dialect;
  real: PassResult[];
  bare: PassResult[];
  phases: PhaseTiming[];
}

async function runRegistration(config: BenchConfig): Promise<string> {
  const seconds = durationSeconds();
  const busyBefore = await busyShare();
  const bodies = registrationBodies(BODY_COUNT, config.seed, NOW).map((b) => JSON.stringify(b));
  const results: DialectResult[] = [];
  const skipped: Dialect[] = [];
  for (const dialect of ['sqlite', 'postgres'] as const) {
    if (dialect === 'postgres' && config.postgres.unavailable) {
      skipped.push(dialect);
      log('registration: postgres: skipped, PostgreSQL unreachable');
      continue;
    }
    const r: DialectResult = { dialect, real: [], bare: [], phases: await phaseTimings(config, dialect, bodies) };
    for (let run = 0; run < config.runs; run++) {
      // Alternate which goes first, so that drift hits both alike.
      const order: ServerImpl[] = run % 2 === 0 ? ['real', 'bare'] : ['bare', 'real'];
      for (const impl of order) r[impl].push(await pass(config, dialect, impl, bodies, seconds, `${dialect} run ${run + 1}/${config.runs}`));
    }
    log(`registration: ${dialect}: ratio ${formatRatio(median(r.real.map((p) => p.rps)) / median(r.bare.map((p) => p.rps)))}`);
    results.push(r);
  }
  return registrationSection(config, seconds, results, skipped, loadNote(busyBefore, await busyShare()));
}

const dialectName = (d: Dialect) => (d === 'sqlite' ? 'SQLite' : 'PostgreSQL');
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)}` : '—');
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function statusSummary(passes: readonly PassResult[]): string {
  const total: Record<string, number> = {};
  for (const p of passes) for (const [code, n] of Object.entries(p.statusCounts)) if (!code.startsWith('2')) total[code] = (total[code] ?? 0) + n;
  const errors = sum(passes.map((p) => p.errors));
  const parts = Object.entries(total).map(([code, n]) => `${formatInt(n)} × ${code}`);
  if (errors > 0) parts.push(`${formatInt(errors)} connection errors/timeouts`);
  return parts.length === 0 ? '0' : `**${parts.join(', ')}**`;
}

function registrationSection(config: BenchConfig, seconds: number, results: readonly DialectResult[], skipped: readonly Dialect[], load: string): string {
  const rows = results.map((r) => {
    const real = median(r.real.map((p) => p.rps));
    const bare = median(r.bare.map((p) => p.rps));
    const p99 = median(r.real.map((p) => p.p99));
    const ratio = real / bare;
    const ratioOk = ratio >= TARGET_RATIO && r.real.every((p) => p.non2xx === 0 && p.errors === 0);
    const p99Verdict = r.dialect === 'sqlite' ? (p99 < TARGET_P99_MS ? 'PASS' : 'FAIL') : `${p99 < TARGET_P99_MS ? 'below' : 'above'} (SQLite target; reported)`;
    return [
      dialectName(r.dialect),
      String(config.runs),
      formatInt(real),
      ms(median(r.real.map((p) => p.p50))),
      ms(p99),
      statusSummary(r.real),
      formatInt(bare),
      ms(median(r.bare.map((p) => p.p99))),
      statusSummary(r.bare),
      formatRatio(ratio),
      ratioOk ? 'PASS' : 'FAIL',
      p99Verdict,
    ];
  });
  for (const d of skipped) rows.push([dialectName(d), '—', 'not measured', '—', '—', '—', 'not measured', '—', '—', '—', 'not measured', 'not measured']);

  const detail = results.flatMap((r) =>
    (['real', 'bare'] as const).flatMap((impl) =>
      r[impl].map((p, i) => [
        dialectName(r.dialect),
        impl === 'real' ? 'application' : 'bare',
        String(i + 1),
        formatInt(p.rps),
        ms(p.p50),
        ms(p.p99),
        formatInt(p.completed),
        String(p.non2xx),
        p.queriesPerRequest.toFixed(1),
        p.dbMsPerRequest.toFixed(2),
        `${(p.dbBusy * 100).toFixed(0)} %`,
        `${(p.serverCpu * 100).toFixed(0)} %`,
        `${formatInt(p.rows)} / ${formatInt(p.created)}`,
        String(p.serverErrors.length),
      ]),
    ),
  );

  const out: string[] = [];
  out.push('## Registration over HTTP', '');
  out.push(
    '`POST /api/v1/fines` of the application (a boa registering a rapport) against a bare Express 5 + knex endpoint that',
    `validates the same body and inserts one row into the same database, each driven by autocannon at ${CONNECTIONS} connections`,
    `for ${seconds} s after a ${WARMUP_SECONDS} s warm-up. Targets from the issue: application ≥ ${TARGET_RATIO}× the bare endpoint's requests/s,`,
    `and p99 < ${TARGET_P99_MS} ms on SQLite. Every request must be answered 2xx; anything else is counted in the table.`,
    '',
  );
  out.push(
    markdownTable(
      ['Dialect', 'Runs', 'Application req/s', 'p50 ms', 'p99 ms', 'Non-2xx', 'Bare req/s', 'Bare p99 ms', 'Bare non-2xx', 'Ratio app ÷ bare', `Target ≥ ${TARGET_RATIO}×`, `Target p99 < ${TARGET_P99_MS} ms`],
      rows,
    ),
    '',
  );
  if (load) out.push(load, '');
  if (skipped.length > 0) out.push(`PostgreSQL was not measured: it did not answer at the configured URL (${config.postgres.unavailable ?? ''}).`, '');
  const findings = registrationFindings(results, seconds);
  if (findings.length > 0) out.push('### Findings', '', ...findings, '');
  out.push(
    `Where a registration's time goes: each step called ${PHASE_CALLS} times one after the other in the benchmark process (no HTTP, no`,
    'concurrency) on a freshly prepared database, after 50 calls of warm-up; wall and CPU time per call, SQL statements per call:',
    '',
    markdownTable(
      ['Dialect', 'Step', 'SQL statements', 'Wall ms', 'CPU ms'],
      results.flatMap((r) => r.phases.map((p) => [dialectName(r.dialect), p.step, p.statements.toFixed(Number.isInteger(p.statements) ? 0 : 2), p.wallMs.toFixed(2), p.cpuMs.toFixed(2)])),
    ),
    '',
  );
  out.push(
    'Every run. req/s and latency from autocannon. SQL statements per answered request counted in the server with knex\'s `query`',
    'event (BEGIN and COMMIT included), and the time from sending each statement to its answer (`query-response`), summed',
    'per request and over the wall time: on SQLite there is one connection, so that share is how busy it was with statements.',
    'Server CPU: the server process\'s CPU time (all threads, `process.cpuUsage`) over the wall time; 100 % is one core.',
    'Rows found in the table afterwards against the 2xx answers of warm-up and measurement; server log lines at warn or worse:',
    '',
    markdownTable(['Dialect', 'Endpoint', 'Run', 'req/s', 'p50 ms', 'p99 ms', 'Answers', 'Non-2xx', 'SQL / request', 'SQL ms / request', 'SQL time ÷ wall time', 'Server CPU', 'Rows / 2xx', 'Server errors'], detail),
    '',
  );
  out.push(
    '### Method',
    '',
    `- Each pass (application or bare, each run) gets a fresh database: a new SQLite file (WAL, \`synchronous = NORMAL\`, one`,
    '  connection, as `createDb` opens it) or a new PostgreSQL schema (pool of 10), migrated, the reference data loaded',
    '  (`loadReferenceData`) and one boa user with an API token created; the bare endpoint\'s table `bench_bare_fines` is created',
    '  in the same database. The server runs in a child process of its own (`test/bench/registration-server.ts`) listening on',
    '  127.0.0.1; autocannon runs in the benchmark process, so the two use the two cores rather than one event loop.',
    `- Application: \`createServices\` + \`createApp\` as \`src/server.ts\` wires them, with a fixed clock at ${NOW} and the`,
    '  production logger (pino, level info: one access-log line per request, stderr sent to a file). A request is authenticated',
    '  (token hash, its user remembered for 5 s), validated with `registrationSchema`, checked against the municipality, the policy values and the',
    '  offence catalogue (held for 10 s in a cache), and written in a transaction: case number counter, badge, fine, offender,',
    '  event and hash-chained audit row. Rapports that arrive while such a write is in progress are written together in the next',
    '  one (group commit, `src/shared/batch-writer.ts`), each of those statements a multi-row statement.',
    '  No `Idempotency-Key` header is sent.',
    '- Bare: `express.json` + `registrationSchema.safeParse` (the same zod schema) + one `knex.insert(…).returning(\'id\')` of the',
    '  fine\'s and offender\'s main fields as one row, through `createDb` on the same database; no authentication, lookups, audit',
    '  or logging. Both get the same requests, including the `Authorization` header.',
    `- Bodies: ${BODY_COUNT} valid rapports from the seeded generator in \`test/bench/people.ts\` (seed ${config.seed}), rotated per request:`,
    '  offence codes from the catalogue, observations between 1 January 2024 and the clock, Zoetermeer streets and districts,',
    '  offenders with Dutch and foreign names and addresses, about one in eight aged 13–15, observations of 80–420 characters.',
    `- autocannon ${autocannonVersion()}: ${CONNECTIONS} connections, no pipelining, ${WARMUP_SECONDS} s warm-up (not counted), then ${seconds} s measured. req/s is`,
    '  autocannon\'s average of its per-second samples; p50/p99 its latency percentiles. Figures in the summary are medians over the',
    `  runs (${config.runs}); the runs alternate which endpoint goes first. \`BENCH_HTTP_SECONDS\` changes the measured duration.`,
    '',
  );
  return out.join('\n');
}

function autocannonVersion(): string {
  try {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', 'autocannon', 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return '(version unknown)';
  }
}

const phase = (r: DialectResult, prefix: string) => r.phases.find((p) => p.step.startsWith(prefix));

/** What a missed target or an unexpected answer means, with the figures of this run. */
function registrationFindings(results: readonly DialectResult[], seconds: number): string[] {
  const out: string[] = [];
  for (const r of results) {
    const where = dialectName(r.dialect);
    const failed = [...r.real, ...r.bare].filter((p) => p.non2xx > 0 || p.errors > 0 || p.warmupNon2xx > 0);
    for (const p of failed) {
      const first = p.serverErrors[0] ? `; the server logged: \`${p.serverErrors[0].slice(0, 300).replace(/`/g, "'")}\`` : '';
      out.push(`- **${where}, ${p.impl === 'real' ? 'application' : 'bare endpoint'}: ${formatInt(p.non2xx)} non-2xx answers and ${p.errors} connection errors** in one run (${JSON.stringify(p.statusCounts)}; warm-up: ${p.warmupNon2xx} non-2xx)${first}.`);
    }
    const lost = [...r.real, ...r.bare].filter((p) => p.rows < p.created);
    for (const p of lost) out.push(`- **${where}, ${p.impl}: ${p.created - p.rows} rows missing** — ${p.created} requests were answered 2xx but only ${p.rows} rows are in the table.`);

    const real = median(r.real.map((p) => p.rps));
    const bare = median(r.bare.map((p) => p.rps));
    const ratio = real / bare;
    const p99 = median(r.real.map((p) => p.p99));
    const cpu = median(r.real.map((p) => p.serverCpu));
    const sql = median(r.real.map((p) => p.queriesPerRequest));
    const sqlMs = median(r.real.map((p) => p.dbMsPerRequest));
    const auth = phase(r, 'authenticate');
    const lookups = phase(r, 'lookups');
    const single = phase(r, '`fines.register`, one');
    const grouped = phase(r, `\`fines.register\`, ${GROUP} at once`);
    const insert = phase(r, 'bare endpoint');
    if (!auth || !lookups || !single || !grouped || !insert) continue;
    const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
    const p99Part = r.dialect === 'sqlite' ? `; p99 ${ms(p99)} ms (target < ${TARGET_P99_MS} ms ${verdict(p99 < TARGET_P99_MS)})` : `; p99 ${ms(p99)} ms`;
    out.push(
      `- **${where}: ${formatInt(real)} req/s, ${formatRatio(ratio)}× the bare endpoint's ${formatInt(bare)} (target ≥ ${TARGET_RATIO}× ${verdict(ratio >= TARGET_RATIO)})${p99Part}.**`,
      `  One registration on its own costs ${single.wallMs.toFixed(2)} ms (${single.statements.toFixed(0)} SQL statements: BEGIN, case-number counter, badge, fine,`,
      `  offender, event, ${r.dialect === 'postgres' ? "the audit chain's advisory lock, its " : 'audit-chain '}head and row, COMMIT) plus ${auth.wallMs.toFixed(2)} ms for the token; the bare insert ${insert.wallMs.toFixed(2)} ms. The reference`,
      `  data comes from a cache (${lookups.wallMs.toFixed(2)} ms, ${lookups.statements.toFixed(0)} statements). Under load the rapports that arrive while a write is in progress are`,
      `  written together (group commit): ${GROUP} submitted at once cost ${grouped.wallMs.toFixed(2)} ms and ${grouped.statements.toFixed(2)} statements each; over HTTP at ${CONNECTIONS} connections`,
      `  the server ran ${sql.toFixed(1)} statements per request (${sqlMs.toFixed(2)} ms of statement time) at ${(cpu * 100).toFixed(0)} % CPU.`,
    );
    if (ratio < TARGET_RATIO || (r.dialect === 'sqlite' && p99 >= TARGET_P99_MS)) {
      const mean = (CONNECTIONS / real) * 1000;
      out.push(
        `  By Little's law ${CONNECTIONS} connections at ${formatInt(real)} req/s spend ${mean.toFixed(0)} ms per request on average (measured p50 ${ms(median(r.real.map((p) => p.p50)))} ms);`,
        `  what is left per request is ${auth.statements > 0 ? 'the token lookup (one statement on the same connection), ' : ''}HTTP, validation and logging, and waiting for the group's transaction.`,
      );
    }
    if (r.dialect === 'postgres') {
      const waits = r.real.map((p) => p.lockWaits).filter((x): x is number => x !== null);
      if (waits.length > 0) out.push(`  Connections of the pool of 10 waiting for a lock, sampled every 200 ms: ${median(waits).toFixed(1)} on average (the year's case-number row and the audit chain's advisory lock are taken once per group).`);
    }
  }
  if (seconds < 10) out.push(`- These runs measured ${seconds} s each (\`BENCH_HTTP_SECONDS\`); the figures are less steady than at the default 10 s.`);
  return out;
}

export const registration: BenchmarkDefinition = {
  id: 'registration',
  title: 'Registration over HTTP',
  run: runRegistration,
};
