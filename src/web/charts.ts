// The geometry of the dashboard's charts, drawn as inline SVG by templates/web/macros/charts.njk:
// no chart library and no script, so a chart is there without JavaScript and prints as it shows.
// Numbers only come out of here; every text is escaped by the template.

/** The drawing area inside a chart's viewBox; the margins hold the axis labels. */
const WIDTH = 400;
const HEIGHT = 240;
const PLOT = { left: 64, right: 8, top: 12, bottom: 28 } as const;
const plotWidth = WIDTH - PLOT.left - PLOT.right;
const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;

export interface Tick {
  /** Position along the axis, in viewBox units. */
  at: number;
  label: string;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Index into the chart's series (its colour). */
  series: number;
}

export interface BarChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  series: string[];
  bars: Bar[];
  xTicks: Tick[];
  yTicks: Tick[];
}

export interface LineChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** An SVG path (`M x y L x y …`). */
  path: string;
  xTicks: Tick[];
  yTicks: Tick[];
}

/** A round step so that about `count` steps cover `max`: 1, 2 or 5 times a power of ten. */
export function niceStep(max: number, count = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  return Math.max(step, Number.EPSILON);
}

const frame = () => ({ width: WIDTH, height: HEIGHT, plot: { left: PLOT.left, right: WIDTH - PLOT.right, top: PLOT.top, bottom: HEIGHT - PLOT.bottom } });
const round = (n: number) => Math.round(n * 10) / 10;

function valueTicks(max: number, format: (n: number) => string): { top: number; ticks: Tick[] } {
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: Tick[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push({ at: round(PLOT.top + plotHeight * (1 - v / top)), label: format(v) });
  return { top, ticks };
}

/**
 * Vertical bars: one group per category (a month), one bar per series in each group, the value
 * axis from zero to a round number above the largest value.
 */
export function barChart(categories: ReadonlyArray<{ label: string; values: readonly number[] }>, series: readonly string[], format: (n: number) => string): BarChart {
  const max = Math.max(0, ...categories.flatMap((c) => c.values));
  const { top, ticks } = valueTicks(max, format);
  const slot = plotWidth / Math.max(1, categories.length);
  const gap = slot * 0.2;
  const barWidth = (slot - gap) / Math.max(1, series.length);
  const bars: Bar[] = [];
  const xTicks: Tick[] = [];
  categories.forEach((c, i) => {
    const start = PLOT.left + i * slot + gap / 2;
    xTicks.push({ at: round(PLOT.left + (i + 0.5) * slot), label: c.label });
    c.values.forEach((v, s) => {
      const height = top > 0 ? (plotHeight * Math.max(0, v)) / top : 0;
      bars.push({ x: round(start + s * barWidth), y: round(PLOT.top + plotHeight - height), width: round(barWidth), height: round(height), series: s });
    });
  });
  return { ...frame(), series: [...series], bars, xTicks, yTicks: ticks };
}

/** A line over x = 0 … xMax and y = 0 … 1 (a share), with the x axis labelled at `xTickEvery`. */
export function shareLineChart(points: ReadonlyArray<{ x: number; y: number }>, xMax: number, xTickEvery: number, formatX: (n: number) => string, formatY: (n: number) => string): LineChart {
  const px = (x: number) => round(PLOT.left + (plotWidth * x) / xMax);
  const py = (y: number) => round(PLOT.top + plotHeight * (1 - Math.min(1, Math.max(0, y))));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(p.x)} ${py(p.y)}`).join(' ');
  const xTicks: Tick[] = [];
  for (let x = 0; x <= xMax; x += xTickEvery) xTicks.push({ at: px(x), label: formatX(x) });
  const yTicks: Tick[] = [0, 0.25, 0.5, 0.75, 1].map((y) => ({ at: py(y), label: formatY(y) }));
  return { ...frame(), path, xTicks, yTicks };
}
