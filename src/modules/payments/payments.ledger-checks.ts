import type { Knex } from 'knex';
import { toSafeInteger } from '../../shared/db.js';
import type { LedgerCheck } from '../ledger/ledger.verify.js';

/** design.md §5: suspense is the sum of what bank lines have not yet resolved. */
const suspenseBelongsToBankLines: LedgerCheck = {
  name: 'suspense-belongs-to-bank-lines',
  description: 'Every posting on suspense:unallocated belongs to an entry of a bank line, so suspense equals the sum of the lines’ unresolved amounts.',
  async run(db: Knex) {
    const rows = await db('postings as p').join('journal_entries as e', 'e.id', 'p.entry_id').where('p.account', 'suspense:unallocated').whereNull('e.bank_transaction_id').select('e.id').limit(100);
    return rows.map((r) => ({ entryId: String(r.id) }));
  },
};

const bankLinesBookedOnce: LedgerCheck = {
  name: 'bank-lines-booked-once',
  description: 'Every imported bank line is booked exactly once on its bank account, for its amount and direction.',
  async run(db: Knex) {
    const rows: Record<string, unknown>[] = await db('bank_transactions as b')
      .leftJoin('journal_entries as e', (j) => j.on('e.bank_transaction_id', 'b.id').onIn('e.kind', ['bank.receipt', 'bank.payment']))
      .leftJoin('postings as p', (j) => j.on('p.entry_id', 'e.id').andOn('p.account', '=', db.raw("'bank:' || b.account")))
      .groupBy('b.id', 'b.amount_cents', 'b.direction')
      .select('b.id', 'b.amount_cents', 'b.direction')
      .count({ entries: 'e.id' })
      .sum({ booked: 'p.amount_cents' });
    return rows
      .filter((r) => {
        const expected = toSafeInteger(r.amount_cents) * (r.direction === 'credit' ? 1 : -1);
        return toSafeInteger(r.entries) !== 1 || toSafeInteger(r.booked) !== expected;
      })
      .map((r) => ({ bankTransactionId: toSafeInteger(r.id), entries: toSafeInteger(r.entries), bookedCents: toSafeInteger(r.booked) }));
  },
};

const allocationsMatchLedger: LedgerCheck = {
  name: 'allocations-match-ledger',
  description: 'Per fine, what the allocations table says was paid equals what payment entries took off its receivables.',
  async run(db: Knex) {
    const table: Record<string, unknown>[] = await db('allocations').groupBy('fine_id').select('fine_id').sum({ total: 'amount_cents' });
    const ledger: Record<string, unknown>[] = await db('postings as p').join('journal_entries as e', 'e.id', 'p.entry_id').where('e.kind', 'like', 'payment.%').where('p.account', 'like', 'receivable:%').whereNotNull('p.fine_id').groupBy('p.fine_id').select('p.fine_id').sum({ total: 'p.amount_cents' });
    const paid = new Map(ledger.map((r) => [toSafeInteger(r.fine_id), -toSafeInteger(r.total)]));
    const violations: unknown[] = [];
    const fines = new Set([...table.map((r) => toSafeInteger(r.fine_id)), ...paid.keys()]);
    for (const fineId of fines) {
      const allocated = toSafeInteger(table.find((r) => toSafeInteger(r.fine_id) === fineId)?.total);
      if (allocated !== (paid.get(fineId) ?? 0)) violations.push({ fineId, allocatedCents: allocated, ledgerPaidCents: paid.get(fineId) ?? 0 });
    }
    return violations;
  },
};

const refundsMatchLiability: LedgerCheck = {
  name: 'refunds-match-liability',
  description: 'liability:refunds holds exactly the refund proposals that are still to be paid.',
  async run(db: Knex) {
    const balance = -toSafeInteger((await db('postings').where('account', 'liability:refunds').sum({ total: 'amount_cents' }).first())?.total);
    const proposed = toSafeInteger((await db('refund_proposals').where('status', 'proposed').sum({ total: 'amount_cents' }).first())?.total);
    return balance === proposed ? [] : [{ liabilityCents: balance, proposedRefundsCents: proposed }];
  },
};

export const PAYMENT_CHECKS: readonly LedgerCheck[] = [suspenseBelongsToBankLines, bankLinesBookedOnce, allocationsMatchLedger, refundsMatchLiability];
