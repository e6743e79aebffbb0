// Bytes in, text out, a chunk at a time: nothing here ever holds more than one chunk plus a
// partial line or a partial UTF-8 sequence, so a 1,000,000-line statement streams in flat memory.

export type ByteSource = NodeJS.ReadableStream | AsyncIterable<Buffer | Uint8Array | string>;

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new TypeError(`A statement stream must yield bytes, got ${typeof chunk}`);
}

/** The first bytes of a stream (for detection) and an iterator over everything, those bytes included. */
export interface PeekedSource {
  head: Buffer;
  all: AsyncGenerator<Buffer>;
}

/** Reads until `minBytes` are buffered (or the stream ends) without losing what follows. */
export async function peekBytes(source: ByteSource, minBytes: number): Promise<PeekedSource> {
  const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < minBytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const buf = toBuffer(next.value);
    chunks.push(buf);
    size += buf.length;
  }
  const head = Buffer.concat(chunks, size);
  async function* all(): AsyncGenerator<Buffer> {
    try {
      // The chunks as they came, not the joined head: parsers see the same boundaries either way.
      while (chunks.length > 0) yield chunks.shift() as Buffer;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield toBuffer(next.value);
      }
    } finally {
      // A consumer that stops early (or fails) releases the underlying stream.
      if (!done) await iterator.return?.();
    }
  }
  return { head, all: all() };
}

let cp1252Table: string | undefined;
/** Windows-1252 for every byte value, from Node's own decoder (no iconv needed). */
function cp1252(): string {
  cp1252Table ??= new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  return cp1252Table;
}

/** Length of a valid UTF-8 sequence at `i`, 0 when invalid, -1 when cut off by the end of `buf`. */
function utf8SequenceLength(buf: Buffer, i: number): number {
  const b = buf[i] ?? 0;
  if (b < 0x80) return 1;
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) n = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    n = 3;
    if (b === 0xe0) lo = 0xa0; // overlong
    if (b === 0xed) hi = 0x9f; // surrogates
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 4;
    if (b === 0xf0) lo = 0x90;
    if (b === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k < n; k += 1) {
    if (i + k >= buf.length) return -1;
    const c = buf[i + k] ?? 0;
    const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
    if (c < min || c > max) return 0;
  }
  return n;
}

/**
 * UTF-8 that falls back to Windows-1252 byte by byte where the bytes are not UTF-8. Detection only
 * sees the first 64 KiB; an ING export that is plain ASCII there and has "Hélène" on row 90,000 is
 * Windows-1252 after all, and must not turn into U+FFFD.
 */
export class LenientUtf8Decoder {
  private pending: Buffer = Buffer.alloc(0);
  private readonly strict = new TextDecoder('utf-8', { fatal: true });

  decode(chunk: Buffer, final = false): string {
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let end = buf.length;
    if (!final) {
      // Keep an incomplete sequence at the end for the next chunk.
      for (let i = Math.max(0, buf.length - 3); i < buf.length; i += 1) {
        if ((buf[i] ?? 0) >= 0xc0 && utf8SequenceLength(buf, i) === -1) {
          end = i;
          break;
        }
      }
    }
    this.pending = Buffer.from(buf.subarray(end));
    const body = buf.subarray(0, end);
    try {
      return this.strict.decode(body);
    } catch {
      return this.slowDecode(body);
    }
  }

  private slowDecode(buf: Buffer): string {
    const table = cp1252();
    let out = '';
    let runStart = 0;
    let i = 0;
    while (i < buf.length) {
      const n = utf8SequenceLength(buf, i);
      if (n > 0) {
        i += n;
        continue;
      }
      out += buf.toString('utf8', runStart, i) + (table[buf[i] ?? 0] ?? '\ufffd');
      i += 1;
      runStart = i;
    }
    return out + buf.toString('utf8', runStart, i);
  }
}

/** Decodes a byte stream as the detected encoding, skipping the byte order mark detection found. */
export async function* decodeText(bytes: AsyncIterable<Buffer>, encoding: 'utf-8' | 'windows-1252', bom = false): AsyncGenerator<string> {
  let skip = bom ? 3 : 0; // the BOM may itself arrive split over chunks
  const cp = encoding === 'windows-1252' ? new TextDecoder('windows-1252') : undefined;
  const utf8 = new LenientUtf8Decoder();
  for await (const raw of bytes) {
    const chunk = skip > 0 ? raw.subarray(Math.min(skip, raw.length)) : raw;
    skip -= raw.length - chunk.length;
    const text = cp ? cp.decode(chunk, { stream: true }) : utf8.decode(chunk);
    if (text !== '') yield text;
  }
  const rest = cp ? cp.decode() : utf8.decode(Buffer.alloc(0), true);
  if (rest !== '') yield rest;
}

export interface TextLine {
  text: string;
  /** 1-based. */
  lineNo: number;
}

/** Splits text into lines; `\n`, `\r\n` and Rabobank's `\r\r\n` all end one line. */
export async function* splitLines(text: AsyncIterable<string>): AsyncGenerator<TextLine> {
  let carry = '';
  let lineNo = 0;
  for await (const chunk of text) {
    carry += chunk;
    let start = 0;
    for (let nl = carry.indexOf('\n', start); nl !== -1; nl = carry.indexOf('\n', start)) {
      lineNo += 1;
      yield { text: carry.slice(start, nl).replace(/\r+$/, ''), lineNo };
      start = nl + 1;
    }
    carry = carry.slice(start);
  }
  if (carry !== '') yield { text: carry.replace(/\r+$/, ''), lineNo: lineNo + 1 };
}
