import type { Knex } from 'knex';
import { insertStatements, type Row, type Statement } from '../../shared/bulk-insert.js';
import { dialectOf, toSafeInteger, type Dialect } from '../../shared/db.js';
import type { OpenDebt } from '../../domain/allocation.js';
import { bankTransactionFromDb } from './bank.repository.js';
import type { BankTransaction } from './bank.types.js';

/**
 * Set-based reads and multi-row writes of the import's matching, a page of lines at a time
 * (matching one line at a time cost a dozen statements per line). The IN lists of the reads the
 * import makes for every page are one bound value (`inList`); the other reads go in chunks of at
 * most 500 values, below SQLite's limit on bound parameters.
 */
const CHUNK = 500;

/**
 * `column IN (values)` with the values as one bound parameter, for `whereRaw`: a JSON array
 * unpacked by SQLite's `json_each`, an array for PostgreSQL's `= ANY`. One statement however many
 * values, where knex's `whereIn` binds each value apart (and SQLite caps the number bound).
 */
function inList(db: Knex, column: string, values: readonly (string | number)[]): [string, Knex.RawBinding[]] {
  return dialectOf(db) === 'postgres' ? ['?? = ANY(?)', [column, [...values] as Knex.RawBinding]] : ['?? IN (SELECT value FROM json_each(?))', [column, JSON.stringify(values)]];
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export interface IssuedFineRef {
  id: number;
  caseNumber: string;
  paymentReference: string;
}

/** Issued fines whose betalingskenmerk or case number is one of those given. */
export async function issuedFinesByReferences(db: Knex, kenmerken: readonly string[], caseNumbers: readonly string[]): Promise<IssuedFineRef[]> {
  const out: IssuedFineRef[] = [];
  const read = async (column: 'payment_reference' | 'case_number', values: readonly string[]) => {
    if (values.length === 0) return;
    const rows = await db('fines').whereNotNull('issued_on').whereRaw(...inList(db, column, values)).select('id', 'case_number', 'payment_reference');
    for (const r of rows) out.push({ id: toSafeInteger(r.id), caseNumber: String(r.case_number), paymentReference: String(r.payment_reference) });
  };
  await read('payment_reference', kenmerken);
  await read('case_number', caseNumbers);
  return out;
}

const RECEIVABLES = ['receivable:costs', 'receivable:interest', 'receivable:fines'];

/** What each fine owes per kind of debt (never below zero per kind), from the ledger. */
export async function openDebts(db: Knex, fineIds: readonly number[]): Promise<Map<number, OpenDebt>> {
  const debts = new Map<number, OpenDebt>();
  for (const id of fineIds) debts.set(id, { costsCents: 0, interestCents: 0, principalCents: 0 });
  if (debts.size > 0) {
    // Every account of the fines, the receivables picked out here: given the accounts in the WHERE,
    // SQLite (without statistics) walks the account index, every receivable posting of every fine.
    const rows: Record<string, unknown>[] = await db('postings').whereRaw(...inList(db, 'fine_id', [...debts.keys()])).groupBy('fine_id', 'account').select('fine_id', 'account').sum({ total: 'amount_cents' });
    for (const b of rows) {
      if (!RECEIVABLES.includes(String(b.account))) continue;
      const debt = debts.get(toSafeInteger(b.fine_id))!;
      const open = Math.max(0, toSafeInteger(b.total));
      if (b.account === 'receivable:costs') debt.costsCents = open;
      else if (b.account === 'receivable:interest') debt.interestCents = open;
      else debt.principalCents = open;
    }
  }
  return debts;
}

export interface OpenFine {
  id: number;
  caseNumber: string;
  issuedOn: string;
  surname: string;
  /** The sum of the fine's receivable postings (fine, costs, interest). */
  openCents: number;
}

/**
 * The fines a suggestion can point at: issued within [from, to], not cancelled, with an offender,
 * and what each still owes. One statement for a whole import instead of one per line.
 */
export async function openFinesIssuedBetween(db: Knex, from: string, to: string): Promise<OpenFine[]> {
  const rows = await db('fines as f')
    .join('offenders as o', 'o.fine_id', 'f.id')
    .whereNotNull('f.issued_on')
    .whereNull('f.cancelled_on')
    .whereBetween('f.issued_on', [from, to])
    .select('f.id', 'f.case_number', 'f.issued_on', 'o.surname', db.raw("(SELECT COALESCE(SUM(p.amount_cents), 0) FROM postings p WHERE p.fine_id = f.id AND p.account LIKE 'receivable:%') AS open_cents"));
  return rows.map((r: Record<string, unknown>) => ({ id: toSafeInteger(r.id), caseNumber: String(r.case_number), issuedOn: String(r.issued_on), surname: String(r.surname), openCents: toSafeInteger(r.open_cents) }));
}

/** The lines with these ids, in the order of the ids (pass 3 reads back the lines no reference matched). */
export async function linesByIds(db: Knex, ids: readonly number[]): Promise<BankTransaction[]> {
  if (ids.length === 0) return [];
  const byId = new Map<number, BankTransaction>();
  for (const r of await db('bank_transactions').whereRaw(...inList(db, 'id', ids))) {
    const line = bankTransactionFromDb(r);
    byId.set(line.id, line);
  }
  return ids.map((id) => byId.get(id)!);
}

/** The fines that earlier payments from each of these IBANs were allocated to (each IBAN given has a set). */
export async function finesPaidFromIbans(db: Knex, ibans: readonly string[]): Promise<Map<string, Set<number>>> {
  const out = new Map(ibans.map((iban) => [iban, new Set<number>()]));
  for (const part of chunks(ibans)) {
    const rows = await db('allocations as a').join('bank_transactions as b', 'b.id', 'a.bank_transaction_id').whereIn('b.counterparty_iban', part).distinct('b.counterparty_iban', 'a.fine_id');
    for (const r of rows) out.get(String(r.counterparty_iban))?.add(toSafeInteger(r.fine_id));
  }
  return out;
}

/** The offender's surname of each fine that has one. */
export async function offenderSurnames(db: Knex, fineIds: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const part of chunks([...new Set(fineIds)])) {
    for (const r of await db('offenders').whereIn('fine_id', part).select('fine_id', 'surname')) out.set(toSafeInteger(r.fine_id), String(r.surname));
  }
  return out;
}

/** The first and last booking date of an import's lines. */
export async function bookingDateRange(db: Knex, importId: number): Promise<{ first: string; last: string } | null> {
  const row = await db('bank_transactions').where('import_id', importId).first(db.raw('MIN(booking_date) AS first'), db.raw('MAX(booking_date) AS last'));
  return row?.first ? { first: String(row.first), last: String(row.last) } : null;
}

export interface MatchRows {
  allocations: Row[];
  refunds: Row[];
  decisions: Row[];
}

/** The statements that insert a page's allocations, refund proposals and match decisions, each table in the order given. */
export function matchRowStatements(dialect: Dialect, rows: MatchRows): Statement[] {
  return [
    ...insertStatements(dialect, 'allocations', rows.allocations),
    ...insertStatements(dialect, 'refund_proposals', rows.refunds),
    ...insertStatements(dialect, 'match_decisions', rows.decisions),
  ];
}
