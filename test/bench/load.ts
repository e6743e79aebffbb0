/**
 * Whether other work shared the machine with a section: how busy all cores were during one second
 * right before the section starts and one second right after it ends (when none of its own
 * processes run), from /proc/stat. Written into the section, because the figures of a loaded
 * machine are lower and noisier.
 */
import fs from 'node:fs';
import os from 'node:os';

function cpuTimes(): { busy: number; total: number } | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [, ...fields] = line.trim().split(/\s+/);
    const n = fields.map(Number);
    const idle = (n[3] ?? 0) + (n[4] ?? 0); // idle + iowait
    const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** The share of all cores busy over the next second (null where /proc/stat is missing). */
export async function busyShare(): Promise<number | null> {
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, 1000));
  const b = cpuTimes();
  if (!a || !b || b.total === a.total) return null;
  return (b.busy - a.busy) / (b.total - a.total);
}

export function loadNote(before: number | null, after: number | null): string {
  if (before === null || after === null) return '';
  const cores = os.cpus().length;
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const busy = Math.max(before, after) > 0.2;
  return (
    `Other work on the machine: the ${cores} cores were ${pct(before)} busy in the second before this section and ${pct(after)} in the second after it` +
    (busy ? ' (other processes were running, so these figures may be lower and noisier than on an idle machine).' : ' (idle).')
  );
}
