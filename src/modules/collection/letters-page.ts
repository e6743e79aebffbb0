// Page parts of the aanmaning in the look of the beschikking: the same letterhead, envelope window,
// reference column and pay box with EPC QR, at the positions of templates/notice.layout.json.
// pdf-letter.ts keeps its letterhead, window and pay box private, so they are redrawn here from the
// same layout values and primitives (pdf-blocks.ts); keep the two in step.
import { formatCents, type Cents } from '../../domain/money.js';
import type { MunicipalityProfile } from '../reference/reference.types.js';
import { noticeTemplate, type TemplateValues } from '../notices/notice.template.js';
import { mm, noticeLayout } from '../notices/pdf-layout.js';
import type { Ctx } from '../notices/pdf-blocks.js';
import { heading, measure, rows, write, writeOneLine } from '../notices/pdf-blocks.js';
import { drawQr, epcPayload } from '../notices/epc-qr.js';
import type { LetterValues } from './letters-template.js';
import { fillText, fillTextOptional } from './letters-template.js';

/** A drawing context with the notice layout; `t` is the notice's (its page-number wording is reused). */
export function letterContext(doc: PDFKit.PDFDocument, values: LetterValues): Ctx {
  return { doc, L: noticeLayout(), t: noticeTemplate(), v: values as TemplateValues };
}

/** Left edge and width of the text column, in points. */
export function column(ctx: Ctx): { x: number; width: number } {
  const { L } = ctx;
  return { x: mm(L.margins.left), width: mm(L.page.width - L.margins.left - L.margins.right) };
}

/** Logo, sender block top right, and the fold marks for a window envelope. */
export function letterhead(ctx: Ctx): void {
  const { doc, L } = ctx;
  const x = mm(L.logo.x);
  const y = mm(L.logo.y);
  write(ctx, L.logo.small, x, y, { width: mm(80), size: L.sizes.logoSmall, color: L.colors.brand });
  const below = write(ctx, L.logo.large, x, y + L.sizes.logoSmall + 1, { width: mm(80), size: L.sizes.logoLarge, font: 'bold', color: L.colors.brand });
  doc.save().rect(x, below + 2, mm(14), mm(1.1)).fill(L.colors.accent).restore();
  let sy = mm(L.sender.y);
  for (const template of L.sender.lines) {
    const line = fillTextOptional(template, ctx.v as LetterValues);
    if (line === null) continue;
    sy = write(ctx, line, mm(L.sender.x), sy, { width: mm(L.page.width - L.sender.x - L.margins.right), size: L.sizes.sender, color: L.colors.muted, maxLines: 1 });
  }
  for (const at of L.foldMarks) {
    doc.save().moveTo(mm(4), mm(at)).lineTo(mm(8), mm(at)).lineWidth(0.3).strokeColor(L.colors.muted).stroke().restore();
  }
}

/** Return address and the addressee's lines in the envelope window. */
export function addressWindow(ctx: Ctx, lines: readonly string[]): void {
  const { L } = ctx;
  const x = mm(L.window.x);
  const width = mm(L.window.width);
  const y = write(ctx, fillText(L.window.returnAddress, ctx.v as LetterValues), x, mm(L.window.y), { width, size: L.sizes.returnAddress, color: L.colors.muted, maxLines: 1 });
  let ay = y + 4;
  for (const line of lines.slice(0, 5)) ay = writeOneLine(ctx, line, x, ay, width, L.sizes.address, L.sizes.address - 2);
}

/** The reference column right of the window: label above value. */
export function referenceBlock(ctx: Ctx, entries: readonly [string, string][]): void {
  const { L } = ctx;
  const x = mm(L.reference.x);
  const width = mm(L.reference.width);
  let y = mm(L.reference.y);
  for (const [label, value] of entries) {
    y = write(ctx, label, x, y, { width, size: L.sizes.refLabel, color: L.colors.muted, maxLines: 1 });
    y = write(ctx, value, x, y, { width, size: L.sizes.refValue, maxLines: 2 }) + mm(L.reference.rowGap);
  }
}

