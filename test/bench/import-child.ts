/**
 * One timed pass of the bank-import benchmark in a process of its own (forked by import-bank.ts),
 * so that the peak RSS it reports is that of this pass alone. Modes:
 *  - `import`: `imports.importStatement` of the file as the finance user (fixed clock);
 *  - `baseline`: bare csv-parse streaming of the ING CSV plus raw knex inserts of its rows into a
 *    plain table, 500 rows per INSERT, in one transaction;
 *  - `parse`: only `parseStatement` over the file, plus each line's identity (what the importer
 *    computes per line before any query), for the profile.
 * Samples process.memoryUsage() every 50 ms and reports over IPC. The import also times every SQL
 * statement (knex query events) by phase, and stops at `timeLimitMs` with a partial result.
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
import { RAW_COLUMNS, RAW_TABLE } from './import-data.js';

export interface ImportChildConfig {
  mode: 'import' | 'baseline' | 'parse';
  url: string;
  searchPath?: string;
  file: string;
  format: 'camt053' | 'ing-csv';
  clockIso: string;
  actor: Actor;
  /** Import: stop after this long and report how far it got (a partial result). */
  timeLimitMs?: number;
}

export interface ImportProfile {
  /** Milliseconds inside SQL statements, by what they were for. */
  sqlMs: Record<string, number>;
  statements: Record<string, number>;
  /** Milliseconds from the start until the first page of lines was read back for matching (null: not reached). */
  untilMatchingMs: number | null;
  /** Lines inserted into bank_transactions so far. */
  linesStored: number;
  /** Lines read back for matching so far (the page being matched included). */
  linesReachedInMatching: number;
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
  /** Import: [phase, lines, RSS bytes] each time another TRAIL_STEP lines were stored or reached in matching. */
  rssTrail?: Array<[string, number, number]>;
}

const TRAIL_STEP = 100_000;
/** The running import's profile, for the memory sampler's trail. */
let current: ImportProfile | null = null;

const SAMPLE_MS = 50;
const BATCH = 500;

