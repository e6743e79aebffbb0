/**
 * Ledger posting throughput (design.md §8): `ledger.post` / `ledger.postMany` against a bare knex
 * insert of the same rows, on a freshly migrated SQLite file and PostgreSQL schema.
 */
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { SYSTEM_ACTOR } from '../../src/modules/audit/audit.types.js';
import { createLedger } from '../../src/modules/ledger/ledger.service.js';
import type { EntryInput } from '../../src/modules/ledger/ledger.types.js';
import { fixedClock } from '../../src/shared/clock.js';
import type { Dialect } from '../../src/shared/db.js';
import { freshDb } from './databases.js';
import { generateFineIssueEntries, toRawRows, type RawEntry } from './generate.js';
import { formatInt, formatRatio, log, markdownTable, median, seconds } from './report.js';
import type { BenchConfig, BenchmarkDefinition } from './types.js';

const TARGET_RATIO = 0.5;
const BATCH = 500;
const WARMUP_ENTRIES = 1000;
/**
 * PostgreSQL, one entry per transaction: every entry costs 4 (raw) or 5 (ledger: the idempotency
 * lookup) round trips, COMMIT with its WAL flush among them, ~1.3–1.8 ms here; the full 100 000
 * × 3 runs × 2 implementations would take ~15 minutes on their own. BENCH_PG_SINGLE_ENTRIES
 * overrides it.
 */
const DEFAULT_PG_SINGLE_ENTRIES = 20_000;
/** The instant the fixed clock gives the ledger; the raw rows carry the same created_at. */
const CREATED_AT_ISO = '2025-01-06T09:00:00+01:00';

type Impl = 'ledger' | 'raw';

interface Case {
  dialect: Dialect;
  /** Entries per transaction: 1 or BATCH. */
  batch: number;
  entries: number;
  /** Why fewer entries than configured, if so. */
  reducedBecause: string | null;
  /** Why this extra case was measured, if it is one. */
  supplementary?: string;
}

interface CaseResult extends Case {
  ledger: number[];
  raw: number[];
  /** The first line of the error when the ledger could not book the entries at all. */
  ledgerError: string | null;
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // knex puts the whole SQL statement in front of the driver's message; keep the driver's part.
  const driver = / - ([A-Z_]+: .*)$/s.exec(message);
  return (driver ? driver[1]! : message).split('\n')[0]!.slice(0, 300);
}

/**
 * One measured pass: the time to book `inputs` (ledger) or insert `rows` (raw), `batch` entries
 * per transaction. Everything outside the transactions (data generation, migration) is untimed.
 */
async function timeInserts(db: Knex, dialect: Dialect, impl: Impl, batch: number, inputs: readonly EntryInput[], rows: readonly RawEntry[]): Promise<number> {
  const ledger = createLedger(fixedClock(CREATED_AT_ISO));
  const start = performance.now();
  if (impl === 'ledger') {
    if (batch === 1) {
      for (const input of inputs) await db.transaction((trx) => ledger.post(trx, SYSTEM_ACTOR, input));
    } else {
      for (let i = 0; i < inputs.length; i += batch) {
        const chunk = inputs.slice(i, i + batch);
        await db.transaction((trx) => ledger.postMany(trx, SYSTEM_ACTOR, chunk));
      }
    }
  } else {
    for (let i = 0; i < rows.length; i += batch) {
      const chunk = rows.slice(i, i + batch);
      await db.transaction((trx) => rawInsert(trx, dialect, chunk));
    }
  }
  return performance.now() - start;
}

/**
 * knex writes a multi-row INSERT on SQLite as `INSERT … SELECT … UNION ALL SELECT …`, and SQLite
 * refuses more than 500 terms in a compound SELECT (SQLITE_MAX_COMPOUND_SELECT).
 */
const SQLITE_MAX_ROWS_PER_INSERT = 500;

