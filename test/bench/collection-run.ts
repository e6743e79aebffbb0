/**
 * The daily collection run (design.md §8; issue: "A collection run over 100,000 overdue fines: fines
 * per second and peak RSS; a second run on the same day must do no work and take under 10% of the
 * first"). `collection.run` over `config.entries` (default 100 000) overdue fines on a SQLite file
 * and a PostgreSQL schema, in a child process of its own (collection-run-child.ts) that samples its
 * RSS; the same date again; a later date (the dwangbevel stage) as an extra row; and, as the
 * bare-library baseline, knex inserts of the rows the first run writes.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { aanmaningCostsOn } from '../../src/domain/collection.js';
import { endOfTerm } from '../../src/domain/deadlines.js';
import { requirePolicyValue } from '../../src/domain/policy.js';
import { caseNumber } from '../../src/domain/tariffs.js';
import { listEquatedDays, listPolicyValues } from '../../src/modules/reference/reference.repository.js';
import type { EntryInput } from '../../src/modules/ledger/ledger.types.js';
import { fixedClock } from '../../src/shared/clock.js';
import type { Dialect } from '../../src/shared/db.js';
import type { CollectionChildConfig, CollectionChildPhase, CollectionChildResult, CollectionPhaseResult, QueryProfile } from './collection-run-child.js';
import { CASE_YEAR, CollectionDbFactory, DUE_ON, type CollectionDb } from './collection-setup.js';
import { toRawRows } from './generate.js';
import { formatInt, formatRatio, log, markdownTable, median, seconds } from './report.js';
import type { BenchConfig, BenchmarkDefinition } from './types.js';

const TARGET_SECOND_RATIO = 0.1;
/** Start another repetition only while the section is expected to finish within this. */
const BUDGET_MS = 7.5 * 60_000;
const ROWS_PER_INSERT = 500;
const MB = 1024 * 1024;

const FIRST: CollectionChildPhase = { label: 'first', asOf: '2024-04-13', clockIso: '2024-04-13T07:00:00+02:00' };
const SECOND: CollectionChildPhase = { label: 'second', asOf: '2024-04-13', clockIso: '2024-04-13T07:30:00+02:00' };
const LATER: CollectionChildPhase = { label: 'later', asOf: '2024-04-30', clockIso: '2024-04-30T07:00:00+02:00' };
/** The second run costs little and changes nothing, so each child repeats it; the first of them is the one the issue means. */
const SECOND_REPEATS = 5;

const here = path.dirname(fileURLToPath(import.meta.url));
const dialectName = (d: Dialect) => (d === 'sqlite' ? 'SQLite' : 'PostgreSQL');
const mb = (bytes: number) => (bytes / MB).toFixed(0);

interface RawResult {
  /** Steps, cost entries (entry + two postings) and the run row: what the issue names. */
  coreMs: number;
  coreRows: number;
  /** The aanmaning events in fine_events, which the run writes as well. */
  eventsMs: number;
  eventsRows: number;
}

interface Repetition {
  dialect: Dialect;
  rep: number;
  setupMs: number;
  phases: CollectionPhaseResult[];
  raw: RawResult;
  wallMs: number;
  /** What another repetition of this dialect would take: wallMs without the one-off parts. */
  repeatMs: number;
}

