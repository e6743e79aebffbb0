// Drawing primitives of the evaluation PDF: the notice's fonts and colours (templates/notice.layout.json)
// plus DejaVu Sans Mono for the content hash, text at a position, one-line labels that never wrap,
// page titles and the footer with page numbers. Pages are laid out by hand; the document's bottom
// margin is 0, so pdfkit never starts a page on its own.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { NoticeLayout } from '../notices/pdf-layout.js';
import { mm } from '../notices/pdf-layout.js';
import { FONT, printable, registerNoticeFonts } from '../notices/pdf-fonts.js';
import type { EvaluationTemplate } from './pdf-chart-template.js';
import { fill } from './pdf-chart-template.js';

export const FONTS = { ...FONT, mono: 'evaluation-mono' } as const;
export type FontRole = keyof typeof FONTS;

export interface Ctx {
  doc: PDFKit.PDFDocument;
  L: NoticeLayout;
  t: EvaluationTemplate;
  /** Values for the footer line ({year}, {municipality}). */
  v: Record<string, string>;
  left: number;
  width: number;
  top: number;
  /** The lowest y content may reach (above the footer). */
  bottom: number;
}

let mono: Buffer | undefined;

export function registerEvaluationFonts(doc: PDFKit.PDFDocument, L: NoticeLayout): void {
  registerNoticeFonts(doc, L);
  if (!mono) {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve(`${L.fonts.package}/package.json`));
    mono = fs.readFileSync(path.join(dir, path.dirname(L.fonts.regular), 'DejaVuSansMono.ttf'));
  }
  doc.registerFont(FONTS.mono, mono);
}

export function makeCtx(doc: PDFKit.PDFDocument, L: NoticeLayout, t: EvaluationTemplate, v: Record<string, string>): Ctx {
  const left = mm(L.margins.left);
  return { doc, L, t, v, left, width: mm(L.page.width - L.margins.left - L.margins.right), top: mm(L.margins.top), bottom: mm(L.footer.y) - 14 };
}

export interface TextOptions {
  size: number;
  font?: FontRole;
  color?: string;
  width?: number;
  align?: 'left' | 'right' | 'center' | 'justify';
  lineGap?: number;
}

function select(ctx: Ctx, o: TextOptions): void {
  ctx.doc.font(FONTS[o.font ?? 'regular']).fontSize(o.size).fillColor(o.color ?? ctx.L.colors.text);
}

/** A paragraph at (x, y), wrapped at `width`; returns the y below it. */
export function text(ctx: Ctx, str: string, x: number, y: number, o: TextOptions & { width: number }): number {
  select(ctx, o);
  ctx.doc.text(printable(ctx.doc, str), x, y, { width: o.width, lineGap: o.lineGap ?? ctx.L.lineGap, align: o.align ?? 'left' });
  return ctx.doc.y;
}

/** Height of a paragraph as `text` would draw it. */
export function measure(ctx: Ctx, str: string, o: TextOptions & { width: number }): number {
  select(ctx, o);
  return ctx.doc.heightOfString(printable(ctx.doc, str), { width: o.width, lineGap: o.lineGap ?? ctx.L.lineGap });
}

/** Width of one line of text in the given font and size. */
export function textWidth(ctx: Ctx, str: string, size: number, font: FontRole = 'regular'): number {
  ctx.doc.font(FONTS[font]).fontSize(size);
  return ctx.doc.widthOfString(printable(ctx.doc, str));
}

/** Shortens a one-line text with "…" until it fits `max` points. */
export function fitText(ctx: Ctx, str: string, max: number, size: number, font: FontRole = 'regular'): string {
  let t = printable(ctx.doc, str);
  if (textWidth(ctx, t, size, font) <= max) return t;
  const chars = [...t];
  while (chars.length > 0 && textWidth(ctx, `${chars.join('').trimEnd()}\u2026`, size, font) > max) chars.pop();
  t = `${chars.join('').trimEnd()}\u2026`;
  return t;
}

export interface LabelOptions extends TextOptions {
  anchor?: 'start' | 'middle' | 'end';
  /** Cut with "…" to this width. */
  max?: number;
  /** Before cutting, shrink the font down to this size (numbers must never be cut). */
  shrink?: number;
}

/**
 * One line of text that never wraps, placed by its visual middle `cy` and anchored at x (start,
 * middle or end), the way chart labels are placed. Returns the x where the text ends.
 */
export function label(ctx: Ctx, str: string, x: number, cy: number, o: LabelOptions): number {
  const font = o.font ?? 'regular';
  let size = o.size;
  if (o.max !== undefined && o.shrink !== undefined) {
    while (size - 0.25 >= o.shrink && textWidth(ctx, str, size, font) > o.max) size -= 0.25;
  }
  const t = o.max !== undefined ? fitText(ctx, str, o.max, size, font) : printable(ctx.doc, str);
  const w = textWidth(ctx, t, size, font);
  const at = o.anchor === 'end' ? x - w : o.anchor === 'middle' ? x - w / 2 : x;
  select(ctx, { ...o, size });
  ctx.doc.text(t, at, cy - size * 0.6, { lineBreak: false });
  return at + w;
}

export function line(ctx: Ctx, x1: number, y1: number, x2: number, y2: number, color: string, width = 0.5): void {
  ctx.doc.save().moveTo(x1, y1).lineTo(x2, y2).lineWidth(width).strokeColor(color).stroke().restore();
}

/** A horizontal rule. */
export function rule(ctx: Ctx, x1: number, y: number, x2: number, color: string, width = 0.5): void {
  line(ctx, x1, y, x2, y, color, width);
}

/** Page title with an accent rule below; returns the y for the content. */
export function pageTitle(ctx: Ctx, title: string): number {
  const { L } = ctx;
  const y = text(ctx, title, ctx.left, ctx.top, { width: ctx.width, size: 17, font: 'bold', color: L.colors.brand });
  ctx.doc.save().rect(ctx.left, y + 2, 36, 2.2).fill(L.colors.accent).restore();
  return y + 14;
}

/** A section heading; returns the y below it. */
export function sectionTitle(ctx: Ctx, title: string, y: number, x = ctx.left, width = ctx.width): number {
  return text(ctx, title, x, y, { width, size: 11, font: 'bold', color: ctx.L.colors.brand }) + 3;
}

/** A small muted paragraph (chart captions, notes); returns the y below it. */
export function caption(ctx: Ctx, str: string, y: number, x = ctx.left, width = ctx.width): number {
  return text(ctx, str, x, y, { width, size: 8, color: ctx.L.colors.muted, lineGap: 1 });
}

/** Footer on every page, drawn when the page count is known: title and municipality left, page number right. */
export function footers(ctx: Ctx): void {
  const { doc, L, t } = ctx;
  const range = doc.bufferedPageRange();
  const y = mm(L.footer.y);
  for (let p = range.start; p < range.start + range.count; p += 1) {
    doc.switchToPage(p);
    rule(ctx, ctx.left, y - 4, ctx.left + ctx.width, L.colors.rule, 0.4);
    const pageText = fill(t.pageOf, { page: p - range.start + 1, pages: range.count });
    const right = ctx.left + ctx.width;
    const pw = textWidth(ctx, pageText, L.sizes.footer + 0.5);
    label(ctx, pageText, right, y + 3, { size: L.sizes.footer + 0.5, color: L.colors.muted, anchor: 'end' });
    label(ctx, fill(t.footer, ctx.v), ctx.left, y + 3, { size: L.sizes.footer + 0.5, color: L.colors.muted, max: ctx.width - pw - 12 });
  }
}
