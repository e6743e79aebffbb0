/**
 * The timed evaluation reports, in a process of their own so that the memory figures start from a
 * clean process (forked by evaluation-report.ts). Opens the loaded database, creates the services
 * with a fixed clock, warms the connection, then times (1) the JSON report — the service call
 * `evaluation.evaluation(year, asOf)` and the JSON text the CLI writes of it — and (2) the PDF —
 * `evaluation.evaluationWithCurve` and `writeEvaluationPdf` into a file, as `report evaluation
 * --format pdf` does. RSS and heap are sampled every 50 ms. Reports over IPC.
 *
 * Configuration arrives as JSON in BENCH_EVALUATION_CHILD_CONFIG.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createDb } from '../../src/shared/db.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createServices } from '../../src/services.js';
import { writeEvaluationPdf } from '../../src/modules/reports/evaluation.pdf.js';
import type { EvaluationReport } from '../../src/modules/reports/evaluation.types.js';
import { silentLogger } from './collection-setup.js';

export interface EvaluationChildConfig {
  url: string;
  searchPath?: string;
  year: number;
  asOf: string;
  clockIso: string;
  pdfFile: string;
}

export interface Measured {
  ms: number;
  rssStart: number;
  rssPeak: number;
  heapPeak: number;
}

export interface EvaluationChildResult {
  json: Measured & { serviceMs: number; bytes: number; statements: { sql: string; ms: number }[] };
  pdf: Measured & { reportMs: number; renderMs: number; bytes: number };
  report: EvaluationReport;
  /** The PDF's report, for the check that it holds the same figures. */
  pdfHash: string;
}

const SAMPLE_MS = 50;

async function measure<T>(work: () => Promise<T>): Promise<{ value: T; m: Measured }> {
  (globalThis as { gc?: () => void }).gc?.();
  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  let heapPeak = process.memoryUsage().heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const t0 = performance.now();
  const value = await work();
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  return { value, m: { ms, rssStart, rssPeak, heapPeak } };
}

async function main(): Promise<void> {
  const raw = process.env.BENCH_EVALUATION_CHILD_CONFIG;
  if (!raw || !process.send) throw new Error('evaluation-report-child.ts is forked by evaluation-report.ts with BENCH_EVALUATION_CHILD_CONFIG');
  const cfg = JSON.parse(raw) as EvaluationChildConfig;
  const db = createDb(cfg.url, cfg.searchPath ? { searchPath: cfg.searchPath } : {});
  let result: EvaluationChildResult;
  try {
    const services = createServices({ db, clock: fixedClock(cfg.clockIso), logger: silentLogger() });
    // Connection open, reference data readable: what is left to time is the report.
    await services.reference.municipality();

    // Each statement's time during the JSON report, through knex's query events (microseconds each).
    const started = new Map<string, number>();
    const statements: { sql: string; ms: number }[] = [];
    db.on('query', (q: { __knexQueryUid: string }) => started.set(q.__knexQueryUid, performance.now()));
    db.on('query-response', (_r: unknown, q: { __knexQueryUid: string; sql: string }) => {
      const t0 = started.get(q.__knexQueryUid);
      if (t0 !== undefined) statements.push({ sql: q.sql.replace(/\s+/g, ' ').trim().slice(0, 90), ms: performance.now() - t0 });
    });
    let serviceMs = 0;
    const json = await measure(async () => {
      const t = performance.now();
      const report = await services.evaluation.evaluation(cfg.year, cfg.asOf);
      serviceMs = performance.now() - t;
      return { report, text: `${JSON.stringify(report, null, 2)}\n` };
    });
    const jsonStatements = statements.splice(0).sort((a, b) => b.ms - a.ms).slice(0, 4);

    let reportMs = 0;
    const pdf = await measure(async () => {
      const t = performance.now();
      const { report, curve } = await services.evaluation.evaluationWithCurve(cfg.year, cfg.asOf);
      reportMs = performance.now() - t;
      await writeEvaluationPdf(fs.createWriteStream(cfg.pdfFile), report, curve);
      return report;
    });
    result = {
      json: { ...json.m, serviceMs, bytes: Buffer.byteLength(json.value.text), statements: jsonStatements },
      pdf: { ...pdf.m, reportMs, renderMs: pdf.m.ms - reportMs, bytes: fs.statSync(cfg.pdfFile).size },
      report: json.value.report,
      pdfHash: pdf.value.contentHash,
    };
  } finally {
    await db.destroy();
  }
  process.send(result, () => process.exit(0));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
