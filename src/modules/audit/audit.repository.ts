import type { Knex } from 'knex';
import { dialectOf, toSafeInteger } from '../../shared/db.js';
import { GENESIS_HASH } from './audit.chain.js';
import type { AuditRow } from './audit.types.js';

// Any constant works; it names the audit chain's lock among the database's advisory locks.
const AUDIT_CHAIN_LOCK = 7_202_401;

type DbRow = Record<string, unknown>;

function fromDb(r: DbRow): AuditRow {
  return {
    id: toSafeInteger(r.id),
    occurredAt: String(r.occurred_at),
    actorUserId: r.actor_user_id === null || r.actor_user_id === undefined ? null : toSafeInteger(r.actor_user_id),
    actor: String(r.actor),
    action: String(r.action),
    subjectType: String(r.subject_type),
    subjectId: (r.subject_id as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
    details: (r.details as string | null) ?? null,
    requestId: (r.request_id as string | null) ?? null,
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}

/**
 * The hash of the newest row. On PostgreSQL concurrent transactions would otherwise both read the
 * same head and fork the chain, so the head is read under a transaction-scoped advisory lock.
 * SQLite has a single writer, so no lock is needed there.
 */
export async function lockedHeadHash(trx: Knex.Transaction): Promise<string> {
  if (dialectOf(trx) === 'postgres') await trx.raw('SELECT pg_advisory_xact_lock(?)', [AUDIT_CHAIN_LOCK]);
  const row = await trx('audit_log').select('hash').orderBy('id', 'desc').first();
  return row ? String(row.hash) : GENESIS_HASH;
}

/** Rows in chain order (ids ascend with the array, as the chain requires). */
export async function insertAuditRows(trx: Knex.Transaction, rows: ReadonlyArray<Omit<AuditRow, 'id'>>): Promise<void> {
  await trx('audit_log').insert(
    rows.map((row) => ({
      occurred_at: row.occurredAt,
      actor_user_id: row.actorUserId,
      actor: row.actor,
      action: row.action,
      subject_type: row.subjectType,
      subject_id: row.subjectId,
      reason: row.reason,
      details: row.details,
      request_id: row.requestId,
      prev_hash: row.prevHash,
      hash: row.hash,
    })),
  );
}

/** Rows in chain order, in pages, so verifying a long log never holds it all in memory. */
export async function* auditRowsInOrder(db: Knex, pageSize = 1000): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const page = await db('audit_log').where('id', '>', after).orderBy('id').limit(pageSize);
    for (const r of page) yield fromDb(r);
    if (page.length < pageSize) return;
    after = toSafeInteger(page[page.length - 1].id);
  }
}

export interface AuditQuery {
  subjectType?: string;
  subjectId?: string;
  action?: string;
  limit: number;
  beforeId?: number;
}

export async function listAuditRows(db: Knex, q: AuditQuery): Promise<AuditRow[]> {
  const query = db('audit_log').orderBy('id', 'desc').limit(q.limit);
  if (q.subjectType) query.where('subject_type', q.subjectType);
  if (q.subjectId) query.where('subject_id', q.subjectId);
  if (q.action) query.where('action', q.action);
  if (q.beforeId) query.where('id', '<', q.beforeId);
  return (await query).map(fromDb);
}
