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

/**
 * Counts of the cohort per issue day and offence: issued, cancelled by the cut-off, minors, and
 * still standing (never cancelled). Read from the cohort index alone (migration 20240701b).
 */
export async function cohortCounts(db: Knex, w: Window) {
  const rows = (await cohort(db, w)
    .groupBy('f.issued_on', 'f.offence_code')
    .select(
      'f.issued_on',
      'f.offence_code',
      db.raw('COUNT(*) AS issued'),
      db.raw('SUM(CASE WHEN f.cancelled_on IS NOT NULL AND f.cancelled_on <= ? THEN 1 ELSE 0 END) AS cancelled', [w.date]),
      db.raw('SUM(CASE WHEN f.reduced_for_minor THEN 1 ELSE 0 END) AS minors'),
      db.raw('SUM(CASE WHEN f.cancelled_on IS NULL THEN 1 ELSE 0 END) AS uncancelled'),
    )) as Row[];
  return rows.map((r) => ({ issuedOn: String(r.issued_on), offenceCode: String(r.offence_code), issued: n(r.issued), cancelled: n(r.cancelled), minors: n(r.minors), uncancelled: n(r.uncancelled) }));
}

/** Fines issued per district, in the database's order of the name. */
export async function districtCounts(db: Knex, w: Window) {
  const rows = (await cohort(db, w).groupBy('f.district').select('f.district').count({ issued: '*' }).orderBy('f.district')) as Row[];
  return rows.map((r) => ({ district: String(r.district), issued: n(r.issued) }));
}

/** The money of the cohort's fines by the cut-off, per issue day and offence, with the report's signs (all positive in a normal year). */
export interface MoneyOfDay {
  issuedOn: string;
  offenceCode: string;
  /** The fine amounts booked by the beschikking (fine.issue on receivable:fines). */
  imposedCents: number;
  /** Taken off the fine by cancellation or reduction (fine.cancel, fine.reduce). */
  cancelledCents: number;
  /** Paid on the fine itself (payment.* on receivable:fines, net of unallocations). */
  collectedCents: number;
  /** Costs and interest charged (collection.* on receivable:costs and :interest). */
  costsImposedCents: number;
  /** Paid on costs and interest (payment.* on receivable:costs and :interest). */
  costsCollectedCents: number;
  /** Taken off any receivable by a write-off (fine.write-off). */
  writtenOffCents: number;
  /** All receivables of these fines together: what is still owed. */
  outstandingCents: number;
}

export interface FullPaymentBucket {
  /** Days from the beschikking to the day the principal was paid in full. */
  days: number;
  withinTerm: boolean;
  /** The furthest collection step taken on or before that day. */
  after: 'none' | 'aanmaning' | 'dwangbevel';
  fines: number;
}

// Account and kind prefixes as ranges, not LIKE: SQLite's LIKE ignores case and so cannot use an
// index; a range on the same column can, on both databases.
const RECEIVABLE = "p.account >= 'receivable:' AND p.account < 'receivable;'";
const PAYMENT_KIND = "p.entry_kind >= 'payment.' AND p.entry_kind < 'payment/'";

async function rowsOf(db: Knex, sql: string, bindings: readonly string[]): Promise<Row[]> {
  const result = (await db.raw(sql, bindings)) as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}

/** SQLite plans joins without statistics: CROSS JOIN keeps the fines (from the cohort index) first. */
const joinPostings = (db: Knex) => (dialectOf(db) === 'postgres' ? 'JOIN' : 'CROSS JOIN');

/**
 * The cohort's receivable postings booked by the cut-off, summed per issue day and offence into the
 * report's money figures. Each posting carries its entry's booking date and kind (migration
 * 20240701a), so this reads the fines and their postings only, never the entries. On SQLite the
 * fines come from the cohort index in (issue day, offence) order and each fine's postings from the
 * postings' fine index, both without touching a table row, and the sums are made as the rows
 * arrive instead of after sorting them all; PostgreSQL hashes.
 */
