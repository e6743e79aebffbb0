import type { Knex } from 'knex';
import { toSafeInteger } from '../../src/shared/db.js';
import { verifyLedger, type LedgerCheck } from '../../src/modules/ledger/ledger.verify.js';

/** What the simulator itself did, kept apart from the ledger, to check the ledger against. */
export interface Model {
  imposedCents: number; // fine amounts of issued beschikkingen
  cancelledCents: number; // fine amounts taken back (cancel, upheld objection)
  reducedCents: number; // differences taken off by a reduced objection (Awb 5:46 lid 3)
  moneyInCents: number; // what payers transferred
  returnedCents: number; // stornos and returns
}

const sum = async (q: Knex.QueryBuilder): Promise<number> => toSafeInteger((await q.first())?.total);

/**
 * The global invariants of the issue, after every simulated day. Throws with what broke.
 * 1. the ledger verifies (every entry balances; bank lines booked once; allocations, refunds and
 *    suspense agree; receivables match fines);
 * 2. imposed = collected + outstanding + cancelled + written off (on the fine principal);
 * 3. every bank cent is allocated exactly once, in suspense, or owed back;
 * 4. no collection step happened twice;
 * 5. no aanmaning went out while an objection was pending.
 */
export async function assertInvariants(db: Knex, checks: readonly LedgerCheck[], model: Model): Promise<void> {
  const report = await verifyLedger(db, checks);
  if (!report.ok) throw new Error(`ledger: ${JSON.stringify(report.checks.filter((c) => !c.ok))}`);

  const byKind = async (account: string, kindLike: string, sign: 1 | -1) =>
    sign * (await sum(db('postings as p').join('journal_entries as e', 'e.id', 'p.entry_id').where('p.account', account).where('e.kind', 'like', kindLike).sum({ total: 'p.amount_cents' })));
  const imposed = await byKind('receivable:fines', 'fine.issue', 1);
  const cancelled = await byKind('receivable:fines', 'fine.cancel', -1);
  const reduced = await byKind('receivable:fines', 'fine.reduce', -1);
  const collected = await byKind('receivable:fines', 'payment.%', -1);
  const writtenOff = await byKind('receivable:fines', 'fine.write-off', -1);
  const outstanding = await sum(db('postings').where('account', 'receivable:fines').sum({ total: 'amount_cents' }));
  if (imposed !== model.imposedCents) throw new Error(`imposed ${imposed} ≠ model ${model.imposedCents}`);
  if (cancelled !== model.cancelledCents || reduced !== model.reducedCents) throw new Error(`cancelled ${cancelled}/${reduced} ≠ model ${model.cancelledCents}/${model.reducedCents}`);
  if (imposed !== collected + outstanding + cancelled + reduced + writtenOff) {
    throw new Error(`imposed ${imposed} ≠ collected ${collected} + outstanding ${outstanding} + cancelled ${cancelled + reduced} + written off ${writtenOff}`);
  }

  const bank = await sum(db('postings').where('account', 'like', 'bank:%').sum({ total: 'amount_cents' }));
  const refundsPaid = await sum(db('refund_proposals').where('status', 'paid').sum({ total: 'amount_cents' }));
  if (bank !== model.moneyInCents - model.returnedCents - refundsPaid) throw new Error(`bank ${bank} ≠ in ${model.moneyInCents} − returned ${model.returnedCents} − refunds paid ${refundsPaid}`);
  // Per credit line not returned: allocated + still open + owed back = its amount.
  const lines: Record<string, unknown>[] = await db('bank_transactions as b')
    .where('b.direction', 'credit')
    .whereNotExists(db('match_decisions as d').whereRaw('d.bank_transaction_id = b.id').where('d.outcome', 'returned'))
    .select('b.id', 'b.amount_cents')
    .select(db.raw('(SELECT COALESCE(SUM(a.amount_cents), 0) FROM allocations a WHERE a.bank_transaction_id = b.id) AS allocated'))
    .select(db.raw("(SELECT COALESCE(SUM(r.amount_cents), 0) FROM refund_proposals r WHERE r.bank_transaction_id = b.id AND r.status IN ('proposed','paid')) AS owed"))
    .select(db.raw("(SELECT -COALESCE(SUM(p.amount_cents), 0) FROM postings p JOIN journal_entries e ON e.id = p.entry_id WHERE e.bank_transaction_id = b.id AND p.account = 'suspense:unallocated') AS open"));
  for (const l of lines) {
    const total = toSafeInteger(l.allocated) + toSafeInteger(l.owed) + toSafeInteger(l.open);
    if (total !== toSafeInteger(l.amount_cents)) throw new Error(`bank line ${String(l.id)}: allocated ${String(l.allocated)} + owed ${String(l.owed)} + open ${String(l.open)} ≠ ${String(l.amount_cents)}`);
  }

  const twice = await db('collection_steps').groupBy('fine_id', 'step', 'instalment').havingRaw('COUNT(*) > 1').select('fine_id', 'step');
  if (twice.length) throw new Error(`collection step twice: ${JSON.stringify(twice)}`);
  const remindedOnHold = await db('collection_steps as s')
    .whereIn('s.step', ['aanmaning', 'dwangbevel'])
    .whereExists(db('objections as o').whereRaw('o.fine_id = s.fine_id').whereRaw('o.received_on <= s.step_date').where((q) => q.whereNull('o.decided_on').orWhereRaw('o.decided_on > s.step_date')))
    .select('s.fine_id', 's.step', 's.step_date');
  if (remindedOnHold.length) throw new Error(`collection step while an objection held: ${JSON.stringify(remindedOnHold)}`);
}
