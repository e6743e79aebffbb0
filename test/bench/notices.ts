/**
 * Notice rendering (design.md §8): `noticePdf` one notice at a time and `writeNoticeRun` of a whole
 * run streamed to a file, against bare pdfkit writing the same amount of text, in the same embedded
 * font, on an A4 page per notice.
 */
import { execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { noticePdf } from '../../src/modules/notices/notice.render.js';
import type { NoticeData } from '../../src/modules/notices/notice.types.js';
import { mm, noticeLayout } from '../../src/modules/notices/pdf-layout.js';
import type { NoticeRunChildConfig, NoticeRunChildResult } from './notices-run-child.js';
import { noticeDataSet } from './people.js';
import { formatInt, formatRatio, log, markdownTable, median, seconds } from './report.js';
import type { BenchConfig, BenchmarkDefinition } from './types.js';

const TARGET_RATIO = 0.5;
/** "Bounded memory": the RSS of a 1,000-notice run grows by less than this. */
const MEMORY_BOUND_MB = 100;
const WARMUP_NOTICES = 50;
const MB = 1024 * 1024;

function noticeCount(): number {
  const raw = process.env.BENCH_NOTICES;
  const n = raw ? Number(raw) : 1000;
  if (!Number.isSafeInteger(n) || n < 1) throw new Error('BENCH_NOTICES must be a positive integer');
  return n;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The notice's regular font file (templates/notice.layout.json), as pdf-fonts.ts reads it. */
function noticeRegularFont(): { file: string; buffer: Buffer } {
  const L = noticeLayout();
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve(`${L.fonts.package}/package.json`)), L.fonts.regular);
  return { file, buffer: fs.readFileSync(file) };
}

function pdfToText(pdf: Buffer): string {
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * MB }).toString('utf8');
  } catch (err) {
    throw new Error(`the notices benchmark extracts a notice's text with pdftotext (poppler-utils): ${err instanceof Error ? err.message : String(err)}`);
  }
}

function pageCountOf(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

interface Baseline {
  text: string;
  font: Buffer;
  fontFile: string;
  size: number;
  lineGap: number;
  margins: { top: number; right: number; bottom: number; left: number };
}

/**
 * The bare-library baseline: a fresh PDFDocument per notice, one A4 page, the notice's text written
 * with one doc.text in the notice's embedded regular font, collected into a Buffer like noticePdf.
 */
async function barePdf(b: Baseline): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: b.margins });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(doc, 'end');
  doc.registerFont('body', b.font);
  doc.font('body').fontSize(b.size).text(b.text, { lineGap: b.lineGap });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The text of one real notice, and the largest size up to the notice's body size at which it fits one A4 page. */
