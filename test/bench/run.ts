/**
 * `npm run bench`: runs every benchmark section and writes BENCHMARKS.md at the project root
 * (design.md §8). Not part of `npm test`. Progress goes to stderr.
 *
 * Environment: BENCH_RUNS (default 3), BENCH_ENTRIES (default 100000), BENCH_SEED,
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_PG_SINGLE_ENTRIES,
 * BENCH_HTTP_SECONDS (registration), BENCH_NOTICES (notices), BENCH_EVALUATION_FINES and
 * BENCH_EVALUATION_PAYMENTS (evaluation-report), BENCH_IMPORT_TIME_LIMIT_S, BENCH_IMPORT_MEMORY_LINES and
 * BENCH_IMPORT_MEMORY_TIME_LIMIT_S (bank-import), BENCH_WEB_REQUESTS (web-list), BENCH_ONLY (comma-separated section ids),
 * BENCH_OUTPUT (default BENCHMARKS.md). With BENCH_ONLY and an existing output file, only the selected
 * sections are replaced in it; every other section keeps its text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectionRun } from './collection-run.js';
import { evaluationReport } from './evaluation-report.js';
import { pgUrl, postgresUnavailableReason, redactUrl } from './databases.js';
import { bankImport } from './import-bank.js';
import { ledgerThroughput } from './ledger-throughput.js';
import { composeReport, headingOf } from './merge.js';
import { notices } from './notices.js';
import { registration } from './registration.js';
import { webList } from './web-list.js';
import { log, machineDescription, seconds } from './report.js';
import type { BenchConfig, BenchmarkDefinition } from './types.js';

/** Add new sections here; they appear in BENCHMARKS.md in this order. */
const BENCHMARKS: readonly BenchmarkDefinition[] = [ledgerThroughput, registration, notices, collectionRun, bankImport, evaluationReport, webList];

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

async function main(): Promise<void> {
  const started = Date.now();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bboor-bench-'));
  const url = pgUrl();
  const unavailable = await postgresUnavailableReason(url);
  log(unavailable ? `PostgreSQL at ${redactUrl(url)} unreachable: ${unavailable}` : `PostgreSQL at ${redactUrl(url)} reachable`);
  const config: BenchConfig = {
    runs: positiveInt('BENCH_RUNS', 3),
    entries: positiveInt('BENCH_ENTRIES', 100_000),
    seed: positiveInt('BENCH_SEED', 20240101),
    tmpDir,
    postgres: { url, unavailable },
  };
  const listed = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  const only = listed.length > 0 ? listed : null;
  const unknown = listed.filter((id) => !BENCHMARKS.some((b) => b.id === id));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names unknown sections: ${unknown.join(', ')} (known: ${BENCHMARKS.map((b) => b.id).join(', ')})`);
  const selected = only ? BENCHMARKS.filter((b) => only.includes(b.id)) : BENCHMARKS;

  const sections: string[] = [];
  try {
    for (const bench of selected) {
      log(`${bench.id}: start`);
      const t0 = Date.now();
      const section = await bench.run(config);
      if (headingOf(section) !== bench.title) throw new Error(`${bench.id}: its section must start with "## ${bench.title}"`);
      sections.push(section);
      log(`${bench.id}: done in ${seconds(Date.now() - t0)}`);
    }
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }

  const m = machineDescription();
  const pgVersion = unavailable ? null : await postgresVersion(url);
  const machine = [
    '## Machine',
    '',
    `- Node.js ${m.node} on ${m.platform}`,
    `- CPU: ${m.cpu}, ${m.cores} cores; ${m.memoryGb} GiB memory`,
    `- SQLite: a file database in a temporary directory (WAL); PostgreSQL: ${pgVersion ?? 'not reachable'}${unavailable ? '' : `, at ${redactUrl(url)}`}`,
  ].join('\n');
  const howToRun = [
    '## How to run',
    '',
    '```sh',
    '# the baselines run these shells and tools (Debian packages): apt-get install sqlite3 postgresql-client hledger',
    'npm run bench',
    '# smaller or larger: BENCH_RUNS=5 BENCH_ENTRIES=20000 npm run bench',
    '# another PostgreSQL: BENCH_DATABASE_URL=postgres://user@host:5432/db npm run bench',
    '# one section again, the others kept as they are: BENCH_ONLY=registration npm run bench',
    '# the evaluation report on a smaller year: BENCH_ONLY=evaluation-report BENCH_EVALUATION_FINES=20000 BENCH_EVALUATION_PAYMENTS=16000 npm run bench',
    '```',
    '',
    'Each figure is the median of several runs and sits beside a bare-library baseline measured in the same run on the',
    'same data (design.md §8). `BENCH_RUNS`, `BENCH_ENTRIES`, `BENCH_SEED`, `BENCH_DATABASE_URL`, `BENCH_PG_SINGLE_ENTRIES`,',
    '`BENCH_HTTP_SECONDS`, `BENCH_NOTICES`, `BENCH_EVALUATION_FINES`, `BENCH_EVALUATION_PAYMENTS`, `BENCH_IMPORT_TIME_LIMIT_S`,',
    '`BENCH_IMPORT_MEMORY_LINES`, `BENCH_IMPORT_MEMORY_TIME_LIMIT_S`, `BENCH_WEB_REQUESTS` and `BENCH_ONLY` adjust a run; the script',
    'writes this file (or `BENCH_OUTPUT`).',
    `\`BENCH_ONLY\` takes section ids, comma-separated (${BENCHMARKS.map((b) => `\`${b.id}\``).join(', ')}): only those sections are measured`,
    'and replaced in an existing file; the other sections keep their text from the run that wrote them.',
  ].join('\n');

  const output = path.resolve(projectRoot, process.env.BENCH_OUTPUT ?? 'BENCHMARKS.md');
  const took = seconds(Date.now() - started);
  const existing = only && fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : null;
  const doc = composeReport({
    benchmarks: BENCHMARKS,
    measured: new Map(selected.map((b, i) => [b.id, sections[i]!] as const)),
    existing,
    machine,
    howToRun,
    today: new Date().toISOString().slice(0, 10),
    took,
  });
  fs.writeFileSync(output, doc.endsWith('\n') ? doc : `${doc}\n`);
  log(`${existing !== null ? 'merged into' : 'wrote'} ${path.relative(process.cwd(), output) || output} in ${took}`);
}

async function postgresVersion(url: string): Promise<string | null> {
  const { default: knexFactory } = await import('knex');
  const db = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  try {
    const r = (await db.raw('show server_version')) as { rows: Array<{ server_version: string }> };
    return `PostgreSQL ${r.rows[0]?.server_version ?? '?'}`;
  } catch {
    return null;
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
