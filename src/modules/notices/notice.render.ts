// Renders fine notices (beschikkingen, Gemeentewet 154b/154c) as PDF: one notice for download, or a
// print run of many that is streamed page by page to the printer's file, with a cover in front.
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { Cents } from '../../domain/money.js';
import type { NoticeData } from './notice.types.js';
import type { TemplateValues } from './notice.template.js';
import { fill, noticeTemplate } from './notice.template.js';
import { mm, noticeLayout } from './pdf-layout.js';
import { registerNoticeFonts } from './pdf-fonts.js';
import type { Ctx } from './pdf-blocks.js';
import { pageFurniture, write } from './pdf-blocks.js';
import { noticeValues } from './pdf-values.js';
import { drawLetter } from './pdf-letter.js';
import { drawAnnex } from './pdf-annex.js';
import type { CoverRow } from './pdf-cover.js';
import { drawCover } from './pdf-cover.js';

export interface NoticeRun {
  runId: number | string;
  createdOn: string;
  notices: AsyncIterable<NoticeData> | Iterable<NoticeData>;
  totalCents: Cents;
  count: number;
}

export interface NoticeRunOptions {
  /**
   * Pad the cover and every notice to an even number of pages (default true). A notice is a letter
   * plus an annex page; printed double-sided without padding, one person's annex would land on the
   * back of the next person's letter.
   */
  duplex?: boolean;
}

/** Thrown when the notices streamed do not add up to the run's count and total. */
export class NoticeRunMismatchError extends Error {
  readonly code = 'NOTICE_RUN_MISMATCH';
  constructor(message: string) {
    super(message);
    this.name = 'NoticeRunMismatchError';
  }
}

/**
 * A document set up for notices: A4, the notice fonts, and metadata without personal data (the
 * title and subject are generic; a PDF's properties are shown and indexed where the letter is not).
 * bufferPages lets a notice number its own pages ("pagina 1 van 2") once they are drawn; the run
 * flushes after every notice, so at most one notice's pages are held in memory.
 */
export function createNoticeDocument(title?: string): PDFKit.PDFDocument {
  const L = noticeLayout();
  const t = noticeTemplate();
  const doc = new PDFDocument({
    size: L.page.size,
    autoFirstPage: false,
    bufferPages: true,
    margins: { top: mm(L.margins.top), right: mm(L.margins.right), bottom: mm(L.margins.bottom), left: mm(L.margins.left) },
    lang: 'nl-NL',
    displayTitle: true,
    info: { Title: title ?? t.metadata.title, Subject: t.metadata.subject, Keywords: t.metadata.keywords },
  });
  registerNoticeFonts(doc, L);
  return doc;
}

function pageCount(doc: PDFKit.PDFDocument): number {
  const r = doc.bufferedPageRange();
  return r.start + r.count;
}

function context(doc: PDFKit.PDFDocument, v: TemplateValues): Ctx {
  return { doc, L: noticeLayout(), t: noticeTemplate(), v };
}

/**
 * Draws one notice starting on the current page, which must be the document's last, empty page
 * (a new page is added when the document has none): page 1 the letter, then the annex with the
 * rapport copy and the privacy statement. The document must buffer pages (createNoticeDocument).
 */
export function renderNotice(doc: PDFKit.PDFDocument, data: NoticeData): void {
  if (!doc.options.bufferPages) throw new Error('renderNotice needs a document with bufferPages: true; use createNoticeDocument()');
  const t = noticeTemplate();
  const ctx = context(doc, noticeValues(data, t));
  registerNoticeFonts(doc, ctx.L);
  doc.info.Author = data.municipality.name;
  if (doc.bufferedPageRange().count === 0) doc.addPage();

  const first = pageCount(doc) - 1;
  drawLetter(ctx, data);
  // The letter is laid out to fit one page whatever the input (user text is clamped); if a template
  // edit breaks that, refuse rather than print a letter whose parts are on the wrong pages.
  if (pageCount(doc) - 1 !== first) throw new Error(`Notice ${data.caseNumber}: the letter does not fit on one page; shorten templates/notice.nl.json`);
  doc.addPage();
  drawAnnex(ctx, data);

  const last = pageCount(doc) - 1;
  const label = fill(t.caseFooter, ctx.v);
  for (let p = first; p <= last; p += 1) {
    doc.switchToPage(p);
    pageFurniture(ctx, p - first + 1, last - first + 1, label, p === first ? null : fill(t.continuation, ctx.v));
  }
  doc.switchToPage(last);
}

