// Prints a Markdown summary of bank statement files, one row per own account in each file:
//   npx tsx src/modules/payments/parsers/summarize.ts FILE [FILE …]
// Used for the sample table in the README. It streams: counts and sums only, so a
// million-line file is summarised in flat memory.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { centsToDecimalString, type Cents } from '../../../domain/money.js';
import { parseStatement, type ParseStatementOptions } from './parse-statement.js';
import type { ByteSource } from './text-stream.js';

export interface AccountSummary {
  account: string;
  statements: number;
  lines: number;
  credits: number;
  creditCents: Cents;
  debits: number;
  debitCents: Cents;
  /** Opening balance of the account's first statement, closing of its last. */
  openingCents: Cents | null;
  closingCents: Cents | null;
}

export interface FileSummary {
  format: string;
  accounts: AccountSummary[];
  problems: number;
}

export async function summarize(input: ByteSource, options: ParseStatementOptions = {}): Promise<FileSummary> {
  const { detected, events } = parseStatement(input, options);
  const byAccount = new Map<string, AccountSummary>();
  const entry = (account: string): AccountSummary => {
    let s = byAccount.get(account);
    if (!s) {
      s = { account, statements: 0, lines: 0, credits: 0, creditCents: 0, debits: 0, debitCents: 0, openingCents: null, closingCents: null };
      byAccount.set(account, s);
    }
    return s;
  };
  let problems = 0;
  for await (const event of events) {
    if (event.type === 'line') {
      const s = entry(event.line.account);
      s.lines += 1;
      if (event.line.direction === 'credit') {
        s.credits += 1;
        s.creditCents += event.line.amountCents;
      } else {
        s.debits += 1;
        s.debitCents += event.line.amountCents;
      }
    } else if (event.type === 'statement') {
      const st = event.statement;
      const s = entry(st.account);
      if (s.statements === 0) s.openingCents = st.openingBalanceCents;
      s.statements += 1;
      s.closingCents = st.closingBalanceCents;
    } else problems += 1;
  }
  return { format: (await detected).format, accounts: [...byAccount.values()], problems };
}

function money(c: Cents | null): string {
  return c === null ? '—' : centsToDecimalString(c);
}

export const SUMMARY_HEADER = [
  '| File | Format | Account | Statements | Lines | Credits (n, sum) | Debits (n, sum) | Opening (first) | Closing (last) | Problems |',
  '|---|---|---|---|---|---|---|---|---|---|',
];

export function summaryRows(file: string, summary: FileSummary): string[] {
  const name = path.basename(file);
  if (summary.accounts.length === 0) return [`| ${name} | ${summary.format} | — | 0 | 0 | 0 | 0 | — | — | ${summary.problems} |`];
  return summary.accounts.map(
    (a) =>
      `| ${name} | ${summary.format} | ${a.account} | ${a.statements} | ${a.lines} | ${a.credits} (${money(a.creditCents)}) | ` +
      `${a.debits} (${money(a.debitCents)}) | ${money(a.openingCents)} | ${money(a.closingCents)} | ${summary.problems} |`,
  );
}

async function main(files: string[]): Promise<void> {
  if (files.length === 0) {
    process.stderr.write('usage: summarize.ts FILE [FILE …]\n');
    process.exitCode = 2;
    return;
  }
  const out = [...SUMMARY_HEADER];
  for (const file of files) {
    try {
      out.push(...summaryRows(file, await summarize(fs.createReadStream(file))));
    } catch (err) {
      out.push(`| ${path.basename(file)} | not read: ${(err as Error).message} | | | | | | | | |`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
