/**
 * What the bank-import benchmark measured (import-bank.ts) and the tables of its section in
 * BENCHMARKS.md; the findings and the method are in import-findings.ts.
 */
import type { Dialect } from '../../src/shared/db.js';
import type { ImportChildResult } from './import-child.js';
import type { CommandRun } from './import-command.js';
import type { BankLine } from './import-data.js';
import type { Replay } from './import-statements.js';
import { findingsOf, methodOf } from './import-findings.js';
import { formatInt, formatRatio, markdownTable, median, seconds } from './report.js';
import type { BenchConfig } from './types.js';

export const TARGET_RATIO = 0.3;
export const MEMORY_LIMIT_MB = 300;
export const MB = 1024 * 1024;

export type Format = 'camt053' | 'ing-csv';
export const FORMATS: readonly Format[] = ['camt053', 'ing-csv'];
export const FORMAT_LABEL: Record<Format, string> = { camt053: 'camt.053', 'ing-csv': 'ING CSV' };
export const DIALECT_LABEL: Record<Dialect, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** The baselines of one round, measured next to the imports of that round. */
export interface Round {
  /** hledger's wall clock; null when hledger is not installed. */
  hledgerMs: number | null;
  /** Baseline (a), lines/s. */
  baselineRate: number;
}

export interface CaseResult {
  dialect: Dialect;
  format: Format;
  /** Finished runs. */
  runs: ImportChildResult[];
  /** The round of each finished run, with its baselines. */
  rounds: Round[];
  /** The run stopped at the time limit, if one was (no further runs are made then). */
  stopped: ImportChildResult | null;
}

export interface HledgerResult {
  version: string | null;
  unavailable: string | null;
  /** Every run, one per round, in the order run. */
  ms: number[];
}

/** What the lines of a memory run's file carry: the kenmerk (instalments), or no reference at all. */
export type MemoryShape = 'kenmerk' | 'none';
export const MEMORY_SHAPES: readonly MemoryShape[] = ['kenmerk', 'none'];
export const MEMORY_SHAPE_LABEL: Record<MemoryShape, string> = { kenmerk: 'kenmerk on every line', none: 'no reference on any line' };

export interface MemoryResult {
  dialect: Dialect;
  shape: MemoryShape;
  lines: number;
  bytes: number;
  run: CommandRun;
  limitMs: number;
}

export interface ParseResult {
  format: Format;
  ms: number;
  identityMs: number;
  rssPeak: number;
}

export interface SectionData {
  count: number;
  sizes: Record<Format, number>;
  cases: CaseResult[];
  baseline: Map<Dialect, number[]>;
  hledger: HledgerResult;
  /** The memory runs, one per file and dialect (none when they were not run). */
  memory: MemoryResult[];
  parses: ParseResult[];
  seedMs: Partial<Record<Dialect, number[]>>;
  lines: readonly BankLine[];
  limitMs: number;
  /** The database's own work: an ING CSV import on SQLite, traced and replayed by the sqlite3 shell. */
  replay: { importMs: number; lines: number; result: Replay | null } | null;
}

export const mb = (bytes: number) => (bytes / MB).toFixed(0);

export function progressOf(r: ImportChildResult, count: number): string {
  const p = r.profile!;
  return `${formatInt(p.linesStored)} of ${formatInt(count)} lines stored, booked and matched (up to 500 of them still being matched) in ${seconds(r.ms)}`;
}

/** Lines/s of a case: the median of its finished runs, or an upper bound when a run was stopped. */
export function rateOf(c: CaseResult, count: number): { value: number; bound: boolean } {
  if (c.stopped) return { value: (count / c.stopped.ms) * 1000, bound: true };
  return { value: median(c.runs.map((r) => (r.lines / r.ms) * 1000)), bound: false };
}

/**
 * A case held against a baseline: the median, over its finished runs, of the run's rate divided by
 * the baseline's rate in the same round, so that a drift of the machine's speed between rounds
 * cancels out. Null for a case stopped at its time limit (it has no finished run; the caller holds
 * its upper-bound rate against the baseline's median) or when the baseline was not measured.
 */
