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
import { createNoticeDocument, noticePdf, renderNotice } from '../../src/modules/notices/notice.render.js';
import type { NoticeData } from '../../src/modules/notices/notice.types.js';
import { mm, noticeLayout } from '../../src/modules/notices/pdf-layout.js';
import type { NoticeRunChildConfig, NoticeRunChildResult } from './notices-run-child.js';
import { noticeDataSet } from './people.js';
import { formatInt, formatRatio, log, markdownTable, median, seconds } from './report.js';
import { busyShare, loadNote } from './load.js';
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

/**
 * The text of one real notice, as `pdftotext` reads it, reflowed into paragraphs (the notice puts
 * labels and values on lines of their own; as flowing text the same characters fit one page), and
 * the largest size up to the notice's body size at which it fits one A4 page.
 */
async function makeBaseline(sample: NoticeData): Promise<Baseline> {
  const L = noticeLayout();
  const extracted = pdfToText(await noticePdf(sample));
  const text = extracted
    .replace(/\f/g, '\n\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n');
  const { file, buffer } = noticeRegularFont();
  const margins = { top: mm(L.margins.top), right: mm(L.margins.right), bottom: mm(L.margins.bottom), left: mm(L.margins.left) };
  const base = { text, font: buffer, fontFile: path.relative(path.join(here, '..', '..'), file), lineGap: L.lineGap, margins };
  for (let size = L.sizes.body; size >= 5; size -= 0.25) {
    if (pageCountOf(await barePdf({ ...base, size })) === 1) return { ...base, size };
  }
  throw new Error(`the text of a notice (${text.length} characters) does not fit one A4 page even at 5 pt`);
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

interface Phases {
  /** ms per notice: new document (fonts registered) */
  create: number;
  /** drawing: renderNotice, or the bare doc.text */
  draw: number;
  /** doc.end() until 'end': fonts subset and embedded, pages written */
  end: number;
}

const PHASE_NOTICES = 200;
/** The supplementary run is this many times longer, to see whether memory grows with the run. */
const LONG_RUN_FACTOR = 4;

/** noticePdf and the bare baseline taken apart with the same building blocks, timed per phase. */
async function timePhases(list: readonly NoticeData[], b: Baseline): Promise<{ notice: Phases; bare: Phases }> {
  const notice: Phases = { create: 0, draw: 0, end: 0 };
  const bare: Phases = { create: 0, draw: 0, end: 0 };
  const finish = async (doc: PDFKit.PDFDocument, into: Phases, t: number) => {
    const ended = once(doc, 'end');
    doc.end();
    await ended;
    into.end += performance.now() - t;
  };
  for (let i = 0; i < PHASE_NOTICES; i++) {
    const d = list[i % list.length]!;
    let t = performance.now();
    const doc = createNoticeDocument();
    doc.on('data', () => undefined);
    notice.create += performance.now() - t;
    t = performance.now();
    renderNotice(doc, d);
    notice.draw += performance.now() - t;
    await finish(doc, notice, performance.now());

    t = performance.now();
    const plain = new PDFDocument({ size: 'A4', margins: b.margins });
    plain.on('data', () => undefined);
    plain.registerFont('body', b.font);
    bare.create += performance.now() - t;
    t = performance.now();
    plain.font('body').fontSize(b.size).text(b.text, { lineGap: b.lineGap });
    bare.draw += performance.now() - t;
    await finish(plain, bare, performance.now());
  }
  const per = (p: Phases): Phases => ({ create: p.create / PHASE_NOTICES, draw: p.draw / PHASE_NOTICES, end: p.end / PHASE_NOTICES });
  return { notice: per(notice), bare: per(bare) };
}

async function runChild(config: BenchConfig, count: number, run: number | 'long'): Promise<NoticeRunChildResult> {
  const file = path.join(config.tmpDir, `notice-run-${run}.pdf`);
  const liveHeap = run === 'long';
  const cfg: NoticeRunChildConfig = { count, seed: config.seed, file, liveHeap };
  const child = fork(path.join(here, 'notices-run-child.ts'), [], {
    execArgv: [...process.execArgv, ...(liveHeap ? ['--expose-gc'] : [])],
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
  /** One longer run (LONG_RUN_FACTOR × count) with the live heap measured after forced collections. */
  long: NoticeRunChildResult | null;
  phases: { notice: Phases; bare: Phases };
}

async function runNotices(config: BenchConfig): Promise<string> {
  const count = noticeCount();
  const busyBefore = await busyShare();
  const data = noticeDataSet(count, config.seed);
  const baseline = await makeBaseline(data[0]!);
  log(`notices: baseline text ${baseline.text.length} characters at ${baseline.size} pt on one A4 page`);
  log(`notices: warm-up (${WARMUP_NOTICES} each way)`);
  await timeLoop(data.slice(0, WARMUP_NOTICES), noticePdf);
  await timeLoop(data.slice(0, WARMUP_NOTICES), () => barePdf(baseline));

  const r: Results = { count, baseline, noticePages: 0, barePages: 0, notice: [], bare: [], noticeBytes: 0, bareBytes: 0, runs: [], long: null, phases: await timePhases(data, baseline) };
  log(`notices: phases per notice (ms): noticePdf ${phaseText(r.phases.notice)}; bare ${phaseText(r.phases.bare)}`);
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
  const longCount = count * LONG_RUN_FACTOR;
  log(`notices: writeNoticeRun of ${formatInt(longCount)} notices with the live heap measured (does memory grow with the run?)`);
  r.long = await runChild(config, longCount, 'long');
  log(`notices: ${formatInt(longCount)} notices in ${seconds(r.long.ms)}, RSS +${mb(r.long.rssPeak - r.long.rssStart)} MB at peak, live heap ${r.long.heapTrail.map(mb).join(' / ')} MB`);
  log(`notices: ratio ${formatRatio(median(r.notice) / median(r.bare))}`);
  return noticesSection(config, r, loadNote(busyBefore, await busyShare()));
}

const phaseText = (p: Phases) => `create ${p.create.toFixed(1)}, draw ${p.draw.toFixed(1)}, end ${p.end.toFixed(1)}`;
const phaseTotal = (p: Phases) => p.create + p.draw + p.end;

const mb = (bytes: number) => (bytes / MB).toFixed(1);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function noticesSection(config: BenchConfig, r: Results, load: string): string {
  const notice = median(r.notice);
  const bare = median(r.bare);
  const ratio = notice / bare;
  const runRate = median(r.runs.map((c) => (r.count / c.ms) * 1000));
  const growth = median(r.runs.map((c) => c.rssPeak - c.rssStart));
  const worstGrowth = Math.max(...r.runs.map((c) => c.rssPeak - c.rssStart));
  const bounded = worstGrowth < MEMORY_BOUND_MB * MB;
  const mid = median(r.runs.map((c) => c.rssTrail[c.rssTrail.length - 1]! - c.rssTrail[1]!));
  const long = longRunGrowth(r);

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
          `${bounded ? 'PASS' : 'FAIL'} (peak growth ${mb(growth)} MB median, ${mb(worstGrowth)} MB worst${long && long.grows ? `; but memory grows with the run, ~${kb(long.bytesPerNotice)} kB per notice, see Findings` : ''})`,
        ],
      ],
    ),
    '',
  );
  if (load) out.push(load, '');
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
    `Against the limit: the peak RSS growth of a ${formatInt(r.count)}-notice run was ${mb(growth)} MB (median; limit ${MEMORY_BOUND_MB} MB, ${bounded ? 'met' : 'NOT met'}), for a file of`,
    `${mb(median(r.runs.map((c) => c.bytes)))} MB. Over the second half of the run the RSS changed by ${mb(mid)} MB (median).`,
    ...(r.long && long
      ? [
          `A supplementary run of ${formatInt(long.count)} notices (once, garbage collection forced at each quarter) had a live heap of`,
          `${r.long.heapTrail.map(mb).join(' / ')} MB after collection at 25 / 50 / 75 / 100 %, that is ${long.bytesPerNotice >= 0 ? '+' : ''}${kb(long.bytesPerNotice)} kB per notice kept, and its RSS`,
          `peaked ${mb(r.long.rssPeak - r.long.rssStart)} MB above the start (${seconds(r.long.ms)}, ${mb(r.long.bytes)} MB file). ${long.grows ? 'So memory is not flat: it grows with the length of the run, slowly (see Findings).' : 'The live heap stays flat: memory does not grow with the length of the run.'}`,
        ]
      : []),
    '',
  );
  const findings = noticeFindings(r, ratio, runRate);
  if (findings.length > 0) out.push('### Findings', '', ...findings, '');
  const ph = r.phases;
  out.push(
    `Where the time of one PDF goes, ms per notice over ${PHASE_NOTICES} notices (the same steps as \`noticePdf\` and the baseline, timed apart):`,
    '',
    markdownTable(
      ['', 'New document, fonts registered', 'Drawing', '`doc.end()`: fonts subset and embedded, written', 'Total'],
      [
        ['`noticePdf` (`createNoticeDocument`, `renderNotice`)', ph.notice.create.toFixed(1), ph.notice.draw.toFixed(1), ph.notice.end.toFixed(1), phaseTotal(ph.notice).toFixed(1)],
        ['Bare pdfkit (`new PDFDocument`, one `doc.text`)', ph.bare.create.toFixed(1), ph.bare.draw.toFixed(1), ph.bare.end.toFixed(1), phaseTotal(ph.bare).toFixed(1)],
      ],
    ),
    '',
  );
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
    '  a 20-notice warm-up; the file is checked with `pdfinfo` (every notice\'s pages present) and removed. Then, once, a run of',
    `  ${LONG_RUN_FACTOR}× as many notices in a process started with \`--expose-gc\`, collecting garbage at each quarter to read the live heap.`,
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

