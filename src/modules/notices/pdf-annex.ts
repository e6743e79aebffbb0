// Page 2 of a notice: the copy of the boa's rapport, which Awb 5:48 lid 3 requires to be sent at
// the latest with the beschikking, and the privacy statement (AVG art. 13). The boa's observation
// is free text of any length and is printed in full (a copy must be complete), so this part flows:
// a very long observation continues on a further page of the same notice.
import type { NoticeData } from './notice.types.js';
import { fill } from './notice.template.js';
import { mm } from './pdf-layout.js';
import type { Ctx } from './pdf-blocks.js';
import { heading, measure, rows, write } from './pdf-blocks.js';

export function drawAnnex(ctx: Ctx, data: NoticeData): void {
  const { doc, L, t, v } = ctx;
  const x = mm(L.margins.left);
  const width = mm(L.page.width - L.margins.left - L.margins.right);
  const gap = L.paragraphGap;
  const r = t.rapport;

  let y = write(ctx, t.rapportHeading, x, mm(L.margins.top), { width, size: L.sizes.title, font: 'bold', color: L.colors.brand });
  y = write(ctx, fill(t.rapportIntro, v), x, y + gap, { width, size: L.sizes.body }) + gap;
  y = rows(ctx, [
    { label: r.registeredOn, value: fill('{rapportDate}', v) },
    { label: r.badge, value: fill('{badgeNumber}', v) },
    { label: r.offender, value: fill('{offenderName}', v), maxLines: 2 },
    { label: r.offence, value: fill('{offenceCode} · {offenceDescription}', v), maxLines: 3 },
    { label: r.rule, value: fill('{apvArticle}', v), maxLines: 2 },
    { label: r.when, value: fill(t.facts.whenValue, v) },
    { label: r.where, value: fill('{place}', v), maxLines: 2 },
    { label: r.imposedBy, value: fill('{bestuursorgaanCapital}', v), maxLines: 2 },
    { label: r.amount, value: fill(data.reducedForMinor ? r.amountMinor : '{amount}', v) },
  ], x, y, mm(L.factsLabelWidth), width, L.sizes.body, 0.6) + gap;

  y = heading(ctx, r.observation, x, y, width);
  const observation = fill('{observation}', v).trim() || '-';
  const indent = mm(3);
  const opts = { width: width - indent, size: L.sizes.body };
  const height = measure(ctx, observation, opts);
  // The quote rule is drawn only when the observation fits on this page; a longer one flows on.
  if (y + height <= doc.page.maxY()) {
    doc.save().rect(x, y, 1.6, height).fill(L.colors.accent).restore();
  }
  y = write(ctx, observation, x + indent, y, opts) + gap * 2;

  // The privacy statement is kept in one piece: if it no longer fits below the observation, it
  // starts on a page of its own (still within this notice).
  const paragraphs = t.privacy.map((p) => fill(p, v));
  const privacyHeight = L.sizes.heading * 3 + paragraphs.reduce((h, p) => h + measure(ctx, p, { width, size: L.sizes.small }) + gap * 0.6, 0);
  if (y + privacyHeight > doc.page.maxY()) {
    doc.addPage();
    y = mm(L.margins.top);
  }
  doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(0.4).strokeColor(L.colors.rule).stroke().restore();
  y = write(ctx, t.privacyHeading, x, y + gap, { width, size: L.sizes.heading + 1, font: 'bold', color: L.colors.brand }) + 2;
  for (const p of paragraphs) y = write(ctx, p, x, y, { width, size: L.sizes.small }) + gap * 0.6;
}
