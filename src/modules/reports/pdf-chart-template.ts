// The wording of the evaluation PDF (templates/evaluation.nl.json), validated once, and the filling
// of its {placeholders}. Every Dutch word printed in the evaluation comes from that file.
import { z } from 'zod';
import { readJson } from '../../shared/paths.js';
import { sanitizeValue } from '../notices/notice.template.js';

const s = z.string().min(1);
const figure = z.strictObject({ label: s, note: s });

const EvaluationTemplateSchema = z.strictObject({
  _comment: z.string().optional(),
  metadata: z.strictObject({ title: s, subject: s, keywords: s }),
  months: z.array(s).length(12),
  footer: s,
  pageOf: s,
  units: z.strictObject({ days: s, day: s, none: s }),
  cover: z.strictObject({
    kicker: s, title: s, subtitle: s, municipality: s, cohort: s, cohortValue: s, asOf: s, generatedAt: s, hash: s,
    contentsTitle: s, aboutTitle: s, about: s,
  }),
  summary: z.strictObject({
    title: s,
    intro: s,
    figures: z.strictObject({
      issued: figure, netImposed: figure, collected: figure, collectionRate: figure, outstanding: figure, paidWithinTerm: figure,
      medianDays: figure, reminders: figure, enforcement: figure, objections: figure, writtenOff: figure, paymentPlans: figure,
    }),
    comparison: z.strictObject({
      title: s, intro: s, colYear: s, colRegime: s, colFines: s, colImposed: s, colRevenue: s, cjib: s, pilot: s, empty: s, chartTitle: s, chartImposed: s, chartRevenue: s, chartCjib: s, chartPilot: s, note: s,
    }),
  }),
  charts: z.strictObject({
    pageTimeline: s,
    pageBreakdown: s,
    monthly: z.strictObject({ title: s, caption: s, bars: s, imposed: s, collected: s, axisLeft: s, axisMoney: s, rowImposed: s, rowCollected: s, late: s }),
    curve: z.strictObject({ title: s, caption: s, axisX: s, axisY: s, term: s, at: s, line: s }),
    offences: z.strictObject({ title: s, caption: s, colLabel: s, colBar: s, colImposed: s, colCollected: s, other: s }),
    districts: z.strictObject({ title: s, caption: s, colLabel: s, colBar: s, colShare: s, other: s }),
    empty: s,
  }),
  methods: z.strictObject({
    title: s,
    continued: s,
    groupContinued: s,
    sections: z.array(z.strictObject({ heading: s, text: s })),
    hashHeading: s,
    hashText: s,
    fieldsHeading: s,
    fieldsIntro: s,
    groups: z.array(z.strictObject({ title: s, fields: z.record(z.string(), s) })),
  }),
});

export type EvaluationTemplate = z.infer<typeof EvaluationTemplateSchema>;
export type FigureKey = keyof EvaluationTemplate['summary']['figures'];

export class EvaluationTemplateError extends Error {
  readonly code = 'EVALUATION_TEMPLATE';
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationTemplateError';
  }
}

/** Parses and checks the wording; exported for the tests. */
export function parseEvaluationTemplate(raw: unknown, file = 'templates/evaluation.nl.json'): EvaluationTemplate {
  const parsed = EvaluationTemplateSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new EvaluationTemplateError(`${file}: ${issues}`);
  }
  return parsed.data;
}

let cached: EvaluationTemplate | undefined;

export function evaluationTemplate(): EvaluationTemplate {
  cached ??= parseEvaluationTemplate(readJson<unknown>('templates', 'evaluation.nl.json'));
  return cached;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** Fills `{name}` placeholders; a placeholder without a value is a programming error. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) throw new EvaluationTemplateError(`No value for placeholder ${whole} in "${template}"`);
    return sanitizeValue(String(v)).replace(/\n+/g, ' ');
  });
}
