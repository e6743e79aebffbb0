import { randomFillSync } from 'node:crypto';

/**
 * Time-ordered UUIDs (version 7, RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits.
 * Journal entry ids are primary keys that postings and allocations point at; ids that grow with
 * time are appended at the end of those indexes instead of landing on a random page each (a random
 * v4 id cost a page split or a cache miss per entry on both databases). Within one millisecond the
 * 12-bit `rand_a` field counts up (the monotonic counter of §6.2, method 1), so ids made by this
 * process sort in the order they were made; when the counter would overflow, the clock is advanced
 * by a millisecond instead. The remaining 62 bits stay random, so ids cannot be guessed.
 */
let lastMs = -1;
let counter = 0;
const random = Buffer.alloc(4096);
let offset = random.length;

function randomBytes(n: number): Buffer {
  if (offset + n > random.length) {
    randomFillSync(random);
    offset = 0;
  }
  const out = random.subarray(offset, offset + n);
  offset += n;
  return out;
}

/** Two hex digits per byte value: ids are written without a Buffer and a hex string per id. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function uuid7(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = randomBytes(2).readUInt16BE(0) & 0x3ff; // start low in the 12 bits, leaving room to count
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = 0;
  }
  const r = randomBytes(8);
  // 48 bits of milliseconds as 12 hex digits (beyond 32 bits, so not with bitwise operators).
  const ms = lastMs.toString(16).padStart(12, '0');
  const version = HEX[0x70 | (counter >> 8)]! + HEX[counter & 0xff]!;
  const variant = HEX[(r[0]! & 0x3f) | 0x80]! + HEX[r[1]!]!; // variant 10
  const rest = HEX[r[2]!]! + HEX[r[3]!]! + HEX[r[4]!]! + HEX[r[5]!]! + HEX[r[6]!]! + HEX[r[7]!]!;
  return `${ms.slice(0, 8)}-${ms.slice(8)}-${version}-${variant}-${rest}`;
}
