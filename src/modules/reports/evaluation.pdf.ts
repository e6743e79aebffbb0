// The year-end evaluation of the BBOOR pilot as a PDF for the council (A4, Dutch): a cover, a
// one-page summary with the key figures and the comparison with the CJIB years, two pages of
// vector charts and the methods (Verantwoording) defining every figure of the JSON report.
// It prints only the aggregated EvaluationReport: no personal data. Wording: templates/evaluation.nl.json.
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { readJson } from '../../shared/paths.js';
import { mm, noticeLayout } from '../notices/pdf-layout.js';
import type { EvaluationReport } from './evaluation.types.js';
import type { Ctx } from './pdf-chart-kit.js';
import { footers, label, makeCtx, registerEvaluationFonts, rule, sectionTitle, text } from './pdf-chart-kit.js';
import { amsterdamDateTime, longDate } from './pdf-chart-format.js';
import { evaluationTemplate, fill } from './pdf-chart-template.js';
import type { Curve } from './pdf-chart-pages.js';
import { drawBreakdownPage, drawTimelinePage } from './pdf-chart-pages.js';
import { drawSummaryPage } from './pdf-chart-summary.js';
import { drawMethodsPages } from './pdf-chart-methods.js';

let names: ReadonlyMap<string, string> | undefined;

/** Short names of the offence codes (db/reference/offences.json), for the chart labels; codes alone if unavailable. */
function offenceNames(): ReadonlyMap<string, string> {
  if (names) return names;
  try {
    const file = readJson<{ offences?: { code?: unknown; shortName?: unknown }[] }>('db', 'reference', 'offences.json');
    names = new Map((file.offences ?? []).flatMap((o) => (typeof o.code === 'string' && typeof o.shortName === 'string' ? [[o.code, o.shortName] as const] : [])));
  } catch {
    names = new Map();
  }
  return names;
}

function createDocument(report: EvaluationReport): { doc: PDFKit.PDFDocument; ctx: Ctx } {
  const L = noticeLayout();
  const t = evaluationTemplate();
  const v = { year: String(report.year), municipality: report.municipality };
  const created = new Date(report.generatedAt);
  const doc = new PDFDocument({
    size: L.page.size,
    autoFirstPage: false,
    bufferPages: true,
    // No bottom margin: every page is laid out by hand, so pdfkit must never break a page itself.
    margins: { top: mm(L.margins.top), right: mm(L.margins.right), bottom: 0, left: mm(L.margins.left) },
    lang: 'nl-NL',
    displayTitle: true,
    info: {
      Title: fill(t.metadata.title, v),
      Subject: fill(t.metadata.subject, v),
      Keywords: t.metadata.keywords,
      Author: report.municipality,
      ...(Number.isNaN(created.getTime()) ? {} : { CreationDate: created }),
    },
  });
  registerEvaluationFonts(doc, L);
  return { doc, ctx: makeCtx(doc, L, t, v) };
}

/** "Gemeente Zoetermeer" as the small and the large line of the letterhead. */
function letterhead(municipality: string): [string, string] {
  const m = /^(Gemeente)\s+(.+)$/i.exec(municipality.trim());
  return m ? [m[1] ?? '', m[2] ?? ''] : ['', municipality];
}

interface Contents {
  title: string;
  first: number;
  last: number;
}