export function ratioOf(c: CaseResult, baselineRate: (r: Round) => number | null): number | null {
  if (c.stopped) return null;
  const ratios: number[] = [];
  c.runs.forEach((r, i) => {
    const base = baselineRate(c.rounds[i]!);
    if (base !== null) ratios.push(((r.lines / r.ms) * 1000) / base);
  });
  return ratios.length === 0 ? null : median(ratios);
}

const hledgerRateOf = (count: number) => (r: Round) => (r.hledgerMs === null ? null : (count / r.hledgerMs) * 1000);

/** Import ÷ baseline (a): per round (`ratioOf`), or for a stopped case its bound ÷ the baseline's median. */
export function baselineRatio(c: CaseResult, d: SectionData): number {
  return ratioOf(c, (r) => r.baselineRate) ?? rateOf(c, d.count).value / median(d.baseline.get(c.dialect)!);
}

/** Import ÷ hledger, like `baselineRatio`; null when hledger was not measured. */
export function hledgerRatio(c: CaseResult, d: SectionData): number | null {
  if (d.hledger.ms.length === 0) return null;
  return ratioOf(c, hledgerRateOf(d.count)) ?? rateOf(c, d.count).value / ((d.count / median(d.hledger.ms)) * 1000);
}

export function section(config: BenchConfig, d: SectionData): string {
  const hledgerRate = d.hledger.ms.length > 0 ? (d.count / median(d.hledger.ms)) * 1000 : null;
  const notes: string[] = [];
  const rows = d.cases.map((c) => {
    const rate = rateOf(c, d.count);
    const base = median(d.baseline.get(c.dialect)!);
    const ratio = baselineRatio(c, d);
    const lt = rate.bound ? '< ' : '';
    const all = [...c.runs, ...(c.stopped ? [c.stopped] : [])];
    let rateText = `${lt}${formatInt(rate.value)}`;
    if (c.stopped) {
      notes.push(`${DIALECT_LABEL[c.dialect]} ${FORMAT_LABEL[c.format]}: stopped at the ${seconds(d.limitMs)} limit (\`BENCH_IMPORT_TIME_LIMIT_S\`) in its first run: ${progressOf(c.stopped, d.count)}. Its rate is therefore below ${formatInt(d.count)} lines ÷ ${seconds(d.limitMs)}, and no further runs were made.`);
      rateText += ` (stopped, note ${notes.length})`;
    }
    const h = hledgerRatio(c, d);
    const vsHledger = h === null ? 'not measured' : rate.bound && h > 1 ? `< ${formatRatio(h)}×, unknown` : `${lt}${formatRatio(h)}× ${h > 1 ? 'PASS' : 'FAIL'}`;
    return [
      DIALECT_LABEL[c.dialect],
      FORMAT_LABEL[c.format],
      formatInt(d.count),
      c.stopped ? '1 (stopped)' : String(c.runs.length),
      rateText,
      mb(Math.max(...all.map((r) => r.rssPeak))),
      formatInt(base),
      `${lt}${formatRatio(ratio)}`,
      ratio >= TARGET_RATIO && !rate.bound ? 'PASS' : rate.bound && ratio >= TARGET_RATIO ? 'unknown' : 'FAIL',
      vsHledger,
    ];
  });
  const out: string[] = [];
  out.push('## Bank statement import', '');
  out.push(
    `\`imports.importStatement\` (read, store, book and match) of a generated camt.053 and ING CSV of ${formatInt(d.count)} credit lines`,
    `against ${formatInt(d.count)} issued fines, each import in a child process of its own; beside (a) bare csv-parse streaming of the`,
    'same ING CSV plus raw knex inserts of its rows (500 per INSERT, one transaction) into a plain table of the same kind of',
    'database, and (b) hledger reading the same CSV with a rules file and printing balances. Targets from the issue: import ÷ (a)',
    `≥ ${TARGET_RATIO}; faster than hledger; peak RSS under ${MEMORY_LIMIT_MB} MB for a 1 000 000-line file. Both baselines run once in`,
    'every round, just before the imports of that round; a ratio is the median over the rounds of the import\'s rate ÷ the',
    'baseline\'s rate in the same round, so that a drift of the machine\'s speed during the run cancels out.',
    '',
  );
  out.push(
    markdownTable(
      ['Dialect', 'File', 'Lines', 'Runs', 'Import lines/s (median)', 'Peak RSS MB', 'Baseline (a) lines/s (median)', 'Import ÷ (a)', `Target ≥ ${TARGET_RATIO}`, 'Import ÷ hledger (target > 1)'],
      rows,
    ),
    '',
  );
  notes.forEach((n, i) => out.push(`${i + 1}. ${n}`));
  if (notes.length > 0) out.push('');
  if (hledgerRate !== null) {
    out.push(
      `Baseline (b): \`hledger -f ing.csv --rules-file ing.rules bal assets:bank:ing\` (${d.hledger.version}, the Debian package) on the same`,
      `${formatInt(d.count)}-line ING CSV, once per round: median ${seconds(median(d.hledger.ms))} wall clock = **${formatInt(hledgerRate)} lines/s** (runs, in order: ${d.hledger.ms.map((ms) => seconds(ms)).join(', ')}).`,
      '',
    );
  } else {
    out.push(`Baseline (b), hledger, was not measured: ${d.hledger.unavailable ?? 'unknown reason'}.`, '');
  }
  if (d.memory.length > 0) out.push(...memorySection(d.memory));
  out.push(...findingsOf(d), '');
  out.push(
    'Every run, round by round: import lines/s (peak RSS MB); baseline (a) lines/s and hledger lines/s of the same round:',
    '',
    markdownTable(
      ['Dialect', 'File', 'Import runs', 'Baseline (a) runs', 'hledger runs'],
      d.cases.map((c) => [
        DIALECT_LABEL[c.dialect],
        FORMAT_LABEL[c.format],
        [...c.runs.map((r) => `${formatInt((r.lines / r.ms) * 1000)} (${mb(r.rssPeak)})`), ...(c.stopped ? [`stopped at ${seconds(c.stopped.ms)} (${mb(c.stopped.rssPeak)})`] : [])].join(', '),
        c.rounds.map((r) => formatInt(r.baselineRate)).join(', '),
        c.rounds.map((r) => (r.hledgerMs === null ? '–' : formatInt((d.count / r.hledgerMs) * 1000))).join(', '),
      ]),
    ),
    '',
  );
  out.push(...methodOf(config, d));
  return out.join('\n');
}