/**
 * The bare-library baseline: the rows the repository writes, postings first, with knex's own
 * multi-row insert (2000 postings / 1000 entries per statement, except that on SQLite no statement
 * exceeds the 500 rows knex can insert there), and nothing else. The repository itself sends the
 * rows as one JSON text per table, all statements of a call as one script (bulk-insert.ts,
 * statement-script.ts): that is the difference the ratio shows.
 */
async function rawInsert(trx: Knex.Transaction, dialect: Dialect, chunk: readonly RawEntry[]): Promise<void> {
  const cap = (n: number) => (dialect === 'sqlite' ? Math.min(n, SQLITE_MAX_ROWS_PER_INSERT) : n);
  if (dialect === 'sqlite') await trx.raw('PRAGMA defer_foreign_keys = ON');
  const postingRows = chunk.flatMap((e) => e.postings);
  const postingStep = cap(2000);
  for (let i = 0; i < postingRows.length; i += postingStep) await trx('postings').insert(postingRows.slice(i, i + postingStep));
  const entryRows = chunk.map((e) => e.entry);
  const entryStep = cap(1000);
  for (let i = 0; i < entryRows.length; i += entryStep) await trx('journal_entries').insert(entryRows.slice(i, i + entryStep));
}

/** After every pass: all rows are there, they balance, and they are the same data both ways. */
async function checkBooked(db: Knex, rows: readonly RawEntry[]): Promise<void> {
  const [entries] = await db('journal_entries').count({ n: '*' });
  const [postings] = await db('postings').count({ n: '*' }).sum({ total: 'amount_cents' });
  const expectedPostings = rows.reduce((n, r) => n + r.postings.length, 0);
  if (Number(entries?.n) !== rows.length || Number(postings?.n) !== expectedPostings || Number(postings?.total) !== 0) {
    throw new Error(`benchmark check failed: ${String(entries?.n)} entries / ${String(postings?.n)} postings (sum ${String(postings?.total)}), expected ${rows.length} / ${expectedPostings} (sum 0)`);
  }
  const sample = [rows[0]!, rows[Math.floor(rows.length / 2)]!, rows[rows.length - 1]!];
  const found = await db('journal_entries').whereIn('idempotency_key', sample.map((r) => r.entry.idempotency_key!)).select('idempotency_key', 'content_hash', 'created_at', 'actor');
  for (const r of sample) {
    const f = found.find((x) => x.idempotency_key === r.entry.idempotency_key);
    if (!f || f.content_hash !== r.entry.content_hash || f.created_at !== r.entry.created_at || f.actor !== r.entry.actor) {
      throw new Error(`benchmark check failed: entry ${r.entry.idempotency_key} differs between ledger and raw rows`);
    }
  }
}

async function pass(config: BenchConfig, c: Pick<Case, 'dialect' | 'batch'>, impl: Impl, inputs: readonly EntryInput[], rows: readonly RawEntry[]): Promise<number> {
  const fresh = await freshDb(c.dialect, config.tmpDir);
  try {
    const ms = await timeInserts(fresh.db, c.dialect, impl, c.batch, inputs, rows);
    await checkBooked(fresh.db, rows);
    return ms;
  } finally {
    await fresh.destroy();
  }
}

function plannedCases(config: BenchConfig): Case[] {
  const pgSingle = process.env.BENCH_PG_SINGLE_ENTRIES ? Number(process.env.BENCH_PG_SINGLE_ENTRIES) : Math.min(config.entries, DEFAULT_PG_SINGLE_ENTRIES);
  if (!Number.isSafeInteger(pgSingle) || pgSingle < 1) throw new Error('BENCH_PG_SINGLE_ENTRIES must be a positive integer');
  const cases: Case[] = [];
  for (const dialect of ['sqlite', 'postgres'] as const) {
    for (const batch of [1, BATCH]) {
      const reduce = dialect === 'postgres' && batch === 1 && pgSingle < config.entries;
      cases.push({
        dialect,
        batch,
        entries: reduce ? pgSingle : config.entries,
        reducedBecause: reduce ? `the full ${formatInt(config.entries)} one-entry PostgreSQL transactions do not fit the ~15-minute budget of the whole benchmark` : null,
      });
    }
  }
  return cases;
}

