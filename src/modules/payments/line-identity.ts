import { hash } from 'node:crypto';
import type { ParsedLine } from './parsers/statement.types.js';

/**
 * A bank line's identity (design.md §10, domain.md §5): the account, booking date, the bank's
 * reference or else the EndToEndId, amount, sign, storno flag and position inside its entry.
 * Without any reference (ING CSV) the counterparty and text stand in. Two identical lines in one
 * file are two payments, so the occurrence among identical lines is part of the identity; an
 * overlapping download holds the same lines in the same order and so gets the same identities.
 */
export function baseKey(line: ParsedLine): string {
  const reference = line.bankReference ?? line.endToEndId ?? `${line.counterpartyIban ?? ''}|${line.remittanceText ?? ''}|${line.structuredReference ?? ''}`;
  return [line.account, line.bookingDate, reference, line.amountCents, line.direction, line.reversal ? 'R' : '', line.positionInEntry].join('\u001f');
}

export function lineIdentity(base: string, occurrence: number): string {
  // One-shot hash of the same bytes as hashing base, separator and occurrence in turn.
  return hash('sha256', `${base}\u001f${occurrence}`, 'hex');
}

const WORDS = 4; // per slot: 96 bits of the key's digest, then the count so far (0: empty slot)

/**
 * Counts identical lines within one file. It holds one slot per distinct line for the whole
 * import, so it is a flat open-addressing table of 16 bytes a slot (at most half full) instead of
 * a Map of strings: ~30 MB for 1,000,000 lines rather than ~140 MB, which kept the heap of a large
 * import growing. 96 bits of the key's SHA-256 stand for the key: collisions are out of reach.
 */
export class OccurrenceCounter {
  private slots = new Uint32Array(1024 * WORDS);
  private used = 0;

  next(base: string): number {
    const digest = hash('sha256', base, 'buffer');
    const [a, b, c] = [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8)];
    if ((this.used + 1) * 2 > this.slots.length / WORDS) this.grow();
    const at = this.slotOf(a, b, c);
    const slots = this.slots;
    if (slots[at + 3] === 0) {
      slots.set([a, b, c], at);
      this.used += 1;
    }
    slots[at + 3] = slots[at + 3]! + 1;
    return slots[at + 3]! - 1;
  }

  /** The slot holding this digest, or the empty slot where it goes (linear probing). */
  private slotOf(a: number, b: number, c: number): number {
    const slots = this.slots;
    const mask = slots.length / WORDS - 1;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const at = slot * WORDS;
      if (slots[at + 3] === 0 || (slots[at] === a && slots[at + 1] === b && slots[at + 2] === c)) return at;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let at = 0; at < old.length; at += WORDS) {
      if (old[at + 3] === 0) continue;
      const to = this.slotOf(old[at]!, old[at + 1]!, old[at + 2]!);
      this.slots.set(old.subarray(at, at + WORDS), to);
    }
  }
}
