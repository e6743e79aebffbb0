import type { Knex } from 'knex';
import { insertStatements, type Statement } from '../../shared/bulk-insert.js';
import { runStatements } from '../../shared/statement-script.js';
import { dialectOf, toSafeInteger, type Dialect } from '../../shared/db.js';
import type { AccountBalance, JournalEntry, Posting } from './ledger.types.js';

type DbRow = Record<string, unknown>;

const nullableInt = (v: unknown): number | null => (v === null || v === undefined ? null : toSafeInteger(v));

function entryFromDb(r: DbRow, postings: Posting[]): JournalEntry {
  return {
    id: String(r.id),
    bookedOn: String(r.booked_on),
    kind: String(r.kind),
    description: String(r.description),
    fineId: nullableInt(r.fine_id),
    bankTransactionId: nullableInt(r.bank_transaction_id),
    idempotencyKey: (r.idempotency_key as string | null) ?? null,
    reversesEntryId: (r.reverses_entry_id as string | null) ?? null,
    contentHash: String(r.content_hash),
    actor: String(r.actor),
    actorUserId: nullableInt(r.actor_user_id),
    createdAt: String(r.created_at),
    postings,
  };
}

function postingFromDb(r: DbRow): Posting {
  return { lineNo: toSafeInteger(r.line_no), account: String(r.account), amountCents: toSafeInteger(r.amount_cents), fineId: nullableInt(r.fine_id) };
}

/**
 * Writes entries with their postings: all postings first, then the entries, because the database
 * checks an entry's balance when the entry row arrives (see the ledger migration). Each posting
 * carries its entry's booking date and kind, which that check also holds to (migration 20240701a).
 */
export async function insertEntries(trx: Knex.Transaction, entries: readonly JournalEntry[]): Promise<void> {
  await runStatements(trx, entryStatements(dialectOf(trx), entries));
}

/** The statements `insertEntries` runs, built without touching the database (a bank import builds them ahead). */
export function entryStatements(dialect: Dialect, entries: readonly JournalEntry[]): Statement[] {
  if (entries.length === 0) return [];
  const postingRows = entries.flatMap((e) =>
    e.postings.map((p) => ({ entry_id: e.id, line_no: p.lineNo, account: p.account, fine_id: p.fineId, amount_cents: p.amountCents, booked_on: e.bookedOn, entry_kind: e.kind })),
  );
  const entryRows = entries.map((e) => ({
    id: e.id,
    booked_on: e.bookedOn,
    kind: e.kind,
    fine_id: e.fineId,
    bank_transaction_id: e.bankTransactionId,
    idempotency_key: e.idempotencyKey,
    content_hash: e.contentHash,
    reverses_entry_id: e.reversesEntryId,
    description: e.description,
    line_count: e.postings.length,
    actor_user_id: e.actorUserId,
    actor: e.actor,
    created_at: e.createdAt,
  }));
  return [
    // SQLite cannot declare the postings→entry key deferred through knex; defer it for this
    // transaction instead (reset automatically at commit).
    ...(dialect === 'sqlite' ? [{ sql: 'PRAGMA defer_foreign_keys = ON', bindings: [] }] : []),
    ...insertStatements(dialect, 'postings', postingRows),
    ...insertStatements(dialect, 'journal_entries', entryRows),
  ];
}

async function withPostings(db: Knex, rows: DbRow[]): Promise<JournalEntry[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => String(r.id));
  const postings = await db('postings').whereIn('entry_id', ids).orderBy(['entry_id', 'line_no']);
  const byEntry = new Map<string, Posting[]>();
  for (const p of postings) {
    const list = byEntry.get(String(p.entry_id)) ?? [];
    list.push(postingFromDb(p));
    byEntry.set(String(p.entry_id), list);
  }
  return rows.map((r) => entryFromDb(r, byEntry.get(String(r.id)) ?? []));
}

export async function findEntry(db: Knex, id: string): Promise<JournalEntry | null> {
  const row = await db('journal_entries').where({ id }).first();
  return row ? (await withPostings(db, [row]))[0]! : null;
}

export async function findEntriesByIdempotencyKeys(db: Knex, keys: readonly string[]): Promise<JournalEntry[]> {
  if (keys.length === 0) return [];
  const rows: DbRow[] = [];
  for (let i = 0; i < keys.length; i += 500) rows.push(...(await db('journal_entries').whereIn('idempotency_key', keys.slice(i, i + 500))));
  return withPostings(db, rows);
}

export async function findEntriesByIds(db: Knex, ids: readonly string[]): Promise<JournalEntry[]> {
  return ids.length === 0 ? [] : withPostings(db, await db('journal_entries').whereIn('id', ids));
}

export async function findReversalOf(db: Knex, entryId: string): Promise<string | null> {
  const row = await db('journal_entries').where({ reverses_entry_id: entryId }).first('id');
  return row ? String(row.id) : null;
}

export interface EntryFilter {
  fineId?: number;
  account?: string;
  bookedFrom?: string;
  bookedTo?: string;
  limit: number;
  offset: number;
}

export async function listEntries(db: Knex, f: EntryFilter): Promise<JournalEntry[]> {
  const q = db('journal_entries as e').select('e.*').orderBy([{ column: 'e.booked_on', order: 'desc' }, { column: 'e.created_at', order: 'desc' }, { column: 'e.id' }]).limit(f.limit).offset(f.offset);
  if (f.fineId !== undefined) q.whereExists(db('postings as p').whereRaw('p.entry_id = e.id').where('p.fine_id', f.fineId));
  if (f.account) q.whereExists(db('postings as p').whereRaw('p.entry_id = e.id').where('p.account', f.account));
  if (f.bookedFrom) q.where('e.booked_on', '>=', f.bookedFrom);
  if (f.bookedTo) q.where('e.booked_on', '<=', f.bookedTo);
  return withPostings(db, await q);
}

/** Balances are sums of postings (each carries its entry's booking date), never stored counters. */
export async function accountBalances(db: Knex, asOf: string, fineId?: number): Promise<AccountBalance[]> {
  const q = db('postings as p')
    .where('p.booked_on', '<=', asOf)
    .groupBy('p.account')
    .orderBy('p.account')
    .select('p.account')
    .sum({ balance: 'p.amount_cents' })
    .select(db.raw('SUM(CASE WHEN p.amount_cents > 0 THEN p.amount_cents ELSE 0 END) AS debit'))
    .select(db.raw('SUM(CASE WHEN p.amount_cents < 0 THEN -p.amount_cents ELSE 0 END) AS credit'));
  if (fineId !== undefined) q.where('p.fine_id', fineId);
  const rows = (await q) as DbRow[];
  return rows.map((r) => ({ account: String(r.account), balanceCents: toSafeInteger(r.balance), debitCents: toSafeInteger(r.debit), creditCents: toSafeInteger(r.credit) }));
}

/** Entries in a stable order, a page at a time, for verification without loading everything. */
export async function* entriesInOrder(db: Knex, pageSize = 1000): AsyncGenerator<JournalEntry> {
  let after = '';
  for (;;) {
    const rows = await db('journal_entries').where('id', '>', after).orderBy('id').limit(pageSize);
    for (const e of await withPostings(db, rows)) yield e;
    if (rows.length < pageSize) return;
    after = String(rows[rows.length - 1]!.id);
  }
}
