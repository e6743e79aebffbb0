// The evaluation's queries. Everything is aggregated in the database, so the report reads a few
// thousand rows however large the pilot year is (1,000,000 fines: see BENCHMARKS.md); the service
// composes the figures from them.
import type { Knex } from 'knex';
import { dialectOf, toSafeInteger } from '../../shared/db.js';

type Row = Record<string, unknown>;
const n = (v: unknown) => toSafeInteger(v);

/** The cohort (fines issued in the year, up to the cut-off) and the cut-off date. */
export interface Window {
  from: string;
  to: string;
  date: string;
}

const cohort = (db: Knex, w: Window) => db('fines as f').whereBetween('f.issued_on', [w.from, w.to]).where('f.issued_on', '<=', w.date);

/** Counts of the cohort per issue month: issued, cancelled by the cut-off, minors, and still standing (never cancelled). */
export async function cohortCountsByMonth(db: Knex, w: Window) {
  const rows = (await cohort(db, w)
    .groupBy(db.raw('SUBSTR(f.issued_on, 1, 7)'))
    .select(
      db.raw('SUBSTR(f.issued_on, 1, 7) AS month'),
      db.raw('COUNT(*) AS issued'),
      db.raw('SUM(CASE WHEN f.cancelled_on IS NOT NULL AND f.cancelled_on <= ? THEN 1 ELSE 0 END) AS cancelled', [w.date]),
      db.raw('SUM(CASE WHEN f.reduced_for_minor THEN 1 ELSE 0 END) AS minors'),
      db.raw('SUM(CASE WHEN f.cancelled_on IS NULL THEN 1 ELSE 0 END) AS uncancelled'),
    )) as Row[];
  return rows.map((r) => ({ month: String(r.month), issued: n(r.issued), cancelled: n(r.cancelled), minors: n(r.minors), uncancelled: n(r.uncancelled) }));
}

/** Fines issued per offence code and per district, in the database's order of the code and name. */
export async function cohortCountsBy(db: Knex, w: Window, column: 'offence_code' | 'district') {
  const rows = (await cohort(db, w).groupBy(`f.${column}`).select(`f.${column} as key`).count({ issued: '*' }).orderBy(`f.${column}`)) as Row[];
  return rows.map((r) => ({ key: String(r.key), issued: n(r.issued) }));
}

export interface MoneyBucket {
  account: string;
  kind: string;
  /** Month of the fine's issue and of the booking, YYYY-MM. */
  issuedMonth: string;
  bookedMonth: string;
  offenceCode: string;
  total: number;
}

export interface FullPaymentBucket {
  /** Days from the beschikking to the day the principal was paid in full. */
  days: number;
  withinTerm: boolean;
  /** The furthest collection step taken on or before that day. */
  after: 'none' | 'aanmaning' | 'dwangbevel';
  fines: number;
}

/**
 * One pass over the cohort's receivable postings booked by the cut-off, each joined to its entry
 * and fine once (that join is most of the report's time), giving two things:
 * - money: the postings summed by account, entry kind, issue month, booking month and offence;
 * - paid: the standing fines of the cohort (issued by the cut-off, never cancelled) whose principal
 *   was paid in full by the cut-off, counted by days to full payment, within the term or not, and
 *   the collection step before it. The day of full payment: the fine's payment postings in booking
 *   order (Awb 4:89: paid when the municipality's account is credited) keep a running total; it is
 *   the first day of the last stretch in which that total covers the fine's amount (a later return
 *   or refund reopens the fine; a new payment closes it again on its own day).
 */
