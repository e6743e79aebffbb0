import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { ChainVerifier, chainHash, type ChainReport } from './audit.chain.js';
import { auditRowsInOrder, insertAuditRow, listAuditRows, lockedHeadHash, type AuditQuery } from './audit.repository.js';
import type { Actor, AuditEventInput, AuditRow } from './audit.types.js';

export interface AuditLog {
  /** Appends one event inside the caller's transaction, so the change and its record commit together. */
  record(trx: Knex.Transaction, actor: Actor, event: AuditEventInput): Promise<void>;
  /** Records that personal data was read (design.md §9), in a transaction of its own. */
  recordRead(db: Knex, actor: Actor, event: AuditEventInput): Promise<void>;
}

export function createAuditLog(clock: Clock): AuditLog {
  return {
    async record(trx, actor, event) {
      const prevHash = await lockedHeadHash(trx);
      const content = {
        occurredAt: clock.now().toISOString(),
        actorUserId: actor.userId,
        actor: actor.label,
        action: event.action,
        subjectType: event.subjectType,
        subjectId: event.subjectId === undefined || event.subjectId === null ? null : String(event.subjectId),
        reason: event.reason ?? null,
        details: event.details ? canonicalJson(event.details) : null,
        requestId: event.requestId ?? null,
      };
      await insertAuditRow(trx, { ...content, prevHash, hash: chainHash(prevHash, content) });
    },
    async recordRead(db, actor, event) {
      await db.transaction((trx) => this.record(trx, actor, event));
    },
  };
}

export async function verifyAuditChain(db: Knex): Promise<ChainReport> {
  const verifier = new ChainVerifier();
  for await (const row of auditRowsInOrder(db)) {
    if (!verifier.push(row)) break;
  }
  return verifier.report();
}

export async function listAuditEvents(db: Knex, q: AuditQuery): Promise<AuditRow[]> {
  return listAuditRows(db, q);
}
