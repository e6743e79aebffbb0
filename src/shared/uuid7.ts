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

export function uuid7(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = randomBytes(2).readUInt16BE(0) & 0x3ff; // start low in the 12 bits, leaving room to count
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = 0;
  }
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  randomBytes(8).copy(bytes, 8);
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
