/**
 * The year-end evaluation report (issue: "The JSON report over 1,000,000 fines and 800,000
 * payments on SQLite and on PostgreSQL, beside the equivalent single GROUP BY query run directly
 * (sqlite3 CLI / psql) in the same run. Target: at most 3× that baseline, and under 10 s on SQLite
 * on this machine. The PDF adds less than one second.").
 *
 * Untimed: the pilot year of evaluation-data.ts, generated once as CSV files and bulk-loaded into a
 * SQLite file and a PostgreSQL schema (evaluation-setup.ts). Timed, per repetition and database: the
 * report in a child process of its own (evaluation-report-child.ts: the JSON, then the PDF), the
 * baseline query through the database's own shell, and the CLI (`bboor report evaluation --format
 * json`) beside `bboor migrate` (the CLI's fixed cost: start, migrations check, reference data).
 * Sizes: BENCH_EVALUATION_FINES (default 1 000 000) and BENCH_EVALUATION_PAYMENTS (default 800 000).
 */
import { execFile, fork } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Dialect } from '../../src/shared/db.js';
import type { BenchDb } from './databases.js';
import type { EvaluationChildConfig, EvaluationChildResult } from './evaluation-report-child.js';
import { AS_OF, generateEvaluationData, YEAR, type DataResult } from './evaluation-data.js';
import { countRows, loadPostgres, loadSqlite, prepare } from './evaluation-setup.js';
import { BASELINE_SQL, JOIN_BASELINE_SQL, checkReport, evaluationSection, type EvaluationRun, type Loaded } from './evaluation-section.js';
import { formatInt, log, seconds } from './report.js';
import type { BenchConfig, BenchmarkDefinition } from './types.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..', '..');
const CLOCK = '2025-04-01T09:00:00+02:00';

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw ? Number(raw) : fallback;
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

