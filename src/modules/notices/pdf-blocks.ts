// Drawing primitives shared by the letter, its annex and the run cover: text at a position with the
// notice fonts, clamping of user-supplied text to a number of lines, labelled rows, footers.
import type { NoticeLayout } from './pdf-layout.js';
import { mm } from './pdf-layout.js';
import type { NoticeTemplate, TemplateValues } from './notice.template.js';
import { fill, fillOptional } from './notice.template.js';
import { FONT, printable } from './pdf-fonts.js';

export interface Ctx {
  doc: PDFKit.PDFDocument;
  L: NoticeLayout;
  t: NoticeTemplate;
  v: TemplateValues;
}

export interface WriteOptions {
  width: number;
  size: number;
  font?: keyof typeof FONT;
  color?: string;
  align?: 'left' | 'right' | 'center' | 'justify';
  /** Cut the text to this many lines, ending in "…" (for user-supplied values on a fixed layout). */
  maxLines?: number;
  lineGap?: number;
}

const ELLIPSIS = '\u2026';

function select(ctx: Ctx, o: WriteOptions): void {
  ctx.doc.font(FONT[o.font ?? 'regular']).fontSize(o.size).fillColor(o.color ?? ctx.L.colors.text);
}

/** Shortens `text` until it takes at most maxLines lines at `width` in the current font. */
export function clampLines(doc: PDFKit.PDFDocument, text: string, width: number, maxLines: number, lineGap: number): string {
  const opts = { width, lineGap };
  const limit = doc.heightOfString(Array.from({ length: maxLines }, () => 'Ag').join('\n'), opts) + 0.5;
  if (doc.heightOfString(text, opts) <= limit) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.heightOfString(`${chars.slice(0, mid).join('').trimEnd()}${ELLIPSIS}`, opts) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}${ELLIPSIS}`;
}

/** Writes text at (x, y) and returns the y below it. */
export function write(ctx: Ctx, text: string, x: number, y: number, o: WriteOptions): number {
  const { doc, L } = ctx;
  select(ctx, o);
  const lineGap = o.lineGap ?? L.lineGap;
  let t = printable(doc, text);
  if (o.maxLines !== undefined) t = clampLines(doc, t, o.width, o.maxLines, lineGap);
  doc.text(t, x, y, { width: o.width, lineGap, align: o.align ?? 'left' });
  return doc.y;
}

/** Height `text` would take, with the same clamping as write. */
export function measure(ctx: Ctx, text: string, o: WriteOptions): number {
  const { doc, L } = ctx;
  select(ctx, o);
  const lineGap = o.lineGap ?? L.lineGap;
  let t = printable(doc, text);
  if (o.maxLines !== undefined) t = clampLines(doc, t, o.width, o.maxLines, lineGap);
  return doc.heightOfString(t, { width: o.width, lineGap });
}

/**
 * One line that must stay one line (a name in the envelope window): the font shrinks down to
 * minSize, then the text is cut with "…". Returns the y below it.
 */
export function writeOneLine(ctx: Ctx, text: string, x: number, y: number, width: number, size: number, minSize: number, font: keyof typeof FONT = 'regular'): number {
  const { doc } = ctx;
  let s = size;
  select(ctx, { width, size: s, font });
  let t = printable(doc, text);
  while (s > minSize && doc.widthOfString(t) > width) {
    s -= 0.5;
    doc.fontSize(s);
  }
  if (doc.widthOfString(t) > width) {
    const chars = [...t];
    while (chars.length > 0 && doc.widthOfString(`${chars.join('')}${ELLIPSIS}`) > width) chars.pop();
    t = `${chars.join('').trimEnd()}${ELLIPSIS}`;
  }
  doc.text(t, x, y, { width, lineBreak: false });
  return y + doc.currentLineHeight(true) + ctx.L.lineGap;
}

export interface Row {
  label: string;
  value: string;
  maxLines?: number;
  bold?: boolean;
}

/** Label/value rows (label in a fixed column); returns the y below the last row. */
export function rows(ctx: Ctx, list: readonly Row[], x: number, y: number, labelWidth: number, width: number, size: number, gap = 1.2): number {
  let at = y;
  for (const r of list) {
    write(ctx, r.label, x, at, { width: labelWidth - 4, size, color: ctx.L.colors.muted, maxLines: 1 });
    const below = write(ctx, r.value, x + labelWidth, at, { width: width - labelWidth, size, font: r.bold ? 'bold' : 'regular', maxLines: r.maxLines ?? 1 });
    at = below + gap;
  }
  return at;
}

export function heading(ctx: Ctx, text: string, x: number, y: number, width: number): number {
  return write(ctx, text, x, y, { width, size: ctx.L.sizes.heading, font: 'bold', color: ctx.L.colors.brand, maxLines: 1 }) + 0.8;
}

/**
 * Footer with the page number, and on follow-on pages a one-line header, drawn after the pages
 * exist (so "pagina 1 van 2" is known). The bottom margin is lifted meanwhile, or pdfkit would
 * start a new page for text below it.
 */
export function pageFurniture(ctx: Ctx, pageNo: number, pages: number, label: string | null, continuation: string | null): void {
  const { doc, L } = ctx;
  const bottom = doc.page.margins.bottom;
  const top = doc.page.margins.top;
  doc.page.margins.bottom = 0;
  doc.page.margins.top = 0;
  const left = mm(L.margins.left);
  const width = mm(L.page.width - L.margins.left - L.margins.right);
  const y = mm(L.footer.y);
  doc.save().moveTo(left, y - 3).lineTo(left + width, y - 3).lineWidth(0.4).strokeColor(L.colors.rule).stroke().restore();
  const line = fillOptional(L.footer.line, ctx.v) ?? `${L.logo.small} ${L.logo.large}`;
  write(ctx, line, left, y, { width: width * 0.7, size: L.sizes.footer, color: L.colors.muted, maxLines: 1 });
  const right = [label, fill(ctx.t.pageOf, { ...ctx.v, page: String(pageNo), pages: String(pages) })].filter((s) => s).join(' · ');
  write(ctx, right, left + width * 0.4, y, { width: width * 0.6, size: L.sizes.footer, color: L.colors.muted, align: 'right', maxLines: 1 });
  if (continuation !== null) {
    write(ctx, continuation, left, mm(L.continuationHeaderY), { width, size: L.sizes.footer, color: L.colors.muted, maxLines: 1 });
  }
  doc.page.margins.bottom = bottom;
  doc.page.margins.top = top;
}
