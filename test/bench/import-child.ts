/**
 * One timed pass of the bank-import benchmark in a process of its own (forked by import-bank.ts),
 * so that the peak RSS it reports is that of this pass alone. Modes:
 *  - `import`: `imports.importStatement` of the file as the finance user (fixed clock);
 *  - `baseline`: bare csv-parse streaming of the ING CSV plus raw knex inserts of its rows into a
 *    plain table, 500 rows per INSERT, in one transaction;
 *  - `parse`: only `parseStatement` over the file, plus each line's identity (what the importer
 *    computes per line before any query), for the profile;
 *  - `trace` (SQLite, untimed): the import, writing every statement with its values as SQL to
 *    `traceFile`, so the database's own work can be timed apart by replaying it in the sqlite3 shell.
 * Samples process.memoryUsage() every 50 ms and reports over IPC. The import also times every SQL
 * statement (knex query events) by what it was for, and stops at `timeLimitMs` with a partial result.
 *
 * Configuration arrives as JSON in BENCH_IMPORT_CHILD_CONFIG.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse';
import type { Knex } from 'knex';
import pino from 'pino';
import type { Actor } from '../../src/modules/audit/audit.types.js';
import { baseKey, lineIdentity, OccurrenceCounter } from '../../src/modules/payments/line-identity.js';
import { parseStatement } from '../../src/modules/payments/parsers/parse-statement.js';
import { createServices } from '../../src/services.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createDb } from '../../src/shared/db.js';
import type { Binding } from '../../src/shared/bulk-insert.js';
import { scriptOf } from '../../src/shared/statement-script.js';
import { RAW_COLUMNS, RAW_TABLE } from './import-data.js';
import { classify, statementsOf, TRACE_MARK } from './import-statements.js';

export interface ImportChildConfig {
  mode: 'import' | 'baseline' | 'parse' | 'trace';
  url: string;
  searchPath?: string;
  file: string;
  format: 'camt053' | 'ing-csv';
  clockIso: string;
  actor: Actor;
  /** Import: stop after this long and report how far it got (a partial result). */
  timeLimitMs?: number;
  /** Trace: where the statements go. */
  traceFile?: string;
}

export interface ImportProfile {
  /**
   * Milliseconds each kind of statement was in flight, from sending to answer. The import is
   * pipelined (the database writes one batch while the next is read and decided), so these overlap
   * each other and the JavaScript: they do not add up to the import's time.
   */
  sqlMs: Record<string, number>;
  statements: Record<string, number>;
  /** Lines inserted into bank_transactions so far. */
  linesStored: number;
  /**
   * Milliseconds the JavaScript thread was busy (event-loop utilisation): the rest of the import's
   * time it waited for the database.
   */
  jsBusyMs: number;
}

export interface ImportChildResult {
  type: 'result';
  /** False when the import was stopped at its time limit; `ms` is then the limit. */
  finished: boolean;
  ms: number;
  lines: number;
  rssStart: number;
  rssPeak: number;
  heapPeak: number;
  samples: number;
  outcome?: { matched: number; partiallyMatched: number; suggested: number; unmatched: number; duplicates: number; warnings: string[] };
  profile?: ImportProfile;
  /** parse mode: time of the identities alone (within ms). */
  identityMs?: number;
}

const SAMPLE_MS = 50;
const BATCH = 500;

/**
 * Times every statement by what it was for, from knex's query events (sending to answer; statements
 * of the pipelined import overlap), and counts the lines stored: the progress of an import stopped
 * at its time limit.
 */
function instrument(db: Knex): ImportProfile {
  const profile: ImportProfile = { sqlMs: {}, statements: {}, linesStored: 0, jsBusyMs: 0 };
  const open = new Map<string, { t: number; kind: string }>();
  db.on('query', (q: { sql: string; __knexQueryUid: string }) => {
    open.set(q.__knexQueryUid, { t: performance.now(), kind: classify(q.sql) });
  });
  const done = (response: unknown, q: { __knexQueryUid: string }) => {
    const o = open.get(q.__knexQueryUid);
    if (!o) return;
    open.delete(q.__knexQueryUid);
    profile.sqlMs[o.kind] = (profile.sqlMs[o.kind] ?? 0) + (performance.now() - o.t);
    profile.statements[o.kind] = (profile.statements[o.kind] ?? 0) + 1;
    // SQLite answers a RETURNING insert with the rows, PostgreSQL with a result holding them.
    const rows = Array.isArray(response) ? response.length : Array.isArray((response as { rows?: unknown })?.rows) ? (response as { rows: unknown[] }).rows.length : 0;
    if (o.kind === 'insert lines') profile.linesStored += rows;
  };
  db.on('query-response', done);
  db.on('query-error', (err: unknown, q: { __knexQueryUid: string }) => done(err, q));
  return profile;
}

type Measured = Omit<ImportChildResult, 'type' | 'rssStart' | 'rssPeak' | 'heapPeak' | 'samples'>;

