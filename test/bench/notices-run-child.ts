/**
 * One notice run streamed to a file, in a process of its own so that its memory figures start from
 * a clean process (forked by notices.ts). Samples process.memoryUsage() every 50 ms and reports
 * over IPC: time, the file's size, RSS at the start, its peak, and RSS after each quarter of the run.
 *
 * Configuration arrives as JSON in BENCH_NOTICE_RUN_CONFIG.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { writeNoticeRun } from '../../src/modules/notices/notice.render.js';
import type { NoticeData } from '../../src/modules/notices/notice.types.js';
import { noticeDataSet } from './people.js';

export interface NoticeRunChildConfig {
  count: number;
  seed: number;
  file: string;
  /** Force a garbage collection at each quarter and record the live heap (needs --expose-gc). */
  liveHeap: boolean;
}

export interface NoticeRunChildResult {
  type: 'result';
  ms: number;
  bytes: number;
  rssStart: number;
  rssPeak: number;
  rssEnd: number;
  heapPeak: number;
  /** RSS after 25, 50, 75 and 100 % of the notices were rendered. */
  rssTrail: number[];
  /** With liveHeap: heapUsed right after a forced collection at 25, 50, 75 and 100 %. */
  heapTrail: number[];
  samples: number;
}

const SAMPLE_MS = 50;
const WARMUP_NOTICES = 20;

function total(list: readonly NoticeData[]): number {
  return list.reduce((s, n) => s + n.amountCents, 0);
}

async function main(): Promise<void> {
  const raw = process.env.BENCH_NOTICE_RUN_CONFIG;
  if (!raw || !process.send) throw new Error('notices-run-child.ts is forked by notices.ts with BENCH_NOTICE_RUN_CONFIG');
  const cfg = JSON.parse(raw) as NoticeRunChildConfig;
  const data = noticeDataSet(cfg.count, cfg.seed);

  // Warm-up (fonts parsed, code compiled), written nowhere, before the measured run.
  const warm = data.slice(0, WARMUP_NOTICES);
  const discard = new Writable({ write: (_chunk, _enc, cb) => cb() });
  await writeNoticeRun(discard, { runId: 'warm-up', createdOn: '2024-03-04', notices: warm, count: warm.length, totalCents: total(warm) });

  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  let heapPeak = process.memoryUsage().heapUsed;
  let samples = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
    samples += 1;
    return m.rss;
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const rssTrail: number[] = [];
  const heapTrail: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  if (cfg.liveHeap && !gc) throw new Error('liveHeap needs node --expose-gc');
  const mark = () => {
    rssTrail.push(sample());
    if (cfg.liveHeap) {
      gc!();
      heapTrail.push(process.memoryUsage().heapUsed);
    }
  };
  const quarter = Math.ceil(cfg.count / 4);
  // The notices are handed over one at a time, as the service streams them from the database.
  async function* notices(): AsyncGenerator<NoticeData> {
    for (let i = 0; i < data.length; i++) {
      if (i > 0 && i % quarter === 0) mark();
      yield data[i]!;
    }
    mark();
  }
  const out = fs.createWriteStream(cfg.file);
  const start = performance.now();
  await writeNoticeRun(out, { runId: 'bench', createdOn: '2024-03-04', notices: notices(), count: data.length, totalCents: total(data) });
  const ms = performance.now() - start;
  clearInterval(timer);
  const rssEnd = sample();
  const result: NoticeRunChildResult = { type: 'result', ms, bytes: fs.statSync(cfg.file).size, rssStart, rssPeak, rssEnd, heapPeak, rssTrail, heapTrail, samples };
  process.send(result, () => process.exit(0));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
