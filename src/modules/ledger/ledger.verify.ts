import type { Knex } from 'knex';
import { dialectOf, toSafeInteger } from '../../shared/db.js';
import { entriesInOrder, findEntriesByIds } from './ledger.repository.js';
import { entryContentHash, isKnownAccount, mirrors } from './ledger.rules.js';
import type { JournalEntry } from './ledger.types.js';

/** One invariant of the books. Later modules (payments, fines) add their own checks to the list. */
export interface LedgerCheck {
  name: string;
  description: string;
  run(db: Knex): Promise<unknown[]>;
}

export interface CheckResult {
  name: string;
  description: string;
  ok: boolean;
  violations: number;
  /** The first few violations, enough to find the rest. */
  examples: unknown[];
}

export interface LedgerReport {
  ok: boolean;
  entries: number;
  postings: number;
  checks: CheckResult[];
}

const MAX_EXAMPLES = 20;

const balanced: LedgerCheck = {
  name: 'entries-balance',
  description: 'Every journal entry has at least two postings, exactly as many as it declares, summing to zero.',
  async run(db) {
    const rows: Record<string, unknown>[] = await db('journal_entries as e')
      .leftJoin('postings as p', 'p.entry_id', 'e.id')
      .groupBy('e.id', 'e.line_count')
      .select('e.id', 'e.line_count')
      .count({ lines: 'p.id' })
      .select(db.raw('COALESCE(SUM(p.amount_cents), 0) AS total'))
      .havingRaw('COALESCE(SUM(p.amount_cents), 0) <> 0 OR COUNT(p.id) <> e.line_count OR COUNT(p.id) < 2');
    return rows.map((r) => ({ entryId: String(r.id), lines: toSafeInteger(r.lines), declared: toSafeInteger(r.line_count), sumCents: toSafeInteger(r.total) }));
  },
};

const noOrphans: LedgerCheck = {
  name: 'no-orphan-postings',
  description: 'Every posting belongs to a journal entry.',
  async run(db) {
    const rows = await db('postings as p').leftJoin('journal_entries as e', 'e.id', 'p.entry_id').whereNull('e.id').select('p.id', 'p.entry_id').limit(MAX_EXAMPLES * 10);
    return rows.map((r) => ({ postingId: toSafeInteger(r.id), entryId: r.entry_id }));
  },
};

const postingsCarryEntry: LedgerCheck = {
  name: 'postings-carry-entry-date-and-kind',
  description: "Every posting carries its entry's booking date and kind (what reports sum by without reading the entries).",
  async run(db) {
    const rows = await db('postings as p').join('journal_entries as e', 'e.id', 'p.entry_id')
      .where((q) => q.whereRaw('p.booked_on <> e.booked_on').orWhereRaw('p.entry_kind <> e.kind'))
      .select('p.id', 'p.entry_id').limit(MAX_EXAMPLES * 10);
    return rows.map((r) => ({ postingId: toSafeInteger(r.id), entryId: r.entry_id }));
  },
};

const trialBalance: LedgerCheck = {
  name: 'trial-balance',
  description: 'All postings together sum to zero (debits equal credits).',
  async run(db) {
    const row = await db('postings').sum({ total: 'amount_cents' }).first();
    const total = toSafeInteger(row?.total);
    return total === 0 ? [] : [{ sumCents: total }];
  },
};

const knownAccounts: LedgerCheck = {
  name: 'known-accounts',
  description: 'Every posting uses an account of the chart of accounts.',
  async run(db) {
    const rows = await db('postings').distinct('account');
    return rows.map((r) => String(r.account)).filter((a) => !isKnownAccount(a)).map((account) => ({ account }));
  },
};

/** Walks every entry once: content hashes (no posting changed) and reversal mirrors. */
const contentAndReversals: LedgerCheck = {
  name: 'postings-unchanged-and-reversals-mirror',
  description: 'Each entry still hashes to the content it was booked with, and each reversal is the exact mirror of a non-reversal entry.',
  async run(db) {
    const violations: unknown[] = [];
    const reversals: JournalEntry[] = [];
    for await (const e of entriesInOrder(db)) {
      if (entryContentHash(e) !== e.contentHash) violations.push({ entryId: e.id, problem: 'content changed since booking' });
      if (e.reversesEntryId) reversals.push(e);
    }
    for (let i = 0; i < reversals.length; i += 500) {
      const batch = reversals.slice(i, i + 500);
      const originals = new Map((await findEntriesByIds(db, batch.map((r) => r.reversesEntryId!))).map((o) => [o.id, o]));
      for (const r of batch) {
        const o = originals.get(r.reversesEntryId!);
        if (!o) violations.push({ entryId: r.id, problem: 'reverses an entry that does not exist' });
        else if (o.reversesEntryId) violations.push({ entryId: r.id, problem: 'reverses a reversal' });
        else if (!mirrors(o.postings, r.postings)) violations.push({ entryId: r.id, problem: 'is not the mirror of the entry it reverses' });
      }
    }
    return violations;
  },
};

/** The append-only triggers are still in place (dropping them is how history would be rewritten). */
const guardsInPlace: LedgerCheck = {
  name: 'append-only-guards',
  description: 'The database triggers that refuse UPDATE and DELETE on entries and postings, and the balance trigger, exist.',
  async run(db) {
    const expected = dialectOf(db) === 'postgres'
      ? ['journal_entries_append_only', 'postings_append_only', 'journal_entries_balanced', 'postings_entry_open']
      : ['journal_entries_no_update', 'journal_entries_no_delete', 'postings_no_update', 'postings_no_delete', 'journal_entries_balanced', 'postings_entry_open'];
    const present = dialectOf(db) === 'postgres'
      ? (await db.raw("SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN (to_regclass('journal_entries'), to_regclass('postings'))")).rows
      : await db('sqlite_master').where({ type: 'trigger' }).select('name');
    const names = new Set((present as { name: string }[]).map((r) => r.name));
    return expected.filter((n) => !names.has(n)).map((trigger) => ({ missingTrigger: trigger }));
  },
};

export const CORE_CHECKS: readonly LedgerCheck[] = [balanced, noOrphans, postingsCarryEntry, trialBalance, knownAccounts, contentAndReversals, guardsInPlace];

export async function verifyLedger(db: Knex, checks: readonly LedgerCheck[] = CORE_CHECKS): Promise<LedgerReport> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const violations = await check.run(db);
    results.push({ name: check.name, description: check.description, ok: violations.length === 0, violations: violations.length, examples: violations.slice(0, MAX_EXAMPLES) });
  }
  const entries = toSafeInteger((await db('journal_entries').count({ n: '*' }).first())?.n);
  const postings = toSafeInteger((await db('postings').count({ n: '*' }).first())?.n);
  return { ok: results.every((r) => r.ok), entries, postings, checks: results };
}
