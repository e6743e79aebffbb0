// The two chart pages of the evaluation: (a) fines and money per month and (b) the collection curve;
// (c) fines by offence and (d) by district. Vector drawings, Dutch labels from the template.
import type { EvaluationReport } from './evaluation.types.js';
import type { Ctx } from './pdf-chart-kit.js';
import { caption, label, line, pageTitle, sectionTitle } from './pdf-chart-kit.js';
import type { Box, HBarRow, Point } from './pdf-chart-draw.js';
import { GRID, TICK, gridY, hbars, legend, polyline, yOf } from './pdf-chart-draw.js';
import type { Ticks } from './pdf-chart-format.js';
import { count, euros, finite, monthIndex, niceTicks, percent, percentTick } from './pdf-chart-format.js';
import { fill } from './pdf-chart-template.js';

export type Curve = readonly { days: number; share: number }[];
const LINE_IMPOSED = '#5f6368';

function chartHead(ctx: Ctx, title: string, text: string, y: number): number {
  return caption(ctx, text, sectionTitle(ctx, title, y)) + 4;
}

function emptyNote(ctx: Ctx, y: number, h: number, year: number): number {
  ctx.doc.save().rect(ctx.left, y, ctx.width, h).fill(ctx.L.colors.boxFill).restore();
  label(ctx, fill(ctx.t.charts.empty, { year }), ctx.left + ctx.width / 2, y + h / 2, { size: 9, color: ctx.L.colors.muted, anchor: 'middle' });
  return y + h + 8;
}

/** (a) Two panels on the same months: fines issued (bars) above, imposed and collected € (lines) below. */
function monthlyChart(ctx: Ctx, r: EvaluationReport, y0: number): number {
  const { doc, L, t } = ctx;
  const c = t.charts.monthly;
  const months = Array.from({ length: 12 }, () => ({ issued: 0, imposed: 0, collected: 0 }));
  for (const m of r.fines.byMonth) {
    const row = months[monthIndex(m.month)];
    if (row) Object.assign(row, { issued: finite(m.issued), imposed: finite(m.imposedCents), collected: finite(m.collectedCents) });
  }
  let y = chartHead(ctx, c.title, c.caption, y0);
  legend(ctx, [{ label: c.bars, color: L.colors.brand, kind: 'bar' }, { label: c.imposed, color: LINE_IMPOSED, kind: 'dash' }, { label: c.collected, color: L.colors.accent, kind: 'line' }], ctx.left, y + 6);
  const x = ctx.left + 44;
  const w = ctx.width - 44 - 4;
  const slot = w / 12;
  const cx = (i: number) => x + slot * i + slot / 2;
  const monthLabels = (base: number) => months.forEach((_, i) => label(ctx, t.months[i] ?? '', cx(i), base + 9, { size: 8, color: L.colors.text, anchor: 'middle' }));

  const bars: Box = { x, y: y + 34, w, h: 100 };
  const counts = niceTicks(Math.max(...months.map((m) => m.issued)) * 1.08, 4, true);
  label(ctx, c.axisLeft, ctx.left, bars.y - 12, { size: TICK, color: L.colors.muted, font: 'italic' });
  gridY(ctx, bars, counts, count, 'left');
  const bw = slot * 0.56;
  for (const [i, m] of months.entries()) {
    const top = yOf(bars, counts, m.issued);
    if (m.issued > 0) doc.save().rect(cx(i) - bw / 2, top, bw, bars.y + bars.h - top).fill(L.colors.brand).restore();
    label(ctx, count(m.issued), cx(i), top - 6, { size: 7, font: 'bold', color: L.colors.brand, anchor: 'middle', max: slot - 2, shrink: 4 });
  }
  monthLabels(bars.y + bars.h);

  const lines: Box = { x, y: bars.y + bars.h + 44, w, h: 100 };
  const cents = niceTicks(Math.max(...months.map((m) => Math.max(m.imposed, m.collected))) / 100, 4, true);
  const ticks: Ticks = { ...cents, max: cents.max * 100 };
  label(ctx, c.axisMoney, ctx.left, lines.y - 12, { size: TICK, color: L.colors.muted, font: 'italic' });
  gridY(ctx, lines, cents, (v) => euros(v * 100), 'left');
  polyline(ctx, months.map((m, i) => ({ x: cx(i), y: yOf(lines, ticks, m.imposed) })), LINE_IMPOSED, { width: 1.3, dash: true });
  const collected = months.map((m, i) => ({ x: cx(i), y: yOf(lines, ticks, m.collected) }));
  polyline(ctx, collected, L.colors.accent, { width: 1.8, dots: 2.2 });
  monthLabels(lines.y + lines.h);
  // The amounts as a small table under the months, so every value is readable without the lines.
  const rows: [string, 'imposed' | 'collected', string][] = [[c.rowImposed, 'imposed', L.colors.muted], [c.rowCollected, 'collected', '#3d7a1f']];
  for (const [k, [name, key, color]] of rows.entries()) {
    const cy = lines.y + lines.h + 22 + k * 10;
    label(ctx, name, ctx.left, cy, { size: 6.5, font: 'bold', color, max: 42 });
    months.forEach((m, i) => label(ctx, euros(m[key]), cx(i), cy, { size: 6.5, color, anchor: 'middle', max: slot - 2, shrink: 4 }));
  }
  y = lines.y + lines.h + 44;
  const late = finite(r.money.collectedCents) - months.reduce((s, m) => s + m.collected, 0);
  if (late > 0) y = caption(ctx, fill(c.late, { year: r.year, amount: euros(late) }), y);
  return y;
}

