// Layout constants of the notice (templates/notice.layout.json), validated once. Lengths in the file
// are millimetres, because the window-envelope position is specified in mm; pdfkit works in points.
import { z } from 'zod';
import { readJson } from '../../shared/paths.js';
import { assertKnownPlaceholders, TemplateError } from './notice.template.js';

const num = z.number().finite();
const pos = z.number().finite().positive();
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/);

const LayoutSchema = z.strictObject({
  _comment: z.string().optional(),
  page: z.strictObject({ size: z.literal('A4'), width: pos, height: pos }),
  margins: z.strictObject({ top: pos, right: pos, bottom: pos, left: pos }),
  fonts: z.strictObject({ package: z.string().min(1), regular: z.string().min(1), bold: z.string().min(1), italic: z.string().min(1) }),
  sizes: z.strictObject({
    logoSmall: pos, logoLarge: pos, sender: pos, returnAddress: pos, address: pos, refLabel: pos, refValue: pos, title: pos,
    heading: pos, body: pos, small: pos, footer: pos, coverTitle: pos, table: pos,
  }),
  lineGap: num,
  paragraphGap: num,
  colors: z.strictObject({ brand: colour, accent: colour, text: colour, muted: colour, rule: colour, boxFill: colour, boxStroke: colour }),
  logo: z.strictObject({ small: z.string(), large: z.string(), x: num, y: num }),
  sender: z.strictObject({ x: num, y: num, lines: z.array(z.string()) }),
  window: z.strictObject({ x: num, y: num, width: pos, height: pos, returnAddress: z.string().min(1) }),
  reference: z.strictObject({ x: num, y: num, width: pos, rowGap: num }),
  foldMarks: z.array(num),
  subjectY: num,
  bodyY: num,
  factsLabelWidth: pos,
  payBox: z.strictObject({ height: pos, padding: pos, qrSize: pos, labelWidth: pos, valueWidth: pos }),
  signature: z.strictObject({ gapBefore: num }),
  footer: z.strictObject({ y: num, line: z.string() }),
  continuationHeaderY: num,
  cover: z.strictObject({ tableTop: num, rowHeight: pos, colCase: num, colKenmerk: num, colAmountRight: num }),
});

export type NoticeLayout = z.infer<typeof LayoutSchema>;

export function parseNoticeLayout(raw: unknown, file = 'templates/notice.layout.json'): NoticeLayout {
  const parsed = LayoutSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new TemplateError(`${file}: ${issues}`);
  }
  assertKnownPlaceholders(parsed.data, file);
  return parsed.data;
}

let cached: NoticeLayout | undefined;

export function noticeLayout(): NoticeLayout {
  cached ??= parseNoticeLayout(readJson<unknown>('templates', 'notice.layout.json'));
  return cached;
}

/** Millimetres to PDF points (1 pt = 1/72 inch). */
export function mm(value: number): number {
  return (value * 72) / 25.4;
}