const sqliteFile = (db: BenchDb) => db.url.slice('sqlite:'.length);
/** How the CLI reaches the database: PostgreSQL's schema through the connection's options. */
const cliUrl = (db: BenchDb) => (db.searchPath ? `${db.url}${db.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${db.searchPath}`)}` : db.url);

/** The baseline query through the sqlite3 shell or psql: wall time of the process, and its rows (month, issued, imposed, collected). */
async function baseline(db: BenchDb, sql = BASELINE_SQL): Promise<{ ms: number; rows: string[][] }> {
  const t = performance.now();
  const { stdout } =
    db.dialect === 'sqlite'
      ? await run('sqlite3', ['-csv', sqliteFile(db), sql])
      : await run('psql', [db.url, '-X', '-q', '-A', '-t', '-F', ',', '-c', `SET search_path TO ${db.searchPath}`, '-c', sql]);
  const ms = performance.now() - t;
  return { ms, rows: stdout.trim().split('\n').filter(Boolean).map((l) => l.split(',')) };
}

async function cli(db: BenchDb, args: string[]): Promise<number> {
  const t = performance.now();
  await run(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'cli.ts'), ...args], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: cliUrl(db), LOG_LEVEL: 'error' }, maxBuffer: 1 << 24 });
  return performance.now() - t;
}

async function child(db: BenchDb, pdfFile: string): Promise<EvaluationChildResult> {
  const cfg: EvaluationChildConfig = { url: db.url, ...(db.searchPath ? { searchPath: db.searchPath } : {}), year: YEAR, asOf: AS_OF, clockIso: CLOCK, pdfFile };
  const proc = fork(path.join(here, 'evaluation-report-child.ts'), [], {
    execArgv: [...process.execArgv, '--expose-gc'],
    env: { ...process.env, BENCH_EVALUATION_CHILD_CONFIG: JSON.stringify(cfg) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let result: EvaluationChildResult | null = null;
  proc.on('message', (m: EvaluationChildResult) => {
    result = m;
  });
  const [code] = (await once(proc, 'exit')) as [number | null];
  if (!result || code !== 0) throw new Error(`evaluation report child failed (exit ${String(code)})`);
  return result;
}

/** A database of the dialect with the generated year in it (the CSV files are written once, for the first). */
async function load(dialect: Dialect, config: BenchConfig, sizes: { fines: number; payments: number }, data: { result: DataResult | null; prepared: string | null }): Promise<Loaded> {
  const { bench, prepared } = await prepare(dialect, config.tmpDir);
  try {
    let generateMs = 0;
    const key = JSON.stringify(prepared);
    if (!data.result || data.prepared !== key) {
      // The second database got other ids for its users or tariffs (never so far): its own files.
      log(`evaluation-report: generating ${formatInt(sizes.fines)} fines and ${formatInt(sizes.payments)} payments`);
      const t = performance.now();
      data.result = generateEvaluationData({ ...sizes, seed: config.seed, ...prepared }, path.join(config.tmpDir, `evaluation-data-${dialect}`));
      data.prepared = key;
      generateMs = performance.now() - t;
      log(`evaluation-report: ${formatInt(data.result.entries)} entries, ${formatInt(data.result.postings)} postings written as CSV in ${seconds(generateMs)}`);
    }
    const t = performance.now();
    if (dialect === 'sqlite') {
      await bench.db.destroy();
      await loadSqlite(sqliteFile(bench), data.result.dir);
    } else await loadPostgres(bench.url, bench.searchPath!, data.result.dir);
    const loadMs = performance.now() - t;
    log(`evaluation-report: ${dialect} loaded in ${seconds(loadMs)}`);
    const reopened: BenchDb = dialect === 'sqlite' ? { ...bench, db: (await import('../../src/shared/db.js')).createDb(bench.url) } : bench;
    const counted = await countRows(reopened);
    if (dialect === 'sqlite') await reopened.db.destroy();
    for (const [table, rows] of Object.entries(data.result.rows)) {
      if (counted[table] !== rows) throw new Error(`evaluation-report: ${dialect} holds ${counted[table]} rows in ${table}, the files ${rows}`);
    }
    const bytes = dialect === 'sqlite' ? fs.statSync(sqliteFile(bench)).size : null;
    return { dialect, bench, data: data.result, generateMs, loadMs, bytes };
  } catch (err) {
    await bench.destroy().catch(() => undefined);
    throw err;
  }
}

async function runEvaluation(config: BenchConfig): Promise<string> {
  const sizes = { fines: positive('BENCH_EVALUATION_FINES', 1_000_000), payments: positive('BENCH_EVALUATION_PAYMENTS', 800_000) };
  const dialects: Dialect[] = config.postgres.unavailable ? ['sqlite'] : ['sqlite', 'postgres'];
  const data = { result: null as DataResult | null, prepared: null as string | null };
  const loaded: Loaded[] = [];
  const runs: EvaluationRun[] = [];
  try {
    for (const d of dialects) loaded.push(await load(d, config, sizes, data));
    for (let rep = 0; rep < config.runs; rep++) {
      for (const l of loaded) {
        const label = `${l.dialect} ${rep + 1}/${config.runs}`;
        const base = await baseline(l.bench);
        const joined = await baseline(l.bench, JOIN_BASELINE_SQL);
        if (JSON.stringify(joined.rows) !== JSON.stringify(base.rows)) throw new Error(`evaluation-report: ${l.dialect}: the two baselines differ: ${JSON.stringify(base.rows)} / ${JSON.stringify(joined.rows)}`);
        const r = await child(l.bench, path.join(config.tmpDir, `evaluation-${l.dialect}.pdf`));
        checkReport(l, r, base.rows);
        // The CLI once per database: it adds only its start to the service call measured above.
        let cliMs: number | null = null;
        let migrateMs: number | null = null;
        if (rep === 0) {
          const outFile = path.join(config.tmpDir, `evaluation-${l.dialect}.json`);
          cliMs = await cli(l.bench, ['report', 'evaluation', '--year', String(YEAR), '--as-of', AS_OF, '--format', 'json', '--out', outFile]);
          const cliHash = (JSON.parse(fs.readFileSync(outFile, 'utf8')) as { contentHash: string }).contentHash;
          if (cliHash !== r.report.contentHash) throw new Error(`evaluation-report: the CLI's content hash ${cliHash} differs from the service's ${r.report.contentHash}`);
          migrateMs = await cli(l.bench, ['migrate']);
        }
        runs.push({ dialect: l.dialect, rep, baselineMs: base.ms, joinBaselineMs: joined.ms, child: r, cliMs, migrateMs });
        log(`evaluation-report: ${label}: JSON ${seconds(r.json.ms)} (service ${seconds(r.json.serviceMs)}), baseline ${seconds(base.ms)}, PDF ${seconds(r.pdf.ms)} (render ${seconds(r.pdf.renderMs)})${cliMs !== null ? `, CLI ${seconds(cliMs)} (migrate ${seconds(migrateMs!)})` : ''}, RSS peak ${(r.json.rssPeak / 2 ** 20).toFixed(0)} MB`);
      }
    }
  } finally {
    for (const l of loaded) await l.bench.destroy().catch(() => undefined);
  }
  return evaluationSection(config, sizes, loaded, runs);
}

export const evaluationReport: BenchmarkDefinition = {
  id: 'evaluation-report',
  title: 'Evaluation report',
  run: runEvaluation,
};
