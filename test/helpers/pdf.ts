// Reading back the PDFs we render, with the poppler tools a person would use (pdftotext, pdfinfo,
// pdftoppm) and a QR decoder, so the tests check what is printed, not what we meant to print.
import { execFileSync } from 'node:child_process';
import { PNG } from 'pngjs';
import jsQRModule from 'jsqr';

// jsqr ships a UMD bundle with `exports.default`; depending on the loader's CommonJS interop the
// default import is the function itself or the exports object holding it.
type JsQr = typeof jsQRModule.default;
const jsqrExports = jsQRModule as unknown as JsQr | { default: JsQr };
const jsQR: JsQr = typeof jsqrExports === 'function' ? jsqrExports : jsqrExports.default;

const MAX_BUFFER = 256 * 1024 * 1024;

function run(cmd: string, args: string[], input: Buffer): Buffer {
  return execFileSync(cmd, args, { input, maxBuffer: MAX_BUFFER });
}

export interface TextOptions {
  first?: number;
  last?: number;
  /**
   * 'layout' (default) lays the text out as on the page (`pdftotext -layout`), columns side by side;
   * 'raw' keeps the order in which it was drawn (`-raw`), so a sentence in a narrow column stays whole.
   */
  mode?: 'layout' | 'raw';
}

/** The text of the PDF (or of pages first..last). */
export function pdfText(pdf: Buffer, o: TextOptions = {}): string {
  const range = [...(o.first ? ['-f', String(o.first)] : []), ...(o.last ? ['-l', String(o.last)] : [])];
  return run('pdftotext', [o.mode === 'raw' ? '-raw' : '-layout', '-enc', 'UTF-8', ...range, '-', '-'], pdf).toString('utf8');
}

/** The text of every page separately (pdftotext separates pages with a form feed). */
export function pdfPages(pdf: Buffer): string[] {
  const pages = pdfText(pdf).split('\f');
  if (pages.length > 0 && pages[pages.length - 1]?.trim() === '') pages.pop();
  return pages;
}

/** Document properties as pdfinfo prints them (Title, Author, Pages, …). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of run('pdfinfo', ['-'], pdf).toString('utf8').split('\n')) {
    const m = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
    if (m && m[1] !== undefined) out[m[1].trim()] = (m[2] ?? '').trim();
  }
  return out;
}

export function pdfPageCount(pdf: Buffer): number {
  return Number(pdfInfo(pdf).Pages);
}

/** One page rendered to PNG at `dpi` (pdftoppm, 1-based page number). */
export function pdfPagePng(pdf: Buffer, page: number, dpi = 150): Buffer {
  return run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-'], pdf);
}

/** Decodes the (one) QR code on a PNG; null when there is none. Returns the raw bytes as UTF-8 text. */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height, { inversionAttempts: 'dontInvert' });
  if (!code) return null;
  return Buffer.from(code.binaryData).toString('utf8');
}

export interface WordBox {
  text: string;
  /** Millimetres from the top-left corner of the page. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const PT_TO_MM = 25.4 / 72;

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Every word on a page with its box in millimetres (`pdftotext -bbox`), to check positions. */
export function pdfWords(pdf: Buffer, page: number): WordBox[] {
  const html = run('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), '-', '-'], pdf).toString('utf8');
  const words: WordBox[] = [];
  for (const m of html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    words.push({ text: unescapeXml(m[5] ?? ''), xMin: Number(m[1]) * PT_TO_MM, yMin: Number(m[2]) * PT_TO_MM, xMax: Number(m[3]) * PT_TO_MM, yMax: Number(m[4]) * PT_TO_MM });
  }
  return words;
}

/** Text with every run of whitespace made one space, so a sentence wrapped over lines reads as one. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