export async function moneyByIssueDay(db: Knex, w: Window): Promise<MoneyOfDay[]> {
  const fines = "p.account = 'receivable:fines'";
  const costs = "p.account IN ('receivable:costs', 'receivable:interest')";
  const rows = await rowsOf(db, `
    SELECT f.issued_on, f.offence_code,
      SUM(CASE WHEN ${fines} AND p.entry_kind = 'fine.issue' THEN p.amount_cents ELSE 0 END) AS imposed,
      -SUM(CASE WHEN ${fines} AND p.entry_kind IN ('fine.cancel', 'fine.reduce') THEN p.amount_cents ELSE 0 END) AS cancelled,
      -SUM(CASE WHEN ${fines} AND ${PAYMENT_KIND} THEN p.amount_cents ELSE 0 END) AS collected,
      SUM(CASE WHEN ${costs} AND p.entry_kind >= 'collection.' AND p.entry_kind < 'collection/' THEN p.amount_cents ELSE 0 END) AS costs_imposed,
      -SUM(CASE WHEN ${costs} AND ${PAYMENT_KIND} THEN p.amount_cents ELSE 0 END) AS costs_collected,
      -SUM(CASE WHEN p.entry_kind = 'fine.write-off' THEN p.amount_cents ELSE 0 END) AS written_off,
      SUM(p.amount_cents) AS outstanding
    FROM fines f ${joinPostings(db)} postings p ON p.fine_id = f.id
    WHERE f.issued_on BETWEEN ? AND ? AND ${RECEIVABLE} AND p.booked_on <= ?
    GROUP BY f.issued_on, f.offence_code`, [w.from, w.to, w.date]);
  return rows.map((r) => ({
    issuedOn: String(r.issued_on),
    offenceCode: String(r.offence_code),
    imposedCents: n(r.imposed),
    cancelledCents: n(r.cancelled),
    collectedCents: n(r.collected),
    costsImposedCents: n(r.costs_imposed),
    costsCollectedCents: n(r.costs_collected),
    writtenOffCents: n(r.written_off),
    outstandingCents: n(r.outstanding),
  }));
}

/** What was paid on the cohort's fines (payment.* on receivable:fines) per month of booking, up to the cut-off. */
export async function collectedByBookingMonth(db: Knex, w: Window): Promise<Map<string, number>> {
  const rows = await rowsOf(db, `
    SELECT SUBSTR(p.booked_on, 1, 7) AS month, -SUM(p.amount_cents) AS collected
    FROM fines f ${joinPostings(db)} postings p ON p.fine_id = f.id
    WHERE f.issued_on BETWEEN ? AND ? AND p.account = 'receivable:fines' AND ${PAYMENT_KIND} AND p.booked_on <= ?
    GROUP BY SUBSTR(p.booked_on, 1, 7)`, [w.from, w.to, w.date]);
  return new Map(rows.map((r) => [String(r.month), n(r.collected)]));
}

/**
 * The standing fines of the cohort (issued by the cut-off, never cancelled) whose principal was
 * paid in full by the cut-off, counted by days to full payment, within the term or not, and the
 * collection step before it. The day of full payment: the fine's payment postings in booking order
 * (Awb 4:89: paid when the municipality's account is credited; on one day, in the order the ledger
 * wrote them) keep a running total; it is the first day of the last stretch in which that total
 * covers the fine's amount (a later return or refund reopens the fine; a new payment closes it
 * again on its own day).
 *
 * How: one window pass gives each payment its running total; the payments that turn the fine
 * covered (+1) or open again (-1) are kept (before the first payment it is open). They alternate,
 * so they add up to 1 when the fine ended covered, and to 0 otherwise: it is paid in full on the
 * latest day that turned it covered. (Written as "> 0": PostgreSQL then expects many fines, not a
 * handful, and counts them by hashing instead of sorting them all.)
 */