/** One notice as a PDF file in memory (for a download or an e-mail attachment). */
export async function noticePdf(data: NoticeData): Promise<Buffer> {
  const doc = createNoticeDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(doc, 'end');
  renderNotice(doc, data);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function blankPage(ctx: Ctx): void {
  const { doc, L, t } = ctx;
  doc.addPage();
  const width = mm(L.page.width - L.margins.left - L.margins.right);
  write(ctx, t.cover.blankPage, mm(L.margins.left), mm(L.page.height / 2), { width, size: L.sizes.small, color: L.colors.muted, align: 'center' });
}

/**
 * The cover is drawn last (only then are the case numbers known without reading the notices twice)
 * and moved to the front of the page tree: page order in a PDF is the order of /Pages /Kids, not the
 * order of the page objects in the file, so the pages already streamed out stay where they are.
 * pdfkit has no public API for this; a test asserts that the cover is page 1.
 */
function movePagesToFront(doc: PDFKit.PDFDocument, count: number): void {
  const kids = (doc as unknown as { _root?: { data?: { Pages?: { data?: { Kids?: unknown } } } } })._root?.data?.Pages?.data?.Kids;
  if (!Array.isArray(kids)) throw new Error('pdfkit internals changed: cannot put the cover in front');
  kids.unshift(...kids.splice(kids.length - count, count));
}

/** Waits while the printer's stream is slower than rendering, so unsent pages do not pile up. */
async function relieve(doc: PDFKit.PDFDocument, out: NodeJS.WritableStream, done: Promise<void>): Promise<void> {
  const HIGH_WATER = 4 * 1024 * 1024;
  const readable = doc as unknown as Readable;
  while (readable.readableLength > HIGH_WATER) {
    const needsDrain = (out as { writableNeedDrain?: boolean }).writableNeedDrain === true;
    await Promise.race([needsDrain ? once(out as unknown as Readable, 'drain') : new Promise((r) => setImmediate(r)), done]);
  }
}

/**
 * Streams a print-ready PDF of a notice run to `out`: a cover listing the run (id, date, count,
 * total, case numbers and amounts), then every notice on its own pages. Each notice's pages are
 * written out before the next is read, so memory does not grow with the size of the run. Resolves
 * when `out` has finished; rejects (and destroys `out`) if the notices do not add up to count and
 * totalCents, since a run that does not match the ledger must not be posted.
 */
export async function writeNoticeRun(out: NodeJS.WritableStream, run: NoticeRun, options: NoticeRunOptions = {}): Promise<void> {
  const duplex = options.duplex ?? true;
  const t = noticeTemplate();
  const doc = createNoticeDocument(t.metadata.runTitle);
  const done = pipeline(doc as unknown as Readable, out);
  done.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled

  try {
    const list: CoverRow[] = [];
    let values: TemplateValues = {};
    let pagesPerNotice: number | null | undefined;
    for await (const data of run.notices) {
      doc.addPage();
      const before = pageCount(doc) - 1;
      renderNotice(doc, data);
      const ctx = context(doc, noticeValues(data, t));
      if (duplex && (pageCount(doc) - before) % 2 === 1) blankPage(ctx);
      const pages = pageCount(doc) - before;
      pagesPerNotice = pagesPerNotice === undefined || pagesPerNotice === pages ? pages : null;
      // Only the municipality's values are kept for the cover's footer, no personal data.
      values = { municipalityName: ctx.v.municipalityName, postalAddress: ctx.v.postalAddress, postcode: ctx.v.postcode, city: ctx.v.city, websiteShort: ctx.v.websiteShort };
      list.push({ caseNumber: data.caseNumber, paymentReference: data.paymentReference, amountCents: data.amountCents });
      doc.flushPages();
      await relieve(doc, out, done);
    }

    const total = list.reduce((sum, r) => sum + r.amountCents, 0);
    if (list.length !== run.count || total !== run.totalCents) {
      throw new NoticeRunMismatchError(`Run ${String(run.runId)}: expected ${run.count} notices totalling ${run.totalCents} cents, got ${list.length} totalling ${total}`);
    }

    const ctx = context(doc, values);
    let coverPages = drawCover(ctx, { runId: run.runId, createdOn: run.createdOn, count: run.count, totalCents: run.totalCents, pagesPerNotice: duplex ? (pagesPerNotice ?? null) : null }, list);
    if (duplex && coverPages % 2 === 1) {
      blankPage(ctx);
      coverPages += 1;
    }
    movePagesToFront(doc, coverPages);
    doc.end();
  } catch (err) {
    (doc as unknown as Readable).destroy(err as Error);
    await done.catch(() => undefined);
    throw err;
  }
  await done;
}
