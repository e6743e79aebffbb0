// The Dutch wording of the collection letters lives in templates/aanmaning.nl.json and
// templates/handoff.nl.json (design.md §3), like the notice's. Loaded once, checked for shape and
// for unknown placeholders, filled with the notice's fill() so values are sanitised the same way.
import { z } from 'zod';
import { readJson } from '../../shared/paths.js';
import type { TemplateValues } from '../notices/notice.template.js';
import { fill, fillOptional, TemplateError } from '../notices/notice.template.js';

const text = z.string().min(1);

const AanmaningTemplateSchema = z.strictObject({
  _comment: z.string().optional(),
  metadata: z.strictObject({ title: text, runTitle: text, subject: text, keywords: text }),
  reference: z.strictObject({ date: text, caseNumber: text, kenmerk: text, beschikking: text, contact: text }),
  subject: text,
  subtitle: text,
  salutation: text,
  intro: text,
  notPaid: text,
  notFullyPaid: text,
  amounts: z.strictObject({ heading: text, fine: text, costs: text, interest: text, paid: text, total: text }),
  payHeading: text,
  pay: z.strictObject({ amount: text, dueOn: text, iban: text, bic: text, creditor: text, kenmerk: text, mentionKenmerk: text }),
  qrCaption: text,
  nextHeading: text,
  next: text,
  alreadyPaid: text,
  objectionHeading: text,
  objection: text,
  arrangementHeading: text,
  arrangement: text,
  privacy: text,
  closing: text,
  signature: z.array(z.string()).min(1),
  caseFooter: text,
  emptyRun: text,
});

const column = z.strictObject({ label: text, width: z.number().finite().positive() });

const HandOffTemplateSchema = z.strictObject({
  _comment: z.string().optional(),
  metadata: z.strictObject({ title: text, subject: text, keywords: text }),
  title: text,
  subtitle: text,
  confidential: text,
  intro: text,
  summary: z.strictObject({ count: text, total: text }),
  columns: z.strictObject({
    number: column, caseNumber: column, kenmerk: column, name: column, address: column, issuedOn: column,
    aanmaningOn: column, aanmaningDueOn: column, fine: column, costs: column, total: column,
  }),
  totalRow: text,
  totalRowOne: text,
  continued: text,
  handedOver: text,
  received: text,
  csv: z.strictObject({ header: z.array(text).length(10), total: text }),
});

export type AanmaningTemplate = z.infer<typeof AanmaningTemplateSchema>;
export type HandOffTemplate = z.infer<typeof HandOffTemplateSchema>;

/** Placeholders of the aanmaning, filled by aanmaningValues (letters-values.ts). */
export const AANMANING_PLACEHOLDERS = [
  'municipalityName', 'bestuursorgaan', 'bestuursorgaanLower', 'postalAddress', 'postcode', 'city', 'phone', 'email',
  'website', 'websiteShort', 'contact', 'creditorName', 'iban', 'bic', 'caseNumber', 'kenmerk', 'sentDate', 'issuedDate',
  'originalDueDate', 'newDueDate', 'offenceDate', 'offenceCode', 'offenceDescription', 'surnameCapitalized', 'offenderName',
  'fine', 'costs', 'interest', 'total',
] as const;

/** Placeholders of the hand-off list, filled in handoff.render.ts. */
export const HANDOFF_PLACEHOLDERS = [
  'municipalityName', 'bestuursorgaanCapital', 'postalAddress', 'postcode', 'city', 'websiteShort', 'runId', 'asOfDate', 'count',
] as const;

export type LetterValues = Record<string, string>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

function* strings(value: unknown, at: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${at}[${i}]`);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== '_comment') yield* strings(v, at ? `${at}.${k}` : k);
  }
}

function parse<T>(schema: z.ZodType<T>, raw: unknown, file: string, known: readonly string[]): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new TemplateError(`${file}: ${issues}`);
  }
  const allowed = new Set(known);
  for (const [at, s] of strings(parsed.data, '')) {
    for (const m of s.matchAll(PLACEHOLDER)) {
      if (!allowed.has(m[1] ?? '')) throw new TemplateError(`${file}: unknown placeholder {${m[1]}} in ${at}`);
    }
  }
  return parsed.data;
}

export function parseAanmaningTemplate(raw: unknown, file = 'templates/aanmaning.nl.json'): AanmaningTemplate {
  return parse(AanmaningTemplateSchema, raw, file, AANMANING_PLACEHOLDERS);
}

export function parseHandOffTemplate(raw: unknown, file = 'templates/handoff.nl.json'): HandOffTemplate {
  return parse(HandOffTemplateSchema, raw, file, HANDOFF_PLACEHOLDERS);
}

let aanmaning: AanmaningTemplate | undefined;
let handOff: HandOffTemplate | undefined;

export function aanmaningTemplate(): AanmaningTemplate {
  aanmaning ??= parseAanmaningTemplate(readJson<unknown>('templates', 'aanmaning.nl.json'));
  return aanmaning;
}

export function handOffTemplate(): HandOffTemplate {
  handOff ??= parseHandOffTemplate(readJson<unknown>('templates', 'handoff.nl.json'));
  return handOff;
}

/** fill() of the notice (sanitises every value; a missing value is an error) for the letters' own placeholders. */
export function fillText(template: string, values: LetterValues): string {
  return fill(template, values as TemplateValues);
}

export function fillTextOptional(template: string, values: LetterValues): string | null {
  return fillOptional(template, values as TemplateValues);
}