async function runLedgerThroughput(config: BenchConfig): Promise<string> {
  const cases = plannedCases(config);
  const maxEntries = Math.max(...cases.map((c) => c.entries));
  log(`ledger: generating ${formatInt(maxEntries)} fine-issue entries (seed ${config.seed})`);
  const allInputs = generateFineIssueEntries(maxEntries, config.seed);
  const allRows = toRawRows(allInputs, SYSTEM_ACTOR, fixedClock(CREATED_AT_ISO).now().toISOString(), config.seed);

  const results: CaseResult[] = [];
  const skipped: Case[] = [];
  const queue = [...cases];
  for (let c = queue.shift(); c; c = queue.shift()) {
    const label = `${c.dialect}, ${c.batch === 1 ? 'one entry' : `${c.batch} entries`} per transaction`;
    if (c.dialect === 'postgres' && config.postgres.unavailable) {
      skipped.push(c);
      log(`ledger: ${label}: skipped, PostgreSQL unreachable`);
      continue;
    }
    const inputs = allInputs.slice(0, c.entries);
    const rows = allRows.slice(0, c.entries);
    const result: CaseResult = { ...c, ledger: [], raw: [], ledgerError: null };
    const attempt = async (impl: Impl, n: number): Promise<number | null> => {
      if (impl === 'ledger' && result.ledgerError) return null;
      try {
        return await pass(config, c, impl, inputs.slice(0, n), rows.slice(0, n));
      } catch (err) {
        if (impl === 'raw') throw err;
        // The ledger failing is a finding to report, not a reason to stop the benchmark.
        result.ledgerError = firstLine(err);
        log(`ledger: ${label}: ledger FAILED: ${result.ledgerError}`);
        return null;
      }
    };
    log(`ledger: ${label}: warm-up (${WARMUP_ENTRIES} entries each way)`);
    for (const impl of ['ledger', 'raw'] as const) await attempt(impl, Math.min(WARMUP_ENTRIES, c.entries));
    for (let run = 0; run < config.runs; run++) {
      // Alternate which goes first, so that drift (caches, autovacuum, thermal) hits both alike.
      const order: Impl[] = run % 2 === 0 ? ['ledger', 'raw'] : ['raw', 'ledger'];
      for (const impl of order) {
        const ms = await attempt(impl, c.entries);
        if (ms === null) continue;
        const rate = (c.entries / ms) * 1000;
        result[impl].push(rate);
        log(`ledger: ${label}: run ${run + 1}/${config.runs} ${impl.padEnd(6)} ${formatInt(c.entries)} entries in ${seconds(ms)} = ${formatInt(rate)} entries/s`);
      }
    }
    results.push(result);
    if (result.ledgerError) {
      log(`ledger: ${label}: no ratio, the ledger failed`);
      // Measure the largest batch the repository can write on SQLite as well, clearly marked.
      const largest = SQLITE_MAX_ROWS_PER_INSERT / 2;
      if (c.dialect === 'sqlite' && /too many terms in compound SELECT/i.test(result.ledgerError) && c.batch > largest) {
        queue.unshift({
          ...c,
          batch: largest,
          reducedBecause: null,
          supplementary: `added because ${c.batch} entries per transaction failed on SQLite: ${largest} entries (${SQLITE_MAX_ROWS_PER_INSERT} postings) is the largest batch whose postings fit one knex INSERT there`,
        });
      }
    } else {
      log(`ledger: ${label}: ratio ${formatRatio(median(result.ledger) / median(result.raw))}`);
    }
  }
  return ledgerSection(config, results, skipped);
}

