import type { Knex } from 'knex';
import { toSafeInteger } from '../../shared/db.js';
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

/** The same rule as deriveStatus, in SQL, so a status filter can run in the database. */
function statusSql(): string {
  return `CASE
    WHEN f.withdrawn_at IS NOT NULL THEN 'withdrawn'
    WHEN f.issued_on IS NULL THEN 'registered'
    WHEN EXISTS (SELECT 1 FROM refund_proposals rp WHERE rp.fine_id = f.id AND rp.status = 'proposed') THEN 'refund_due'
    WHEN f.cancelled_on IS NOT NULL THEN 'cancelled'
    WHEN EXISTS (SELECT 1 FROM write_offs wo WHERE wo.fine_id = f.id AND wo.status = 'approved') THEN 'written_off'
    WHEN EXISTS (SELECT 1 FROM objections ob WHERE ob.fine_id = f.id AND ob.outcome IS NULL) THEN 'objection_pending'
    WHEN ${OUTSTANDING} <= 0 THEN 'paid'
    WHEN EXISTS (SELECT 1 FROM collection_steps cs WHERE cs.fine_id = f.id AND cs.step = 'dwangbevel') THEN 'enforcement'
    WHEN EXISTS (SELECT 1 FROM payment_plans pp WHERE pp.fine_id = f.id AND pp.broken_on IS NULL) THEN 'payment_plan'
    WHEN EXISTS (SELECT 1 FROM collection_steps cs WHERE cs.fine_id = f.id AND cs.step = 'aanmaning') THEN 'reminded'
    WHEN ${OUTSTANDING} < f.amount_cents THEN 'partially_paid'
    WHEN f.due_on < ? THEN 'overdue'
    ELSE 'issued' END`;
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
  if (filter.status) base.whereRaw(`${statusSql()} = ?`, [today, filter.status]);

  const [{ n }] = (await base.clone().count({ n: '*' })) as [{ n: unknown }];
  const rows = await base
    .clone()
    .select('f.*', db.raw(`${OUTSTANDING} AS outstanding_cents`))
    .select(db.raw("(SELECT COUNT(*) FROM collection_steps cs WHERE cs.fine_id = f.id AND cs.step = 'aanmaning') AS reminded"))
    .select(db.raw("(SELECT COUNT(*) FROM collection_steps cs WHERE cs.fine_id = f.id AND cs.step = 'dwangbevel') AS handed_off"))
    .select(db.raw('(SELECT COUNT(*) FROM objections ob WHERE ob.fine_id = f.id AND ob.outcome IS NULL) AS objections_pending'))
    .select(db.raw("(SELECT COUNT(*) FROM refund_proposals rp WHERE rp.fine_id = f.id AND rp.status = 'proposed') AS refunds_due"))
    .select(db.raw("(SELECT COUNT(*) FROM write_offs wo WHERE wo.fine_id = f.id AND wo.status = 'approved') AS written_off"))
    .select(db.raw('(SELECT COUNT(*) FROM payment_plans pp WHERE pp.fine_id = f.id AND pp.broken_on IS NULL) AS plans'))
    .orderBy([{ column: SORT_COLUMNS[filter.sort], order: filter.order }, { column: 'f.id', order: filter.order }])
    .limit(filter.limit)
    .offset(filter.offset);
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
