/**
 * The findings and the method of the bank-import section (import-report.ts writes its tables):
 * where the import's time went, from the statement profile of its child processes.
 */
import type { Dialect } from '../../src/shared/db.js';
import type { ImportChildResult, ImportProfile } from './import-child.js';
import { DIALECT_LABEL, FORMAT_LABEL, MB, MEMORY_LIMIT_MB, TARGET_RATIO, mb, rateOf, type SectionData } from './import-report.js';
import { formatInt, median, seconds } from './report.js';
import type { BenchConfig } from './types.js';

function sqlParts(p: ImportProfile): string {
  return Object.entries(p.sqlMs)
    .sort(([, a], [, b]) => b - a)
    .filter(([, v]) => v >= 50)
    .map(([k, v]) => `${k} ${seconds(v)} (${formatInt(p.statements[k] ?? 0)} statements)`)
    .join('; ');
}

function profileLine(label: string, r: ImportChildResult, count: number): string[] {
  const p = r.profile!;
  const sqlTotal = Object.values(p.sqlMs).reduce((a, b) => a + b, 0);
  const phases =
    p.untilMatchingMs === null
      ? `reading, storing and booking: ${formatInt(p.linesStored)} of ${formatInt(count)} lines in ${seconds(r.ms)}, matching not reached`
      : `reading, storing and booking all lines ${seconds(p.untilMatchingMs)}; matching ${seconds(r.ms - p.untilMatchingMs)}${r.finished ? '' : ` until stopped at line ${formatInt(p.linesReachedInMatching)}`}`;
  return [
    `- ${label} (${r.finished ? 'finished' : 'stopped'}, ${seconds(r.ms)}): ${phases}. Inside SQL ${seconds(sqlTotal)}: ${sqlParts(p)}; JavaScript`,
    `  outside SQL statements ${seconds(r.ms - sqlTotal)}.`,
  ];
}

