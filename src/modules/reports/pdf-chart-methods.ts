// The methods pages (Verantwoording): the cohort rule, the data cut-off, the absence of personal
// data, rounding, the content hash, and a one-line Dutch definition of every field of the JSON
// report, in the words of templates/evaluation.nl.json. Flows onto a second page when needed.
import type { EvaluationReport } from './evaluation.types.js';
import type { Ctx } from './pdf-chart-kit.js';
import { label, measure, pageTitle, rule, text } from './pdf-chart-kit.js';
import { longDate } from './pdf-chart-format.js';
import { fill } from './pdf-chart-template.js';

const BODY = 8.5;
const DEF = 7.8;
const PATH_WIDTH = 168;

export function drawMethodsPages(ctx: Ctx, r: EvaluationReport): void {
  const { doc, L, t } = ctx;
  const m = t.methods;
  const x = ctx.left;
  const w = ctx.width;
  const values = { year: r.year, asOf: longDate(r.asOf), asOfIso: r.asOf };
  doc.addPage();
  let y = pageTitle(ctx, m.title);
  /** Starts a new page when `h` more points do not fit; returns the y to draw at. */
  const room = (h: number): number => {
    if (y + h <= ctx.bottom) return y;
    doc.addPage();
    y = pageTitle(ctx, m.continued);
    return y;
  };
  const heading = (str: string, size = 9.5): void => {
    y = text(ctx, str, x, room(size * 3), { width: w, size, font: 'bold', color: L.colors.brand }) + 2;
  };

  for (const s of m.sections) {
    heading(s.heading);
    const body = fill(s.text, values);
    y = text(ctx, body, x, room(measure(ctx, body, { width: w, size: BODY })), { width: w, size: BODY, lineGap: 1.4 }) + 8;
  }
  heading(m.hashHeading);
  y = text(ctx, m.hashText, x, room(40), { width: w, size: BODY, lineGap: 1.4 }) + 4;
  doc.save().rect(x, y, w, 16).fill(L.colors.boxFill).restore();
  label(ctx, r.contentHash, x + 8, y + 8, { size: 8.5, font: 'mono', color: L.colors.text, max: w - 16 });
  y += 28;

  heading(m.fieldsHeading, 10.5);
  y = text(ctx, m.fieldsIntro, x, room(24), { width: w, size: DEF, color: L.colors.muted, lineGap: 1 }) + 6;
  const defWidth = w - PATH_WIDTH - 4;
  const groupTitle = (title: string): void => {
    y = text(ctx, title, x, y + 2, { width: w, size: 8.5, font: 'bold', color: L.colors.brand }) + 1;
    rule(ctx, x, y, x + w, L.colors.rule, 0.5);
    y += 3;
  };
  for (const group of m.groups) {
    room(40);
    groupTitle(group.title);
    for (const [path, definition] of Object.entries(group.fields)) {
      const h = Math.max(10, measure(ctx, definition, { width: defWidth, size: DEF, lineGap: 0.8 }));
      const page = doc.bufferedPageRange().count;
      room(h + 2);
      if (doc.bufferedPageRange().count !== page) groupTitle(fill(m.groupContinued, { title: group.title }));
      label(ctx, path, x, y + 5, { size: 7, font: 'mono', color: L.colors.brand, max: PATH_WIDTH - 4 });
      text(ctx, definition, x + PATH_WIDTH, y, { width: defWidth, size: DEF, lineGap: 0.8 });
      y += h + 2.2;
    }
    y += 5;
  }
}