/** What a statement of the import was for; `matching` once the importer reads its lines back. */
function classify(sql: string, matching: boolean): string {
  const s = sql.toLowerCase();
  if (matching) {
    if (/insert into [`"]?(journal_entries|postings)[`"]?/.test(s) || /from [`"]?journal_entries[`"]? where [`"]?idempotency_key[`"]?/.test(s)) return 'matching: ledger';
    if (/^select \* from [`"]?bank_transactions[`"]? where [`"]?import_id[`"]?/.test(s)) return 'matching: read lines back';
    if (/^select [`"]?id[`"]?, [`"]?payment_reference[`"]? from [`"]?fines[`"]? where [`"]?payment_reference[`"]? in/.test(s)) return 'matching: fines by kenmerk';
    if (/^select [`"]?fine_id[`"]?, [`"]?account[`"]?, sum\(/.test(s)) return 'matching: open debts';
    if (/^insert into [`"]?(allocations|refund_proposals|match_decisions)[`"]?/.test(s)) return 'matching: allocations, refunds, decisions';
    if (/from [`"]?fines[`"]? as [`"]?f[`"]? inner join [`"]?offenders[`"]?/.test(s)) return 'matching: suggestion index (once per import)';
    if (/from [`"]?allocations[`"]? as [`"]?a[`"]? inner join [`"]?bank_transactions[`"]?/.test(s)) return 'matching: payer IBAN history (per page)';
    if (/^select [`"]?id[`"]?, [`"]?case_number[`"]?, [`"]?payment_reference[`"]? from [`"]?fines[`"]?/.test(s)) return 'matching: fines by free-text reference (per page)';
    if (/^select [`"]?account[`"]?, sum\(/.test(s)) return 'matching: open debt (per debit line)';
    if (/^select coalesce\(sum\(case when p\.account = 'suspense:unallocated'/.test(s)) return 'matching: open amount of the line (per debit line)';
    return 'matching: other';
  }
  if (/^select [`"]?identity[`"]? from [`"]?bank_transactions[`"]?/.test(s)) return 'dedupe lookup';
  if (/^insert into [`"]?bank_transactions[`"]?/.test(s)) return 'insert lines';
  if (/insert into [`"]?(journal_entries|postings)[`"]?/.test(s) || /from [`"]?journal_entries[`"]? where [`"]?idempotency_key[`"]?/.test(s)) return 'receipts ledger';
  return 'other';
}

/**
 * Times every statement by what it was for, from knex's query events (one SQLite connection: the
 * statements run one after the other, so their times add up), and counts the lines stored and
 * read back for matching: the progress of an import stopped at its time limit.
 */
function instrument(db: Knex, start: () => number): ImportProfile {
  const profile: ImportProfile = { sqlMs: {}, statements: {}, untilMatchingMs: null, linesStored: 0, linesReachedInMatching: 0 };
  const open = new Map<string, { t: number; kind: string }>();
  let matching = false;
  db.on('query', (q: { sql: string; __knexQueryUid: string }) => {
    if (!matching && /from [`"]?bank_transactions[`"]? where [`"]?import_id[`"]? = (\?|\$\d+)/i.test(q.sql)) {
      matching = true;
      profile.untilMatchingMs = performance.now() - start();
    }
    open.set(q.__knexQueryUid, { t: performance.now(), kind: classify(q.sql, matching) });
  });
  const done = (response: unknown, q: { __knexQueryUid: string }) => {
    const o = open.get(q.__knexQueryUid);
    if (!o) return;
    open.delete(q.__knexQueryUid);
    profile.sqlMs[o.kind] = (profile.sqlMs[o.kind] ?? 0) + (performance.now() - o.t);
    profile.statements[o.kind] = (profile.statements[o.kind] ?? 0) + 1;
    const rows = Array.isArray(response) ? response.length : 0;
    if (o.kind === 'insert lines') profile.linesStored += rows;
    else if (o.kind === 'matching: read lines back') profile.linesReachedInMatching += rows;
  };
  db.on('query-response', done);
  db.on('query-error', (err: unknown, q: { __knexQueryUid: string }) => done(err, q));
  return profile;
}

type Measured = Omit<ImportChildResult, 'type' | 'rssStart' | 'rssPeak' | 'heapPeak' | 'samples'>;

async function runImport(cfg: ImportChildConfig, db: Knex): Promise<Measured> {
  const services = createServices({ db, clock: fixedClock(cfg.clockIso), logger: pino({ level: 'silent' }) });
  let t0 = 0;
  const profile = instrument(db, () => t0);
  current = profile;
  t0 = performance.now();
  const imported = services.imports.importStatement(cfg.actor, fs.createReadStream(cfg.file), { format: cfg.format, fileName: cfg.file.split('/').pop()! });
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<null>((resolve) => {
    if (cfg.timeLimitMs) timer = setTimeout(() => resolve(null), cfg.timeLimitMs);
  });
  const r = await Promise.race([imported, limit]);
  clearTimeout(timer);
  const ms = performance.now() - t0;
  if (r === null) return { finished: false, ms, lines: profile.linesStored, profile };
  return {
    finished: true,
    ms,
    lines: r.transactions,
    outcome: { matched: r.matched, partiallyMatched: r.partiallyMatched, suggested: r.suggested, unmatched: r.unmatched, duplicates: r.duplicates, warnings: r.warnings },
    profile,
  };
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
    const rssTrail: Array<[string, number, number]> = [];
    const marks = { stored: TRAIL_STEP, matching: TRAIL_STEP };
    const sample = () => {
      const m = process.memoryUsage();
      rssPeak = Math.max(rssPeak, m.rss);
      heapPeak = Math.max(heapPeak, m.heapUsed);
      samples += 1;
      if (current && current.linesStored >= marks.stored) {
        rssTrail.push(['stored', current.linesStored, m.rss]);
        marks.stored = (Math.floor(current.linesStored / TRAIL_STEP) + 1) * TRAIL_STEP;
      }
      if (current && current.linesReachedInMatching >= marks.matching) {
        rssTrail.push(['matching', current.linesReachedInMatching, m.rss]);
        marks.matching = (Math.floor(current.linesReachedInMatching / TRAIL_STEP) + 1) * TRAIL_STEP;
      }
    };
    const timer = setInterval(sample, SAMPLE_MS);
    const measured = cfg.mode === 'import' ? await runImport(cfg, db!) : cfg.mode === 'baseline' ? await runBaseline(cfg, db!) : await runParse(cfg);
    clearInterval(timer);
    sample();
    const result: ImportChildResult = { type: 'result', ...measured, rssStart, rssPeak, heapPeak, samples, ...(cfg.mode === 'import' ? { rssTrail } : {}) };
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
