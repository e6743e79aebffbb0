/**
 * Bank statement import (design.md §8): `imports.importStatement` of a generated camt.053 and ING CSV
 * of 100 000 credit lines against 100 000 issued fines, in a child process of its own (lines/s and
 * peak RSS), beside (a) bare csv-parse streaming plus raw knex inserts of the same CSV lines and
 * (b) hledger reading the same CSV with a rules file and printing balances; and the peak RSS of a
 * 1 000 000-line ING CSV import. An import that runs past its time limit is stopped and reported
 * with how far it got and where its time went.
 */
import { execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../../src/modules/audit/audit.types.js';
import type { Dialect } from '../../src/shared/db.js';
import { freshDb } from './databases.js';
import type { ImportChildConfig, ImportChildResult } from './import-child.js';
import { createRawTable, HLEDGER_RULES, IMPORT_CLOCK, instalmentLines, issuedFines, paymentLines, RAW_TABLE, withoutReference, writeCamt, writeIngCsv, type IssuedFine } from './import-data.js';
import { FinesDatabases, type Prepared } from './import-fines-db.js';
import { commandDatabaseUrl, runImportCommand } from './import-command.js';
import { replayTrace } from './import-statements.js';
import { DIALECT_LABEL, FORMAT_LABEL, FORMATS, MB, mb, MEMORY_SHAPE_LABEL, MEMORY_SHAPES, progressOf, section, type CaseResult, type Format, type HledgerResult, type MemoryResult, type ParseResult, type Round, type SectionData } from './import-report.js';
import { formatInt, log, seconds } from './report.js';
import type { BenchConfig, BenchmarkDefinition } from './types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCH_ACTOR: Actor = { userId: null, label: 'bench', role: 'system' };

function positiveIntEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

async function runChild(cfg: ImportChildConfig): Promise<ImportChildResult> {
  const child = fork(path.join(here, 'import-child.ts'), [], {
    execArgv: process.execArgv,
    env: { ...process.env, BENCH_IMPORT_CHILD_CONFIG: JSON.stringify(cfg) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let result: ImportChildResult | null = null;
  child.on('message', (m: ImportChildResult) => {
    result = m;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (!result || code !== 0) throw new Error(`bank-import child (${cfg.mode} ${cfg.format}) failed (exit ${String(code)})`);
  return result;
}

interface Expected {
  lines: number;
  /** Lines with a kenmerk (structured or in the free text): matched or partially matched. */
  referenced: number;
}

/** A finished import must be complete: every line stored, the referenced ones matched, no duplicates. */
async function checkImport(p: Prepared, r: ImportChildResult, expected: Expected, label: string): Promise<void> {
  const o = r.outcome!;
  const [bank] = await p.bench.db('bank_transactions').count({ n: '*' });
  const [alloc] = await p.bench.db('allocations').count({ n: '*' });
  const problems: string[] = [];
  if (r.lines !== expected.lines || Number(bank?.n) !== expected.lines) problems.push(`${r.lines} lines read, ${String(bank?.n)} stored, expected ${expected.lines}`);
  if (o.matched + o.partiallyMatched !== expected.referenced) problems.push(`${o.matched} matched + ${o.partiallyMatched} partially, expected ${expected.referenced} referenced lines`);
  if (Number(alloc?.n) < expected.referenced) problems.push(`${String(alloc?.n)} allocations, expected ≥ ${expected.referenced}`);
  if (o.duplicates !== 0) problems.push(`${o.duplicates} duplicates`);
  if (problems.length > 0) throw new Error(`bank-import check failed (${label}): ${problems.join('; ')}`);
}


function hledgerVersion(): string | null {
  try {
    return execFileSync('hledger', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** One `hledger … bal`, wall clock around the process; the bank balance it prints must be the file's total. */
function hledgerOnce(csv: string, rules: string, totalCents: number): number {
  const t0 = performance.now();
  const out = execFileSync('hledger', ['-f', csv, '--rules-file', rules, 'bal', 'assets:bank:ing'], { encoding: 'utf8', maxBuffer: 64 * MB });
  const ms = performance.now() - t0;
  const printed = /EUR\s*([\d.]+,\d{2})\s+assets:bank:ing/.exec(out)?.[1];
  const cents = printed ? Number(printed.replace(/\./g, '').replace(',', '')) : NaN;
  if (cents !== totalCents) throw new Error(`hledger printed a bank balance of ${String(printed)}, expected ${totalCents} cents:\n${out}`);
  return ms;
}

async function runBankImport(config: BenchConfig): Promise<string> {
  const count = config.entries;
  const limitMs = positiveIntEnv('BENCH_IMPORT_TIME_LIMIT_S', 300) * 1000;
  const memoryLines = positiveIntEnv('BENCH_IMPORT_MEMORY_LINES', 1_000_000);
  const memoryLimitMs = positiveIntEnv('BENCH_IMPORT_MEMORY_TIME_LIMIT_S', 900) * 1000;
  const dialects: Dialect[] = config.postgres.unavailable ? ['sqlite'] : ['sqlite', 'postgres'];
  const fines = issuedFines(count, config.seed);
  const lines = paymentLines(fines, config.seed);
  const expected: Expected = { lines: lines.length, referenced: lines.filter((l) => l.kind !== 'unknown').length };
  const files: Record<Format, string> = { camt053: path.join(config.tmpDir, 'bank.camt053.xml'), 'ing-csv': path.join(config.tmpDir, 'ing.csv') };
  const sizes: Record<Format, number> = { camt053: await writeCamt(files.camt053, lines), 'ing-csv': await writeIngCsv(files['ing-csv'], lines) };
  const rulesFile = path.join(config.tmpDir, 'ing.rules');
  fs.writeFileSync(rulesFile, HLEDGER_RULES);
  log(`bank-import: ${formatInt(count)} lines: camt.053 ${(sizes.camt053 / MB).toFixed(1)} MB, ING CSV ${(sizes['ing-csv'] / MB).toFixed(1)} MB; import time limit ${seconds(limitMs)}`);

  const version = hledgerVersion();
  const hledger: HledgerResult = { version, unavailable: version ? null : 'the `hledger` command is not installed on this machine', ms: [] };
  const totalCents = lines.reduce((s, l) => s + l.amountCents, 0);
  const parses: ParseResult[] = [];
  for (const format of FORMATS) {
    const r = await runChild({ mode: 'parse', url: '', file: files[format], format, clockIso: IMPORT_CLOCK, actor: BENCH_ACTOR });
    parses.push({ format, ms: r.ms, identityMs: r.identityMs ?? NaN, rssPeak: r.rssPeak });
    log(`bank-import: parse alone ${FORMAT_LABEL[format]}: ${formatInt(r.lines)} lines in ${seconds(r.ms)} (identities ${seconds(r.identityMs ?? NaN)})`);
  }

  const databases = new FinesDatabases(config, fines);
  const cases: CaseResult[] = [];
  const baseline = new Map<Dialect, number[]>();
  let memory: MemoryResult[] = [];
  let replay: SectionData['replay'] = null;
  try {
    for (const dialect of dialects) {
      const mine = FORMATS.map((format): CaseResult => ({ dialect, format, runs: [], rounds: [], stopped: null }));
      cases.push(...mine);
      baseline.set(dialect, []);
      for (let run = 0; run < config.runs; run++) {
        // The machine's speed drifts over a run of this length (hledger on the same file took 22 s
        // at one moment and 34 s at another), so both baselines run in every round, next to the
        // imports they are compared with: each import is held against the baselines of its own round.
        const round: Round = { hledgerMs: null, baselineRate: NaN };
        if (version) {
          round.hledgerMs = hledgerOnce(files['ing-csv'], rulesFile, totalCents);
          hledger.ms.push(round.hledgerMs);
          log(`bank-import: ${DIALECT_LABEL[dialect]} round ${run + 1}/${config.runs}: hledger ${formatInt(count)} lines in ${seconds(round.hledgerMs)} = ${formatInt((count / round.hledgerMs) * 1000)} lines/s`);
        }
        const b = await freshDb(dialect, config.tmpDir);
        try {
          await createRawTable(b.db);
          const r = await runChild({ mode: 'baseline', url: b.url, searchPath: b.searchPath, file: files['ing-csv'], format: 'ing-csv', clockIso: IMPORT_CLOCK, actor: BENCH_ACTOR });
          const [stored] = await b.db(RAW_TABLE).count({ n: '*' });
          if (r.lines !== count || Number(stored?.n) !== count) throw new Error(`bank-import baseline stored ${String(stored?.n)} rows, expected ${count}`);
          round.baselineRate = (r.lines / r.ms) * 1000;
          baseline.get(dialect)!.push(round.baselineRate);
          log(`bank-import: ${DIALECT_LABEL[dialect]} baseline (a) run ${run + 1}/${config.runs}: ${formatInt(r.lines)} lines in ${seconds(r.ms)} = ${formatInt(round.baselineRate)} lines/s`);
        } finally {
          await b.destroy();
        }
        const order = run % 2 === 0 ? mine : [...mine].reverse();
        for (const c of order) {
          if (c.stopped) continue; // it did not finish within the limit once; more runs would only repeat that
          const p = await databases.fresh(dialect);
          const label = `${DIALECT_LABEL[dialect]} ${FORMAT_LABEL[c.format]} run ${run + 1}/${config.runs}`;
          try {
            const r = await runChild({ mode: 'import', url: p.bench.url, searchPath: p.bench.searchPath, file: files[c.format], format: c.format, clockIso: IMPORT_CLOCK, actor: p.actor, timeLimitMs: limitMs });
            if (r.finished) {
              await checkImport(p, r, expected, label);
              c.runs.push(r);
              c.rounds.push(round);
              log(`bank-import: ${label}: ${formatInt(r.lines)} lines in ${seconds(r.ms)} = ${formatInt((r.lines / r.ms) * 1000)} lines/s, peak RSS ${mb(r.rssPeak)} MB`);
            } else {
              c.stopped = r;
              log(`bank-import: ${label}: STOPPED at the ${seconds(limitMs)} limit: ${progressOf(r, count)}; peak RSS ${mb(r.rssPeak)} MB`);
            }
          } finally {
            await p.bench.destroy();
          }
        }
      }
    }
    replay = await databaseWork(config, databases, files['ing-csv']);
    memory = await memoryRuns(config, databases, fines, dialects, memoryLines, memoryLimitMs);
  } finally {
    databases.dispose();
  }
  return section(config, { count, sizes, cases, baseline, hledger, memory, parses, seedMs: databases.seedMs, lines, limitMs, replay });
}

/**
 * The database's own share of an import: the ING CSV imported once more on SQLite (untimed as an
 * import) with every statement written out with its values, then run again by the sqlite3 shell on
 * a fresh copy of the same starting database, which times each statement without the JavaScript,
 * the driver and the pipelining around it.
 */
async function databaseWork(config: BenchConfig, databases: FinesDatabases, file: string): Promise<SectionData['replay']> {
  const traceFile = path.join(config.tmpDir, 'import-trace.sql');
  const traced = await databases.fresh('sqlite');
  const start = await databases.fresh('sqlite');
  try {
    const r = await runChild({ mode: 'trace', url: traced.bench.url, file, format: 'ing-csv', clockIso: IMPORT_CLOCK, actor: traced.actor, traceFile });
    await start.bench.db.destroy(); // the shell opens the file itself
    const result = await replayTrace(traceFile, start.bench.url.slice('sqlite:'.length));
    log(result ? `bank-import: database work (sqlite3 ${result.shellVersion} replay): ${seconds(result.totalSeconds * 1000)} for ${formatInt(r.lines)} lines, ${formatInt(result.statements)} statements` : 'bank-import: database work not measured: the sqlite3 shell is not installed');
    return { importMs: r.ms, lines: r.lines, result };
  } finally {
    await traced.bench.destroy();
    await start.bench.destroy();
    fs.rmSync(traceFile, { force: true });
  }
}

/**
 * The 1 000 000-line ING CSVs, written as streams, each imported by the `bboor import-statement`
 * command (import-command.ts) once per dialect into a database with the fines: one with the kenmerk
 * on every line (booked and matched as they come), one without any reference (every line waits for
 * pass 3, the suggestions, after the whole file).
 */
async function memoryRuns(config: BenchConfig, databases: FinesDatabases, fines: readonly IssuedFine[], dialects: readonly Dialect[], count: number, limitMs: number): Promise<MemoryResult[]> {
  const out: MemoryResult[] = [];
  for (const shape of MEMORY_SHAPES) {
    const lines = () => (shape === 'kenmerk' ? instalmentLines(fines, count) : withoutReference(instalmentLines(fines, count)));
    const file = path.join(config.tmpDir, `ing-memory-${shape}.csv`);
    let total = 0;
    for (const l of lines()) total += l.amountCents;
    const bytes = await writeIngCsv(file, { total, lines });
    log(`bank-import: memory run: ${formatInt(count)}-line ING CSV (${MEMORY_SHAPE_LABEL[shape]}) of ${mb(bytes)} MB written; time limit ${seconds(limitMs)}`);
    try {
      for (const dialect of dialects) {
        const p = await databases.fresh(dialect);
        try {
          // The command opens the database itself.
          const databaseUrl = commandDatabaseUrl(p.bench.url, p.bench.searchPath);
          if (dialect === 'sqlite') await p.bench.db.destroy();
          const r = await runImportCommand({ databaseUrl, file, clockIso: IMPORT_CLOCK, limitMs });
          const o = r.result;
          if (o && (o.transactions !== count || o.matched + o.partiallyMatched !== (shape === 'kenmerk' ? count : 0))) throw new Error(`bank-import memory run (${shape}): ${JSON.stringify(o)}, expected ${count} lines, ${shape === 'kenmerk' ? 'all' : 'none'} matched`);
          log(`bank-import: memory run ${DIALECT_LABEL[dialect]}, ${MEMORY_SHAPE_LABEL[shape]}: ${r.finished ? `${formatInt(count)} lines in ${seconds(r.ms)}` : `STOPPED at the ${seconds(limitMs)} limit`}; peak RSS ${mb(r.rssPeak)} MB`);
          out.push({ dialect, shape, lines: count, bytes, run: r, limitMs });
        } finally {
          await p.bench.destroy();
        }
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
  return out;
}

export const bankImport: BenchmarkDefinition = {
  id: 'bank-import',
  title: 'Bank statement import',
  run: runBankImport,
};