export function findingsOf(d: SectionData): string[] {
  const failing = d.cases.filter((c) => {
    const rate = rateOf(c, d.count);
    return rate.bound || rate.value / median(d.baseline.get(c.dialect)!) < TARGET_RATIO;
  });
  const memoryFailing = d.memory !== null && (!d.memory.result.finished || d.memory.result.rssPeak >= MEMORY_LIMIT_MB * MB);
  if (failing.length === 0 && !memoryFailing) return [];
  const out = ['### Findings', ''];
  out.push(
    'Where the time goes, from knex\'s query events in the import children (every statement timed by what it was for; the import',
    'runs in one transaction on one connection, so statement times add up; the first run of each case):',
    '',
  );
  for (const c of d.cases) {
    const r = c.runs[0] ?? c.stopped;
    if (r) out.push(...profileLine(`**${DIALECT_LABEL[c.dialect]} ${FORMAT_LABEL[c.format]}**`, r, d.count));
  }
  if (d.memory) out.push(...profileLine(`**Memory run, SQLite, ${formatInt(d.memory.lines)}-line ING CSV**`, d.memory.result, d.memory.lines));
  for (const p of d.parses) {
    out.push(`- Parsing alone (\`parseStatement\`, no database), ${FORMAT_LABEL[p.format]}: ${formatInt(d.count)} lines in ${seconds(p.ms)} = ${formatInt((d.count / p.ms) * 1000)} lines/s, of which the lines' identities (two SHA-256 per line) ${seconds(p.identityMs)}; peak RSS ${mb(p.rssPeak)} MB.`);
  }
  out.push('');
  const perStatement = (dialect: Dialect, key: string): { ms: number; n: number } | null => {
    const rs = d.cases.filter((c) => c.dialect === dialect).flatMap((c) => [...c.runs.slice(0, 1), ...(c.stopped ? [c.stopped] : [])]);
    const ms = rs.reduce((s, r) => s + (r.profile?.sqlMs[key] ?? 0), 0);
    const n = rs.reduce((s, r) => s + (r.profile?.statements[key] ?? 0), 0);
    return n > 0 ? { ms, n } : null;
  };
  const each = (key: string) =>
    (['sqlite', 'postgres'] as const)
      .flatMap((dialect) => {
        const x = perStatement(dialect, key);
        return x ? [`${(x.ms / x.n).toFixed(1)} ms on ${DIALECT_LABEL[dialect]} (${formatInt(x.n)} statements)`] : [];
      })
      .join(', ');
  const freeText = d.lines.filter((l) => l.kind === 'free-text').length;
  const openOnLine = each('matching: open amount of the line (per debit line)');
  const unknown = d.lines.filter((l) => l.kind === 'unknown').length;
  out.push(
    '- **Matching is a page at a time** (page-matching.ts). Before, the lines with a kenmerk as structured reference were matched a',
    '  page of 500 at a time but the others went one by one through `matching.match`, and for each line without any reference',
    "  `suggest()` selected the fines issued within `suggestion_window_days` (120) with a correlated `SUM(amount_cents)` per fine:",
    "  79.6 ms per line on SQLite in the previous run of this section (5 271 statements, 3.5 min), quadratic in the municipality's",
    `  volume. Now the ${formatInt(freeText)} lines with the kenmerk in the free text and the ${formatInt(unknown)} without any reference are decided against`,
    "  lookups made once per page (the fines named, their open debts, the payers' IBAN history and offenders) and a suggestion index",
    '  (amount → issue day → open fines) read once per import, all reduced in memory as each line books, so each line is decided as',
    '  before; the page\'s entries, allocations and decisions are multi-row inserts. Only debit lines (returns, refund payouts) still go',
    `  one by one. The suggestion index's statement: ${each('matching: suggestion index (once per import)') || 'not reached (no line needed a suggestion)'}. The open debts of a`,
    "  page's fines are now summed over all their accounts and the receivables picked out in JavaScript: with the accounts in the",
    "  WHERE, SQLite walked the account index (every receivable posting); at 100 000 lines that statement took 60 ms a page.",
    '- **Fixed while writing this benchmark** (separate commits in src/ and db/): (1) `openOnLine` (allocation.service.ts), run by',
    "  every `allocate`, summed the line's `suspense:unallocated` postings through `journal_entries.bank_transaction_id`, which had no",
    '  index, and SQLite started from the postings\' account index, walking the suspense posting of every line ever imported; (2) SQLite',
    '  checks every table referencing `journal_entries.id` for each entry inserted while the ledger\'s deferred foreign keys are',
    '  pending, and `allocations.entry_id` had no index, so booking n allocations cost O(n²). Migration 20240503a adds both indexes',
    '  and `openOnLine` now reaches the postings only through the line\'s entries. On a 20 000-line ING CSV on SQLite (a development run',
    `  outside this section) the import took 58.0 s before, 49.0 s with the indexes, 13.4 s with the query changed too.${openOnLine ? ` (${openOnLine} per \`openOnLine\` statement now; the import calls it only for debit lines.)` : ' (The import now calls it only for debit lines, which this benchmark has none of.)'}`,
    '  (3) The counter of identical lines (line-identity.ts) kept a Map entry per line with a sliced',
    '  string key (~140 bytes a line, retained to the end of the import); it is now a flat hash table of 16-byte slots. In a',
    '  300 000-line development run the RSS after 300 000 lines stored fell from 293 MB to 195 MB and stays flat.',
  );
  const readRate = (dialect: Dialect) => {
    const rs = d.cases.filter((c) => c.dialect === dialect).flatMap((c) => [...c.runs.slice(0, 1), ...(c.stopped ? [c.stopped] : [])]).filter((r) => r.profile?.untilMatchingMs != null);
    return rs.length > 0 ? rs.map((r) => formatInt((d.count / r.profile!.untilMatchingMs!) * 1000)).join(' / ') : null;
  };
  const reads = (['sqlite', 'postgres'] as const).flatMap((dl) => (readRate(dl) ? [`${DIALECT_LABEL[dl]} ${readRate(dl)} lines/s`] : []));
  if (reads.length > 0) {
    out.push(
      `- **Even without matching the import is below the target:** reading, storing and booking the lines (before matching starts) runs at`,
      `  ${reads.join(', ')} (camt.053 / ING CSV), against ${[...d.baseline.entries()].map(([dl, v]) => `${formatInt(median(v))} lines/s on ${DIALECT_LABEL[dl]}`).join(' and ')} for baseline (a). Per 500 lines it makes a dedupe lookup, the`,
      '  bank_transactions INSERT, and the receipts\' `postMany` (an idempotency-key lookup, 1 000 postings, 500 entries, each entry',
      '  checked by the balance trigger); the receipts\' ledger statements are the largest part (see the profiles above).',
    );
  }
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
    `- Baseline (b): hledger${d.hledger.version ? ` (${d.hledger.version})` : ''} with the rules \`skip 1\`, \`separator ;\`, \`fields …\`, \`date-format %Y%m%d\`,`,
    '  `decimal-mark ,`, `currency EUR`, and `if %afbij ^Bij$` / `if %afbij ^Af$` blocks for the sign (import-data.ts); the wall clock',
    '  around the process; the printed bank balance is checked against the file\'s total. It reads and totals the CSV in memory and',
    '  stores nothing.',
    `- Memory run: an ING CSV of ${d.memory ? formatInt(d.memory.lines) : '—'} lines written as a stream: each of the ${formatInt(d.count)} fines paid in`,
    `  ${d.memory ? Math.ceil(d.memory.lines / d.count) : '—'} instalments (the last settles it), all with the kenmerk as structured reference, so every line is`,
    '  booked and matched as in real use; imported once into a SQLite copy with the fines, in a child, with its own time limit.',
    config.runs === 1
      ? '- Each figure is ONE run (`BENCH_RUNS=1`), not a median: at the default of three runs the section takes well over 25 minutes on this'
        + '\n  2-core machine (PostgreSQL books the 100 000 fines afresh before every run, and the 1 000 000-line memory run alone takes'
        + '\n  minutes), so it was run once. The machine was shared with other work during the run. `BENCH_ENTRIES` sets the number of fines and lines,'
      : `- Figures are medians of ${config.runs} runs (\`BENCH_RUNS\`) where the imports finish; the machine was shared with other work. \`BENCH_ENTRIES\` sets the number of fines and lines,`,
    '  `BENCH_IMPORT_MEMORY_LINES` the size of the memory run.',
    '',
  ];
}
