// The summary page (Samenvatting): twelve key figures in boxes and the comparison of the pilot
// year with the CJIB years (bestuurlijke strafbeschikking), when the municipality received nothing
// per fine since 2015 (domain.md §1.4, §8.2).
import type { EvaluationReport } from './evaluation.types.js';
import type { Ctx } from './pdf-chart-kit.js';
import { FONTS, caption, label, pageTitle, rule, sectionTitle, text } from './pdf-chart-kit.js';
import { count, days, euros, finite, longDate, money, percent } from './pdf-chart-format.js';
import { legend } from './pdf-chart-draw.js';
import type { FigureKey } from './pdf-chart-template.js';
import { fill } from './pdf-chart-template.js';

interface Figure {
  key: FigureKey;
  value: string;
  note: Record<string, string | number>;
}

function figures(r: EvaluationReport, ctx: Ctx): Figure[] {
  const f = r.fines;
  const m = r.money;
  const tl = r.timeliness;
  const o = r.objections;
  return [
    { key: 'issued', value: count(f.issued), note: { cancelled: count(f.cancelled), minors: count(f.minors) } },
    { key: 'netImposed', value: money(m.netImposedCents), note: { imposed: money(m.imposedCents), cancelledAmount: money(m.cancelledCents) } },
    { key: 'collected', value: money(m.collectedCents), note: { costsCollected: money(m.costsCollectedCents) } },
    { key: 'collectionRate', value: percent(m.collectionRate), note: {} },
    { key: 'outstanding', value: money(m.outstandingCents), note: {} },
    { key: 'paidWithinTerm', value: percent(tl.paidWithinTermShare), note: { paidWithinTerm: count(tl.paidWithinTerm) } },
    { key: 'medianDays', value: days(tl.medianDaysToFullPayment, ctx.t), note: { paidInFull: count(tl.paidInFull) } },
    { key: 'reminders', value: count(r.collection.reminders), note: { paidAfterReminder: count(tl.paidAfterReminder) } },
    { key: 'enforcement', value: count(r.collection.enforcementHandOffs), note: { paidAfterEnforcement: count(tl.paidAfterEnforcement) } },
    { key: 'objections', value: count(o.received), note: { upheld: count(o.upheld), reduced: count(o.reduced), rejected: count(o.rejected), pending: count(o.pending) } },
    { key: 'writtenOff', value: money(m.writtenOffCents), note: { refunded: money(m.refundedCents) } },
    { key: 'paymentPlans', value: count(r.collection.paymentPlans), note: { unallocated: money(m.unallocatedReceiptsCents) } },
  ];
}

function figureBox(ctx: Ctx, fig: Figure, x: number, y: number, w: number, h: number): void {
  const { doc, L, t } = ctx;
  const words = t.summary.figures[fig.key];
  doc.save().rect(x, y, w, h).fill(L.colors.boxFill).restore();
  doc.save().rect(x, y, 3, h).fill(L.colors.brand).restore();
  label(ctx, words.label, x + 10, y + 10, { size: 8, font: 'bold', color: L.colors.muted, max: w - 16 });
  label(ctx, fig.value, x + 10, y + 26, { size: 16, font: 'bold', color: L.colors.brand, max: w - 16, shrink: 8 });
  doc.font(FONTS.regular).fontSize(7.2).fillColor(L.colors.muted);
  doc.text(fill(words.note, fig.note), x + 10, y + 38, { width: w - 16, height: h - 40, ellipsis: true, lineGap: 0.6 });
}

interface TableRow {
  year: string;
  regime: string;
  fines: string;
  imposed: string;
  revenue: string;
  imposedCents: number;
  revenueCents: number;
  pilot?: boolean;
  empty?: boolean;
}

function comparisonTable(ctx: Ctx, rows: readonly TableRow[], y0: number): number {
  const { doc, L, t } = ctx;
  const c = t.summary.comparison;
  const x = ctx.left;
  const w = ctx.width;
  const rowH = 17;
  const cols = { year: x + 8, regime: x + 52, fines: x + 260, imposed: x + 360, revenue: x + w - 8 };
  doc.save().rect(x, y0, w, rowH).fill(L.colors.brand).restore();
  const head = { size: 8, font: 'bold' as const, color: '#ffffff' };
  const mid = y0 + rowH / 2;
  label(ctx, c.colYear, cols.year, mid, head);
  label(ctx, c.colRegime, cols.regime, mid, head);
  label(ctx, c.colFines, cols.fines, mid, { ...head, anchor: 'end' });
  label(ctx, c.colImposed, cols.imposed, mid, { ...head, anchor: 'end' });
  label(ctx, c.colRevenue, cols.revenue, mid, { ...head, anchor: 'end' });
  let y = y0 + rowH;
  for (const [i, row] of rows.entries()) {
    if (row.pilot) {
      doc.save().rect(x, y, w, rowH + 2).fill('#e8f4df').restore();
      rule(ctx, x, y, x + w, L.colors.accent, 1);
    } else if (i % 2 === 1) doc.save().rect(x, y, w, rowH).fill(L.colors.boxFill).restore();
    const h = row.pilot ? rowH + 2 : rowH;
    const cy = y + h / 2;
    const o = { size: 8.5, font: row.pilot ? ('bold' as const) : ('regular' as const), color: L.colors.text };
    if (row.empty) label(ctx, row.regime, cols.year, cy, { ...o, font: 'italic', color: L.colors.muted });
    else {
      label(ctx, row.year, cols.year, cy, o);
      label(ctx, row.regime, cols.regime, cy, o);
      label(ctx, row.fines, cols.fines, cy, { ...o, anchor: 'end', max: cols.fines - cols.regime - 110, shrink: 5 });
      label(ctx, row.imposed, cols.imposed, cy, { ...o, anchor: 'end', max: cols.imposed - cols.fines - 8, shrink: 5 });
      label(ctx, row.revenue, cols.revenue, cy, { ...o, anchor: 'end', max: cols.revenue - cols.imposed - 8, shrink: 5, color: row.pilot ? L.colors.brand : o.color });
    }
    y += h;
  }
  rule(ctx, x, y, x + w, L.colors.brand, 0.8);
  return y;
}