/** Above this many bytes kept per notice, a run's memory is said to grow with its length. */
const GROWTH_PER_NOTICE_LIMIT = 2048;

/** The live heap's growth per notice in the long run, from 25 % to 100 % of it. */
function longRunGrowth(r: Results): { count: number; bytesPerNotice: number; grows: boolean } | null {
  const t = r.long?.heapTrail ?? [];
  if (t.length < 2) return null;
  const count = r.count * LONG_RUN_FACTOR;
  const bytesPerNotice = (t[t.length - 1]! - t[0]!) / (count * 0.75);
  return { count, bytesPerNotice, grows: bytesPerNotice > GROWTH_PER_NOTICE_LIMIT };
}

function noticeFindings(r: Results, ratio: number, runRate: number): string[] {
  const out: string[] = [];
  const notice = median(r.notice);
  const bare = median(r.bare);
  const ph = r.phases;
  if (ratio < TARGET_RATIO) {
    out.push(
      `- **\`noticePdf\`: ${notice.toFixed(1)} PDFs/s, ${formatRatio(ratio)}× bare pdfkit's ${bare.toFixed(1)} (target ≥ ${TARGET_RATIO}×).** One notice takes ${(1000 / notice).toFixed(0)} ms, the bare`,
      `  page ${(1000 / bare).toFixed(0)} ms. Taken apart (table below): drawing ${ph.notice.draw.toFixed(1)} ms against ${ph.bare.draw.toFixed(1)} ms, \`doc.end()\` ${ph.notice.end.toFixed(1)} ms against ${ph.bare.end.toFixed(1)} ms.`,
      '  The notice uses three embedded fonts (regular, bold, italic), the baseline one; pdfkit opens every registered font anew',
      '  in each new PDFDocument (fontkit decodes its tables again, and its per-font cache of word widths starts empty), so',
      '  drawing a notice pays for shaping every word cold in three fonts, and `doc.end()` subsets and embeds three fonts instead',
      '  of one. A CPU profile (`node --cpu-prof`) of `noticePdf` puts most of the drawing time in fontkit: OpenType layout of',
      '  each word (GSUB/GPOS lookups) and restructure decoding of font tables; the notice\'s own code adds `clampLines` (a binary',
      '  search of `heightOfString` to fit user text to a number of lines) and `printable` (a glyph check per grapheme).',
      `  The run (b) shows the per-document part: \`writeNoticeRun\` keeps one document and its fonts for all ${formatInt(r.count)} notices`,
      `  and renders ${runRate.toFixed(1)} notices/s, ${formatRatio(runRate / notice)}× \`noticePdf\`. Not changed here (src/ is out of scope); keeping the`,
      '  parsed fonts between documents, or a single font with synthetic bold, would be where to look.',
    );
  }
  const worst = Math.max(...r.runs.map((c) => c.rssPeak - c.rssStart));
  const long = longRunGrowth(r);
  if (worst >= MEMORY_BOUND_MB * MB || long?.grows) {
    out.push(
      `- **Notice run memory: up to ${mb(worst)} MB peak RSS growth for ${formatInt(r.count)} notices (median ${mb(median(r.runs.map((c) => c.rssPeak - c.rssStart)))} MB; limit ${MEMORY_BOUND_MB} MB: ${worst < MEMORY_BOUND_MB * MB ? 'met' : 'NOT met'}), and it grows with the run${long ? `: ~${kb(long.bytesPerNotice)} kB of live heap per notice` : ''}.**`,
      '  The pages are streamed as the run goes (`flushPages` after each notice, the file written behind it), so it is not the',
      '  PDF that accumulates. What stays is mostly pdfkit\'s layout cache: each embedded font keeps the shaped glyph run of every',
      '  distinct string drawn with it (`layoutCache`) for the life of the document, and every notice brings new ones (case number,',
      '  kenmerk, name, address, amounts, dates); besides, the document keeps a reference per page and an offset per object, and the',
      '  run keeps a cover row per notice. Most of the RSS growth of one run is the V8 heap expanding before it collects (heap',
      `  peak ${mb(median(r.runs.map((c) => c.heapPeak)))} MB${long && r.long ? `; live after collection at the end of the ${formatInt(long.count)}-notice run: ${mb(r.long.heapTrail[r.long.heapTrail.length - 1]!)} MB` : ''}).`,
      `  At ~${long ? kb(long.bytesPerNotice) : '?'} kB per notice a run of 10 000 notices would keep ~${long ? mb(long.bytesPerNotice * 10_000) : '?'} MB more than one of a few. Not changed here (src/ is out`,
      '  of scope); emptying the fonts\' layout caches between notices (or starting a new document per batch) would make it flat.',
    );
  }
  return out;
}

export const notices: BenchmarkDefinition = {
  id: 'notices',
  title: 'Notice rendering',
  run: runNotices,
};
