import type { Knex } from 'knex';
import { toSafeInteger } from '../../shared/db.js';
import type { BankTransaction, MatchDecision, RefundProposal } from './bank.types.js';

type DbRow = Record<string, unknown>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const int = (v: unknown): number | null => (v === null || v === undefined ? null : toSafeInteger(v));

export function bankTransactionFromDb(r: DbRow): BankTransaction {
  return {
    id: toSafeInteger(r.id),
    importId: toSafeInteger(r.import_id),
    lineNo: toSafeInteger(r.line_no),
    account: String(r.account),
    bookingDate: String(r.booking_date),
    valueDate: str(r.value_date),
    amountCents: toSafeInteger(r.amount_cents),
    direction: r.direction as 'credit' | 'debit',
    reversal: Boolean(r.reversal),
    returnReason: str(r.return_reason),
    bankReference: str(r.bank_reference),
    endToEndId: str(r.end_to_end_id),
    positionInEntry: toSafeInteger(r.position_in_entry),
    counterpartyIban: str(r.counterparty_iban),
    counterpartyName: str(r.counterparty_name),
    counterpartyBic: str(r.counterparty_bic),
    structuredReference: str(r.structured_reference),
    remittanceText: str(r.remittance_text),
    bankCode: str(r.bank_code),
  };
}

export async function findBankTransaction(db: Knex, id: number): Promise<BankTransaction | null> {
  const row = await db('bank_transactions').where({ id }).first();
  return row ? bankTransactionFromDb(row) : null;
}

export async function findBankTransactionForUpdate(trx: Knex.Transaction, id: number): Promise<BankTransaction | null> {
  const q = trx('bank_transactions').where({ id }).first();
  if (trx.client.config.client !== 'sqlite3') q.forUpdate();
  const row = await q;
  return row ? bankTransactionFromDb(row) : null;
}

export async function insertDecision(trx: Knex, d: Omit<MatchDecision, 'id'> & { decidedByUserId: number | null }): Promise<void> {
  await trx('match_decisions').insert({
    bank_transaction_id: d.bankTransactionId,
    rule: d.rule,
    outcome: d.outcome,
    fine_id: d.fineId,
    evidence: JSON.stringify(d.evidence),
    decided_at: d.decidedAt,
    decided_by: d.decidedBy,
    decided_by_user_id: d.decidedByUserId,
    confirmed_by: d.confirmedBy,
  });
}

export async function decisionsFor(db: Knex, bankTransactionIds: readonly number[]): Promise<MatchDecision[]> {
  if (bankTransactionIds.length === 0) return [];
  const rows = await db('match_decisions').whereIn('bank_transaction_id', bankTransactionIds).orderBy('id');
  return rows.map((r: DbRow) => ({
    id: toSafeInteger(r.id),
    bankTransactionId: toSafeInteger(r.bank_transaction_id),
    rule: String(r.rule),
    outcome: r.outcome as MatchDecision['outcome'],
    fineId: int(r.fine_id),
    evidence: JSON.parse(String(r.evidence)),
    decidedAt: String(r.decided_at),
    decidedBy: String(r.decided_by),
    confirmedBy: str(r.confirmed_by),
  }));
}

/** Net amount allocated per fine for one bank line (allocations minus unallocations). */
export async function allocatedPerFine(db: Knex, bankTransactionId: number): Promise<{ fineId: number; amountCents: number }[]> {
  const rows = await db('allocations').where({ bank_transaction_id: bankTransactionId }).groupBy('fine_id').select('fine_id').sum({ total: 'amount_cents' });
  return rows.map((r: DbRow) => ({ fineId: toSafeInteger(r.fine_id), amountCents: toSafeInteger(r.total) })).filter((r) => r.amountCents !== 0);
}

/** Allocation entries of a line that have not been reversed yet. */
export async function liveAllocationEntries(db: Knex, bankTransactionId: number): Promise<string[]> {
  const rows = await db('journal_entries as e')
    .where('e.bank_transaction_id', bankTransactionId)
    .whereIn('e.kind', ['payment.allocation', 'payment.refund-due'])
    .whereNotExists(db('journal_entries as r').whereRaw('r.reverses_entry_id = e.id'))
    .orderBy('e.created_at')
    .select('e.id');
  return rows.map((r: DbRow) => String(r.id));
}

export async function insertAllocation(trx: Knex, a: { bankTransactionId: number; fineId: number; amountCents: number; entryId: string; createdAt: string; actor: string }): Promise<void> {
  await trx('allocations').insert({ bank_transaction_id: a.bankTransactionId, fine_id: a.fineId, amount_cents: a.amountCents, entry_id: a.entryId, created_at: a.createdAt, actor: a.actor });
}

function refundFromDb(r: DbRow): RefundProposal {
  return {
    id: toSafeInteger(r.id),
    bankTransactionId: toSafeInteger(r.bank_transaction_id),
    fineId: int(r.fine_id),
    amountCents: toSafeInteger(r.amount_cents),
    payerIban: str(r.payer_iban),
    payerName: str(r.payer_name),
    reason: String(r.reason),
    status: r.status as RefundProposal['status'],
    createdAt: String(r.created_at),
    entryId: String(r.entry_id),
    paidBankTransactionId: int(r.paid_bank_transaction_id),
    paidOn: str(r.paid_on),
  };
}

export async function insertRefundProposal(trx: Knex, p: Omit<RefundProposal, 'id' | 'status' | 'paidBankTransactionId' | 'paidOn'>): Promise<number> {
  const [row] = await trx('refund_proposals')
    .insert({ bank_transaction_id: p.bankTransactionId, fine_id: p.fineId, amount_cents: p.amountCents, payer_iban: p.payerIban, payer_name: p.payerName, reason: p.reason, status: 'proposed', created_at: p.createdAt, entry_id: p.entryId })
    .returning('id');
  return toSafeInteger((row as DbRow).id);
}

export async function listRefunds(db: Knex, filter: { status?: RefundProposal['status'] | undefined; bankTransactionId?: number; payerIban?: string; amountCents?: number }): Promise<RefundProposal[]> {
  const q = db('refund_proposals').orderBy('id');
  if (filter.status) q.where('status', filter.status);
  if (filter.bankTransactionId !== undefined) q.where('bank_transaction_id', filter.bankTransactionId);
  if (filter.payerIban) q.where('payer_iban', filter.payerIban);
  if (filter.amountCents !== undefined) q.where('amount_cents', filter.amountCents);
  return (await q).map(refundFromDb);
}

export async function findRefund(db: Knex, id: number): Promise<RefundProposal | null> {
  const row = await db('refund_proposals').where({ id }).first();
  return row ? refundFromDb(row) : null;
}

export async function updateRefund(trx: Knex, id: number, changes: Record<string, unknown>): Promise<void> {
  await trx('refund_proposals').where({ id }).update(changes);
}