/** Whether a memory run stayed under the target; a run stopped at its limit did not show it. */
export function memoryPasses(m: MemoryResult): boolean {
  return m.run.finished && m.run.rssPeak < MEMORY_LIMIT_MB * MB;
}

function memorySection(runs: MemoryResult[]): string[] {
  const rows = runs.map((m) => {
    const r = m.run;
    const outcome = r.result ? `${formatInt(r.result.matched)} matched, ${formatInt(r.result.partiallyMatched)} partially, ${formatInt(r.result.unmatched)} unmatched` : '—';
    return [`ING CSV, ${MEMORY_SHAPE_LABEL[m.shape]}`, DIALECT_LABEL[m.dialect], formatInt(m.lines), mb(m.bytes), r.finished ? seconds(r.ms) : `stopped at ${seconds(r.ms)}`, outcome, mb(r.rssPeak), memoryPasses(m) ? 'PASS' : 'FAIL'];
  });
  const out = [markdownTable(['`bboor import-statement` of', 'Dialect', 'Lines', 'File MB', 'Time', 'Outcome', 'Peak RSS MB', `Target < ${MEMORY_LIMIT_MB} MB`], rows), ''];
  out.push(`Each memory run is one run, not a median: the compiled command, as finance staff run it, importing all ${formatInt(runs[0]!.lines)} lines into a database with the fines.`);
  for (const m of runs.filter((x) => !x.run.finished)) {
    out.push(`On ${DIALECT_LABEL[m.dialect]} (${MEMORY_SHAPE_LABEL[m.shape]}) the command was stopped at its ${seconds(m.limitMs)} limit (\`BENCH_IMPORT_MEMORY_TIME_LIMIT_S\`): its peak covers only part of the file, so the target is not shown.`);
  }
  out.push('');
  return out;
}