function shareAt(curve: Curve, day: number): number {
  let share = 0;
  for (const p of curve) if (finite(p.days) <= day) share = finite(p.share);
  return Math.min(1, Math.max(0, share));
}

/** (b) The collection curve: share paid in full by days since the beschikking, 0–365, the 42-day term marked. */
function curveChart(ctx: Ctx, curve: Curve, y0: number): number {
  const { doc, L, t } = ctx;
  const c = t.charts.curve;
  let y = chartHead(ctx, c.title, c.caption, y0);
  legend(ctx, [{ label: c.line, color: L.colors.brand, kind: 'line' }, { label: c.term, color: L.colors.accent, kind: 'dash' }], ctx.left, y + 6);
  y += 34;
  const plot: Box = { x: ctx.left + 30, y, w: ctx.width - 30 - 14, h: 165 };
  const yt: Ticks = { max: 1, step: 0.2, values: [0, 0.2, 0.4, 0.6, 0.8, 1] };
  label(ctx, c.axisY, plot.x - 5, plot.y - 10, { size: TICK, color: L.colors.muted, font: 'italic' });
  gridY(ctx, plot, yt, percentTick, 'left');
  const xOf = (d: number) => plot.x + (Math.min(365, Math.max(0, d)) / 365) * plot.w;
  for (let d = 0; d <= 360; d += 30) {
    if (d > 0) line(ctx, xOf(d), plot.y, xOf(d), plot.y + plot.h, GRID, 0.5);
    label(ctx, String(d), xOf(d), plot.y + plot.h + 8, { size: TICK, color: L.colors.muted, anchor: 'middle' });
  }
  label(ctx, c.axisX, plot.x + plot.w / 2, plot.y + plot.h + 21, { size: TICK, color: L.colors.muted, font: 'italic', anchor: 'middle' });
  const pts: Point[] = [...curve].filter((p) => finite(p.days) >= 0 && finite(p.days) <= 365).sort((a, b) => a.days - b.days)
    .map((p) => ({ x: xOf(p.days), y: yOf(plot, yt, Math.min(1, finite(p.share))) }));
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first && last) {
    doc.save().moveTo(first.x, plot.y + plot.h);
    for (const p of pts) doc.lineTo(p.x, p.y);
    doc.lineTo(last.x, plot.y + plot.h).closePath().fillOpacity(0.1).fill(L.colors.brand).restore();
    polyline(ctx, pts, L.colors.brand, { width: 1.8 });
  }
  const x42 = xOf(42);
  doc.save().dash(3, { space: 2 }).moveTo(x42, plot.y).lineTo(x42, plot.y + plot.h).lineWidth(1.2).strokeColor(L.colors.accent).stroke().restore();
  label(ctx, '42', x42, plot.y + plot.h + 8, { size: TICK, font: 'bold', color: L.colors.accent, anchor: 'middle' });
  const marks: [number, 'start' | 'end'][] = [[42, 'start'], [last ? Math.round((last.x - plot.x) / plot.w * 365) : 365, 'end']];
  for (const [day, anchor] of marks) {
    const share = shareAt(curve, day);
    const p = { x: xOf(day), y: yOf(plot, yt, share) };
    doc.save().circle(p.x, p.y, 2.8).fill(L.colors.brand).restore();
    const ly = anchor === 'start' ? Math.min(p.y + 12, plot.y + plot.h - 8) : p.y - 12 < plot.y + 4 ? p.y + 12 : p.y - 12;
    label(ctx, fill(c.at, { share: percent(share), days: day }), p.x + (anchor === 'start' ? 6 : -4), ly, { size: 8, font: 'bold', color: L.colors.brand, anchor });
  }
  return plot.y + plot.h + 32;
}

