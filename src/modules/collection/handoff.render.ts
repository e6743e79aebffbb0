// The hand-off of unpaid fines to the gerechtsdeurwaarder for invordering bij dwangbevel (Awb 4:114
// ff.): a CSV for the bailiff's system (semicolon, BOM, formulas neutralised: Dutch Excel) and a
// print-ready list, A4 landscape in the look of the notices, marked confidential on every page.
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DateTime } from 'luxon';
import { centsToDecimalString, formatCents, type Cents } from '../../domain/money.js';
import { formatKenmerk } from '../../domain/betalingskenmerk.js';
import { toCsv } from '../../shared/csv.js';
import { createNoticeDocument } from '../notices/notice.render.js';
import { noticeTemplate, sanitizeValue, type TemplateValues } from '../notices/notice.template.js';
import { mm, noticeLayout } from '../notices/pdf-layout.js';
import type { Ctx } from '../notices/pdf-blocks.js';
import { measure, pageFurniture, rows, write } from '../notices/pdf-blocks.js';
import { dutchDate, websiteShort } from '../notices/pdf-values.js';
import type { HandOffItem, HandOffList } from './letters.types.js';
import type { HandOffTemplate, LetterValues } from './letters-template.js';
import { fillText, handOffTemplate } from './letters-template.js';

const oneLine = (s: string): string => sanitizeValue(String(s ?? '')).replace(/\s*\n\s*/g, ', ').trim();

/** "150,00": a decimal comma, no currency sign or grouping, so Dutch Excel reads a number. */
const csvEuros = (c: Cents): string => centsToDecimalString(c).replace('.', ',');

function shortDate(date: string): string {
  const dt = DateTime.fromISO(String(date).slice(0, 10));
  return dt.isValid ? dt.toFormat('dd-MM-yyyy') : oneLine(date);
}

function sums(items: readonly HandOffItem[]): { fine: Cents; costs: Cents; total: Cents } {
  return items.reduce((s, i) => ({ fine: s.fine + i.fineCents, costs: s.costs + i.costsCents, total: s.total + i.totalDueCents }), { fine: 0, costs: 0, total: 0 });
}

/**
 * The hand-off as CSV: a header row, one row per case, and a totals row. Dates are YYYY-MM-DD,
 * amounts "1234,56" (a number in Dutch Excel), the kenmerk in groups of four (as text: 16 digits
 * as a number would lose the last one). Text starting with = + - @ gets a leading apostrophe.
 */
export function handOffCsv(list: HandOffList): string {
  const t = handOffTemplate();
  const body = list.items.map((i) => [
    oneLine(i.caseNumber), formatKenmerk(i.paymentReference), oneLine(i.offenderName), oneLine(i.address),
    oneLine(i.issuedOn), oneLine(i.aanmaningOn), oneLine(i.aanmaningDueOn), csvEuros(i.fineCents), csvEuros(i.costsCents), csvEuros(i.totalDueCents),
  ]);
  const s = sums(list.items);
  return toCsv(t.csv.header, [...body, [t.csv.total, '', '', '', '', '', '', csvEuros(s.fine), csvEuros(s.costs), csvEuros(s.total)]]);
}

// A4 landscape, in millimetres; the table's column widths are in the template.
const PAGE = { width: 297, height: 210, top: 13, right: 15, bottom: 16, left: 15, footerY: 199 };

function landscapeContext(doc: PDFKit.PDFDocument, v: LetterValues): Ctx {
  const base = noticeLayout();
  const L = {
    ...base,
    page: { ...base.page, width: PAGE.width, height: PAGE.height },
    margins: { top: PAGE.top, right: PAGE.right, bottom: PAGE.bottom, left: PAGE.left },
    footer: { ...base.footer, y: PAGE.footerY },
  };
  return { doc, L, t: noticeTemplate(), v: v as TemplateValues };
}

type Key = keyof HandOffTemplate['columns'];
const RIGHT: ReadonlySet<Key> = new Set<Key>(['number', 'fine', 'costs', 'total']);

