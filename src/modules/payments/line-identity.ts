import { createHash } from 'node:crypto';
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
  return createHash('sha256').update(base).update('\u001f').update(String(occurrence)).digest('hex');
}

/** Counts identical lines within one file, keeping a short digest per distinct line. */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>();

  next(base: string): number {
    // 96 bits of the key's hash: collisions are out of reach; memory stays ~80 bytes a line.
    const short = createHash('sha256').update(base).digest('base64').slice(0, 16);
    const n = this.seen.get(short) ?? 0;
    this.seen.set(short, n + 1);
    return n;
  }
}
