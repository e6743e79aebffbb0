/**
 * The findings and the method of the bank-import section (import-report.ts writes its tables):
 * where the import's time went, from the statement profile of its child processes.
 */
import { IMPORT_BATCH_LINES } from '../../src/modules/payments/import.service.js';
import type { Dialect } from '../../src/shared/db.js';
import type { ImportChildResult, ImportProfile } from './import-child.js';
import { DIALECT_LABEL, FORMAT_LABEL, MB, TARGET_RATIO, mb, memoryPasses, rateOf, baselineRatio, hledgerRatio, type SectionData } from './import-report.js';
import { formatInt, median, seconds } from './report.js';
import type { BenchConfig } from './types.js';

function sqlParts(p: ImportProfile): string {
  return Object.entries(p.sqlMs)
    .sort(([, a], [, b]) => b - a)
    .filter(([, v]) => v >= 50)
    .map(([k, v]) => `${k} ${seconds(v)} (${formatInt(p.statements[k] ?? 0)} statements)`)
    .join('; ');
}

function profileLine(label: string, r: ImportChildResult, count: number): string {
  const progress = r.finished ? '' : `, stopped: ${formatInt(r.profile!.linesStored)} of ${formatInt(count)} lines stored`;
  return `- ${label} (${seconds(r.ms)}${progress}; JavaScript busy ${seconds(r.profile!.jsBusyMs)}, waiting for the database the rest): ${sqlParts(r.profile!)}.`;
}

/** Whether every case ran faster than hledger (which reads and totals the file in memory), in words. */
function beatsHledger(d: SectionData): string {
  if (d.hledger.ms.length === 0) return '';
  const slower = d.cases.filter((c) => rateOf(c, d.count).bound || (hledgerRatio(c, d) ?? 0) <= 1);
  return slower.length === 0 ? ' Every case is faster than hledger, which reads and totals the file in memory.' : ` ${slower.map((c) => `${DIALECT_LABEL[c.dialect]} ${FORMAT_LABEL[c.format]}`).join(', ')} ${slower.length === 1 ? 'is' : 'are'} not faster than hledger.`;
}

export function findingsOf(d: SectionData): string[] {
  const failing = d.cases.filter((c) => rateOf(c, d.count).bound || baselineRatio(c, d) < TARGET_RATIO);
  const memoryFailing = d.memory.some((m) => !memoryPasses(m));
  if (failing.length === 0 && !memoryFailing) return [];
  const out = ['### Findings', ''];
  const sqliteBaseline = d.baseline.get('sqlite');
  const replay = d.replay?.result ?? null;
  if (d.replay && replay && sqliteBaseline) {
    const budget = d.replay.lines / (TARGET_RATIO * median(sqliteBaseline));
    const parts = Object.entries(replay.seconds)
      .sort(([, a], [, b]) => b - a)
      .filter(([, v]) => v >= 0.05)
      .map(([k, v]) => `${k} ${seconds(v * 1000)}`)
      .join('; ');
    const over = replay.totalSeconds * 1000 > budget * 1000;
    out.push(
      `**The database's own work ${over ? 'alone is over' : 'is within'} the budget.** At ${TARGET_RATIO} × baseline (a) on SQLite an import of ${formatInt(d.replay.lines)} lines may`,
      `take ${seconds(budget * 1000)}. The statements of one SQLite ING CSV import, written out with their values by a traced run and run`,
      `again by the sqlite3 shell (${replay.shellVersion}; the import's driver bundles its own SQLite) on a fresh copy of the same starting database, take **${seconds(replay.totalSeconds * 1000)}** of the shell's own`,
      `time (${formatInt(replay.statements)} statements: ${parts}), before any parsing, matching or driver work. A booked and matched line writes about ten`,
      'rows (the bank line; its receipt, bank against suspense, with two postings; its allocation, suspense against the receivables, with',
      'two or three postings; the allocation row; the decision with its evidence), each into indexed, append-only tables whose balance',
      'trigger reads the postings back; baseline (a) writes one row into a table without an index. Under the ledger\'s rules',
      over
        ? `(design.md §5: double entry through suspense, every decision stored) ${TARGET_RATIO} × baseline (a) is out of reach on this schema.${beatsHledger(d)}`
        : `(design.md §5: double entry through suspense, every decision stored); the rest of the import's time is JavaScript and the driver.${beatsHledger(d)}`,
      '',
    );
  } else if (d.replay) {
    out.push('The database\'s own work was not measured apart: the sqlite3 shell is not installed (`apt-get install sqlite3`).', '');
  }
  out.push(
    'Statements by what they were for (knex query events, first run of each case), and how long the JavaScript thread was busy',
    `(event-loop utilisation). The import is pipelined: the database writes one batch of ${formatInt(IMPORT_BATCH_LINES)} lines while the next is read, stored`,
    'and decided, so these times overlap each other and the JavaScript and do not add up to the import\'s time:',
    '',
  );
  for (const c of d.cases) {
    const r = c.runs[0] ?? c.stopped;
    if (r) out.push(profileLine(`**${DIALECT_LABEL[c.dialect]} ${FORMAT_LABEL[c.format]}**`, r, d.count));
  }
  for (const p of d.parses) {
    out.push(`- Parsing alone (\`parseStatement\`, no database), ${FORMAT_LABEL[p.format]}: ${formatInt(d.count)} lines in ${seconds(p.ms)} = ${formatInt((d.count / p.ms) * 1000)} lines/s, of which the lines' identities (two SHA-256 per line) ${seconds(p.identityMs)}; peak RSS ${mb(p.rssPeak)} MB.`);
  }
  out.push(
    '',
    `What the import does per batch of ${formatInt(IMPORT_BATCH_LINES)} lines: one INSERT of the bank lines that skips the ones an earlier import stored (their`,
    'identity is taken) and returns the new ids; one read of the fines named by a kenmerk or case number and one of their open',
    'debts; the allocations decided in memory in file order; then the writes: one INSERT each of postings, entries, allocations,',
    'refund proposals and decisions, sent as one script (src/shared/statement-script.ts), so the database runs them back to back',
    'instead of waiting for the busy JavaScript thread between two of them. Rows travel as one JSON text per statement',
    '(src/shared/bulk-insert.ts). The statements run in one queue: the reads of batch k+1, then the writes of batch k; the debts',
    'batch k changes are carried over in memory. A batch\'s script is built when the batch is decided and sent the moment the',
    'reads before it are answered. Lines without a reference get their suggestions at the end, against the state after the whole file.',
  );
  return out;
}

