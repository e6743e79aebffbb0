// Renders aanmaningen (Awb 4:112) for unpaid bestuurlijke boetes as PDF, in the look of the
// beschikking: one aanmaning for download, or a collection run streamed to the printer's file,
// one A4 page per aanmaning (printed single-sided, so each letter is one sheet; no cover, the run
// is the list of cases the collection run already has).
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createNoticeDocument } from '../notices/notice.render.js';
import { clampLines, heading, pageFurniture, write } from '../notices/pdf-blocks.js';
import { FONT, printable } from '../notices/pdf-fonts.js';
import { mm } from '../notices/pdf-layout.js';
import type { AanmaningData } from './letters.types.js';
import type { AanmaningTemplate, LetterValues } from './letters-template.js';
import { aanmaningTemplate, fillText } from './letters-template.js';
import { aanmaningAddress, aanmaningValues, checkAanmaning } from './letters-values.js';
import type { AmountLine } from './letters-page.js';
import { addressWindow, amountsTable, column, letterContext, letterhead, payBox, referenceBlock } from './letters-page.js';

function pageCount(doc: PDFKit.PDFDocument): number {
  const r = doc.bufferedPageRange();
  return r.start + r.count;
}

/** A document for aanmaningen: the notice's (A4, fonts, margins) with the aanmaning's metadata, no personal data. */
function createAanmaningDocument(title: string, t: AanmaningTemplate): PDFKit.PDFDocument {
  const doc = createNoticeDocument(title);
  doc.info.Subject = t.metadata.subject;
  doc.info.Keywords = t.metadata.keywords;
  return doc;
}

function amountLines(data: AanmaningData, t: AanmaningTemplate): AmountLine[] {
  const a = t.amounts;
  const lines: AmountLine[] = [{ label: a.fine, amountCents: data.fineCents }];
  // Awb 4:113: costs are stated when charged; a line of € 0,00 would suggest a charge there is not.
  // Order as the debtor reads it: what was imposed, what came on top, what was paid, the total.
  if (data.costsCents > 0) lines.push({ label: a.costs, amountCents: data.costsCents });
  if (data.interestCents > 0) lines.push({ label: a.interest, amountCents: data.interestCents });
  if (data.paidCents > 0) lines.push({ label: a.paid, amountCents: -data.paidCents });
  return lines;
}

function drawAanmaning(doc: PDFKit.PDFDocument, data: AanmaningData, t: AanmaningTemplate, v: LetterValues): void {
  const ctx = letterContext(doc, v);
  const { L } = ctx;
  const f = (s: string): string => fillText(s, v);
  letterhead(ctx);
  addressWindow(ctx, aanmaningAddress(data));
  const r = t.reference;
  referenceBlock(ctx, [[r.date, v.sentDate ?? ''], [r.caseNumber, v.caseNumber ?? ''], [r.kenmerk, v.kenmerk ?? ''], [r.beschikking, v.issuedDate ?? ''], [r.contact, v.contact ?? '']]);

  const { x, width } = column(ctx);
  const body = L.sizes.body;
  const gap = L.paragraphGap;
  const para = (text: string, at: number, maxLines?: number): number => write(ctx, text, x, at, { width, size: body, ...(maxLines ? { maxLines } : {}) }) + gap;

  let y = write(ctx, t.subject, x, mm(L.subjectY), { width, size: L.sizes.title + 4, font: 'bold', color: L.colors.brand, maxLines: 1 });
  y = write(ctx, f(t.subtitle), x, y + 0.5, { width, size: L.sizes.heading + 0.5, font: 'bold', maxLines: 1 });
  y = para(f(t.salutation), Math.max(y + gap + 1, mm(L.bodyY)), 1);
  // Only the sentence with the offence description (user text) is clamped; the rest is never cut.
  doc.font(FONT.regular).fontSize(body);
  const intro = clampLines(doc, printable(doc, f(t.intro)), width, 3, L.lineGap);
  y = para(`${intro} ${f(data.paidCents > 0 ? t.notFullyPaid : t.notPaid)}`, y);

  y = heading(ctx, t.amounts.heading, x, y, width) + 1;
  y = amountsTable(ctx, amountLines(data, t), { label: t.amounts.total, amountCents: data.totalDueCents }, y, mm(120));

  const p = t.pay;
  const m = data.municipality;
  y = payBox(ctx, m, data.totalDueCents, data.paymentReference, {
    heading: f(t.payHeading),
    rows: [
      { label: p.amount, value: f('{total}'), bold: true },
      { label: p.dueOn, value: f('{newDueDate}'), bold: true },
      { label: p.iban, value: f('{iban}') },
      ...(m.bic ? [{ label: p.bic, value: f('{bic}') }] : []),
      { label: p.creditor, value: f('{creditorName}') },
      { label: p.kenmerk, value: f('{kenmerk}'), bold: true },
    ],
    mentionKenmerk: p.mentionKenmerk,
    qrCaption: t.qrCaption,
  }, y + gap + 2) + gap + 2;

  y = heading(ctx, t.nextHeading, x, y, width);
  y = para(`${f(t.next)} ${f(t.alreadyPaid)}`, y);
  y = heading(ctx, t.arrangementHeading, x, y, width);
  y = para(f(t.arrangement), y);
  y = heading(ctx, t.objectionHeading, x, y, width);
  y = para(f(t.objection), y);
  y = write(ctx, f(t.privacy), x, y, { width, size: L.sizes.small, color: L.colors.muted }) + gap;

  y = write(ctx, t.closing, x, y + mm(L.signature.gapBefore), { width, size: body });
  for (const line of t.signature) y = write(ctx, f(line) || ' ', x, y, { width, size: body, maxLines: 1 });
  pageFurniture(ctx, 1, 1, f(t.caseFooter), null);
}

