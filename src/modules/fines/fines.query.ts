import type { Knex } from 'knex';
import { dialectOf, toSafeInteger } from '../../shared/db.js';
import { deriveStatus, type FineStatus } from '../../domain/fine-status.js';
import { fineFromDb } from './fines.repository.js';
import type { FineSummary } from './fines.types.js';

export interface FineFilter {
  status?: FineStatus | undefined;
  offenceCode?: string | undefined;
  district?: string | undefined;
  issuedFrom?: string | undefined;
  issuedTo?: string | undefined;
  paymentReference?: string | undefined;
  caseNumber?: string | undefined;
  /** Boa's see only their own rapports. */
  boaUserId?: number | undefined;
  /** Only these fines (e.g. the fines of one notice run). */
  fineIds?: readonly number[] | undefined;
  sort: 'caseNumber' | 'offenceDate' | 'issuedOn' | 'dueOn' | 'amountCents' | 'registeredAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const SORT_COLUMNS: Record<FineFilter['sort'], string> = {
  caseNumber: 'f.case_number',
  offenceDate: 'f.offence_date',
  issuedOn: 'f.issued_on',
  dueOn: 'f.due_on',
  amountCents: 'f.amount_cents',
  registeredAt: 'f.registered_at',
};

/** What the fine's receivable accounts hold, from the ledger. */
const OUTSTANDING = "(SELECT COALESCE(SUM(p.amount_cents), 0) FROM postings p WHERE p.fine_id = f.id AND p.account LIKE 'receivable:%')";

type Condition = (q: Knex.QueryBuilder, db: Knex, today: string) => void;

/** Fines with a row in a small table (a step, an objection, …): a set the database builds once. */
const inTable = (table: string, where: (w: Knex.QueryBuilder) => void): [Condition, Condition] => [
  (q, db) => void q.whereIn('f.id', db(table).select('fine_id').where(where)),
  // NOT IN over a NULL would exclude every fine: rows without a fine are left out.
  (q, db) => void q.whereNotIn('f.id', db(table).select('fine_id').where(where).whereNotNull('fine_id')),
];

/** Fines with money taken off a receivable: paid, reduced, written off or cancelled, in part or in full. */
const takenOff = (db: Knex) =>
  // Word for word the condition of the partial index postings_taken_off_index (migration
  // 20240602a). PostgreSQL's planner takes that index by itself; SQLite, without statistics,
  // prefers the wider account index, so it is named there.
  db.raw(
    `SELECT fine_id FROM postings${dialectOf(db) === 'sqlite' ? ' INDEXED BY postings_taken_off_index' : ''} WHERE account >= 'receivable:' AND account < 'receivable;' AND amount_cents < 0 AND fine_id IS NOT NULL`,
  );

/**
 * The fines whose balance meets a comparison (`<= 0`, `< amount_cents`). Only fines with
 * something taken off can: what is imposed (the fine, costs) is at least the fine's amount. So the
 * balance is summed for those few fines, once, not in a subquery per fine.
 */
const balanceMeets = (db: Knex, comparison: string) =>
  db('postings as p')
    .join('fines as b', 'b.id', 'p.fine_id')
    .whereRaw('p.fine_id IN (?)', [takenOff(db)])
    .where('p.account', '>=', 'receivable:')
    .where('p.account', '<', 'receivable;')
    .groupBy('p.fine_id', 'b.amount_cents')
    .havingRaw(`SUM(p.amount_cents) ${comparison}`)
    .select('p.fine_id');

const balance = (comparison: string): [Condition, Condition] => [
  (q, db) => void q.whereIn('f.id', balanceMeets(db, comparison)),
  (q, db) => void q.whereNotIn('f.id', balanceMeets(db, comparison)),
];

/**
 * The same rule as deriveStatus, in SQL, as an ordered list: a fine has the first status whose
 * condition it meets. A status filter is that condition and the negation of every one before it.
 * Set-based (IN / NOT IN over the small tables and over the fines whose balance meets a test)
 * rather than a CASE per fine: a CASE had to be evaluated for every fine to count a page's total.
 * test/integration/fines/status-filter.spec.ts checks it against deriveStatus day by day.
 */
const STATUS_ORDER: ReadonlyArray<readonly [FineStatus, Condition, Condition]> = [
  ['withdrawn', (q) => void q.whereNotNull('f.withdrawn_at'), (q) => void q.whereNull('f.withdrawn_at')],
  ['registered', (q) => void q.whereNull('f.issued_on'), (q) => void q.whereNotNull('f.issued_on')],
  ['refund_due', ...inTable('refund_proposals', (w) => w.where('status', 'proposed'))],
  ['cancelled', (q) => void q.whereNotNull('f.cancelled_on'), (q) => void q.whereNull('f.cancelled_on')],
  ['written_off', ...inTable('write_offs', (w) => w.where('status', 'approved'))],
  ['objection_pending', ...inTable('objections', (w) => w.whereNull('outcome'))],
  ['paid', ...balance('<= 0')],
  ['enforcement', ...inTable('collection_steps', (w) => w.where('step', 'dwangbevel'))],
  ['payment_plan', ...inTable('payment_plans', (w) => w.whereNull('broken_on'))],
  ['reminded', ...inTable('collection_steps', (w) => w.where('step', 'aanmaning'))],
  ['partially_paid', ...balance('< b.amount_cents')],
  ['overdue', (q, _db, today) => void q.where('f.due_on', '<', today), (q, _db, today) => void q.where('f.due_on', '>=', today)],
  ['issued', () => undefined, () => undefined],
];