async function runChild(db: CollectionDb, phases: CollectionChildPhase[]): Promise<CollectionPhaseResult[]> {
  const cfg: CollectionChildConfig = {
    url: db.url,
    ...(db.searchPath ? { searchPath: db.searchPath } : {}),
    actor: db.actor,
    phases,
    profilePhases: phases.map((p) => p.label),
  };
  const child = fork(path.join(here, 'collection-run-child.ts'), [], {
    execArgv: [...process.execArgv, '--expose-gc'],
    env: { ...process.env, BENCH_COLLECTION_CHILD_CONFIG: JSON.stringify(cfg) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let result: CollectionChildResult | null = null;
  child.on('message', (m: CollectionChildResult) => {
    result = m;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (!result || code !== 0) throw new Error(`collection run child failed (exit ${String(code)})`);
  return (result as CollectionChildResult).phases;
}

/** What each phase must have done; a benchmark of a run that did the wrong thing measures nothing. */
function checkPhases(fines: number, phases: readonly CollectionPhaseResult[]): void {
  const fail = (p: CollectionPhaseResult, what: string) => {
    throw new Error(`collection-run: ${p.label} run on ${p.asOf}: ${what} (${JSON.stringify({ ...p, queries: undefined })})`);
  };
  for (const p of phases) {
    if (p.label === 'first') {
      if (p.runId === null || p.aanmaningen !== fines || p.dwangbevelen !== 0 || p.held !== 0) fail(p, `expected ${fines} aanmaningen`);
      if (p.after.aanmaningSteps !== fines || p.after.runs !== 1 || p.after.costEntries !== fines || p.after.events !== p.before.events + fines) fail(p, 'rows written differ');
    } else if (p.label === 'second') {
      if (p.runId !== null || p.aanmaningen + p.dwangbevelen + p.planReminders + p.plansBroken !== 0) fail(p, 'the second run did work');
      if (JSON.stringify(p.after) !== JSON.stringify(p.before)) fail(p, 'the second run changed the database');
    } else if (p.label === 'later') {
      if (p.runId === null || p.dwangbevelen !== fines || p.aanmaningen !== 0) fail(p, `expected ${fines} dwangbevelen`);
      if (p.after.dwangbevelSteps !== fines || p.after.runs !== 2) fail(p, 'rows written differ');
    }
  }
}

/**
 * The bare-library baseline: the rows the first run writes (its collection_runs row, per fine the
 * aanmaning-costs entry with its two postings and the aanmaning step; and the aanmaning events),
 * prepared before the clock starts, inserted with knex in one transaction as the run does, 500 fines
 * per round and at most 500 rows per INSERT, postings before their entries. Nothing is read.
 */
async function rawBaseline(db: CollectionDb, dialect: Dialect, seed: number): Promise<RawResult> {
  const asOf = FIRST.asOf;
  const createdAt = fixedClock(FIRST.clockIso).now().toISOString();
  const policies = await listPolicyValues(db.db);
  const equated = await listEquatedDays(db.db);
  const costs = aanmaningCostsOn(policies, asOf, db.amountCents) ?? 0;
  const termEndsOn = endOfTerm({ from: asOf, weeks: requirePolicyValue(policies, 'aanmaning_term_weeks', asOf), equated });
  const ids = Array.from({ length: db.fines }, (_, i) => i + 1);
  const inputs: EntryInput[] = ids.map((fineId) => ({
    bookedOn: asOf,
    kind: 'collection.aanmaning-costs',
    description: `Aanmaningskosten (Awb 4:113) ${caseNumber(CASE_YEAR, fineId)}`,
    fineId,
    idempotencyKey: `fine:${fineId}:aanmaning-costs`,
    postings: [
      { account: 'receivable:costs', amountCents: costs },
      { account: 'revenue:costs', amountCents: -costs },
    ],
  }));
  const entries = toRawRows(inputs, db.actor, createdAt, seed);
  const steps = ids.map((fineId, i) => ({ fine_id: fineId, step: 'aanmaning', instalment: 0, run_id: 0, step_date: asOf, term_ends_on: termEndsOn, open_cents: db.amountCents, costs_cents: costs, entry_id: entries[i]!.entry.id, created_at: createdAt }));
  const events = ids.map((fineId) => ({ fine_id: fineId, occurred_at: createdAt, on_date: asOf, type: 'aanmaning', actor_user_id: db.actor.userId, actor: db.actor.label, details: '' }));

  // Timed: the whole transaction, BEGIN to COMMIT; the events' INSERTs are also timed apart.
  let eventsMs = 0;
  const t0 = performance.now();
  await db.db.transaction(async (trx: Knex.Transaction) => {
    if (dialect === 'sqlite') await trx.raw('PRAGMA defer_foreign_keys = ON');
    const [row] = await trx('collection_runs').insert({ as_of: asOf, created_at: createdAt, actor_user_id: db.actor.userId, actor: db.actor.label, aanmaningen: 0, dwangbevelen: 0, held: 0, costs_cents: 0 }).returning('id');
    const runId = Number((row as Record<string, unknown>).id);
    for (const s of steps) s.run_id = runId;
    for (const e of events) e.details = `{"runId":${runId},"openCents":${db.amountCents},"costsCents":${costs},"termEndsOn":"${termEndsOn}"}`;
    for (let from = 0; from < db.fines; from += ROWS_PER_INSERT) {
      const to = from + ROWS_PER_INSERT;
      const postings = entries.slice(from, to).flatMap((e) => e.postings);
      for (let i = 0; i < postings.length; i += ROWS_PER_INSERT) await trx('postings').insert(postings.slice(i, i + ROWS_PER_INSERT));
      await trx('journal_entries').insert(entries.slice(from, to).map((e) => e.entry));
      await trx('collection_steps').insert(steps.slice(from, to));
      const t = performance.now();
      await trx('fine_events').insert(events.slice(from, to));
      eventsMs += performance.now() - t;
    }
    await trx('collection_runs').where({ id: runId }).update({ aanmaningen: db.fines, costs_cents: costs * db.fines });
  });
  const coreMs = performance.now() - t0 - eventsMs;
  const n = async (q: Knex.QueryBuilder) => Number(((await q.count({ n: '*' })) as Array<{ n: unknown }>)[0]?.n ?? 0);
  const [stepsN, entriesN, postingsN] = [await n(db.db('collection_steps')), await n(db.db('journal_entries').where('kind', 'collection.aanmaning-costs')), await n(db.db('postings').where('account', 'receivable:costs'))];
  if (stepsN !== db.fines || entriesN !== db.fines || postingsN !== db.fines) throw new Error(`raw baseline: ${stepsN} steps, ${entriesN} entries, ${postingsN} cost postings; expected ${db.fines} each`);
  return { coreMs, coreRows: 1 + 4 * db.fines, eventsMs, eventsRows: db.fines };
}

/**
 * What one `endOfTerm` call costs, measured apart in this process with the arguments the run uses
 * for an aanmaning on FIRST.asOf (the run makes one such call per aanmaning).
 */
async function termEndCost(db: Knex): Promise<number> {
  const policies = await listPolicyValues(db);
  const equated = await listEquatedDays(db);
  const spec = { from: FIRST.asOf, weeks: requirePolicyValue(policies, 'aanmaning_term_weeks', FIRST.asOf), equated };
  for (let i = 0; i < 200; i++) endOfTerm(spec);
  const calls = 2000;
  const t = performance.now();
  for (let i = 0; i < calls; i++) endOfTerm(spec);
  return (performance.now() - t) / calls;
}

async function runCollection(config: BenchConfig): Promise<string> {
  const fines = config.entries;
  const dialects: Dialect[] = config.postgres.unavailable ? ['sqlite'] : ['sqlite', 'postgres'];
  const factories = new Map(dialects.map((d) => [d, new CollectionDbFactory(d, config.tmpDir, fines)] as const));
  const reps: Repetition[] = [];
  const started = Date.now();
  let stoppedBecause: string | null = null;
  let termMs = NaN;
  try {
    for (let rep = 0; rep < config.runs; rep++) {
      if (rep > 0) {
        // Another repetition of every dialect, at what the last one took (the SQLite template is reused).
        const estimate = dialects.reduce((s, d) => s + reps.filter((r) => r.dialect === d).at(-1)!.repeatMs, 0);
        const elapsed = Date.now() - started;
        if (elapsed + estimate > BUDGET_MS) {
          stoppedBecause = `another repetition (~${seconds(estimate)}) would have taken the section past its budget of ${seconds(BUDGET_MS)} (${seconds(elapsed)} spent)`;
          log(`collection-run: stopping after ${rep} repetition(s): ${stoppedBecause}`);
          break;
        }
      }
      for (const dialect of dialects) {
        const t0 = Date.now();
        const factory = factories.get(dialect)!;
        const label = `${dialectName(dialect)} ${rep + 1}/${config.runs}`;
        log(`collection-run: ${label}: preparing ${formatInt(fines)} overdue fines`);
        const runDb = await factory.next();
        const setupMs = factory.lastFillMs;
        let phases: CollectionPhaseResult[];
        try {
          // The later date (every fine to the dwangbevel stage) once per dialect, as an extra row.
          const repeats = Array.from({ length: SECOND_REPEATS }, () => SECOND);
          phases = await runChild(runDb, rep === 0 ? [FIRST, ...repeats, LATER] : [FIRST, ...repeats]);
        } finally {
          await runDb.destroy();
        }
        checkPhases(fines, phases);
        const first = phase1(phases, 'first');
        const later = phases.find((p) => p.label === 'later');
        const secondMs = phases.filter((p) => p.label === 'second').map((p) => p.ms);
        log(`collection-run: ${label}: first run (${FIRST.asOf}) ${seconds(first.ms)} = ${formatInt((fines / first.ms) * 1000)} fines/s, RSS ${mb(first.rssStart)} → peak ${mb(first.rssPeak)} MB`);
        log(`collection-run: ${label}: second run (${SECOND.asOf}) ${secondMs.map((ms) => `${ms.toFixed(0)} ms`).join(', ')} (${(secondMs[0]! / first.ms).toFixed(4)} of the first)`);
        if (later) log(`collection-run: ${label}: later run (${later.asOf}) ${seconds(later.ms)} = ${formatInt((fines / later.ms) * 1000)} fines/s, RSS ${mb(later.rssStart)} → peak ${mb(later.rssPeak)} MB`);
        const rawDb = await factory.next();
        let raw: RawResult;
        try {
          raw = await rawBaseline(rawDb, dialect, config.seed + rep);
          if (Number.isNaN(termMs)) termMs = await termEndCost(rawDb.db);
        } finally {
          await rawDb.destroy();
        }
        log(`collection-run: ${label}: raw inserts ${seconds(raw.coreMs)} (+ events ${seconds(raw.eventsMs)}) = ${formatInt((fines / raw.coreMs) * 1000)} fines/s`);
        const wallMs = Date.now() - t0;
        const oneOff = (later?.ms ?? 0) + (dialect === 'sqlite' && rep === 0 ? setupMs : 0);
        reps.push({ dialect, rep, setupMs, phases, raw, wallMs, repeatMs: wallMs - oneOff });
      }
    }
  } finally {
    for (const f of factories.values()) f.dispose();
  }
  return collectionSection(config, fines, dialects, reps, stoppedBecause, termMs);
}

function phase(r: Repetition, label: string): CollectionPhaseResult | undefined {
  return r.phases.find((p) => p.label === label);
}

function phase1(phases: readonly CollectionPhaseResult[], label: string): CollectionPhaseResult {
  const p = phases.find((x) => x.label === label);
  if (!p) throw new Error(`collection-run: no ${label} run`);
  return p;
}

/** All second runs of a repetition: the first of them right after the first run, then the repeats. */
function secondRuns(r: Repetition): CollectionPhaseResult[] {
  return r.phases.filter((p) => p.label === 'second');
}

function topQueries(queries: readonly QueryProfile[] | undefined, n: number): string[] {
  return (queries ?? []).slice(0, n).map((q) => `  - ${q.ms.toFixed(0)} ms in ${q.count}× \`${shortSql(q.sql)}\``);
}

function shortSql(sql: string): string {
  const s = sql.replace(/`/g, "'");
  return s.length > 110 ? `${s.slice(0, 107)}…` : s;
}

function collectionSection(config: BenchConfig, fines: number, dialects: readonly Dialect[], reps: readonly Repetition[], stoppedBecause: string | null, termMs: number): string {
  const out: string[] = [];
  out.push('## Collection run', '');
  out.push(
    `\`collection.run\` (the daily invorderingsrun) over ${formatInt(fines)} issued, overdue fines, on a SQLite file and a PostgreSQL schema. Targets`,
    'from the issue: report fines per second and peak RSS of the run; a second run on the same day does no work and takes under 10 % of the',
    'first. Beside it, the bare-library baseline: knex inserts of the rows the first run writes.',
    '',
  );
  if (config.postgres.unavailable) out.push(`PostgreSQL was not measured: it did not answer at the configured URL (${config.postgres.unavailable}).`, '');
  const byDialect = (d: Dialect) => reps.filter((r) => r.dialect === d);
  const secondRatios = (d: Dialect) => byDialect(d).map((r) => phase(r, 'second')!.ms / phase(r, 'first')!.ms);
  /** The slowest second run of every repetition, against its first run: what the target is checked on. */
  const worstRatios = (d: Dialect) => byDialect(d).map((r) => Math.max(...secondRuns(r).map((p) => p.ms)) / phase(r, 'first')!.ms);
  const rows = dialects.map((d) => {
    const rs = byDialect(d);
    const first = rs.map((r) => phase(r, 'first')!);
    const second = rs.flatMap((r) => secondRuns(r));
    const firstMs = median(first.map((p) => p.ms));
    const ratio = median(secondRatios(d));
    const worst = Math.max(...worstRatios(d));
    const peak = median(first.map((p) => p.rssPeak));
    const growth = median(first.map((p) => p.rssPeak - p.rssStart));
    const noWork = second.every((p) => p.runId === null && p.aanmaningen + p.dwangbevelen + p.planReminders + p.plansBroken === 0 && JSON.stringify(p.before) === JSON.stringify(p.after));
    return [
      dialectName(d),
      formatInt(fines),
      String(rs.length),
      seconds(firstMs),
      formatInt(median(first.map((p) => (fines / p.ms) * 1000))),
      first.map((p) => formatInt(p.aanmaningen)).every((x, _, a) => x === a[0]) ? formatInt(first[0]!.aanmaningen) : first.map((p) => formatInt(p.aanmaningen)).join(' / '),
      `${mb(peak)} MB (+${mb(growth)} MB)`,
      `${median(rs.map((r) => phase(r, 'second')!.ms)).toFixed(0)} ms`,
      noWork ? 'none (runId null, 0 steps, no rows)' : 'DID WORK',
      `${ratio.toFixed(4)} (slowest of ${second.length}: ${worst.toFixed(4)})`,
      noWork && worst < TARGET_SECOND_RATIO ? 'PASS' : 'FAIL',
    ];
  });
  out.push(
    markdownTable(['Dialect', 'Fines', 'Runs', 'First run', 'Fines/s', 'Aanmaningen', 'Peak RSS (growth)', 'Second run, same day', 'Work done by the second', 'Second ÷ first', 'Target < 0.10'], rows),
    '',
  );
  if (stoppedBecause) out.push(`Fewer runs than \`BENCH_RUNS\` = ${config.runs}: ${stoppedBecause}.`, '');

  // The later date: every fine to the dwangbevel stage.
  const later = dialects.flatMap((d) => byDialect(d).flatMap((r) => (phase(r, 'later') ? [[d, phase(r, 'later')!] as const] : [])));
  if (later.length > 0) {
    out.push(
      `Extra row, one run per dialect: the run on ${LATER.asOf} (the day after the aanmaning term, which ends on Monday 2024-04-29 because 27 April is`,
      'Koningsdag), in the same child process after the runs above, takes every fine to the dwangbevel stage:',
      '',
      markdownTable(
        ['Dialect', 'Run on', 'Time', 'Fines/s', 'Dwangbevelen', 'Peak RSS (growth)'],
        later.map(([d, p]) => [dialectName(d), p.asOf, seconds(p.ms), formatInt((fines / p.ms) * 1000), formatInt(p.dwangbevelen), `${mb(p.rssPeak)} MB (+${mb(p.rssPeak - p.rssStart)} MB)`]),
      ),
      '',
    );
  }

  // The bare-library baseline.
  out.push(
    'Baseline, in the same repetitions on a second copy of the same database: bare knex inserts of the rows the first run writes. No target;',
    'the ratio says what share of the bare write speed the run keeps while it also finds the fines, works out each step and checks the ledger.',
    '',
    markdownTable(
      ['Dialect', 'Raw rows (steps + cost entries + postings)', 'Raw rows/s', 'Raw fines/s', 'Run fines/s', 'Ratio run ÷ raw', 'Raw fines/s incl. the events', 'Ratio run ÷ raw incl. events'],
      dialects.map((d) => {
        const rs = byDialect(d);
        const run = median(rs.map((r) => (fines / phase(r, 'first')!.ms) * 1000));
        const raw = median(rs.map((r) => (fines / r.raw.coreMs) * 1000));
        const rawAll = median(rs.map((r) => (fines / (r.raw.coreMs + r.raw.eventsMs)) * 1000));
        return [
          dialectName(d),
          formatInt(rs[0]!.raw.coreRows),
          formatInt(median(rs.map((r) => (r.raw.coreRows / r.raw.coreMs) * 1000))),
          formatInt(raw),
          formatInt(run),
          formatRatio(run / raw),
          formatInt(rawAll),
          formatRatio(run / rawAll),
        ];
      }),
    ),
    '',
  );

  const counts = [...new Set(dialects.map((d) => byDialect(d).length))];
  const repCounts = counts.length === 1 ? String(counts[0]) : `${Math.min(...counts)}–${Math.max(...counts)}`;
  const findings = collectionFindings(fines, dialects, reps, termMs);
  if (findings.length > 0) out.push('### Findings', '', ...findings, '');

  out.push(
    'Every run:',
    '',
    markdownTable(
      ['Dialect', 'Run', 'Setup (untimed)', 'First run', 'RSS start → peak', 'Heap peak', `Second run (then ${SECOND_REPEATS - 1} repeats)`, 'Second ÷ first', 'Raw (+ events)'],
      reps.map((r) => {
        const f = phase(r, 'first')!;
        const s = phase(r, 'second')!;
        return [
          dialectName(r.dialect),
          String(r.rep + 1),
          r.dialect === 'sqlite' && r.rep > 0 ? 'file copy' : seconds(r.setupMs),
          seconds(f.ms),
          `${mb(f.rssStart)} → ${mb(f.rssPeak)} MB`,
          `${mb(f.heapPeak)} MB`,
          `${s.ms.toFixed(0)} ms (${secondRuns(r).slice(1).map((p) => p.ms.toFixed(0)).join(', ')} ms)`,
          (s.ms / f.ms).toFixed(4),
          `${seconds(r.raw.coreMs)} (+ ${seconds(r.raw.eventsMs)})`,
        ];
      }),
    ),
    '',
  );

  out.push('Where the time goes (first repetition; statements grouped by SQL text, total time, longest first):', '');
  for (const d of dialects) {
    const r = byDialect(d)[0]!;
    for (const p of r.phases.filter((x, k) => x.label !== 'second' || r.phases.findIndex((y) => y.label === 'second') === k)) {
      const sql = p.sql ? `; ${formatInt(p.sql.count)} SQL statements, ${p.sql.ms >= 1000 ? seconds(p.sql.ms) : `${p.sql.ms.toFixed(0)} ms`} in all` : '';
      out.push(`- ${dialectName(d)}, ${p.label} run (${p.asOf}), ${p.ms >= 1000 ? seconds(p.ms) : `${p.ms.toFixed(0)} ms`}${sql}:`, ...topQueries(p.queries, p.label === 'second' ? 2 : 4));
    }
  }
  out.push('');

  out.push(
    '### Method',
    '',
    `- Setup, untimed: a freshly migrated database (a SQLite file in a temporary directory opened by \`createDb\`, WAL; a new PostgreSQL schema)`,
    '  with the reference data (`loadReferenceData`), a boa and a backoffice user (`auth.addUser`), and ' + formatInt(fines) + ' fines rows inserted',
    `  with bare knex, 500 per INSERT: case numbers BB-${CASE_YEAR}-000001 … in sequence, offence A.31 with its tariff row from \`offence_tariffs\``,
    `  (EUR 150), \`payment_reference\` = \`fineKenmerk(${CASE_YEAR}, seq)\`, issued on 2024-03-01, last day of payment ${DUE_ON}; per fine an \`issued\``,
    '  event and its `fine.issue` entry (debit `receivable:fines`, credit `revenue:fines`, key `fine:<id>:issue`) booked through',
    '  `ledger.postMany`, 500 per transaction. PostgreSQL gets `ANALYZE` after the load (as autovacuum would). No offenders rows: the run',
    '  does not read them. SQLite prepares one file and copies it for every further use; PostgreSQL is prepared afresh each time.',
    '- Every fine is unpaid, as the issue asks. A fine paid without an aanmaning (or paid after one, once its term has run out) still',
    '  matches the run\'s candidate query and is only found settled in `processPage`, so on a database with many paid fines every run,',
    '  the second one included, also pages through those; that is not measured here.',
    `- Timed, in a child process of its own (\`test/bench/collection-run-child.ts\`, started with \`--expose-gc\`):`,
    `  \`services.collection.run(backoffice, { asOf: '${FIRST.asOf}' })\` with \`createServices\` on \`fixedClock('${FIRST.clockIso}')\`; then the same`,
    `  date again (clock ${SECOND.clockIso}), ${SECOND_REPEATS} times in a row: the first of these is "the second run" of the tables, the others show`,
    `  that it stays so; the target is checked on the slowest of them. In the first repetition also ${LATER.asOf}. Fines/s = ${formatInt(fines)} ÷ the`,
    "  first run's time. RSS is sampled every 50 ms during each run (after a forced collection at its start); \"growth\" is peak minus the",
    '  RSS at the start of the run.',
    '  Between the runs (untimed) the child counts steps, runs, cost entries and events: the first run must write one aanmaning step, one',
    '  cost entry and one event per fine and one `collection_runs` row; the second must return `runId: null` with all counts 0 and leave',
    '  every count unchanged; the later run must take every fine to the dwangbevel stage. The benchmark stops if any of that fails.',
    '- Each SQL statement of the runs is timed through knex\'s `query` / `query-response` events (a few microseconds per statement) for',
    '  the "where the time goes" list.',
    '- Raw baseline: on a second copy of the prepared database, the rows the first run writes, prepared before the clock starts',
    '  (UUIDs, content hashes, JSON): one `collection_runs` row, then per 500 fines the 1 000 cost postings, the 500 cost entries and the',
    '  500 aanmaning steps, and the 500 `fine_events` rows (timed apart: the issue names steps and cost entries), all in one transaction',
    '  like the run, at most 500 rows per INSERT, `PRAGMA defer_foreign_keys = ON` on SQLite. The ratio is run fines/s ÷ raw fines/s.',
    `- ${reps.length > dialects.length ? `Figures are medians of ${repCounts} repetitions per dialect${repCounts === '2' ? ' (of two: their mean)' : ''}, each on a fresh database` : 'One repetition per dialect (see the note under the table), so the figures are single measurements, not medians'};`,
    '  the target of the second run is checked on the slowest second run of every repetition. Setup times are in the table of every run.',
    '',
  );
  return out.join('\n');
}

function collectionFindings(fines: number, dialects: readonly Dialect[], reps: readonly Repetition[], termMs: number): string[] {
  const out: string[] = [];
  const firsts = dialects.map((d) => reps.find((r) => r.dialect === d)!).map((r) => ({ d: r.dialect, f: phase(r, 'first')!, later: phase(r, 'later') }));
  const share = (f: CollectionPhaseResult) => (termMs * f.aanmaningen) / f.ms;
  if (Number.isFinite(termMs) && firsts.some(({ f }) => share(f) >= 0.25)) {
    const each = (fn: (x: (typeof firsts)[number]) => string) => firsts.map((x) => `${fn(x)} on ${dialectName(x.d)}`).join(', ');
    out.push(
      `- **The first run spends most of its time working out the same date ${formatInt(fines)} times.** Its SQL statements took`,
      `  ${each(({ f }) => `${seconds(f.sql?.ms ?? NaN)} of ${seconds(f.ms)} (${formatInt(f.sql?.count ?? NaN)} statements)`)}; the rest,`,
      `  ${each(({ f }) => seconds(f.ms - (f.sql?.ms ?? NaN)))}, is JavaScript in the run's process. \`processPage\``,
      '  (src/modules/collection/collection.service.ts) computes the aanmaning\'s term end with `endOfTerm({ from: asOf, weeks, equated })`',
      '  once per fine, although it depends only on the run\'s date, the policy value and the equated days, so it is the same for every fine',
      `  of the run. Measured apart (in this process, warm), one call takes ${termMs.toFixed(2)} ms, so ${formatInt(fines)} calls take ~${seconds(termMs * fines)} by`,
      '  themselves. A CPU profile (`node --cpu-prof`, taken apart while writing this benchmark) of a first run agrees: most of its time',
      "  is under `endOfTerm`, in luxon: each `addDays` / `dayOfWeek` of src/domain/civil-date.ts parses its date with `DateTime.fromISO(d,",
      "  { zone: 'Europe/Amsterdam' })`, which works out the zone offset through `Intl` (`partsOffset`), and the Atw check walks the term",
      '  day by day.',
      ...(firsts.every(({ later }) => later)
        ? [`  The dwangbevel run, which computes no term, books the same number of steps in ${each(({ later }) => seconds(later!.ms))}.`]
        : []),
      '  Computing the term end once per run (or per page) would remove that share; not changed here (src/ is out of scope). It does not',
      '  endanger the target of the second run, which computes no term at all.',
    );
  }
  for (const d of dialects) {
    const rs = reps.filter((r) => r.dialect === d);
    const slowest = (r: Repetition) => secondRuns(r).reduce((a, b) => (b.ms > a.ms ? b : a));
    const ratios = rs.map((r) => slowest(r).ms / phase(r, 'first')!.ms);
    const worst = Math.max(...ratios);
    if (worst < TARGET_SECOND_RATIO) continue;
    const r = rs[ratios.indexOf(worst)]!;
    const s = slowest(r);
    const f = phase(r, 'first')!;
    out.push(
      `- **${dialectName(d)}: a second run on the same day took ${(s.ms / 1000).toFixed(2)} s, ${worst.toFixed(3)}× the first (${seconds(f.ms)}); target < ${TARGET_SECOND_RATIO}.** It did no work`,
      `  (runId null, nothing written), but it still has to establish that none of the ${formatInt(fines)} fines needs a step. Its statements:`,
      ...topQueries(s.queries, 5).map((l) => `  ${l}`),
    );
  }
  return out;
}

export const collectionRun: BenchmarkDefinition = {
  id: 'collection-run',
  title: 'Collection run',
  run: runCollection,
};