/** What a failure means, written out so that BENCHMARKS.md explains itself. */
function findingsFor(results: readonly CaseResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    if (!r.ledgerError) continue;
    const where = `${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${batchingLabel(r.batch)}`;
    if (r.dialect === 'sqlite' && /too many terms in compound SELECT/i.test(r.ledgerError)) {
      out.push(
        `- **${where}: \`ledger.postMany\` fails.** \`insertEntries\` (src/modules/ledger/ledger.repository.ts) writes up to`,
        '  2000 postings and 1000 entries per INSERT "to stay below SQLite\'s bound-parameter limit", but knex compiles a',
        '  multi-row INSERT on SQLite as `INSERT … SELECT … UNION ALL SELECT …`, and SQLite allows at most 500 terms in a',
        '  compound SELECT (SQLITE_MAX_COMPOUND_SELECT). So on SQLite any `postMany` of more than 250 two-posting entries',
        '  (more than 500 postings, or more than 500 entries) is rolled back with `SQLITE_ERROR: too many terms in compound',
        '  SELECT`; PostgreSQL is not affected. Chunking at 500 rows per INSERT on SQLite would fix it; the raw baseline',
        '  does exactly that. The supplementary 250-per-transaction row shows the throughput below that limit.',
      );
    } else {
      out.push(`- **${where}: the ledger failed** with \`${r.ledgerError}\`; no ratio could be measured.`);
    }
  }
  return out;
}

function batchingLabel(batch: number): string {
  return batch === 1 ? '1 entry / transaction' : `${batch} entries / transaction`;
}

