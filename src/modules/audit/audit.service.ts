import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { ChainVerifier, chainHash, type ChainReport } from './audit.chain.js';
import { auditRowsInOrder, insertAuditRows, listAuditRows, lockedHeadHash, type AuditQuery } from './audit.repository.js';
import type { Actor, AuditEventInput, AuditRow } from './audit.types.js';

export interface AuditLog {
  /** Appends one event inside the caller's transaction, so the change and its record commit together. */
  record(trx: Knex.Transaction, actor: Actor, event: AuditEventInput): Promise<void>;
  /** Appends several events in order with one read of the chain's head and one insert. */
  recordMany(trx: Knex.Transaction, events: ReadonlyArray<{ actor: Actor; event: AuditEventInput }>): Promise<void>;
  /** Records that personal data was read (design.md §9), in a transaction of its own. */
  recordRead(db: Knex, actor: Actor, event: AuditEventInput): Promise<void>;
}

export function createAuditLog(clock: Clock): AuditLog {
  return {
    async record(trx, actor, event) {
      await this.recordMany(trx, [{ actor, event }]);
    },
    async recordMany(trx, events) {
      if (events.length === 0) return;
      let prevHash = await lockedHeadHash(trx);
      const occurredAt = clock.now().toISOString();
      const rows = events.map(({ actor, event }) => {
        const content = {
          occurredAt,
          actorUserId: actor.userId,
          actor: actor.label,
          action: event.action,
          subjectType: event.subjectType,
          subjectId: event.subjectId === undefined || event.subjectId === null ? null : String(event.subjectId),
          reason: event.reason ?? null,
          details: event.details ? canonicalJson(event.details) : null,
          requestId: event.requestId ?? null,
        };
        const row = { ...content, prevHash, hash: chainHash(prevHash, content) };
        prevHash = row.hash;
        return row;
      });
      await insertAuditRows(trx, rows);
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