function whereStatus(q: Knex.QueryBuilder, db: Knex, status: FineStatus, today: string): void {
  for (const [name, meets, not] of STATUS_ORDER) {
    if (name === status) return meets(q, db, today);
    not(q, db, today);
  }
}

export async function listFines(db: Knex, filter: FineFilter, today: string): Promise<{ items: FineSummary[]; total: number }> {
  const base = db('fines as f');
  if (filter.offenceCode) base.where('f.offence_code', filter.offenceCode);
  if (filter.district) base.where('f.district', filter.district);
  if (filter.issuedFrom) base.where('f.issued_on', '>=', filter.issuedFrom);
  if (filter.issuedTo) base.where('f.issued_on', '<=', filter.issuedTo);
  if (filter.paymentReference) base.where('f.payment_reference', filter.paymentReference);
  if (filter.caseNumber) base.where('f.case_number', filter.caseNumber);
  if (filter.boaUserId !== undefined) base.where('f.boa_user_id', filter.boaUserId);
  if (filter.fineIds) base.whereIn('f.id', [...filter.fineIds]);
  if (filter.status) whereStatus(base, db, filter.status, today);

  const [{ n }] = (await base.clone().count({ n: '*' })) as [{ n: unknown }];
  const order = [{ column: SORT_COLUMNS[filter.sort], order: filter.order }, { column: 'f.id', order: filter.order }];
  // The page's ids first; the balance and status subqueries then run for those rows only. In one
  // query they ran for every fine the database sorted, so a page cost grew with all fines.
  const page = base.clone().select('f.id').orderBy(order).limit(filter.limit).offset(filter.offset);
  const rows = await db('fines as f')
    .join(page.as('pg'), 'pg.id', 'f.id')
    .select('f.*', db.raw(`${OUTSTANDING} AS outstanding_cents`))
    .select(db.raw("(SELECT COUNT(*) FROM collection_steps cs WHERE cs.fine_id = f.id AND cs.step = 'aanmaning') AS reminded"))
    .select(db.raw("(SELECT COUNT(*) FROM collection_steps cs WHERE cs.fine_id = f.id AND cs.step = 'dwangbevel') AS handed_off"))
    .select(db.raw('(SELECT COUNT(*) FROM objections ob WHERE ob.fine_id = f.id AND ob.outcome IS NULL) AS objections_pending'))
    .select(db.raw("(SELECT COUNT(*) FROM refund_proposals rp WHERE rp.fine_id = f.id AND rp.status = 'proposed') AS refunds_due"))
    .select(db.raw("(SELECT COUNT(*) FROM write_offs wo WHERE wo.fine_id = f.id AND wo.status = 'approved') AS written_off"))
    .select(db.raw('(SELECT COUNT(*) FROM payment_plans pp WHERE pp.fine_id = f.id AND pp.broken_on IS NULL) AS plans'))
    .orderBy(order);
  const items = rows.map((r: Record<string, unknown>): FineSummary => {
    const f = fineFromDb(r);
    const outstandingCents = toSafeInteger(r.outstanding_cents);
    return {
      id: f.id,
      caseNumber: f.caseNumber,
      status: deriveStatus({ withdrawn: f.withdrawnAt !== null, issuedOn: f.issuedOn, dueOn: f.dueOn, cancelledOn: f.cancelledOn, amountCents: f.amountCents, outstandingCents, today, reminded: Number(r.reminded) > 0, handedOff: Number(r.handed_off) > 0, objectionPending: Number(r.objections_pending) > 0, refundDue: Number(r.refunds_due) > 0, writtenOff: Number(r.written_off) > 0, paymentPlan: Number(r.plans) > 0 }),
      offenceCode: f.offenceCode,
      offenceDate: f.offenceDate,
      observedAt: f.observedAt,
      district: f.location.district,
      amountCents: f.amountCents,
      tariffCents: f.tariffCents,
      reducedForMinor: f.reducedForMinor,
      badgeNumber: f.badgeNumber,
      registeredAt: f.registeredAt,
      issuedOn: f.issuedOn,
      dueOn: f.dueOn,
      paymentReference: f.paymentReference,
      outstandingCents,
    };
  });
  return { items, total: toSafeInteger(n) };
}