/**
 * Draws one aanmaning on one new page of `doc` (a document from createNoticeDocument). Refuses
 * inconsistent data (checkAanmaning) and a letter that would run onto a second page.
 */
export function renderAanmaning(doc: PDFKit.PDFDocument, data: AanmaningData): void {
  checkAanmaning(data);
  const t = aanmaningTemplate();
  const v = aanmaningValues(data);
  doc.info.Author = data.municipality.name;
  doc.addPage();
  const page = pageCount(doc);
  drawAanmaning(doc, data, t, v);
  if (pageCount(doc) !== page) throw new Error(`Aanmaning ${data.caseNumber}: the letter does not fit on one page; shorten templates/aanmaning.nl.json`);
}

/** One aanmaning as a PDF file in memory (download, e-mail attachment). */
export async function aanmaningPdf(data: AanmaningData): Promise<Buffer> {
  const doc = createAanmaningDocument(aanmaningTemplate().metadata.title, aanmaningTemplate());
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(doc, 'end');
  try {
    renderAanmaning(doc, data);
  } catch (err) {
    doc.end();
    await ended;
    throw err;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Waits while `out` is slower than rendering, so unsent pages do not pile up (as writeNoticeRun). */
async function relieve(doc: PDFKit.PDFDocument, out: NodeJS.WritableStream, done: Promise<void>): Promise<void> {
  const HIGH_WATER = 4 * 1024 * 1024;
  const readable = doc as unknown as Readable;
  while (readable.readableLength > HIGH_WATER) {
    const needsDrain = (out as { writableNeedDrain?: boolean }).writableNeedDrain === true;
    await Promise.race([needsDrain ? once(out as unknown as Readable, 'drain') : new Promise((r) => setImmediate(r)), done]);
  }
}

/**
 * Streams the aanmaningen of a collection run to `out` as one PDF, one page each, in the order
 * given. Each page is written out before the next item is read, so memory does not grow with the
 * run. A run without items gets one page saying so (a PDF needs a page). Rejects, and destroys
 * `out`, on the first item that cannot be printed: a half run must not reach the post room.
 */
export async function writeAanmaningen(out: NodeJS.WritableStream, items: AsyncIterable<AanmaningData> | Iterable<AanmaningData>): Promise<void> {
  const t = aanmaningTemplate();
  const doc = createAanmaningDocument(t.metadata.runTitle, t);
  const done = pipeline(doc as unknown as Readable, out);
  done.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  try {
    let count = 0;
    for await (const data of items) {
      renderAanmaning(doc, data);
      count += 1;
      doc.flushPages();
      await relieve(doc, out, done);
    }
    if (count === 0) {
      doc.addPage();
      const ctx = letterContext(doc, {});
      const { x, width } = column(ctx);
      write(ctx, t.emptyRun, x, mm(ctx.L.page.height / 2), { width, size: ctx.L.sizes.body, color: ctx.L.colors.muted, align: 'center' });
    }
    doc.end();
  } catch (err) {
    (doc as unknown as Readable).destroy(err as Error);
    await done.catch(() => undefined);
    throw err;
  }
  await done;
}
