/**
 * The bank-import benchmark's memory run: `bboor import-statement FILE --format ing-csv`, the
 * compiled command as finance staff run it, in a process of its own. A file of 1 000 000 lines
 * (over 200 MB) can only come in this way: the API takes statements of up to 20 MB.
 *
 * Peak RSS is the kernel's high-water mark of the process (VmHWM in /proc/PID/status), read every
 * 50 ms while it runs: the whole process, Node.js and everything the command loads. What it holds in
 * its last 50 ms before exiting (the commit and the printed summary) could be missed. Unbuilt, the
 * command exits saying so (bin/bboor.js), and that message is in the error thrown here.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'bboor.js');
const SAMPLE_MS = 50;

export interface CommandRun {
  /** False when the command was stopped at the time limit (`ms` is then the limit). */
  finished: boolean;
  ms: number;
  /** Bytes. */
  rssPeak: number;
  /** The command's printed result (stdout JSON) when it finished. */
  result: { transactions: number; matched: number; partiallyMatched: number; unmatched: number; duplicates: number } | null;
}

/**
 * The DATABASE_URL the command is given. On PostgreSQL the benchmark's database is a schema of
 * its own, named as the search path of the connection (`options=-c search_path=…`).
 */
export function commandDatabaseUrl(url: string, searchPath?: string): string {
  if (!searchPath) return url;
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${searchPath}`)}`;
}

function highWaterMark(pid: number): number | null {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null; // exited between two samples
  }
}

/** Runs the built command on `file` with a fixed clock; stops it at `limitMs`. */
export async function runImportCommand(opts: { databaseUrl: string; file: string; clockIso: string; limitMs: number }): Promise<CommandRun> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'import-statement', opts.file, '--format', 'ing-csv'], {
    env: { ...process.env, DATABASE_URL: opts.databaseUrl, BBOOR_NOW: opts.clockIso, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  let rssPeak = 0;
  const sampler = setInterval(() => {
    const hwm = child.pid === undefined ? null : highWaterMark(child.pid);
    if (hwm !== null) rssPeak = Math.max(rssPeak, hwm);
  }, SAMPLE_MS);
  let stopped = false;
  const limit = setTimeout(() => {
    stopped = true;
    child.kill('SIGKILL');
  }, opts.limitMs);
  // 'close', not 'exit': the printed result is read to its end once the pipes close.
  const [code] = (await once(child, 'close')) as [number | null];
  const ms = performance.now() - t0;
  clearInterval(sampler);
  clearTimeout(limit);
  if (stopped) return { finished: false, ms: opts.limitMs, rssPeak, result: null };
  if (code !== 0) throw new Error(`bboor import-statement failed (exit ${String(code)}): ${stderr.slice(0, 2000)}`);
  return { finished: true, ms, rssPeak, result: JSON.parse(stdout) as CommandRun['result'] };
}