function cells(i: HandOffItem, n: number): Record<Key, string> {
  return {
    number: String(n), caseNumber: oneLine(i.caseNumber), kenmerk: formatKenmerk(i.paymentReference), name: oneLine(i.offenderName),
    address: oneLine(i.address), issuedOn: shortDate(i.issuedOn), aanmaningOn: shortDate(i.aanmaningOn), aanmaningDueOn: shortDate(i.aanmaningDueOn),
    fine: formatCents(i.fineCents), costs: formatCents(i.costsCents), total: formatCents(i.totalDueCents),
  };
}

function drawList(ctx: Ctx, list: HandOffList, t: HandOffTemplate): void {
  const { doc, L } = ctx;
  const f = (s: string): string => fillText(s, ctx.v as LetterValues);
  const x = mm(PAGE.left);
  const width = mm(PAGE.width - PAGE.left - PAGE.right);
  const bottom = mm(PAGE.height - PAGE.bottom);
  const size = L.sizes.table - 0.5;
  const pad = mm(1.2); // left and right of a cell
  const vpad = mm(1.1); // above and below a row
  let lineH = 0;
  const keys = Object.keys(t.columns) as Key[];
  const colX = new Map<Key, number>();
  keys.reduce((at, k) => (colX.set(k, at), at + mm(t.columns[k].width)), x);
  const cellWidth = (k: Key): number => mm(t.columns[k].width) - 2 * pad;
  const cell = (k: Key, text: string, y: number, bold = false, color?: string, maxLines = 1, at = size): number =>
    write(ctx, text, (colX.get(k) ?? x) + pad, y, { width: cellWidth(k), size: at, maxLines, align: RIGHT.has(k) ? 'right' : 'left', ...(bold ? { font: 'bold' as const } : {}), ...(color ? { color } : {}) });

  const newPage = (): number => {
    doc.addPage({ size: 'A4', layout: 'landscape', margins: { top: mm(PAGE.top), right: mm(PAGE.right), bottom: mm(PAGE.bottom), left: mm(PAGE.left) } });
    write(ctx, `${L.logo.small} ${L.logo.large}`, x, mm(PAGE.top), { width: width / 2, size: L.sizes.heading + 1, font: 'bold', color: L.colors.brand, maxLines: 1 });
    const markW = mm(78);
    doc.save().rect(x + width - markW, mm(PAGE.top) - mm(1.5), markW, mm(7)).lineWidth(1).stroke(L.colors.brand).restore();
    write(ctx, t.confidential, x + width - markW, mm(PAGE.top), { width: markW, size: L.sizes.heading + 0.5, font: 'bold', color: L.colors.brand, align: 'center', maxLines: 1 });
    return mm(PAGE.top) + mm(10);
  };
  // Column labels may take two lines; each is set at the bottom of the header band.
  const header = (at: number): number => {
    const heights = keys.map((k) => measure(ctx, t.columns[k].label, { width: cellWidth(k), size: size - 0.5, font: 'bold', maxLines: 2 }));
    const h = Math.max(...heights) + 2 * vpad;
    doc.save().rect(x, at, width, h).fill(L.colors.brand).restore();
    for (const [i, k] of keys.entries()) cell(k, t.columns[k].label, at + h - vpad - (heights[i] ?? 0), true, '#ffffff', 2, size - 0.5);
    return at + h;
  };

  let y = newPage();
  lineH = measure(ctx, 'Ag', { width, size });
  y = write(ctx, t.title, x, y, { width, size: L.sizes.coverTitle, font: 'bold', color: L.colors.brand, maxLines: 1 });
  y = write(ctx, f(t.subtitle), x, y + 1, { width, size: L.sizes.heading + 1, font: 'bold', maxLines: 1 }) + 4;
  y = write(ctx, f(t.intro), x, y, { width: width * 0.72, size: L.sizes.body, maxLines: 3 }) + 4;
  const s = sums(list.items);
  y = rows(ctx, [{ label: t.summary.count, value: String(list.items.length), bold: true }, { label: t.summary.total, value: formatCents(s.total), bold: true }], x, y, mm(42), mm(100), L.sizes.body, 1) + 5;
  y = header(y);

  for (const [n, item] of list.items.entries()) {
    const c = cells(item, n + 1);
    const h = Math.max(measure(ctx, c.name, { width: mm(t.columns.name.width) - 2 * pad, size, maxLines: 2 }), measure(ctx, c.address, { width: mm(t.columns.address.width) - 2 * pad, size, maxLines: 2 }), lineH) + 2 * vpad;
    if (y + h > bottom) y = header(write(ctx, f(t.continued), x, newPage(), { width, size: L.sizes.heading, font: 'bold', color: L.colors.brand, maxLines: 1 }) + 3);
    if (n % 2 === 1) doc.save().rect(x, y, width, h).fill(L.colors.boxFill).restore();
    for (const k of keys) cell(k, c[k], y + vpad, false, k === 'number' ? L.colors.muted : undefined, k === 'name' || k === 'address' ? 2 : 1);
    y += h;
    doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(0.3).strokeColor(L.colors.rule).stroke().restore();
  }

  const totalH = lineH + 2 * vpad;
  if (y + totalH > bottom) y = header(write(ctx, f(t.continued), x, newPage(), { width, size: L.sizes.heading, font: 'bold', color: L.colors.brand, maxLines: 1 }) + 3);
  doc.save().rect(x, y, width, totalH).fill(L.colors.boxFill).restore();
  doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(1).strokeColor(L.colors.brand).stroke().restore();
  write(ctx, f(list.items.length === 1 ? t.totalRowOne : t.totalRow), (colX.get('name') ?? x) + pad, y + vpad, { width: mm(60), size, font: 'bold', maxLines: 1 });
  cell('fine', formatCents(s.fine), y + vpad, true);
  cell('costs', formatCents(s.costs), y + vpad, true);
  cell('total', formatCents(s.total), y + vpad, true);
  y += totalH + mm(8);

  // Signatures for the hand-over of the list: who sent it, which bailiff received it.
  const boxH = mm(20);
  if (y + boxH > bottom) y = newPage() + mm(4);
  const boxW = (width - mm(10)) / 2;
  for (const [i, label] of [t.handedOver, t.received].entries()) {
    const bx = x + i * (boxW + mm(10));
    doc.save().rect(bx, y, boxW, boxH).lineWidth(0.5).stroke(L.colors.rule).restore();
    write(ctx, label, bx + pad, y + pad, { width: boxW - 2 * pad, size: L.sizes.small, color: L.colors.muted, maxLines: 1 });
  }
}