export function methodOf(config: BenchConfig, d: SectionData): string[] {
  const kinds = (k: string) => d.lines.filter((l) => l.kind === k).length;
  const partial = d.lines.filter((l) => l.kind !== 'unknown' && l.amountCents < l.fine.amountCents).length;
  const seed = (dialect: Dialect) => (d.seedMs[dialect]?.length ? seconds(median(d.seedMs[dialect]!)) : '—');
  const o = d.cases.flatMap((c) => c.runs)[0]?.outcome;
  return [
    '### Method',
    '',
    `- Fines: ${formatInt(d.count)} issued fines of 2024 (case sequence 1…${formatInt(d.count)}, betalingskenmerk \`fineKenmerk(2024, seq)\`; amounts, offence`,
    '  codes and issue dates from the seeded generator of the ledger benchmark), inserted in bulk into `fines` (issued_on, due_on,',
    '  payment_reference set) with their `fine.issue` entries booked through `ledger.postMany`, 500 per transaction, after the',
    '  migrations and the reference data; a boa and a finance user made with `auth.addUser`; the import runs as the finance user.',
    `  No offender rows. Untimed. SQLite: booked once into a template file (${seed('sqlite')}) which every run copies; PostgreSQL: a fresh`,
    `  schema booked for every run (median ${seed('postgres')}).`,
    `- Lines (seed ${config.seed}): one credit per fine on NL91ABNA0417164300, booked 3–40 days after the fine was issued: ${formatInt(kinds('structured'))} with the`,
    `  kenmerk as structured reference (camt \`<Strd><CdtrRefInf>\`, ING \`Kenmerk: …\` in "Mededelingen"), ${formatInt(kinds('free-text'))} with it typed into`,
    `  the free text with spaces (\`Boete 6202 4000 0000 1234\`), ${formatInt(kinds('unknown'))} without any reference ("Betaling boete"); ${formatInt(partial)} of the`,
    '  referenced ones pay half the fine, the rest the full amount. Every payer has an IBAN of their own. camt.053 (written with the',
    '  markup of test/helpers/camt053.ts): one statement, one entry per line with one TxDtls, bank reference and EndToEndId, in',
    `  booking-date order, ${(d.sizes.camt053 / MB).toFixed(1)} MB. ING CSV: \`;\`, quoted, the 11 current columns, newest first with a consistent "Saldo na`,
    `  mutatie", ${(d.sizes['ing-csv'] / MB).toFixed(1)} MB. Both written once, as streams, to a temporary directory.`,
    '- Import: a child process (forked with the tsx loader) opens the database (createDb; on PostgreSQL the schema as search path),',
    '  creates the services with a fixed clock (2025-03-03) and times `importStatement(finance, fs.createReadStream(file), { format })`.',
    '  process.memoryUsage() is sampled every 50 ms around it; peak RSS is the whole child process (Node.js, tsx, the code, the',
    '  import). Every statement is timed through knex\'s query events for the findings (a few microseconds per statement). Each run',
    '  starts on a fresh database with the same fines; a finished import is checked (all lines stored, every referenced line matched',
    `  or partially matched, no duplicates${o ? `; outcome ${formatInt(o.matched)} matched, ${formatInt(o.partiallyMatched)} partially, ${formatInt(o.unmatched)} unmatched` : ''}). The two files alternate`,
    `  which goes first. An import still running after ${seconds(d.limitMs)} (\`BENCH_IMPORT_TIME_LIMIT_S\`) is stopped and reported with its`,
    '  progress; its rate is then an upper bound, and no further runs of it are made.',
    '- Baseline (a): a child of its own, on a fresh database of the same dialect with a plain table of the 11 CSV columns as text:',
    '  `fs.createReadStream` piped into csv-parse (`delimiter: ";"`, header skipped), its records inserted with knex 500 rows per',
    '  INSERT, all in one transaction; nothing computed, booked or matched. The camt.053 import is held against the same baseline',
    '  (the same lines; there is no csv-parse for XML).',
    '- Rounds: per dialect, each round runs hledger, then baseline (a), then the two imports; each import is held against the',
    '  baselines of its own round, and the ratios in the table are the medians of these per-round ratios.',
    `- Baseline (b): hledger${d.hledger.version ? ` (${d.hledger.version})` : ''} with the rules \`skip 1\`, \`separator ;\`, \`fields …\`, \`date-format %Y%m%d\`,`,
    '  `decimal-mark ,`, `currency EUR`, and `if %afbij ^Bij$` / `if %afbij ^Af$` blocks for the sign (import-data.ts); the wall clock',
    '  around the process; the printed bank balance is checked against the file\'s total. It reads and totals the CSV in memory and',
    '  stores nothing.',
    `- Memory runs: two ING CSVs of ${d.memory[0] ? formatInt(d.memory[0].lines) : '—'} lines each, written as streams: each of the ${formatInt(d.count)} fines paid in`,
    `  ${d.memory[0] ? Math.ceil(d.memory[0].lines / d.count) : '—'} instalments (the last settles it), in one file with the kenmerk as structured reference on every line, so every`,
    '  line is booked and matched as it comes; in the other the same lines without any reference ("Betaling boete"), so every line',
    '  waits for the suggestions (pass 3) after the whole file (the fines have no offender rows, so none is suggested).',
    '  Each imported once per dialect into a database with the fines by the compiled command,',
    '  `node bin/bboor.js import-statement FILE --format ing-csv` (DATABASE_URL; on PostgreSQL the schema as search path in the',
    '  URL; BBOOR_NOW fixed), in a process of its own, as finance staff run it: a file this size can come in only this way (the API',
    '  takes up to 20 MB). Peak RSS is the process\'s high-water mark (VmHWM in /proc/PID/status), read every 50 ms.',
    config.runs === 1
      ? '- Each figure is ONE run (`BENCH_RUNS=1`), not a median: at the default of three runs the section takes well over 25 minutes on this'
        + '\n  2-core machine (PostgreSQL books the 100 000 fines afresh before every run, and the 1 000 000-line memory run alone takes'
        + '\n  minutes), so it was run once. The machine was shared with other work during the run. `BENCH_ENTRIES` sets the number of fines and lines,'
      : `- Figures are medians of ${config.runs} runs (\`BENCH_RUNS\`) where the imports finish; the machine was shared with other work. \`BENCH_ENTRIES\` sets the number of fines and lines,`,
    '  `BENCH_IMPORT_MEMORY_LINES` the size of the memory run.',
    '',
  ];
}
