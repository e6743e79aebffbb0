// Vector chart parts drawn with pdfkit: legends, gridlines with labelled ticks, polylines with
// markers, and a horizontal bar chart with extra value columns (a table and a chart in one).
import type { Ctx } from './pdf-chart-kit.js';
import { label, line, rule, textWidth } from './pdf-chart-kit.js';
import type { Ticks } from './pdf-chart-format.js';
import { niceTicks, count } from './pdf-chart-format.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const TICK = 7;
export const GRID = '#dde3ea';

export interface LegendItem {
  label: string;
  color: string;
  kind: 'bar' | 'line' | 'dash';
}

/** A one-row legend starting at (x, cy); returns the x after the last item. */
export function legend(ctx: Ctx, items: readonly LegendItem[], x: number, cy: number): number {
  const { doc } = ctx;
  let at = x;
  for (const item of items) {
    doc.save();
    if (item.kind === 'bar') doc.rect(at, cy - 4, 10, 8).fill(item.color);
    else {
      if (item.kind === 'dash') doc.dash(3, { space: 2 });
      doc.moveTo(at, cy).lineTo(at + 16, cy).lineWidth(1.6).strokeColor(item.color).stroke();
      if (item.kind === 'line') doc.circle(at + 8, cy, 2.2).fill(item.color);
    }
    doc.restore();
    at = label(ctx, item.label, at + (item.kind === 'bar' ? 14 : 20), cy, { size: 8, color: ctx.L.colors.text }) + 16;
  }
  return at;
}

/** y of value v on a vertical axis over the plot box. */
export function yOf(plot: Box, ticks: Ticks, v: number): number {
  return plot.y + plot.h - (ticks.max > 0 ? (Math.max(0, v) / ticks.max) * plot.h : 0);
}

/** Horizontal gridlines with tick labels on one side (and none on the other when `side` is null). */
export function gridY(ctx: Ctx, plot: Box, ticks: Ticks, format: (v: number) => string, side: 'left' | 'right', color = ctx.L.colors.muted, grid = true): void {
  for (const v of ticks.values) {
    const y = yOf(plot, ticks, v);
    if (grid) rule(ctx, plot.x, y, plot.x + plot.w, v === 0 ? ctx.L.colors.muted : GRID, v === 0 ? 0.8 : 0.5);
    if (side === 'left') label(ctx, format(v), plot.x - 5, y, { size: TICK, color, anchor: 'end' });
    else label(ctx, format(v), plot.x + plot.w + 5, y, { size: TICK, color });
  }
}

export interface Point {
  x: number;
  y: number;
}

/** A line through the points, optionally dashed, with round dots at each point. */
export function polyline(ctx: Ctx, points: readonly Point[], color: string, o: { width?: number; dash?: boolean; dots?: number } = {}): void {
  const { doc } = ctx;
  const [first, ...rest] = points;
  if (!first) return;
  doc.save().lineJoin('round').lineCap('round');
  if (o.dash) doc.dash(4, { space: 2.5 });
  doc.moveTo(first.x, first.y);
  for (const p of rest) doc.lineTo(p.x, p.y);
  doc.lineWidth(o.width ?? 1.5).strokeColor(color).stroke();
  doc.restore();
  if (o.dots) {
    doc.save();
    for (const p of points) doc.circle(p.x, p.y, o.dots).fill(color);
    doc.restore();
  }
}

export interface HBarRow {
  label: string;
  value: number;
  /** Texts of the extra columns right of the bars. */
  cols: string[];
  /** A muted row (the "overige" bucket). */
  muted?: boolean;
}

export interface HBarOptions {
  labelWidth: number;
  /** Widths of the extra right-aligned columns. */
  colWidths: number[];
  headers: { label: string; bar: string; cols: string[] };
  rowHeight: number;
  color: string;
}

/**
 * Horizontal bars, largest first as given: a label column, the bar with its value at the end, and
 * right-aligned value columns, under a header row and over an axis with labelled ticks. Returns the
 * y below the axis labels.
 */
export function hbars(ctx: Ctx, x: number, y: number, width: number, rows: readonly HBarRow[], o: HBarOptions): number {
  const { doc, L } = ctx;
  const colsWidth = o.colWidths.reduce((a, b) => a + b, 0);
  const barX = x + o.labelWidth;
  const maxValue = Math.max(0, ...rows.map((r) => r.value));
  const valueRoom = textWidth(ctx, count(maxValue), 7.5, 'bold') + 8;
  const barW = width - o.labelWidth - colsWidth - valueRoom - 6;
  const ticks = niceTicks(maxValue, barW > 200 ? 5 : 4, true);
  const head = y + 6;
  label(ctx, o.headers.label, x, head, { size: 7.5, font: 'bold', color: L.colors.muted });
  label(ctx, o.headers.bar, barX, head, { size: 7.5, font: 'bold', color: L.colors.muted });
  // Right edges of the value columns, left to right (drawing order is reading order for pdftotext).
  const rights = o.colWidths.map((_, i) => x + width - o.colWidths.slice(i + 1).reduce((a, b) => a + b, 0));
  rights.forEach((right, i) => label(ctx, o.headers.cols[i] ?? '', right, head, { size: 7.5, font: 'bold', color: L.colors.muted, anchor: 'end' }));
  const top = y + 13;
  rule(ctx, x, top, x + width, L.colors.rule, 0.6);
  const plotH = rows.length * o.rowHeight;
  for (let i = 1; i < rows.length; i += 2) {
    doc.save().rect(x, top + i * o.rowHeight, width, o.rowHeight).fill(L.colors.boxFill).restore();
  }
  for (const v of ticks.values) {
    const gx = barX + (ticks.max > 0 ? (v / ticks.max) * barW : 0);
    line(ctx, gx, top, gx, top + plotH, v === 0 ? L.colors.muted : GRID, v === 0 ? 0.8 : 0.5);
    doc.save().moveTo(gx, top + plotH).lineTo(gx, top + plotH + 2.5).lineWidth(0.5).strokeColor(L.colors.muted).stroke().restore();
    label(ctx, count(v), gx, top + plotH + 8, { size: TICK, color: L.colors.muted, anchor: 'middle' });
  }
  const size = o.rowHeight >= 14 ? 8 : 7;
  for (const [i, r] of rows.entries()) {
    const cy = top + i * o.rowHeight + o.rowHeight / 2;
    const color = r.muted ? L.colors.muted : L.colors.text;
    label(ctx, r.label, x + 2, cy, { size, color, max: o.labelWidth - 8 });
    const w = ticks.max > 0 ? (r.value / ticks.max) * barW : 0;
    const bh = Math.min(11, o.rowHeight * 0.62);
    if (w > 0) doc.save().rect(barX, cy - bh / 2, w, bh).fill(r.muted ? L.colors.rule : o.color).restore();
    label(ctx, count(r.value), barX + w + 4, cy, { size, font: 'bold', color: r.muted ? L.colors.muted : L.colors.brand });
    rights.forEach((right, c) => label(ctx, r.cols[c] ?? '', right, cy, { size, color, anchor: 'end', max: (o.colWidths[c] ?? 0) - 4, shrink: 4.5 }));
  }
  rule(ctx, x, top + plotH, x + width, L.colors.rule, 0.6);
  return top + plotH + 16;
}