/** Draws the hand-off list on new landscape pages of `doc`, numbered "Pagina x van y". */
export function renderHandOff(doc: PDFKit.PDFDocument, list: HandOffList): void {
  const t = handOffTemplate();
  const m = list.municipality;
  const v: LetterValues = {
    municipalityName: m.name, bestuursorgaanCapital: m.bestuursorgaan.charAt(0).toUpperCase() + m.bestuursorgaan.slice(1), postalAddress: m.postalAddress,
    postcode: m.postcode, city: m.city, websiteShort: websiteShort(m.website), runId: String(list.runId), asOfDate: dutchDate(list.asOf, 'asOf'),
    count: String(list.items.length),
  };
  const ctx = landscapeContext(doc, v);
  doc.info.Author = m.name;
  const first = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
  drawList(ctx, list, t);
  const last = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  const label = `${t.confidential} · ${fillText(t.subtitle, v)}`;
  for (let p = first; p <= last; p += 1) {
    doc.switchToPage(p);
    pageFurniture(ctx, p - first + 1, last - first + 1, label, null);
  }
  doc.switchToPage(last);
}

/** Writes the hand-off list as a print-ready PDF (A4 landscape) to `out`; resolves when `out` has finished. */
export async function writeHandOffPdf(out: NodeJS.WritableStream, list: HandOffList): Promise<void> {
  const t = handOffTemplate();
  const doc = createNoticeDocument(t.metadata.title);
  doc.info.Subject = t.metadata.subject;
  doc.info.Keywords = t.metadata.keywords;
  const done = pipeline(doc as unknown as Readable, out);
  done.catch(() => undefined);
  try {
    renderHandOff(doc, list);
    doc.end();
  } catch (err) {
    (doc as unknown as Readable).destroy(err as Error);
    await done.catch(() => undefined);
    throw err;
  }
  await done;
}

/** The hand-off list as a PDF in memory. */
export async function handOffPdf(list: HandOffList): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(sink, 'end');
  await writeHandOffPdf(sink, list);
  await ended;
  return Buffer.concat(chunks);
}
