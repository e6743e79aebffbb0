// Page 1 of a notice: the beschikking itself. Everything Gemeentewet 154c and Awb 5:52/4:86 require
// on the decision (dagtekening, name, offence with rule, date/time/place, amount, last day, how to
// pay) plus the remedies (Awb 6:5, 6:7, 6:16) fits on this one page, at fixed positions so that
// the address lands in the envelope window. User-supplied text is clamped to a number of lines so
// that nothing can push the page over its bottom edge.
import type { NoticeData } from './notice.types.js';
import { fill, fillOptional } from './notice.template.js';
import { mm } from './pdf-layout.js';
import type { Ctx } from './pdf-blocks.js';
import { heading, measure, rows, write, writeOneLine } from './pdf-blocks.js';
import { addressLines } from './pdf-values.js';
import { drawQr, epcPayload } from './epc-qr.js';

function letterhead(ctx: Ctx): void {
  const { doc, L } = ctx;
  const x = mm(L.logo.x);
  const y = mm(L.logo.y);
  write(ctx, L.logo.small, x, y, { width: mm(80), size: L.sizes.logoSmall, color: L.colors.brand });
  const below = write(ctx, L.logo.large, x, y + L.sizes.logoSmall + 1, { width: mm(80), size: L.sizes.logoLarge, font: 'bold', color: L.colors.brand });
  doc.save().rect(x, below + 2, mm(14), mm(1.1)).fill(L.colors.accent).restore();
  let sy = mm(L.sender.y);
  for (const template of L.sender.lines) {
    const line = fillOptional(template, ctx.v);
    if (line === null) continue;
    sy = write(ctx, line, mm(L.sender.x), sy, { width: mm(L.page.width - L.sender.x - L.margins.right), size: L.sizes.sender, color: L.colors.muted, maxLines: 1 });
  }
  // Fold marks for folding A4 in three into a window envelope.
  for (const at of L.foldMarks) {
    doc.save().moveTo(mm(4), mm(at)).lineTo(mm(8), mm(at)).lineWidth(0.3).strokeColor(L.colors.muted).stroke().restore();
  }
}

function addressWindow(ctx: Ctx, data: NoticeData): void {
  const { L } = ctx;
  const x = mm(L.window.x);
  const width = mm(L.window.width);
  const y = write(ctx, fill(L.window.returnAddress, ctx.v), x, mm(L.window.y), { width, size: L.sizes.returnAddress, color: L.colors.muted, maxLines: 1 });
  let ay = y + 4;
  for (const line of addressLines(data).slice(0, 5)) ay = writeOneLine(ctx, line, x, ay, width, L.sizes.address, L.sizes.address - 2);
}

function referenceBlock(ctx: Ctx): void {
  const { L, t, v } = ctx;
  const x = mm(L.reference.x);
  const width = mm(L.reference.width);
  let y = mm(L.reference.y);
  const entries: [string, string][] = [
    [t.reference.date, fill('{issuedDate}', v)],
    [t.reference.caseNumber, fill('{caseNumber}', v)],
    [t.reference.kenmerk, fill('{kenmerk}', v)],
    [t.reference.contact, fill('{contact}', v)],
    [t.reference.enclosure, t.reference.enclosureValue],
  ];
  for (const [label, value] of entries) {
    y = write(ctx, label, x, y, { width, size: L.sizes.refLabel, color: L.colors.muted, maxLines: 1 });
    y = write(ctx, value, x, y, { width, size: L.sizes.refValue, maxLines: 2 }) + mm(L.reference.rowGap);
  }
}

