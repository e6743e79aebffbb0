/**
 * The evaluation-report section of BENCHMARKS.md, and the checks that make its figures mean
 * something: a report whose figures differ from what the generator booked stops the benchmark.
 */
import type { Dialect } from '../../src/shared/db.js';
import type { BenchDb } from './databases.js';
import { AS_OF, YEAR, type DataResult } from './evaluation-data.js';
import type { EvaluationChildResult } from './evaluation-report-child.js';
import { formatInt, formatRatio, markdownTable, median, seconds } from './report.js';
import type { BenchConfig } from './types.js';

export interface Loaded {
  dialect: Dialect;
  bench: BenchDb;
  data: DataResult;
  generateMs: number;
  loadMs: number;
  /** SQLite: the size of the file. */
  bytes: number | null;
}

export interface EvaluationRun {
  dialect: Dialect;
  rep: number;
  baselineMs: number;
  /** The same query joining each posting to its entry for the date and kind, as it had to before migration 20240701a. */
  joinBaselineMs: number;
  child: EvaluationChildResult;
  /** The CLI, first repetition only. */
  cliMs: number | null;
  migrateMs: number | null;
}

/**
 * One pass over the cohort's fine postings, grouped by month (count, imposed, collected). The
 * booking date and kind come from the posting itself (migration 20240701a) or, as the query had to
 * be written before, from its journal entry.
 */
function baselineSql(dateAndKindFrom: 'posting' | 'entry'): string {
  const [kind, bookedOn, join] = dateAndKindFrom === 'posting' ? ['p.entry_kind', 'p.booked_on', ''] : ['e.kind', 'e.booked_on', ' JOIN journal_entries e ON e.id = p.entry_id'];
  return `SELECT SUBSTR(f.issued_on, 1, 7) AS month, COUNT(DISTINCT f.id) AS issued,
  SUM(CASE WHEN ${kind} = 'fine.issue' THEN p.amount_cents ELSE 0 END) AS imposed,
  -SUM(CASE WHEN ${kind} LIKE 'payment.%' THEN p.amount_cents ELSE 0 END) AS collected
FROM fines f JOIN postings p ON p.fine_id = f.id${join}
WHERE f.issued_on BETWEEN '${YEAR}-01-01' AND '${YEAR}-12-31' AND f.issued_on <= '${AS_OF}'
  AND p.account = 'receivable:fines' AND ${bookedOn} <= '${AS_OF}'
GROUP BY SUBSTR(f.issued_on, 1, 7) ORDER BY 1`;
}

/** The baseline: the postings' own booking date and kind. */
export const BASELINE_SQL = baselineSql('posting');
/** The baseline as it was before the postings carried their entry's date and kind: each posting joined to its entry. */
export const JOIN_BASELINE_SQL = baselineSql('entry');

const TARGET_RATIO = 3;
const TARGET_SQLITE_MS = 10_000;
const TARGET_PDF_EXTRA_MS = 1000;
const MB = 2 ** 20;
const name = (d: Dialect) => (d === 'sqlite' ? 'SQLite' : 'PostgreSQL');
const mb = (b: number) => `${(b / MB).toFixed(0)} MB`;

