/**
 * The bank-import benchmark's statements: what each was for (the profile), and the trace of an
 * import replayed by the sqlite3 shell, which times the database's own work apart from the
 * JavaScript around it. Shared by the parent (import-bank.ts) and its children (import-child.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

/** What a statement of the import was for. */
export function classify(sql: string): string {
  // Only the start tells what a statement is for; a batch's writes are one script of megabytes.
  const s = sql.slice(0, 300).toLowerCase();
  if (sql.includes(';\nINSERT ')) return 'writes of a batch (one script: ledger, allocations, decisions)';
  if (/^insert into [`"]?bank_transactions[`"]?/.test(s)) return 'insert lines';
  if (/insert into [`"]?(journal_entries|postings)[`"]?/.test(s) || /^pragma defer_foreign_keys/.test(s)) return 'ledger (receipts and allocations)';
  if (/^insert into [`"]?(allocations|refund_proposals|match_decisions)[`"]?/.test(s)) return 'allocations, refunds, decisions';
  if (/^select [`"]?id[`"]?, [`"]?case_number[`"]?, [`"]?payment_reference[`"]? from [`"]?fines[`"]?/.test(s)) return 'fines by reference (per batch)';
  if (/^select [`"]?fine_id[`"]?, [`"]?account[`"]?, sum\(/.test(s)) return 'open debts (per batch)';
  if (/from [`"]?fines[`"]? as [`"]?f[`"]? inner join [`"]?offenders[`"]?/.test(s)) return 'suggestions: open fines (once per import)';
  if (/from [`"]?allocations[`"]? as [`"]?a[`"]? inner join [`"]?bank_transactions[`"]?/.test(s)) return 'suggestions: payer IBAN history';
  return 'other';
}

/**
 * The statements of a query: one, or on SQLite the several of a script (src/shared/statement-script.ts
 * joins them with `;` and a newline before the next INSERT or PRAGMA), each without its final `;`.
 */
export function statementsOf(sql: string): string[] {
  return sql.split(/;\n(?=INSERT |PRAGMA )/).map((x) => x.replace(/;\s*$/, ''));
}

/** Written before every statement of a trace (an SQL comment), so the statements can be told apart again. */
export const TRACE_MARK = '-- bench statement\n';

export interface Replay {
  /** Seconds of the shell's timer per kind of statement, and their total. */
  seconds: Record<string, number>;
  totalSeconds: number;
  statements: number;
  shellVersion: string;
}

/**
 * Runs a trace in the sqlite3 shell against `databaseFile` (a copy of the database the traced
 * import started from) with `.timer on`, and adds up the timer per kind of statement. Null when the
 * shell is not installed.
 */
export async function replayTrace(traceFile: string, databaseFile: string): Promise<Replay | null> {
  const statements = fs.readFileSync(traceFile, 'utf8').split(TRACE_MARK).filter((x) => x.trim() !== '');
  const child = spawn('sqlite3', ['-cmd', '.timer on', databaseFile], { stdio: [fs.openSync(traceFile, 'r'), 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const code = await new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', resolve);
  });
  if (code === -1) return null;
  if (code !== 0 || /error/i.test(err)) throw new Error(`sqlite3 replay failed (exit ${String(code)}): ${err.slice(0, 500)}`);
  const times = [...out.matchAll(/Run Time: real ([0-9.]+)/g)].map((m) => Number(m[1]));
  if (times.length !== statements.length) throw new Error(`sqlite3 replay timed ${times.length} statements, the trace has ${statements.length}`);
  const seconds: Record<string, number> = {};
  statements.forEach((sql, i) => {
    const kind = /^\s*(BEGIN|COMMIT)/i.test(sql) ? 'begin, commit' : classify(sql.trim());
    seconds[kind] = (seconds[kind] ?? 0) + times[i]!;
  });
  const version = await new Promise<string>((resolve) => {
    const v = spawn('sqlite3', ['--version']);
    let text = '';
    v.stdout.on('data', (b: Buffer) => (text += b.toString()));
    v.on('close', () => resolve(text.split(' ')[0] ?? ''));
  });
  return { seconds, totalSeconds: times.reduce((a, b) => a + b, 0), statements: statements.length, shellVersion: version };
}