export async function ledgerPass(db: Knex, w: Window): Promise<{ money: MoneyBucket[]; paid: FullPaymentBucket[] }> {
  const days = dialectOf(db) === 'postgres' ? 'CAST(x.paid_on AS date) - CAST(x.issued_on AS date)' : 'CAST(ROUND(julianday(x.paid_on) - julianday(x.issued_on)) AS INTEGER)';
  const sql = `
    WITH cp AS MATERIALIZED (
      SELECT p.id, p.fine_id, p.account, p.amount_cents, e.kind, e.booked_on, e.created_at,
        f.issued_on, f.offence_code, f.due_on, f.amount_cents AS fine_cents, f.cancelled_on
      FROM postings p
      JOIN journal_entries e ON e.id = p.entry_id
      JOIN fines f ON f.id = p.fine_id
      WHERE f.issued_on BETWEEN ? AND ? AND e.booked_on <= ? AND p.account LIKE 'receivable:%'
    ),
    running AS (
      SELECT fine_id, booked_on, issued_on, due_on, fine_cents,
        ROW_NUMBER() OVER (PARTITION BY fine_id ORDER BY booked_on, created_at, id) AS rn,
        -SUM(amount_cents) OVER (PARTITION BY fine_id ORDER BY booked_on, created_at, id ROWS UNBOUNDED PRECEDING) AS paid
      FROM cp
      WHERE account = 'receivable:fines' AND kind LIKE 'payment.%' AND issued_on <= ? AND cancelled_on IS NULL
    ),
    stretches AS (
      SELECT fine_id, booked_on, issued_on, due_on, rn,
        MAX(CASE WHEN paid < fine_cents THEN rn ELSE 0 END) OVER (PARTITION BY fine_id) AS last_short
      FROM running
    ),
    x AS (
      SELECT fine_id, booked_on AS paid_on, issued_on, due_on FROM stretches WHERE rn = last_short + 1
    ),
    y AS (
      SELECT ${days} AS days,
        CASE WHEN x.paid_on <= x.due_on THEN 1 ELSE 0 END AS within_term,
        CASE
          WHEN EXISTS (SELECT 1 FROM collection_steps s WHERE s.fine_id = x.fine_id AND s.step = 'dwangbevel' AND s.step_date <= x.paid_on) THEN 'dwangbevel'
          WHEN EXISTS (SELECT 1 FROM collection_steps s WHERE s.fine_id = x.fine_id AND s.step = 'aanmaning' AND s.step_date <= x.paid_on) THEN 'aanmaning'
          ELSE 'none'
        END AS after_step
      FROM x
    )
    SELECT 'money' AS part, account, kind, SUBSTR(issued_on, 1, 7) AS issued_month, SUBSTR(booked_on, 1, 7) AS booked_month, offence_code,
      SUM(amount_cents) AS total, NULL AS days, NULL AS within_term, NULL AS after_step, NULL AS fines
    FROM cp
    GROUP BY account, kind, SUBSTR(issued_on, 1, 7), SUBSTR(booked_on, 1, 7), offence_code
    UNION ALL
    SELECT 'paid', NULL, NULL, NULL, NULL, NULL, NULL, days, within_term, after_step, COUNT(*)
    FROM y
    GROUP BY days, within_term, after_step`;
  const result = (await db.raw(sql, [w.from, w.to, w.date, w.date])) as Row[] | { rows: Row[] };
  const rows = Array.isArray(result) ? result : result.rows;
  return {
    money: rows.filter((r) => r.part === 'money').map((r) => ({ account: String(r.account), kind: String(r.kind), issuedMonth: String(r.issued_month), bookedMonth: String(r.booked_month), offenceCode: String(r.offence_code), total: n(r.total) })),
    paid: rows.filter((r) => r.part === 'paid').map((r) => ({ days: n(r.days), withinTerm: n(r.within_term) === 1, after: String(r.after_step) as FullPaymentBucket['after'], fines: n(r.fines) })),
  };
}

/** Collection steps of the cohort taken by the cut-off, per kind of step. */
export async function stepCounts(db: Knex, w: Window): Promise<Map<string, number>> {
  const rows = (await db('collection_steps as s').join('fines as f', 'f.id', 's.fine_id').whereBetween('f.issued_on', [w.from, w.to]).where('s.step_date', '<=', w.date).groupBy('s.step').select('s.step').count({ c: '*' })) as Row[];
  return new Map(rows.map((r) => [String(r.step), n(r.c)]));
}

/** Objections on the cohort's fines received by the cut-off (a few per thousand fines). */
export async function objections(db: Knex, w: Window) {
  const rows = (await db('objections as o').join('fines as f', 'f.id', 'o.fine_id').whereBetween('f.issued_on', [w.from, w.to]).where('o.received_on', '<=', w.date).select('o.received_on', 'o.outcome', 'o.decided_on')) as Row[];
  return rows.map((r) => ({ receivedOn: String(r.received_on), outcome: r.outcome ? String(r.outcome) : null, decidedOn: r.decided_on ? String(r.decided_on) : null }));
}

export async function paymentPlans(db: Knex, w: Window): Promise<number> {
  return n((await db('payment_plans as pp').join('fines as f', 'f.id', 'pp.fine_id').whereBetween('f.issued_on', [w.from, w.to]).where('pp.granted_on', '<=', w.date).count({ c: '*' }).first())?.c);
}

/** Refunds paid out by the cut-off on the cohort's fines. */
export async function refundedCents(db: Knex, w: Window): Promise<number> {
  return n((await db('refund_proposals as r').join('fines as f', 'f.id', 'r.fine_id').whereBetween('f.issued_on', [w.from, w.to]).where('r.status', 'paid').where('r.paid_on', '<=', w.date).sum({ total: 'r.amount_cents' }).first())?.total);
}

/** The balance of suspense:unallocated on the cut-off (negative: money received and not yet allocated). */
export async function suspenseBalance(db: Knex, date: string): Promise<number> {
  // All of suspense less what was booked after the date: the postings alone, and only the few
  // entries after the date joined (joining every posting to its entry costs ten times as much).
  const all = n((await db('postings').where('account', 'suspense:unallocated').sum({ total: 'amount_cents' }).first())?.total);
  // SQLite has no statistics to see that few entries follow the date: CROSS JOIN keeps them first.
  const join = dialectOf(db) === 'postgres' ? 'JOIN' : 'CROSS JOIN';
  const result = (await db.raw(`SELECT SUM(p.amount_cents) AS total FROM journal_entries e ${join} postings p ON p.entry_id = e.id WHERE e.booked_on > ? AND p.account = 'suspense:unallocated'`, [date])) as Row[] | { rows: Row[] };
  const later = n((Array.isArray(result) ? result : result.rows)[0]?.total);
  return all - later;
}

export async function baselineYears(db: Knex) {
  const rows = (await db('cjib_baseline').groupBy('year').orderBy('year').select('year').sum({ count: 'fines_count', imposed: 'imposed_cents', revenue: 'revenue_to_municipality_cents' })) as Row[];
  return rows.map((r) => ({ year: n(r.year), finesIssued: n(r.count), imposedCents: n(r.imposed), revenueToMunicipalityCents: n(r.revenue) }));
}