function drawCover(ctx: Ctx, r: EvaluationReport, contents: readonly Contents[]): void {
  const { doc, L, t } = ctx;
  const c = t.cover;
  const x = ctx.left;
  const w = ctx.width;
  const [small, large] = letterhead(r.municipality);
  doc.save().rect(0, 0, doc.page.width, mm(6)).fill(L.colors.brand).restore();
  if (small) text(ctx, small, x, mm(L.logo.y) + 4, { width: w, size: 11, color: L.colors.brand });
  text(ctx, large, x, mm(L.logo.y) + 17, { width: w, size: 22, font: 'bold', color: L.colors.brand });

  let y = text(ctx, fill(c.kicker, { year: r.year }), x, mm(88), { width: w, size: 10, font: 'bold', color: L.colors.accent }) + 8;
  y = text(ctx, fill(c.title, { year: r.year }), x, y, { width: w * 0.85, size: 28, font: 'bold', color: L.colors.brand, lineGap: 2 }) + 10;
  doc.save().rect(x, y, 48, 3).fill(L.colors.accent).restore();
  y = text(ctx, c.subtitle, x, y + 14, { width: w * 0.8, size: 11, color: L.colors.muted, lineGap: 2 }) + 28;

  const rows: [string, string, boolean][] = [
    [c.municipality, r.municipality, false],
    [c.cohort, fill(c.cohortValue, { year: r.year }), false],
    [c.asOf, longDate(r.asOf), false],
    [c.generatedAt, amsterdamDateTime(r.generatedAt), false],
    [c.hash, r.contentHash, true],
  ];
  for (const [name, value, hash] of rows) {
    label(ctx, name, x, y + 6, { size: 9, color: L.colors.muted });
    label(ctx, value, x + 120, y + 6, { size: hash ? 8 : 10.5, font: hash ? 'mono' : 'bold', color: L.colors.text, max: w - 120 });
    rule(ctx, x, y + 15, x + w, L.colors.rule, 0.4);
    y += 21;
  }

  const boxY = mm(232);
  const boxH = mm(42);
  doc.save().rect(x, boxY, w, boxH).fill(L.colors.boxFill).restore();
  doc.save().rect(x, boxY, 3, boxH).fill(L.colors.brand).restore();
  const col = (w - 40) / 2;
  let cy = sectionTitle(ctx, c.contentsTitle, boxY + 12, x + 16, col);
  for (const item of contents) {
    label(ctx, item.title, x + 16, cy + 6, { size: 9, color: L.colors.text, max: col - 30 });
    label(ctx, item.first === item.last ? String(item.first) : `${item.first}\u2013${item.last}`, x + 16 + col, cy + 6, { size: 9, font: 'bold', color: L.colors.brand, anchor: 'end' });
    cy += 16;
  }
  const ax = x + 32 + col;
  text(ctx, c.about, ax, sectionTitle(ctx, c.aboutTitle, boxY + 12, ax, col), { width: col - 8, size: 8.5, color: L.colors.text, lineGap: 1.5 });
}

function pageNumber(doc: PDFKit.PDFDocument): number {
  const r = doc.bufferedPageRange();
  return r.start + r.count;
}

function render(doc: PDFKit.PDFDocument, ctx: Ctx, report: EvaluationReport, curve: Curve): void {
  const t = ctx.t;
  doc.addPage();
  const contents: Contents[] = [];
  const section = (title: string, draw: () => void): void => {
    const first = pageNumber(doc) + 1;
    draw();
    contents.push({ title, first, last: pageNumber(doc) });
  };
  section(t.summary.title, () => drawSummaryPage(ctx, report));
  section(t.charts.pageTimeline, () => drawTimelinePage(ctx, report, curve));
  section(t.charts.pageBreakdown, () => drawBreakdownPage(ctx, report, offenceNames()));
  section(t.methods.title, () => drawMethodsPages(ctx, report));
  doc.switchToPage(0);
  drawCover(ctx, report, contents);
  footers(ctx);
}

/** The evaluation as a PDF in memory. `curve` is the service's collectionCurve(year, asOf). */
export async function evaluationPdf(report: EvaluationReport, curve: { days: number; share: number }[]): Promise<Buffer> {
  const { doc, ctx } = createDocument(report);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(doc, 'end');
  render(doc, ctx, report, curve);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Streams the evaluation PDF to `out` (a file or an HTTP response); resolves when `out` has finished. */
export async function writeEvaluationPdf(out: NodeJS.WritableStream, report: EvaluationReport, curve: { days: number; share: number }[]): Promise<void> {
  const { doc, ctx } = createDocument(report);
  const done = pipeline(doc as unknown as Readable, out);
  done.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  try {
    render(doc, ctx, report, curve);
    doc.end();
  } catch (err) {
    (doc as unknown as Readable).destroy(err as Error);
    await done.catch(() => undefined);
    throw err;
  }
  await done;
}
