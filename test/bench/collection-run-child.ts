/**
 * The timed collection runs, in a process of their own so that the memory figures start from a
 * clean process (forked by collection-run.ts). Opens the prepared database, then for each phase
 * (first run on 2024-04-13, the same date again, optionally a later date) creates the services with
 * a clock fixed on that day, times `collection.run`, samples process.memoryUsage() every 50 ms while
 * it runs, and counts what the run left in the database (untimed). Reports over IPC.
 *
 * Configuration arrives as JSON in BENCH_COLLECTION_CHILD_CONFIG.
 */
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import type { Actor } from '../../src/modules/audit/audit.types.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createDb } from '../../src/shared/db.js';
import { createServices } from '../../src/services.js';
import { silentLogger } from './collection-setup.js';

export interface CollectionChildPhase {
  label: string;
  asOf: string;
  /** The fixed clock of the services for this phase (an instant on asOf). */
  clockIso: string;
}

export interface CollectionChildConfig {
  url: string;
  searchPath?: string;
  actor: Actor;
  phases: CollectionChildPhase[];
  /** Log every SQL statement's duration during these phases (profiling). */
  profilePhases?: string[];
}

export interface DbCounts {
  steps: number;
  aanmaningSteps: number;
  dwangbevelSteps: number;
  runs: number;
  costEntries: number;
  events: number;
}

export interface QueryProfile {
  sql: string;
  count: number;
  ms: number;
}

export interface CollectionPhaseResult {
  label: string;
  asOf: string;
  ms: number;
  runId: number | null;
  aanmaningen: number;
  dwangbevelen: number;
  planReminders: number;
  plansBroken: number;
  held: number;
  costsCents: number;
  rssStart: number;
  rssPeak: number;
  heapPeak: number;
  samples: number;
  before: DbCounts;
  after: DbCounts;
  /** With profiling: the statements of the phase by total time, longest first (the top 12). */
  queries?: QueryProfile[];
  /** With profiling: all statements of the phase, their number and summed time. */
  sql?: { count: number; ms: number };
}

export interface CollectionChildResult {
  type: 'result';
  phases: CollectionPhaseResult[];
}

const SAMPLE_MS = 50;

async function counts(db: Knex): Promise<DbCounts> {
  const n = async (q: Knex.QueryBuilder) => Number(((await q.count({ n: '*' })) as Array<{ n: unknown }>)[0]?.n ?? 0);
  return {
    steps: await n(db('collection_steps')),
    aanmaningSteps: await n(db('collection_steps').where({ step: 'aanmaning' })),
    dwangbevelSteps: await n(db('collection_steps').where({ step: 'dwangbevel' })),
    runs: await n(db('collection_runs')),
    costEntries: await n(db('journal_entries').where('kind', 'like', 'collection.%')),
    events: await n(db('fine_events')),
  };
}

/** Collects the duration of every statement, grouped by its SQL text (bindings left out). */
function profiler(db: Knex) {
  const started = new Map<string, number>();
  const byQuery = new Map<string, QueryProfile>();
  let on = false;
  db.on('query', (q: { __knexQueryUid: string }) => {
    if (on) started.set(q.__knexQueryUid, performance.now());
  });
  db.on('query-response', (_r: unknown, q: { __knexQueryUid: string; sql: string }) => {
    const t0 = started.get(q.__knexQueryUid);
    if (t0 === undefined) return;
    started.delete(q.__knexQueryUid);
    const sql = q.sql.replace(/\s+/g, ' ').slice(0, 400);
    const p = byQuery.get(sql) ?? { sql, count: 0, ms: 0 };
    p.count += 1;
    p.ms += performance.now() - t0;
    byQuery.set(sql, p);
  });
  return {
    start: () => {
      byQuery.clear();
      on = true;
    },
    stop: (): { queries: QueryProfile[]; sql: { count: number; ms: number } } => {
      on = false;
      const all = [...byQuery.values()].sort((a, b) => b.ms - a.ms);
      return { queries: all.slice(0, 12), sql: { count: all.reduce((n, q) => n + q.count, 0), ms: all.reduce((n, q) => n + q.ms, 0) } };
    },
  };
}

async function main(): Promise<void> {
  const raw = process.env.BENCH_COLLECTION_CHILD_CONFIG;
  if (!raw || !process.send) throw new Error('collection-run-child.ts is forked by collection-run.ts with BENCH_COLLECTION_CHILD_CONFIG');
  const cfg = JSON.parse(raw) as CollectionChildConfig;
  const db = createDb(cfg.url, cfg.searchPath ? { searchPath: cfg.searchPath } : {});
  const prof = profiler(db);
  const phases: CollectionPhaseResult[] = [];
  try {
    for (const phase of cfg.phases) {
      const services = createServices({ db, clock: fixedClock(phase.clockIso), logger: silentLogger() });
      const before = await counts(db);
      // Connection open, reference data readable: what is left to time is the run.
      await services.reference.policyValues();
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
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
      const profiling = cfg.profilePhases?.includes(phase.label) ?? false;
      if (profiling) prof.start();
      const timer = setInterval(sample, SAMPLE_MS);
      const start = performance.now();
      const result = await services.collection.run(cfg.actor, { asOf: phase.asOf });
      const ms = performance.now() - start;
      clearInterval(timer);
      sample();
      const profile = profiling ? prof.stop() : undefined;
      phases.push({
        label: phase.label,
        asOf: phase.asOf,
        ms,
        runId: result.runId,
        aanmaningen: result.aanmaningen,
        dwangbevelen: result.dwangbevelen,
        planReminders: result.planReminders,
        plansBroken: result.plansBroken,
        held: result.held.length,
        costsCents: result.costsCents,
        rssStart,
        rssPeak,
        heapPeak,
        samples,
        before,
        after: await counts(db),
        ...(profile ?? {}),
      });
    }
  } finally {
    await db.destroy();
  }
  const out: CollectionChildResult = { type: 'result', phases };
  process.send(out, () => process.exit(0));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