async function runImport(cfg: ImportChildConfig, db: Knex): Promise<Measured> {
  const services = createServices({ db, clock: fixedClock(cfg.clockIso), logger: pino({ level: 'silent' }) });
  const profile = instrument(db);
  const t0 = performance.now();
  const imported = services.imports.importStatement(cfg.actor, fs.createReadStream(cfg.file), { format: cfg.format, fileName: cfg.file.split('/').pop()! });
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<null>((resolve) => {
    if (cfg.timeLimitMs) timer = setTimeout(() => resolve(null), cfg.timeLimitMs);
  });
  const loop = performance.eventLoopUtilization();
  const r = await Promise.race([imported, limit]);
  clearTimeout(timer);
  const ms = performance.now() - t0;
  profile.jsBusyMs = performance.eventLoopUtilization(loop).active;
  if (r === null) return { finished: false, ms, lines: profile.linesStored, profile };
  return {
    finished: true,
    ms,
    lines: r.transactions,
    outcome: { matched: r.matched, partiallyMatched: r.partiallyMatched, suggested: r.suggested, unmatched: r.unmatched, duplicates: r.duplicates, warnings: r.warnings },
    profile,
  };
}

async function runTrace(cfg: ImportChildConfig, db: Knex): Promise<Measured> {
  const out = fs.createWriteStream(cfg.traceFile!);
  db.on('query', (q: { sql: string; bindings?: Binding[] }) => {
    // Values written in as the product's own scripts write them; a script carries its values already.
    const text = q.bindings?.length ? scriptOf('sqlite', [{ sql: q.sql, bindings: q.bindings }]) : q.sql;
    if (text === null) throw new Error(`trace: a value of this statement cannot be an SQLite literal: ${q.sql.slice(0, 200)}`);
    for (const sql of statementsOf(text)) out.write(`${TRACE_MARK}${sql};\n`);
  });
  const services = createServices({ db, clock: fixedClock(cfg.clockIso), logger: pino({ level: 'silent' }) });
  const t0 = performance.now();
  const r = await services.imports.importStatement(cfg.actor, fs.createReadStream(cfg.file), { format: cfg.format, fileName: cfg.file.split('/').pop()! });
  const ms = performance.now() - t0;
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { finished: true, ms, lines: r.transactions };
}

async function runBaseline(cfg: ImportChildConfig, db: Knex): Promise<Measured> {
  const t0 = performance.now();
  let lines = 0;
  await db.transaction(async (trx) => {
    const parser = fs.createReadStream(cfg.file).pipe(parse({ delimiter: ';', from_line: 2 }));
    let batch: Array<Record<string, string>> = [];
    for await (const record of parser as AsyncIterable<string[]>) {
      const row: Record<string, string> = {};
      RAW_COLUMNS.forEach((c, i) => (row[c] = record[i] ?? ''));
      batch.push(row);
      if (batch.length >= BATCH) {
        await trx(RAW_TABLE).insert(batch);
        lines += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) {
      await trx(RAW_TABLE).insert(batch);
      lines += batch.length;
    }
  });
  return { finished: true, ms: performance.now() - t0, lines };
}

async function runParse(cfg: ImportChildConfig): Promise<Measured> {
  const t0 = performance.now();
  let lines = 0;
  let identityMs = 0;
  const occurrences = new OccurrenceCounter();
  for await (const event of parseStatement(fs.createReadStream(cfg.file), { format: cfg.format }).events) {
    if (event.type !== 'line') continue;
    lines += 1;
    const t = performance.now();
    const base = baseKey(event.line);
    lineIdentity(base, occurrences.next(base));
    identityMs += performance.now() - t;
  }
  return { finished: true, ms: performance.now() - t0, lines, identityMs };
}

async function main(): Promise<void> {
  const raw = process.env.BENCH_IMPORT_CHILD_CONFIG;
  if (!raw || !process.send) throw new Error('import-child.ts is forked by import-bank.ts with BENCH_IMPORT_CHILD_CONFIG');
  const cfg = JSON.parse(raw) as ImportChildConfig;
  const db = cfg.mode === 'parse' ? null : createDb(cfg.url, cfg.searchPath ? { searchPath: cfg.searchPath } : {});
  try {
    if (db) await db.raw('select 1'); // the connection is opened before the clock starts
    const rssStart = process.memoryUsage().rss;
    let rssPeak = rssStart;
    let heapPeak = process.memoryUsage().heapUsed;
    let samples = 0;
    const sample = () => {
      const m = process.memoryUsage();
      rssPeak = Math.max(rssPeak, m.rss);
      heapPeak = Math.max(heapPeak, m.heapUsed);
      samples += 1;
    };
    const timer = setInterval(sample, SAMPLE_MS);
    const measured =
      cfg.mode === 'import' ? await runImport(cfg, db!) : cfg.mode === 'baseline' ? await runBaseline(cfg, db!) : cfg.mode === 'trace' ? await runTrace(cfg, db!) : await runParse(cfg);
    clearInterval(timer);
    sample();
    const result: ImportChildResult = { type: 'result', ...measured, rssStart, rssPeak, heapPeak, samples };
    await new Promise<void>((resolve) => process.send!(result, () => resolve()));
    // Stopped at its time limit, the import's transaction is still open: leave it to die with the process.
    if (!measured.finished) process.exit(0);
  } finally {
    await db?.destroy();
  }
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