function ledgerSection(config: BenchConfig, results: readonly CaseResult[], skipped: readonly Case[]): string {
  const notes: string[] = [];
  const rows = results.map((r) => {
    const dialect = r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    let batching = batchingLabel(r.batch);
    if (r.supplementary) {
      notes.push(`Supplementary row, ${r.supplementary}.`);
      batching += ` (note ${notes.length})`;
    }
    let entries = formatInt(r.entries);
    if (r.reducedBecause) {
      const estimate = r.ledger.length > 0 && r.raw.length > 0 ? config.runs * config.entries * (1 / median(r.ledger) + 1 / median(r.raw)) * 1000 : NaN;
      const minutes = Number.isFinite(estimate) ? ` (at the rates measured here, ~${Math.round(estimate / 60_000)} minutes for ${config.runs} runs of both implementations)` : '';
      notes.push(`Measured on ${formatInt(r.entries)} entries, not ${formatInt(config.entries)}: ${r.reducedBecause}${minutes}. Set \`BENCH_PG_SINGLE_ENTRIES=${config.entries}\` to measure the full count.`);
      entries += ` (reduced, note ${notes.length})`;
    }
    const raw = r.raw.length > 0 ? median(r.raw) : NaN;
    if (r.ledgerError) {
      notes.push(`The ledger could not book ${r.batch} entries per transaction on ${dialect}: \`${r.ledgerError}\`. See "Findings" below.`);
      return [dialect, batching, entries, String(config.runs), `failed (note ${notes.length})`, '—', formatInt(raw), '—', 'FAIL'];
    }
    const ledger = median(r.ledger);
    const ratio = ledger / raw;
    return [dialect, batching, entries, String(config.runs), formatInt(ledger), formatInt(2 * ledger), formatInt(raw), formatRatio(ratio), ratio >= TARGET_RATIO ? 'PASS' : 'FAIL'];
  });
  for (const s of skipped) {
    rows.push(['PostgreSQL', batchingLabel(s.batch), '—', '—', 'not measured', '—', 'not measured', '—', 'not measured']);
  }
  const detail = results.map((r) => [r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL', batchingLabel(r.batch), r.ledgerError ? 'failed' : r.ledger.map(formatInt).join(', '), r.raw.map(formatInt).join(', ')]);

  const out: string[] = [];
  out.push('## Ledger posting throughput', '');
  out.push(
    `Fine-issue journal entries (two postings each: debit \`receivable:fines\`, credit \`revenue:fines\`) booked through`,
    '`ledger.post` (one entry per `db.transaction`) and `ledger.postMany` (500 per transaction), against a bare knex',
    'insert of the same rows with the same batching. Target from the issue: ledger ÷ raw ≥ 0.5 on both databases.',
    '',
  );
  out.push(
    markdownTable(
      ['Dialect', 'Batching', 'Entries', 'Runs', 'Ledger median entries/s', 'Ledger postings/s', 'Raw median entries/s', 'Ratio ledger ÷ raw', 'Target ≥ 0.5'],
      rows,
    ),
    '',
  );
  notes.forEach((n, i) => out.push(`${i + 1}. ${n}`));
  if (skipped.length > 0) out.push(`PostgreSQL was not measured: it did not answer at the configured URL (${config.postgres.unavailable ?? ''}).`);
  if (notes.length > 0 || skipped.length > 0) out.push('');
  const findings = findingsFor(results);
  if (findings.length > 0) out.push('### Findings', '', ...findings, '');
  out.push('Every run, entries/s (ledger; raw):', '', markdownTable(['Dialect', 'Batching', 'Ledger runs', 'Raw runs'], detail), '');
  out.push(
    '### Method',
    '',
    `- Data: ${formatInt(config.entries)} entries from the seeded generator in \`test/bench/generate.ts\` (seed ${config.seed}): one entry per fine,`,
    '  amounts drawn from the tariff tiers 100, 150, 200, 260 and 420 euro, booked dates spread over 2024 (fewer at weekends),',
    '  kind `fine.issue`, description and idempotency key (`fine:<id>:issue`) shaped as `fines.service` books them,',
    '  actor `SYSTEM_ACTOR`, a fixed clock.',
    '- Every pass (ledger or raw, each run) starts on a freshly migrated database: a new SQLite file in a temporary directory,',
    '  opened by `createDb` (WAL, `synchronous = NORMAL`, foreign keys on), or a new PostgreSQL schema, dropped afterwards.',
    '  The same triggers (balance check, append-only) fire in both passes.',
    '- Raw baseline: knex inserts of exactly the rows the repository writes (postings first, then the `journal_entries` row,',
    '  all columns including `content_hash`; `PRAGMA defer_foreign_keys = ON` per transaction on SQLite), with the same',
    '  entries per transaction, through knex\'s multi-row insert with every value bound (2000 postings / 1000 entries per',
    '  INSERT; on SQLite no INSERT has more than 500 rows, the most knex can write there in one statement). Its rows, UUIDs',
    '  and content hashes are prepared before the clock starts, so it times the inserts alone; the ledger pass pays for',
    '  validation, hashing, UUIDs and its idempotency-key lookup inside the timing: per `post`/`postMany` call one extra',
    '  round trip (the `SELECT … WHERE idempotency_key IN (…)`), and per entry a few microseconds of validation, canonical',
    '  JSON and SHA-256. The ledger\'s own inserts differ from the baseline\'s: each table\'s rows travel as one JSON text',
    '  (`src/shared/bulk-insert.ts`) and the statements of a call go to the database as one script',
    '  (`src/shared/statement-script.ts`), which is why the ledger can be faster than the bare knex insert.',
    '- Only the loop of transactions is timed (not migration, data generation or the checks). After each pass the script',
    '  checks the entry and posting counts, that postings sum to zero, and that sampled entries carry the same content hash',
    '  and created_at both ways.',
    `- A warm-up of ${WARMUP_ENTRIES} entries each way precedes each case; the measured runs (${config.runs} per figure)`,
    '  alternate which implementation goes first. Figures are medians; postings/s = 2 × entries/s.',
    '',
  );
  return out.join('\n');
}

export const ledgerThroughput: BenchmarkDefinition = {
  id: 'ledger-throughput',
  title: 'Ledger posting throughput',
  run: runLedgerThroughput,
};
