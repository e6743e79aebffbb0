import type { Knex } from 'knex';
import type { Row } from '../../shared/bulk-insert.js';
import { toSafeInteger } from '../../shared/db.js';
import type { BankTransaction, BankTransactionStatus, MatchDecision, RefundProposal } from './bank.types.js';

type DbRow = Record<string, unknown>;
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const int = (v: unknown): number | null => (v === null || v === undefined ? null : toSafeInteger(v));

/** A new line as its bank_transactions row: `bankTransactionFromDb` the other way round. */
export function bankTransactionToDb(l: Omit<BankTransaction, 'id'>, identity: string, statementId: number | null): Row {
  return {
    identity, import_id: l.importId, statement_id: statementId, line_no: l.lineNo, account: l.account, booking_date: l.bookingDate, value_date: l.valueDate,
    amount_cents: l.amountCents, direction: l.direction, reversal: l.reversal, return_reason: l.returnReason, bank_reference: l.bankReference, end_to_end_id: l.endToEndId,
    position_in_entry: l.positionInEntry, counterparty_iban: l.counterpartyIban, counterparty_name: l.counterpartyName, counterparty_bic: l.counterpartyBic,
    structured_reference: l.structuredReference, remittance_text: l.remittanceText, bank_code: l.bankCode,
  };
}

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

/**
 * A bank line's status as SQL, the same rules as the payments service's view (returned, refund
 * paid, refund proposed once nothing is open, allocated, suggested, unmatched), so a queue can be
 * filtered, counted and paged in the database instead of deriving every line's status in memory.
 */
const decided = (outcome: string) => `EXISTS (SELECT 1 FROM match_decisions d WHERE d.bank_transaction_id = b.id AND d.outcome = '${outcome}')`;
  // Nothing open on the line: its suspense postings add up to zero. The account is tested inside the
// sum so that the way in is the line's own entries, not every suspense posting (as openOnLine).
const settled = `COALESCE((SELECT SUM(CASE WHEN p.account = 'suspense:unallocated' THEN p.amount_cents ELSE 0 END) FROM journal_entries e JOIN postings p ON p.entry_id = e.id WHERE e.bank_transaction_id = b.id), 0) = 0`;
const STATUS_SQL = `CASE
  WHEN ${decided('returned')} THEN 'returned'
  WHEN ${decided('refund-paid')} THEN 'refund-paid'
  WHEN ${settled} THEN CASE WHEN EXISTS (SELECT 1 FROM refund_proposals r WHERE r.bank_transaction_id = b.id AND r.status = 'proposed') THEN 'refund' ELSE 'allocated' END
  WHEN ${decided('suggested')} THEN 'suggested'
  ELSE 'unmatched' END`;

/** Bank lines, newest first, optionally of one status, one page of them. */
export async function listBankTransactions(db: Knex, filter: { status?: BankTransactionStatus | undefined; limit: number; offset: number }): Promise<BankTransaction[]> {
  const lines = db.from('bank_transactions as b').select('b.*', db.raw(`${STATUS_SQL} AS status`));
  const q = db.from(lines.as('l')).select('l.*').orderBy([{ column: 'l.booking_date', order: 'desc' }, { column: 'l.id', order: 'desc' }]).limit(filter.limit).offset(filter.offset);
  if (filter.status) q.where('l.status', filter.status);
  return (await q).map(bankTransactionFromDb);
}

/** How many bank lines there are of each status, of all imports or of one. */
export async function countBankTransactionsByStatus(db: Knex, importId?: number): Promise<Record<BankTransactionStatus, number>> {
  const lines = db.from('bank_transactions as b').select(db.raw(`${STATUS_SQL} AS status`));
  if (importId !== undefined) lines.where('b.import_id', importId);
  const rows = await db.from(lines.as('l')).groupBy('l.status').select('l.status').count({ n: '*' });
  const counts: Record<BankTransactionStatus, number> = { unmatched: 0, suggested: 0, allocated: 0, refund: 0, 'refund-paid': 0, returned: 0 };
  for (const r of rows as DbRow[]) counts[r.status as BankTransactionStatus] = toSafeInteger(r.n);
  return counts;
}

export interface BankImportRecord {
  id: number;
  format: string;
  fileName: string | null;
  importedAt: string;
  actor: string;
  transactions: number;
  newLines: number;
  duplicates: number;
  warnings: string[];
  /** Of the lines this import added. */
  credits: number;
  debits: number;
  totalCreditCents: number;
  totalDebitCents: number;
  statements: { account: string; bankStatementId: string | null; openingBalanceCents: number | null; closingBalanceCents: number | null; closingDate: string | null }[];
}

export async function findImport(db: Knex, id: number): Promise<BankImportRecord | null> {
  const row = await db('bank_imports').where({ id }).first();
  if (!row) return null;
  const sums = (await db('bank_transactions').where({ import_id: id }).groupBy('direction').select('direction').count({ n: '*' }).sum({ cents: 'amount_cents' })) as DbRow[];
  const of = (direction: string) => sums.find((r) => r.direction === direction);
  const statements = await db('bank_statements').where({ import_id: id }).orderBy('id');
  return {
    id,
    format: String(row.format),
    fileName: str(row.file_name),
    importedAt: String(row.imported_at),
    actor: String(row.actor),
    transactions: toSafeInteger(row.transactions),
    newLines: toSafeInteger(row.new_lines),
    duplicates: toSafeInteger(row.duplicates),
    warnings: JSON.parse(String(row.warnings)) as string[],
    credits: toSafeInteger(of('credit')?.n ?? 0),
    debits: toSafeInteger(of('debit')?.n ?? 0),
    totalCreditCents: toSafeInteger(of('credit')?.cents ?? 0),
    totalDebitCents: toSafeInteger(of('debit')?.cents ?? 0),
    statements: statements.map((s: DbRow) => ({ account: String(s.account), bankStatementId: str(s.bank_statement_id), openingBalanceCents: int(s.opening_balance_cents), closingBalanceCents: int(s.closing_balance_cents), closingDate: str(s.closing_date) })),
  };
}
