// Fonts of the notice. pdfkit's built-in Helvetica is limited to WinAnsi: "Łukasz Świątek" or
// "Şükrü" printed as garbage in a test here, and Awb 5:52 requires the offender's name on the
// beschikking, so a Unicode TrueType font (DejaVu, npm package dejavu-fonts-ttf) is embedded;
// pdfkit subsets it, so only the glyphs used end up in the file.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { NoticeLayout } from './pdf-layout.js';

export const FONT = { regular: 'notice-regular', bold: 'notice-bold', italic: 'notice-italic' } as const;
type Role = keyof typeof FONT;

let buffers: Record<Role, Buffer> | undefined;

function fontBuffers(layout: NoticeLayout): Record<Role, Buffer> {
  if (buffers) return buffers;
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve(`${layout.fonts.package}/package.json`));
  const read = (file: string): Buffer => fs.readFileSync(path.join(dir, file));
  buffers = { regular: read(layout.fonts.regular), bold: read(layout.fonts.bold), italic: read(layout.fonts.italic) };
  return buffers;
}

/** Registers the notice fonts on a document (read from disk once per process, not per notice). */
export function registerNoticeFonts(doc: PDFKit.PDFDocument, layout: NoticeLayout): void {
  const b = fontBuffers(layout);
  for (const role of Object.keys(FONT) as Role[]) doc.registerFont(FONT[role], b[role]);
}

interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/**
 * The current font's glyph table. pdfkit keeps the fontkit font of an embedded TrueType font in
 * `_font.font`; there is no public accessor. The tests assert that an emoji is replaced, so a pdfkit
 * upgrade that moves this field fails loudly instead of printing empty boxes.
 */
function currentGlyphs(doc: PDFKit.PDFDocument): GlyphSource | null {
  const font = (doc as unknown as { _font?: { font?: Partial<GlyphSource> } })._font?.font;
  return font && typeof font.hasGlyphForCodePoint === 'function' ? (font as GlyphSource) : null;
}

const REPLACEMENT = '\ufffd';
// Zero-width joiners and variation selectors only shape their neighbours; they do not decide
// whether a grapheme can be drawn.
const isShaping = (cp: number): boolean => cp === 0x200c || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f);
const graphemes = new Intl.Segmenter('nl', { granularity: 'grapheme' });

/**
 * Replaces each grapheme the current font cannot draw (an emoji, a Chinese character) by U+FFFD,
 * so the reader sees that something was there instead of an invisible .notdef glyph. A whole emoji
 * sequence (🤷‍♀️ is four code points) becomes one U+FFFD; consecutive ones collapse. Line breaks are kept.
 */
export function printable(doc: PDFKit.PDFDocument, text: string): string {
  const glyphs = currentGlyphs(doc);
  if (!glyphs) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const drawable = [...segment].every((ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      return cp === 0x0a || cp === 0x20 || isShaping(cp) || glyphs.hasGlyphForCodePoint(cp);
    });
    if (drawable) out += segment;
    else if (!out.endsWith(REPLACEMENT)) out += REPLACEMENT;
  }
  return out;
}