function payBox(ctx: Ctx, data: NoticeData, top: number): number {
  const { doc, L, t, v } = ctx;
  const left = mm(L.margins.left);
  const width = mm(L.page.width - L.margins.left - L.margins.right);
  const height = mm(L.payBox.height);
  const pad = mm(L.payBox.padding);
  doc.save().roundedRect(left, top, width, height, 3).lineWidth(0.8).fillAndStroke(L.colors.boxFill, L.colors.boxStroke).restore();

  const qrSize = mm(L.payBox.qrSize);
  const qrX = left + width - pad - qrSize;
  const qrY = top + (height - qrSize) / 2;
  const m = data.municipality;
  drawQr(doc, epcPayload({ bic: m.bic, name: m.creditorName, iban: m.iban, amountCents: data.amountCents, remittance: data.paymentReference }), qrX, qrY, qrSize);

  const x = left + pad;
  const rowsWidth = mm(L.payBox.labelWidth + L.payBox.valueWidth);
  const y = heading(ctx, t.payHeading, x, top + pad, rowsWidth);
  const list = [
    { label: t.pay.amount, value: fill('{amount}', v), bold: true },
    { label: t.pay.dueOn, value: fill('{dueDate}', v), bold: true },
    { label: t.pay.iban, value: fill('{iban}', v) },
    ...(m.bic ? [{ label: t.pay.bic, value: fill('{bic}', v) }] : []),
    { label: t.pay.creditor, value: fill('{creditorName}', v) },
    { label: t.pay.kenmerk, value: fill('{kenmerk}', v), bold: true },
  ];
  rows(ctx, list, x, y, mm(L.payBox.labelWidth), rowsWidth, L.sizes.body, 0.6);

  // Between the rows and the QR: the reminder to quote the kenmerk on top, the QR caption below.
  const capX = x + rowsWidth + mm(3);
  const capWidth = qrX - capX - mm(4);
  write(ctx, t.pay.mentionKenmerk, capX, qrY, { width: capWidth, size: L.sizes.small, font: 'bold', maxLines: 4 });
  const capHeight = measure(ctx, t.qrCaption, { width: capWidth, size: L.sizes.small, maxLines: 5 });
  write(ctx, t.qrCaption, capX, qrY + qrSize - capHeight, { width: capWidth, size: L.sizes.small, color: L.colors.muted, maxLines: 5 });
  return top + height;
}

/** Draws page 1 of a notice on the current page. */
export function drawLetter(ctx: Ctx, data: NoticeData): void {
  const { L, t, v } = ctx;
  letterhead(ctx);
  addressWindow(ctx, data);
  referenceBlock(ctx);

  const x = mm(L.margins.left);
  const width = mm(L.page.width - L.margins.left - L.margins.right);
  const body = L.sizes.body;
  const gap = L.paragraphGap;
  const para = (text: string, y: number, maxLines?: number): number => write(ctx, text, x, y, { width, size: body, ...(maxLines ? { maxLines } : {}) }) + gap;

  let y = write(ctx, t.subject, x, mm(L.subjectY), { width, size: L.sizes.title, font: 'bold', color: L.colors.brand, maxLines: 1 });
  y = para(fill(t.salutation, v), mm(L.bodyY), 1);
  y = para(fill(t.decision, v), y, 4);

  // Gemeentewet 154c: a short description of the offence with its designation, date, time, place.
  const f = t.facts;
  y = rows(ctx, [
    { label: f.offence, value: fill(f.offenceValue, v), maxLines: 2 },
    { label: f.rule, value: fill('{apvArticle}', v), maxLines: 1 },
    { label: f.when, value: fill(f.whenValue, v) },
    { label: f.where, value: fill('{place}', v), maxLines: 1 },
  ], x, y, mm(L.factsLabelWidth), width, body, 0.4) + gap - 0.4;

  if (data.reducedForMinor) y = para(fill(t.minor, v), y, 2);

  y = payBox(ctx, data, y + 2) + gap + 2;

  y = heading(ctx, t.lateHeading, x, y, width);
  y = para(`${fill(data.aanmaningCostsCents === null ? t.lateWithoutCosts : t.lateWithCosts, v)} ${fill(t.arrangement, v)}`, y);

  y = heading(ctx, t.objectionHeading, x, y, width);
  y = para(fill(t.objection, v), y);
  y = para(fill(t.noSuspension, v), y);

  y = write(ctx, t.closing, x, y + mm(L.signature.gapBefore), { width, size: body });
  for (const line of t.signature) y = write(ctx, fill(line, v) || ' ', x, y, { width, size: body, maxLines: 1 });
}