export interface AmountLine {
  label: string;
  amountCents: Cents;
}

/**
 * The itemised amounts: label left, amount right-aligned in one column, a rule between lines, the
 * total bold on a tinted band under a brand-coloured rule. Returns the y below it.
 */
export function amountsTable(ctx: Ctx, lines: readonly AmountLine[], total: AmountLine, top: number, tableWidth: number): number {
  const { doc, L } = ctx;
  const { x } = column(ctx);
  const size = L.sizes.body;
  const rowH = mm(5);
  const amountWidth = mm(28);
  const labelWidth = tableWidth - amountWidth - mm(4);
  let y = top;
  for (const line of lines) {
    write(ctx, line.label, x + mm(2), y + mm(1.2), { width: labelWidth, size, maxLines: 1 });
    write(ctx, formatCents(line.amountCents), x + tableWidth - amountWidth - mm(2), y + mm(1.2), { width: amountWidth, size, align: 'right', maxLines: 1 });
    y += rowH;
    doc.save().moveTo(x, y).lineTo(x + tableWidth, y).lineWidth(0.4).strokeColor(L.colors.rule).stroke().restore();
  }
  doc.save().rect(x, y, tableWidth, rowH + mm(0.6)).fill(L.colors.boxFill).restore();
  doc.save().moveTo(x, y).lineTo(x + tableWidth, y).lineWidth(1).strokeColor(L.colors.brand).stroke().restore();
  write(ctx, total.label, x + mm(2), y + mm(1.4), { width: labelWidth, size, font: 'bold', maxLines: 1 });
  write(ctx, formatCents(total.amountCents), x + tableWidth - amountWidth - mm(2), y + mm(1.4), { width: amountWidth, size, font: 'bold', align: 'right', maxLines: 1 });
  return y + rowH + mm(0.6);
}

export interface PayBoxText {
  heading: string;
  rows: { label: string; value: string; bold?: boolean }[];
  mentionKenmerk: string;
  qrCaption: string;
}

/** The pay box of the beschikking: payment details left, EPC QR right. Returns the y below it. */
export function payBox(ctx: Ctx, m: MunicipalityProfile, amountCents: Cents, reference: string, text: PayBoxText, top: number): number {
  const { doc, L } = ctx;
  const { x: left, width } = column(ctx);
  const height = mm(L.payBox.height);
  const pad = mm(L.payBox.padding);
  doc.save().roundedRect(left, top, width, height, 3).lineWidth(0.8).fillAndStroke(L.colors.boxFill, L.colors.boxStroke).restore();

  const qrSize = mm(L.payBox.qrSize);
  const qrX = left + width - pad - qrSize;
  const qrY = top + (height - qrSize) / 2;
  drawQr(doc, epcPayload({ bic: m.bic, name: m.creditorName, iban: m.iban, amountCents, remittance: reference }), qrX, qrY, qrSize);

  const x = left + pad;
  const rowsWidth = mm(L.payBox.labelWidth + L.payBox.valueWidth);
  const y = heading(ctx, text.heading, x, top + pad, rowsWidth);
  rows(ctx, text.rows, x, y, mm(L.payBox.labelWidth), rowsWidth, L.sizes.body, 0.6);

  const capX = x + rowsWidth + mm(3);
  const capWidth = qrX - capX - mm(4);
  write(ctx, text.mentionKenmerk, capX, qrY, { width: capWidth, size: L.sizes.small, font: 'bold', maxLines: 4 });
  const capHeight = measure(ctx, text.qrCaption, { width: capWidth, size: L.sizes.small, maxLines: 5 });
  write(ctx, text.qrCaption, capX, qrY + qrSize - capHeight, { width: capWidth, size: L.sizes.small, color: L.colors.muted, maxLines: 5 });
  return top + height;
}
