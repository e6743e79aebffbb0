import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json.js';
import type { AuditRow } from './audit.types.js';

/** The first row's predecessor: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditContent = Omit<AuditRow, 'id' | 'prevHash' | 'hash'>;

/** SHA-256 over the previous hash and the row's own canonical content. */
export function chainHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken: { id: number; reason: string } | null;
}

/** Walks rows in id order and reports the first link that does not hold. */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private checked = 0;
  private broken: ChainReport['firstBroken'] = null;

  push(row: AuditRow): boolean {
    if (this.broken) return false;
    this.checked += 1;
    const { id: _id, prevHash, hash, ...content } = row;
    if (prevHash !== this.prev) {
      this.broken = { id: row.id, reason: 'prev_hash does not match the hash of the row before (a row was removed, inserted or reordered)' };
      return false;
    }
    if (chainHash(prevHash, content) !== hash) {
      this.broken = { id: row.id, reason: 'hash does not match the row content (the row was changed)' };
      return false;
    }
    this.prev = hash;
    return true;
  }

  report(): ChainReport {
    return { ok: this.broken === null, checked: this.checked, firstBroken: this.broken };
  }
}