export async function fullPayments(db: Knex, w: Window): Promise<FullPaymentBucket[]> {
  const days = dialectOf(db) === 'postgres' ? 'CAST(x.paid_on AS date) - CAST(x.issued_on AS date)' : 'CAST(ROUND(julianday(x.paid_on) - julianday(x.issued_on)) AS INTEGER)';
  // A fine gets at most one aanmaning and one dwangbevel, each as instalment 0 (collection_steps is
  // unique per fine, step and instalment), so joining them adds no rows; joined to the payments
  // rather than looked up per paid fine, PostgreSQL hashes them instead of probing per fine.
  const rows = await rowsOf(db, `
    WITH running AS (
      SELECT p.fine_id, p.booked_on, p.amount_cents, f.issued_on, f.due_on, f.amount_cents AS fine_cents, d.step_date AS dwangbevel_on, a.step_date AS aanmaning_on,
        ROW_NUMBER() OVER w AS rn,
        -SUM(p.amount_cents) OVER w AS paid
      FROM fines f ${joinPostings(db)} postings p ON p.fine_id = f.id
        LEFT JOIN collection_steps d ON d.fine_id = f.id AND d.step = 'dwangbevel' AND d.instalment = 0
        LEFT JOIN collection_steps a ON a.fine_id = f.id AND a.step = 'aanmaning' AND a.instalment = 0
      WHERE f.issued_on BETWEEN ? AND ? AND f.issued_on <= ? AND f.cancelled_on IS NULL
        AND p.account = 'receivable:fines' AND ${PAYMENT_KIND} AND p.booked_on <= ?
      WINDOW w AS (PARTITION BY p.fine_id ORDER BY p.booked_on, p.id ROWS UNBOUNDED PRECEDING)
    ),
    turns AS (
      SELECT fine_id, booked_on, issued_on, due_on, dwangbevel_on, aanmaning_on, CASE WHEN paid >= fine_cents THEN 1 ELSE -1 END AS turn
      FROM running
      WHERE (paid >= fine_cents) <> (rn > 1 AND paid + amount_cents >= fine_cents)
    ),
    x AS (
      SELECT MAX(CASE WHEN turn = 1 THEN booked_on END) AS paid_on,
        MAX(issued_on) AS issued_on, MAX(due_on) AS due_on, MAX(dwangbevel_on) AS dwangbevel_on, MAX(aanmaning_on) AS aanmaning_on
      FROM turns GROUP BY fine_id HAVING SUM(turn) > 0
    ),
    y AS (
      SELECT ${days} AS days,
        CASE WHEN x.paid_on <= x.due_on THEN 1 ELSE 0 END AS within_term,
        CASE WHEN x.dwangbevel_on <= x.paid_on THEN 'dwangbevel' WHEN x.aanmaning_on <= x.paid_on THEN 'aanmaning' ELSE 'none' END AS after_step
      FROM x
    )
    SELECT days, within_term, after_step, COUNT(*) AS fines FROM y GROUP BY days, within_term, after_step`, [w.from, w.to, w.date, w.date]);
  return rows.map((r) => ({ days: n(r.days), withinTerm: n(r.within_term) === 1, after: String(r.after_step) as FullPaymentBucket['after'], fines: n(r.fines) }));
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
  // From the postings' account index alone (account, booked_on, amount_cents: migration 20240701a).
  return n((await db('postings').where('account', 'suspense:unallocated').where('booked_on', '<=', date).sum({ total: 'amount_cents' }).first())?.total);
}

export async function baselineYears(db: Knex) {
  const rows = (await db('cjib_baseline').groupBy('year').orderBy('year').select('year').sum({ count: 'fines_count', imposed: 'imposed_cents', revenue: 'revenue_to_municipality_cents' })) as Row[];
  return rows.map((r) => ({ year: n(r.year), finesIssued: n(r.count), imposedCents: n(r.imposed), revenueToMunicipalityCents: n(r.revenue) }));
}