/** The report must say what the generator booked, the PDF must carry the same report, and the baseline's months must agree. */
export function checkReport(l: Loaded, r: EvaluationChildResult, baselineRows: string[][]): void {
  const e = l.data.expected;
  const rep = r.report;
  const got = {
    issued: rep.fines.issued, cancelled: rep.fines.cancelled, minors: rep.fines.minors,
    money: Object.fromEntries(Object.keys(e.money).map((k) => [k, rep.money[k as keyof typeof rep.money]])),
    paidInFull: rep.timeliness.paidInFull, reminders: rep.collection.reminders, enforcementHandOffs: rep.collection.enforcementHandOffs, paymentPlans: rep.collection.paymentPlans,
    objections: { received: rep.objections.received, upheld: rep.objections.upheld, reduced: rep.objections.reduced, rejected: rep.objections.rejected, pending: rep.objections.pending },
  };
  if (JSON.stringify(got) !== JSON.stringify(e)) throw new Error(`evaluation-report: ${l.dialect}: the report says ${JSON.stringify(got)}, the data hold ${JSON.stringify(e)}`);
  if (r.pdfHash !== rep.contentHash) throw new Error(`evaluation-report: ${l.dialect}: the PDF's report has content hash ${r.pdfHash}, the JSON ${rep.contentHash}`);
  const months = rep.fines.byMonth.filter((m) => m.issued > 0).map((m) => [m.month, String(m.issued), String(m.imposedCents)]);
  const base = baselineRows.map((row) => row.slice(0, 3));
  if (JSON.stringify(months) !== JSON.stringify(base)) throw new Error(`evaluation-report: ${l.dialect}: the baseline's months ${JSON.stringify(base)} differ from the report's ${JSON.stringify(months)}`);
}