export function drawTimelinePage(ctx: Ctx, r: EvaluationReport, curve: Curve): void {
  ctx.doc.addPage();
  const y = pageTitle(ctx, ctx.t.charts.pageTimeline);
  curveChart(ctx, curve, monthlyChart(ctx, r, y) + 14);
}

/** The largest `max` rows, the rest summed into one muted row. */
function topRows<T>(items: readonly T[], max: number, value: (x: T) => number, row: (x: T) => HBarRow, other: (rest: readonly T[]) => HBarRow): HBarRow[] {
  const sorted = [...items].sort((a, b) => value(b) - value(a));
  if (sorted.length <= max) return sorted.map(row);
  return [...sorted.slice(0, max - 1).map(row), { ...other(sorted.slice(max - 1)), muted: true }];
}

/** (c) fines by offence and (d) by district, as horizontal bars with their amounts. */
export function drawBreakdownPage(ctx: Ctx, r: EvaluationReport, offenceNames: ReadonlyMap<string, string>): void {
  const { L, t } = ctx;
  ctx.doc.addPage();
  let y = pageTitle(ctx, t.charts.pageBreakdown);
  const o = t.charts.offences;
  const d = t.charts.districts;
  const sum = (xs: readonly { issued: number }[]) => xs.reduce((s, x) => s + finite(x.issued), 0);
  const offences = topRows(r.fines.byOffence, 20, (x) => finite(x.issued), (x) => ({
    label: [x.offenceCode, offenceNames.get(x.offenceCode)].filter(Boolean).join('  '),
    value: finite(x.issued),
    cols: [euros(x.imposedCents), euros(x.collectedCents)],
  }), (rest) => ({
    label: fill(o.other, { n: rest.length }),
    value: sum(rest),
    cols: [euros(rest.reduce((s, x) => s + finite(x.imposedCents), 0)), euros(rest.reduce((s, x) => s + finite(x.collectedCents), 0))],
  }));
  const total = finite(r.fines.issued);
  const share = (n: number) => percent(total > 0 ? n / total : 0);
  const districts = topRows(r.fines.byDistrict, 24, (x) => finite(x.issued), (x) => ({ label: x.district, value: finite(x.issued), cols: [share(finite(x.issued))] }),
    (rest) => ({ label: fill(d.other, { n: rest.length }), value: sum(rest), cols: [share(sum(rest))] }));
  const rowH = Math.max(11, Math.min(18, 500 / Math.max(1, offences.length + districts.length)));

  y = chartHead(ctx, o.title, o.caption, y);
  if (offences.length === 0) y = emptyNote(ctx, y + 4, 40, r.year);
  else y = hbars(ctx, ctx.left, y, ctx.width, offences, { labelWidth: 215, colWidths: [62, 62], headers: { label: o.colLabel, bar: o.colBar, cols: [o.colImposed, o.colCollected] }, rowHeight: rowH, color: L.colors.brand });
  y = chartHead(ctx, d.title, d.caption, y + 16);
  if (districts.length === 0) emptyNote(ctx, y + 4, 40, r.year);
  else hbars(ctx, ctx.left, y, ctx.width, districts, { labelWidth: 120, colWidths: [60], headers: { label: d.colLabel, bar: d.colBar, cols: [d.colShare] }, rowHeight: rowH, color: L.colors.brand });
}