export function drawSummaryPage(ctx: Ctx, r: EvaluationReport): void {
  const { doc, L, t } = ctx;
  doc.addPage();
  let y = pageTitle(ctx, t.summary.title);
  y = text(ctx, fill(t.summary.intro, { year: r.year, asOf: longDate(r.asOf) }), ctx.left, y, { width: ctx.width, size: 9.5, color: L.colors.text, lineGap: 1.5 }) + 12;

  const gap = 8;
  const cols = 3;
  const w = (ctx.width - gap * (cols - 1)) / cols;
  const h = 60;
  for (const [i, fig] of figures(r, ctx).entries()) {
    figureBox(ctx, fig, ctx.left + (i % cols) * (w + gap), y + Math.floor(i / cols) * (h + gap), w, h);
  }
  y += 4 * (h + gap) + 14;

  const c = t.summary.comparison;
  y = sectionTitle(ctx, c.title, y);
  y = text(ctx, c.intro, ctx.left, y, { width: ctx.width, size: 8.5, color: L.colors.text, lineGap: 1.4 }) + 10;
  const baseline = [...r.baseline].sort((a, b) => a.year - b.year);
  const rows: TableRow[] = baseline.length === 0
    ? [{ year: '', regime: c.empty, fines: '', imposed: '', revenue: '', imposedCents: 0, revenueCents: 0, empty: true }]
    : baseline.map((b) => ({ year: String(b.year), regime: c.cjib, fines: count(b.finesIssued), imposed: money(b.imposedCents), revenue: money(b.revenueToMunicipalityCents), imposedCents: finite(b.imposedCents), revenueCents: finite(b.revenueToMunicipalityCents) }));
  rows.push({ year: String(r.year), regime: c.pilot, fines: count(r.fines.issued), imposed: money(r.money.netImposedCents), revenue: money(r.money.collectedCents), imposedCents: finite(r.money.netImposedCents), revenueCents: finite(r.money.collectedCents), pilot: true });
  y = caption(ctx, c.note, comparisonTable(ctx, rows, y) + 8);
  revenueChart(ctx, rows.filter((row) => !row.empty), y + 14);
}

/** Grouped columns per year: imposed beside what reached the municipality (€ 0 in the CJIB years). */
function revenueChart(ctx: Ctx, rows: readonly TableRow[], y0: number): void {
  const { doc, L, t } = ctx;
  const c = t.summary.comparison;
  const plotH = ctx.bottom - y0 - 80;
  if (plotH < 50 || rows.every((row) => row.imposedCents <= 0 && row.revenueCents <= 0)) return;
  let y = text(ctx, c.chartTitle, ctx.left, y0, { width: ctx.width, size: 9.5, font: 'bold', color: L.colors.brand });
  legend(ctx, [{ label: c.chartImposed, color: L.colors.rule, kind: 'bar' }, { label: c.chartRevenue, color: L.colors.accent, kind: 'bar' }], ctx.left, y + 8);
  y += 32;
  const max = Math.max(1, ...rows.flatMap((row) => [row.imposedCents, row.revenueCents]));
  const group = Math.min(110, ctx.width / rows.length);
  const bw = Math.min(40, (group - 12) / 2);
  const base = y + Math.min(plotH, 110);
  rule(ctx, ctx.left, base, ctx.left + group * rows.length, L.colors.muted, 0.8);
  for (const [i, row] of rows.entries()) {
    const gx = ctx.left + group * i + (group - 2 * bw - 4) / 2;
    for (const [k, [value, color]] of ([[row.imposedCents, L.colors.rule], [row.revenueCents, L.colors.accent]] as const).entries()) {
      const h = (value / max) * (base - y);
      const bx = gx + k * (bw + 4);
      if (h > 0) doc.save().rect(bx, base - h, bw, h).fill(color).restore();
      label(ctx, euros(value), bx + bw / 2, base - h - 6, { max: bw + 8, shrink: 4.5, size: 6.8, font: k === 1 ? 'bold' : 'regular', color: k === 1 ? '#3d7a1f' : L.colors.muted, anchor: 'middle' });
    }
    label(ctx, row.year, gx + bw + 2, base + 9, { size: 8, font: row.pilot ? 'bold' : 'regular', color: L.colors.text, anchor: 'middle' });
    label(ctx, row.pilot ? c.chartPilot : c.chartCjib, gx + bw + 2, base + 19, { size: 7, color: L.colors.muted, anchor: 'middle' });
  }
}