export function evaluationSection(config: BenchConfig, sizes: { fines: number; payments: number }, loaded: readonly Loaded[], runs: readonly EvaluationRun[]): string {
  const out: string[] = ['## Evaluation report', ''];
  const data = loaded[0]!.data;
  out.push(
    `\`report evaluation --year ${YEAR} --as-of ${AS_OF}\` over a pilot year of ${formatInt(sizes.fines)} issued fines and ${formatInt(data.creditLines)} bank payments, on a SQLite file and a`,
    'PostgreSQL schema, beside the baseline: one GROUP BY query over the same cohort run directly in `sqlite3` / `psql` in the same repetition.',
    'Targets from the issue: the JSON report at most 3× the baseline, under 10 s on SQLite on this machine; the PDF adds less than one second.',
    '',
  );
  if (config.postgres.unavailable) out.push(`PostgreSQL was not measured: it did not answer at the configured URL (${config.postgres.unavailable}).`, '');
  const of = (d: Dialect) => runs.filter((r) => r.dialect === d);
  const rows = loaded.map(({ dialect: d }) => {
    const rs = of(d);
    const json = median(rs.map((r) => r.child.json.ms));
    const base = median(rs.map((r) => r.baselineMs));
    const joinBase = median(rs.map((r) => r.joinBaselineMs));
    const ratio = median(rs.map((r) => r.child.json.ms / r.baselineMs));
    const extra = median(rs.map((r) => r.child.pdf.ms - r.child.json.ms));
    const pass = ratio <= TARGET_RATIO && (d !== 'sqlite' || json < TARGET_SQLITE_MS);
    return [
      name(d), String(rs.length), seconds(json), seconds(base), formatRatio(ratio), pass ? 'PASS' : 'FAIL', `${seconds(joinBase)} (${formatRatio(json / joinBase)})`,
      seconds(median(rs.map((r) => r.child.pdf.ms))), seconds(extra), extra < TARGET_PDF_EXTRA_MS ? 'PASS' : 'FAIL',
      `${mb(median(rs.map((r) => r.child.json.rssPeak)))} (+${mb(median(rs.map((r) => r.child.json.rssPeak - r.child.json.rssStart)))})`,
    ];
  });
  out.push(
    markdownTable(['Database', 'Runs', 'JSON report', 'Baseline query', 'Report ÷ baseline', `Target ≤ ${TARGET_RATIO}×${loaded.some((l) => l.dialect === 'sqlite') ? ' (SQLite: and < 10 s)' : ''}`, 'Baseline joining the entries (report ÷ it)', 'PDF', 'PDF − JSON', 'Target < 1 s', 'Peak RSS of the JSON (growth)'], rows),
    '',
    'The CLI (first repetition), `bboor report evaluation --format json --out FILE` as a process (started with `node --import tsx src/cli.ts`), beside',
    '`bboor migrate` on the same database: the fixed cost of any CLI command (starting Node, compiling the TypeScript, checking the',
    'migrations, loading the reference data).',
    '',
    markdownTable(
      ['Database', 'CLI report', 'CLI migrate', 'Difference', 'JSON written'],
      loaded.map(({ dialect: d }) => {
        const r = of(d).find((x) => x.cliMs !== null && x.migrateMs !== null)!;
        return [name(d), seconds(r.cliMs!), seconds(r.migrateMs!), seconds(r.cliMs! - r.migrateMs!), `${formatInt(r.child.json.bytes)} bytes`];
      }),
    ),
    '',
  );

  const hashes = [...new Set(runs.map((r) => r.child.report.contentHash))];
  out.push('### Findings', '');
  out.push(
    `- Every run gave the same content hash${hashes.length === 1 ? ` on ${loaded.length === 2 ? 'both databases' : 'the database'} (\`${hashes[0]!.slice(0, 16)}…\`)` : `s per database, but they differ between the databases: ${hashes.map((h) => `\`${h.slice(0, 16)}…\``).join(', ')}`}, and the figures the`,
    '  generator booked (issued, cancelled, minors, every money figure, paid in full, reminders, hand-offs, payment plans, objections); the',
    "  PDF carried the same report, and the baseline's months (issued, imposed) matched the report's `byMonth`. A mismatch stops the benchmark.",
  );
  const sqliteRuns = of('sqlite');
  if (sqliteRuns.length) {
    const pdf = sqliteRuns.map((r) => r.child.pdf);
    out.push(`- The PDF is the report and its collection curve from one pass (\`evaluationWithCurve\`), then pdfkit: rendering alone took ${seconds(median(pdf.map((p) => p.renderMs)))} on SQLite (${formatInt(median(pdf.map((p) => p.bytes)))} bytes).`);
  }
  for (const l of loaded) {
    const first = of(l.dialect)[0]!.child.json;
    out.push(`- Where the JSON report's time goes on ${name(l.dialect)} (first repetition, ${seconds(first.serviceMs)}; its longest statements):`, ...first.statements.map((st) => `  - ${st.ms >= 1000 ? seconds(st.ms) : `${st.ms.toFixed(0)} ms`}: \`${st.sql.replace(/`/g, "'")}…\``));
  }
  out.push('', 'Every run:', '');
  out.push(
    markdownTable(
      ['Database', 'Run', 'Baseline', 'Baseline joining the entries', 'JSON (service call)', 'PDF (report + render)', 'RSS start → peak (JSON)', 'Heap peak (JSON)', 'CLI report / migrate'],
      runs.map((r) => [
        name(r.dialect), String(r.rep + 1), seconds(r.baselineMs), seconds(r.joinBaselineMs), `${seconds(r.child.json.ms)} (${seconds(r.child.json.serviceMs)})`,
        `${seconds(r.child.pdf.ms)} (${seconds(r.child.pdf.reportMs)} + ${seconds(r.child.pdf.renderMs)})`, `${mb(r.child.json.rssStart)} → ${mb(r.child.json.rssPeak)}`, mb(r.child.json.heapPeak), r.cliMs === null ? '–' : `${seconds(r.cliMs)} / ${seconds(r.migrateMs!)}`,
      ]),
    ),
    '',
  );

  const rowsOf = data.rows;
  out.push(
    '### Method',
    '',
    `- Data, untimed (\`test/bench/evaluation-data.ts\`, seed ${config.seed}): ${formatInt(sizes.fines)} fines issued over ${YEAR} (fewer at the weekend), ten offence codes with`,
    '  their 2024 tariffs, 2 % minors at half the amount, twelve districts. What becomes of a fine, per 1 000: 540 paid within the term (4 in 1 000',
    '  of them overpaid, the excess owed back and half of that paid out), 50 paid in two parts, 100 paid after the aanmaning (5 % of them',
    '  with a payment plan), 40 paid after the dwangbevel, 30 written off after it, 225 left open, 10 with an objection (upheld 35 %, reduced',
    `  15 %, rejected 45 %, pending 5 %; decided ones are cancelled, reduced, or paid), 5 cancelled; the rest of the ${formatInt(sizes.payments)} credit lines are`,
    `  transfers without a reference, left in suspense. Nothing happens after ${AS_OF}, the report's cut-off. Per fine and event the rows the`,
    '  services write: `fine.issue`, `fine.cancel` (the reversal of the issue entry), `fine.reduce`, `collection.aanmaning-costs` /',
    '  `collection.dwangbevel-costs` with their collection steps and runs, `bank.receipt` with its bank line and import, `payment.allocation`',
    '  (costs first, Awb 4:92) with its allocation and match decision, refund proposals, `bank.payment` + `refund.paid`, `fine.write-off`',
    '  with its write-off, objections and payment plans; postings numbered and carrying the fine, content hashes as `ledger.rules` computes',
    `  them. In all ${formatInt(data.entries)} journal entries and ${formatInt(data.postings)} postings. Rows per table:`,
    `  ${Object.entries(rowsOf).map(([t, n]) => `${t} ${formatInt(n)}`).join(', ')}.`,
    '  Not written (the report does not read them): fine events, offenders (personal data), audit rows.',
    '- Load, untimed (`test/bench/evaluation-setup.ts`): a freshly migrated database with the reference data and three users made through the',
    '  services, then the CSV files through `sqlite3` (`.import` into a staging table, `INSERT … SELECT` into the real one) or `psql` (`\\copy`),',
    '  in one transaction, the ledger triggers on (every entry is checked to balance as it arrives). PostgreSQL gets `VACUUM ANALYZE` after',
    '  the load (as autovacuum would); SQLite gets no statistics, as a production file has none. The row counts are checked back.',
    `  ${loaded.map((l) => `${name(l.dialect)}: ${l.generateMs ? `CSV written in ${seconds(l.generateMs)}, ` : ''}loaded in ${seconds(l.loadMs)}${l.bytes ? ` (${mb(l.bytes)} file)` : ''}`).join('; ')}.`,
    '- Timed, per repetition and database, in this order: the two baseline queries; a child process (`test/bench/evaluation-report-child.ts`,',
    '  `--expose-gc`) that opens the database, warms the connection, then times the JSON report (`evaluation.evaluation` and the JSON text',
    '  the CLI writes of it) and the PDF (`evaluation.evaluationWithCurve` and `writeEvaluationPdf` into a file), sampling RSS and heap every',
    '  50 ms after a forced collection; then, in the first repetition, the CLI twice. "PDF − JSON" is the PDF\'s whole time minus the',
    "  JSON's: what asking for the PDF instead of the JSON costs.",
    '- The baseline (wall time of the `sqlite3 -csv FILE SQL` / `psql -c` process, a few milliseconds of which are starting it):',
    '',
    '```sql',
    ...BASELINE_SQL.split('\n'),
    '```',
    '',
    "  It is one pass over the cohort's fine postings, each carrying its entry's booking date and kind (migration 20240701a). The report",
    '  (`evaluation.repository.ts`) reads the same fines and postings, and more of them: the money of all receivables per issue day and',
    '  offence, what was paid per booking month, and, with window functions over each fine\'s payment postings in booking order, the day',
    '  each fine was paid in full and the collection step before it; then suspense and small queries over fines, steps, objections and plans.',
    '  "Baseline joining the entries" is the same query as it had to be written before that migration, with each posting joined to its',
    '  journal entry for the date and kind (the baseline of earlier runs of this section):',
    '',
    '```sql',
    ...JOIN_BASELINE_SQL.split('\n'),
    '```',
    '- The generator writes each fine\'s entries one after the other (all of fine 1, then fine 2, …), so a fine\'s postings sit together in',
    '  the files and the tables. A real ledger books them over the year, between other fines\' entries; looking up a fine\'s postings',
    '  (what both the report and the baseline do, from the fines issued in the year) then touches more pages. Not measured here.',
    `- Figures are medians of ${Math.min(...loaded.map((l) => of(l.dialect).length))} repetitions per database on the same loaded databases (the report only reads); the`,
    '  operating system\'s page cache is warm after the load, for the report and the baseline alike.',
    '',
  );
  return out.join('\n');
}