async function makeBaseline(sample: NoticeData): Promise<Baseline> {
  const L = noticeLayout();
  const text = pdfToText(await noticePdf(sample)).replace(/\f/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  const { file, buffer } = noticeRegularFont();
  const margins = { top: mm(L.margins.top), right: mm(L.margins.right), bottom: mm(L.margins.bottom), left: mm(L.margins.left) };
  let size = L.sizes.body;
  for (; size > 4; size -= 0.25) {
    const pages = pageCountOf(await barePdf({ text, font: buffer, fontFile: file, size, lineGap: L.lineGap, margins }));
    if (pages === 1) break;
  }
  return { text, font: buffer, fontFile: path.relative(path.join(here, '..', '..'), file), size, lineGap: L.lineGap, margins };
}

/** Renders every notice one after the other; returns the time and the bytes produced. */
async function timeLoop(list: readonly NoticeData[], render: (d: NoticeData) => Promise<Buffer>): Promise<{ ms: number; bytes: number; pages: number }> {
  let bytes = 0;
  let pages = 0;
  const start = performance.now();
  for (const d of list) {
    const pdf = await render(d);
    bytes += pdf.length;
    if (pages === 0) pages = pageCountOf(pdf);
  }
  return { ms: performance.now() - start, bytes, pages };
}

async function runChild(config: BenchConfig, count: number, run: number): Promise<NoticeRunChildResult> {
  const file = path.join(config.tmpDir, `notice-run-${run}.pdf`);
  const cfg: NoticeRunChildConfig = { count, seed: config.seed, file };
  const child = fork(path.join(here, 'notices-run-child.ts'), [], {
    execArgv: process.execArgv,
    env: { ...process.env, BENCH_NOTICE_RUN_CONFIG: JSON.stringify(cfg) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let result: NoticeRunChildResult | null = null;
  child.on('message', (m: NoticeRunChildResult) => {
    result = m;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (!result || code !== 0) throw new Error(`notice run child failed (exit ${String(code)})`);
  const got: NoticeRunChildResult = result;
  // A valid PDF with every notice in it (2 pages each, plus the cover).
  const info = execFileSync('pdfinfo', [file]).toString('utf8');
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  if (!(pages >= 2 * count + 1)) throw new Error(`notice run file has ${pages} pages, expected at least ${2 * count + 1}`);
  fs.rmSync(file, { force: true });
  return got;
}

interface Results {
  count: number;
  baseline: Baseline;
  noticePages: number;
  barePages: number;
  notice: number[];
  bare: number[];
  noticeBytes: number;
  bareBytes: number;
  runs: NoticeRunChildResult[];
}

async function runNotices(config: BenchConfig): Promise<string> {
  const count = noticeCount();
  const data = noticeDataSet(count, config.seed);
  const baseline = await makeBaseline(data[0]!);
  log(`notices: baseline text ${baseline.text.length} characters at ${baseline.size} pt on one A4 page`);
  log(`notices: warm-up (${WARMUP_NOTICES} each way)`);
  await timeLoop(data.slice(0, WARMUP_NOTICES), noticePdf);
  await timeLoop(data.slice(0, WARMUP_NOTICES), () => barePdf(baseline));

  const r: Results = { count, baseline, noticePages: 0, barePages: 0, notice: [], bare: [], noticeBytes: 0, bareBytes: 0, runs: [] };
  for (let run = 0; run < config.runs; run++) {
    const order = run % 2 === 0 ? (['notice', 'bare'] as const) : (['bare', 'notice'] as const);
    for (const impl of order) {
      const t = impl === 'notice' ? await timeLoop(data, noticePdf) : await timeLoop(data, () => barePdf(baseline));
      const rate = (count / t.ms) * 1000;
      r[impl].push(rate);
      if (impl === 'notice') [r.noticeBytes, r.noticePages] = [t.bytes, t.pages];
      else [r.bareBytes, r.barePages] = [t.bytes, t.pages];
      log(`notices: run ${run + 1}/${config.runs} ${impl === 'notice' ? 'noticePdf' : 'bare pdfkit'} ${formatInt(count)} in ${seconds(t.ms)} = ${rate.toFixed(1)} PDFs/s`);
    }
    const c = await runChild(config, count, run);
    r.runs.push(c);
    log(
      `notices: run ${run + 1}/${config.runs} writeNoticeRun ${formatInt(count)} in ${seconds(c.ms)} = ${((count / c.ms) * 1000).toFixed(1)} notices/s, ` +
        `${(c.bytes / MB).toFixed(1)} MB file, RSS ${(c.rssStart / MB).toFixed(0)} → peak ${(c.rssPeak / MB).toFixed(0)} MB (+${((c.rssPeak - c.rssStart) / MB).toFixed(1)} MB)`,
    );
  }
  log(`notices: ratio ${formatRatio(median(r.notice) / median(r.bare))}`);
  return noticesSection(config, r);
}

const mb = (bytes: number) => (bytes / MB).toFixed(1);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function noticesSection(config: BenchConfig, r: Results): string {
  const notice = median(r.notice);
  const bare = median(r.bare);
  const ratio = notice / bare;
  const runRate = median(r.runs.map((c) => (r.count / c.ms) * 1000));
  const growth = median(r.runs.map((c) => c.rssPeak - c.rssStart));
  const worstGrowth = Math.max(...r.runs.map((c) => c.rssPeak - c.rssStart));
  const bounded = worstGrowth < MEMORY_BOUND_MB * MB;
  const mid = median(r.runs.map((c) => c.rssTrail[c.rssTrail.length - 1]! - c.rssTrail[1]!));

  const out: string[] = [];
  out.push('## Notice rendering', '');
  out.push(
    `Fine notices (beschikking: letter + annex, two A4 pages, EPC payment QR) rendered for ${formatInt(r.count)} issued fines, against bare`,
    'pdfkit writing the same amount of text on one A4 page per notice. Targets from the issue: `noticePdf` ≥ 0.5× bare pdfkit;',
    `a notice run of ${formatInt(r.count)} fines completes with bounded memory, streamed to the file (here: RSS grows by less than ${MEMORY_BOUND_MB} MB).`,
    '',
  );
  out.push(
    markdownTable(
      ['What', 'Runs', 'Median rate', 'Bare pdfkit', 'Ratio ÷ bare', 'Target', 'Result'],
      [
        [`(a) \`noticePdf\`, ${formatInt(r.count)} notices one by one`, String(config.runs), `${notice.toFixed(1)} PDFs/s`, `${bare.toFixed(1)} PDFs/s (c)`, formatRatio(ratio), `≥ ${TARGET_RATIO}×`, ratio >= TARGET_RATIO ? 'PASS' : 'FAIL'],
        [
          `(b) \`writeNoticeRun\`, ${formatInt(r.count)} notices streamed to a file`,
          String(config.runs),
          `${runRate.toFixed(1)} notices/s`,
          '—',
          formatRatio(runRate / bare),
          `RSS growth < ${MEMORY_BOUND_MB} MB`,
          `${bounded ? 'PASS' : 'FAIL'} (peak growth ${mb(growth)} MB median, ${mb(worstGrowth)} MB worst)`,
        ],
      ],
    ),
    '',
  );
  out.push(
    `Memory of the notice run (b), each run in a fresh process, RSS sampled every 50 ms; "last half" is the RSS change between the`,
    'notice at 50 % and the end of the run (near zero when memory does not grow with the number of notices):',
    '',
    markdownTable(
      ['Run', 'Time', 'Notices/s', 'File', 'RSS start', 'RSS peak', 'Growth', 'RSS at 25 / 50 / 75 / 100 %', 'Last half', 'Heap peak'],
      r.runs.map((c, i) => [
        String(i + 1),
        seconds(c.ms),
        ((r.count / c.ms) * 1000).toFixed(1),
        `${mb(c.bytes)} MB`,
        `${mb(c.rssStart)} MB`,
        `${mb(c.rssPeak)} MB`,
        `${mb(c.rssPeak - c.rssStart)} MB`,
        c.rssTrail.map((x) => mb(x)).join(' / ') + ' MB',
        `${(c.rssTrail[c.rssTrail.length - 1]! - c.rssTrail[1]!) / MB >= 0 ? '+' : ''}${mb(c.rssTrail[c.rssTrail.length - 1]! - c.rssTrail[1]!)} MB`,
        `${mb(c.heapPeak)} MB`,
      ]),
    ),
    '',
    `Memory ${bounded ? 'stayed bounded' : 'did NOT stay bounded'}: the peak RSS growth of a ${formatInt(r.count)}-notice run was ${mb(growth)} MB (median; limit ${MEMORY_BOUND_MB} MB),`,
    `and over the second half of the run the RSS changed by ${mb(mid)} MB (median), for a file of ${mb(median(r.runs.map((c) => c.bytes)))} MB.`,
    '',
  );
  const findings = noticeFindings(r, ratio);
  if (findings.length > 0) out.push('### Findings', '', ...findings, '');
  out.push(
    'Every run, PDFs/s (`noticePdf`; bare pdfkit):',
    '',
    markdownTable(['Run', '`noticePdf`', 'Bare pdfkit'], r.notice.map((n, i) => [String(i + 1), n.toFixed(1), r.bare[i]!.toFixed(1)])),
    '',
  );
  out.push(
    '### Method',
    '',
    `- Data: ${formatInt(r.count)} \`NoticeData\` from the seeded generator in \`test/bench/people.ts\` (seed ${config.seed}), shaped as`,
    '  `notices.service.noticeData` assembles them: the municipality profile of db/reference/, offences and 2024 tariffs from the',
    '  catalogue (halved for about one in eight, minors), case numbers and betalingskenmerken in sequence, Dutch and foreign names',
    '  and addresses (including Ł, ş, ğ, ö), observations of 80–420 characters.',
    `- (a) \`noticePdf(data)\` for every notice in turn, each awaited, the PDF collected into a Buffer`,
    `  (${kb(r.noticeBytes / r.count)} kB on average, ${r.noticePages} pages each).`,
    `- (b) \`writeNoticeRun\` of all ${formatInt(r.count)} notices (handed over one at a time by an async generator, as the service streams them)`,
    '  to `fs.createWriteStream` in a temporary directory, in a child process of its own (`test/bench/notices-run-child.ts`) after',
    '  a 20-notice warm-up; the file is checked with `pdfinfo` (every notice\'s pages present) and removed.',
    `- (c) Bare pdfkit: per notice a fresh \`new PDFDocument({ size: 'A4' })\` with the notice's margins, the notice's regular font`,
    `  embedded from the same file (\`${r.baseline.fontFile}\`, registered from a Buffer read once, as the notice does), and one`,
    `  \`doc.text\` of the text \`pdftotext\` extracts from one real notice (${formatInt(r.baseline.text.length)} characters) at ${r.baseline.size} pt, the largest size`,
    `  up to the notice's body size (${noticeLayout().sizes.body} pt) at which it fits one page (${r.barePages} page${r.barePages === 1 ? '' : 's'}, ${kb(r.bareBytes / r.count)} kB each).`,
    `  The notice draws the same text in three fonts (regular, bold, italic), at fixed positions, with rules, boxes and a QR code, over`,
    '  two pages; that is what the ratio measures.',
    `- A warm-up of ${WARMUP_NOTICES} notices each way precedes the runs; runs alternate which of (a) and (c) goes first. Rates are medians over`,
    `  ${config.runs} runs. \`BENCH_NOTICES\` changes the number of notices.`,
    '',
  );
  return out.join('\n');
}

function noticeFindings(_r: Results, ratio: number): string[] {
  if (ratio >= TARGET_RATIO) return [];
  return [`- **\`noticePdf\` reaches ${formatRatio(ratio)}× bare pdfkit, below the ${TARGET_RATIO}× target.**`];
}

export const notices: BenchmarkDefinition = {
  id: 'notices',
  title: 'Notice rendering',
  run: runNotices,
};
