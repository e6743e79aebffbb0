// The Dutch wording of the fine notice lives in templates/notice.nl.json, so the legal team can
// correct a sentence without a code change (design.md §3: "Dutch wording … in templates/").
// This module loads it once, validates its shape and its placeholders, and fills them in.
import { z } from 'zod';
import { readJson } from '../../shared/paths.js';

const text = z.string().min(1);
const lines = z.array(z.string()).min(1);

const NoticeTemplateSchema = z.strictObject({
  _comment: z.string().optional(),
  metadata: z.strictObject({ title: text, subject: text, runTitle: text, keywords: text }),
  reference: z.strictObject({ date: text, caseNumber: text, kenmerk: text, contact: text, enclosure: text, enclosureValue: text }),
  contactJoiner: text,
  subject: text,
  salutation: text,
  facts: z.strictObject({ offence: text, offenceValue: text, rule: text, when: text, whenValue: text, where: text }),
  decision: text,
  minor: text,
  payHeading: text,
  pay: z.strictObject({ amount: text, dueOn: text, iban: text, bic: text, creditor: text, kenmerk: text, mentionKenmerk: text }),
  qrCaption: text,
  lateHeading: text,
  lateWithCosts: text,
  lateWithoutCosts: text,
  arrangement: text,
  objectionHeading: text,
  objection: text,
  noSuspension: text,
  closing: text,
  signature: lines,
  continuation: text,
  pageOf: text,
  caseFooter: text,
  rapportHeading: text,
  rapportIntro: text,
  rapport: z.strictObject({
    registeredOn: text, badge: text, offender: text, offence: text, rule: text, when: text, where: text, imposedBy: text, amount: text, amountMinor: text,
    observation: text,
  }),
  privacyHeading: text,
  privacy: lines,
  retention: text,
  cover: z.strictObject({
    title: text, run: text, createdOn: text, count: text, total: text, pagesPerNotice: text, tableHeading: text, colNumber: text,
    colCase: text, colKenmerk: text, colAmount: text, totalRow: text, continued: text, internal: text, blankPage: text,
  }),
});

export type NoticeTemplate = z.infer<typeof NoticeTemplateSchema>;

/** Every placeholder a template may use; filled by notice-values in pdf-values.ts (and page/run numbers). */
export const PLACEHOLDERS = [
  'municipalityName', 'bestuursorgaan', 'bestuursorgaanLower', 'bestuursorgaanCapital', 'postalAddress', 'postcode', 'city',
  'phone', 'email', 'website', 'websiteShort', 'contact', 'creditorName', 'iban', 'bic',
  'caseNumber', 'issuedDate', 'dueDate', 'objectionDueDate', 'amount', 'tariff', 'aanmaningCosts', 'kenmerk',
  'surname', 'surnameCapitalized', 'givenNames', 'offenderName', 'offenceCode', 'offenceDescription', 'apvArticle',
  'observedDate', 'observedTime', 'place', 'badgeNumber', 'rapportDate', 'observation', 'retention',
  'page', 'pages', 'runId',
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Partial<Record<Placeholder, string>>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDERS);

/** Thrown for a template file that is malformed or uses an unknown placeholder. */
export class TemplateError extends Error {
  readonly code = 'NOTICE_TEMPLATE_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** Every string in a parsed JSON value, with its path, to check the placeholders in all of them. */
function* strings(value: unknown, at: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${at}[${i}]`);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== '_comment') yield* strings(v, at ? `${at}.${k}` : k);
  }
}

/** Refuses a placeholder no code fills: a typo would otherwise print "{dueDtae}" on thousands of letters. */
export function assertKnownPlaceholders(value: unknown, file: string): void {
  for (const [at, s] of strings(value, '')) {
    for (const m of s.matchAll(PLACEHOLDER)) {
      if (!KNOWN.has(m[1] ?? '')) throw new TemplateError(`${file}: unknown placeholder {${m[1]}} in ${at}`);
    }
  }
}

/** Parses and checks a template; exported for the tests, which feed it broken copies. */
export function parseNoticeTemplate(raw: unknown, file = 'templates/notice.nl.json'): NoticeTemplate {
  const parsed = NoticeTemplateSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new TemplateError(`${file}: ${issues}`);
  }
  assertKnownPlaceholders(parsed.data, file);
  return parsed.data;
}

let cached: NoticeTemplate | undefined;

/** The notice wording, read and validated on first use and then kept (it does not change at run time). */
export function noticeTemplate(): NoticeTemplate {
  cached ??= parseNoticeTemplate(readJson<unknown>('templates', 'notice.nl.json'));
  return cached;
}

// C0 controls except \n, DEL and C1 controls: a stray \f or \v from a copied text would otherwise
// reach the PDF text operators and break the line layout.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
// Bidirectional overrides and isolates ("Trojan Source", CVE-2021-42574) could make a name or an
// observation display in a different order than it is stored; on a legal document text must read
// as stored.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes a user-supplied value safe for the layout. No escaping: pdfkit prints text literally, so
 * `<script>` or `'; DROP TABLE` simply appear as written. Line breaks are kept as \n.
 */
export function sanitizeValue(value: string): string {
  return String(value)
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(CONTROLS, ' ')
    .replace(BIDI, '');
}

/** Fills `{name}` placeholders; a placeholder without a value is a programming error. */
export function fill(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name as Placeholder];
    if (v === undefined) throw new TemplateError(`No value for placeholder ${whole}`);
    return sanitizeValue(v);
  });
}

/** Like fill, but null when a placeholder's value is empty: a letterhead line without a phone number is left out. */
export function fillOptional(template: string, values: TemplateValues): string | null {
  for (const m of template.matchAll(PLACEHOLDER)) {
    const v = values[m[1] as Placeholder];
    if (v === undefined || v.trim() === '') return null;
  }
  return fill(template, values);
}
