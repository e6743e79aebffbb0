import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { toSafeInteger } from '../../shared/db.js';
import { RuleViolationError } from '../../shared/errors.js';
import { daysBetween } from '../../domain/civil-date.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { EvaluationReport } from './evaluation.types.js';

type Row = Record<string, unknown>;
const n = (v: unknown) => toSafeInteger(v);

/** The median of whole days; null when there is nothing to take it of. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The evaluation of a pilot year: the cohort is the fines issued in that year (Amsterdam dates);
 * money is what the ledger holds on `asOf`. The same ledger and date give byte-identical JSON
 * and the same content hash; only generatedAt differs between runs.
 */
export function createEvaluationService({ db, clock, reference }: { db: Knex; clock: Clock; reference: ReferenceService }) {
  /** Postings of the cohort's fines booked up to asOf, by account and entry kind. */
  function cohortPostings(year: number, asOf: string) {
    return db('postings as p')
      .join('journal_entries as e', 'e.id', 'p.entry_id')
      .join('fines as f', 'f.id', 'p.fine_id')
      .whereBetween('f.issued_on', [`${year}-01-01`, `${year}-12-31`])
      .where('e.booked_on', '<=', asOf);
  }

  return {
    /**
     * The collection curve: of the cohort's standing fines, the share paid in full within N days
     * of the beschikking, for N = 0 … 365 (for the report's chart).
     */
    async collectionCurve(year: number, asOf?: string): Promise<{ days: number; share: number }[]> {
      const date = asOf ?? clock.today();
      const fines = (await db('fines as f').whereBetween('f.issued_on', [`${year}-01-01`, `${year}-12-31`]).where('f.issued_on', '<=', date).whereNull('f.cancelled_on').select('f.id', 'f.issued_on', 'f.amount_cents')) as Row[];
      const payments = (await cohortPostings(year, date).where('p.account', 'receivable:fines').where('e.kind', 'like', 'payment.%').orderBy([{ column: 'p.fine_id' }, { column: 'e.booked_on' }, { column: 'e.created_at' }]).select('p.fine_id', 'e.booked_on', 'p.amount_cents')) as Row[];
      const paidOn = fullPaymentDates(payments, new Map(fines.map((f) => [n(f.id), n(f.amount_cents)])));
      const days = fines.flatMap((f) => (paidOn.has(n(f.id)) ? [daysBetween(String(f.issued_on), paidOn.get(n(f.id))!)] : []));
      return Array.from({ length: 366 }, (_, d) => ({ days: d, share: fines.length ? Math.round((days.filter((x) => x <= d).length / fines.length) * 10_000) / 10_000 : 0 }));
    },

    async evaluation(year: number, asOf?: string): Promise<EvaluationReport> {
      const date = asOf ?? clock.today();
      if (date < `${year}-01-01`) throw new RuleViolationError(`De peildatum ${date} ligt vóór het jaar ${year}.`, { errors: [{ field: 'asOf', message: 'vóór het jaar' }] });
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const cohort = () => db('fines as f').whereBetween('f.issued_on', [from, to]).where('f.issued_on', '<=', date);

      const counts = (await cohort().select(
        db.raw('COUNT(*) AS issued'),
        db.raw('SUM(CASE WHEN f.cancelled_on IS NOT NULL AND f.cancelled_on <= ? THEN 1 ELSE 0 END) AS cancelled', [date]),
        db.raw('SUM(CASE WHEN f.reduced_for_minor THEN 1 ELSE 0 END) AS minors'),
      )) as Row[];

      // Money by bucket: imposed (fine.issue), cancelled (fine.cancel, fine.reduce), collected
      // (payment.* on the fine, costs and interest), written off, costs imposed (collection.*).
      const sums = (await cohortPostings(year, date)
        .where('p.account', 'like', 'receivable:%')
        .groupBy('p.account', 'e.kind')
        .select('p.account', 'e.kind')
        .sum({ total: 'p.amount_cents' })) as Row[];
      const sum = (account: (a: string) => boolean, kind: (k: string) => boolean) => sums.filter((r) => account(String(r.account)) && kind(String(r.kind))).reduce((s, r) => s + n(r.total), 0);
      const isFine = (a: string) => a === 'receivable:fines';
      const isCost = (a: string) => a === 'receivable:costs' || a === 'receivable:interest';
      const any = () => true;
      const imposed = sum(isFine, (k) => k === 'fine.issue');
      const cancelled = -sum(isFine, (k) => k === 'fine.cancel' || k === 'fine.reduce');
      const collected = -sum(isFine, (k) => k.startsWith('payment.'));
      const costsImposed = sum(isCost, (k) => k.startsWith('collection.'));
      const costsCollected = -sum(isCost, (k) => k.startsWith('payment.'));
      const writtenOff = -sum(any, (k) => k === 'fine.write-off');
      const outstanding = sum(any, any);
      const refunded = n((await db('refund_proposals as r').join('fines as f', 'f.id', 'r.fine_id').whereBetween('f.issued_on', [from, to]).where('r.status', 'paid').where('r.paid_on', '<=', date).sum({ total: 'r.amount_cents' }).first())?.total);
      const suspense = n((await db('postings as p').join('journal_entries as e', 'e.id', 'p.entry_id').where('p.account', 'suspense:unallocated').where('e.booked_on', '<=', date).sum({ total: 'p.amount_cents' }).first())?.total);

      const byMonthImposed = (await cohort().groupBy(db.raw('SUBSTR(f.issued_on, 1, 7)')).select(db.raw('SUBSTR(f.issued_on, 1, 7) AS month')).count({ issued: '*' })) as Row[];
      const monthlyImposed = (await cohortPostings(year, date).where('p.account', 'receivable:fines').where('e.kind', 'fine.issue').groupBy(db.raw('SUBSTR(f.issued_on, 1, 7)')).select(db.raw('SUBSTR(f.issued_on, 1, 7) AS month')).sum({ total: 'p.amount_cents' })) as Row[];
      const monthlyCollected = (await cohortPostings(year, date).where('p.account', 'receivable:fines').where('e.kind', 'like', 'payment.%').groupBy(db.raw('SUBSTR(e.booked_on, 1, 7)')).select(db.raw('SUBSTR(e.booked_on, 1, 7) AS month')).sum({ total: 'p.amount_cents' })) as Row[];
      const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
      const byMonth = months.map((month) => ({
        month,
        issued: n(byMonthImposed.find((r) => r.month === month)?.issued),
        imposedCents: n(monthlyImposed.find((r) => r.month === month)?.total),
        collectedCents: -n(monthlyCollected.find((r) => r.month === month)?.total),
      }));

      const offenceIssued = (await cohort().groupBy('f.offence_code').select('f.offence_code').count({ issued: '*' }).orderBy('f.offence_code')) as Row[];
      const offenceMoney = (await cohortPostings(year, date).where('p.account', 'receivable:fines').groupBy('f.offence_code').select('f.offence_code').sum({ imposed: db.raw("CASE WHEN e.kind = 'fine.issue' THEN p.amount_cents ELSE 0 END") }).sum({ collected: db.raw("CASE WHEN e.kind LIKE 'payment.%' THEN -p.amount_cents ELSE 0 END") })) as Row[];
      const byOffence = offenceIssued.map((r) => {
        const m = offenceMoney.find((x) => x.offence_code === r.offence_code);
        return { offenceCode: String(r.offence_code), issued: n(r.issued), imposedCents: n(m?.imposed), collectedCents: n(m?.collected) };
      });
      const byDistrict = ((await cohort().groupBy('f.district').select('f.district').count({ issued: '*' }).orderBy('f.district')) as Row[]).map((r) => ({ district: String(r.district), issued: n(r.issued) }));

      // Timeliness: the day each fine's principal was paid in full, from its payment postings in
      // booking order (Awb 4:89: paid when the municipality's account is credited).
      const payments = (await cohortPostings(year, date).where('p.account', 'receivable:fines').where('e.kind', 'like', 'payment.%').orderBy([{ column: 'p.fine_id' }, { column: 'e.booked_on' }, { column: 'e.created_at' }]).select('p.fine_id', 'e.booked_on', 'p.amount_cents')) as Row[];
      const fines = (await cohort().whereNull('f.cancelled_on').select('f.id', 'f.issued_on', 'f.due_on', 'f.amount_cents')) as Row[];
      const steps = (await db('collection_steps as s').join('fines as f', 'f.id', 's.fine_id').whereBetween('f.issued_on', [from, to]).where('s.step_date', '<=', date).select('s.fine_id', 's.step', 's.step_date')) as Row[];
      const paidFull = fullPaymentDates(payments, new Map(fines.map((f) => [n(f.id), n(f.amount_cents)])));
      const stepsByFine = new Map<number, Row[]>();
      for (const st of steps) {
        const list = stepsByFine.get(n(st.fine_id)) ?? [];
        list.push(st);
        stepsByFine.set(n(st.fine_id), list);
      }
      let withinTerm = 0;
      let afterReminder = 0;
      let afterEnforcement = 0;
      const days: number[] = [];
      for (const f of fines) {
        const paidOn = paidFull.get(n(f.id));
        if (!paidOn) continue;
        days.push(daysBetween(String(f.issued_on), paidOn));
        if (paidOn <= String(f.due_on)) withinTerm += 1;
        const own = (stepsByFine.get(n(f.id)) ?? []).filter((s) => String(s.step_date) <= paidOn);
        if (own.some((s) => s.step === 'dwangbevel')) afterEnforcement += 1;
        else if (own.some((s) => s.step === 'aanmaning')) afterReminder += 1;
      }
      const standing = n(counts[0]?.issued) - n(counts[0]?.cancelled);

      const objections = (await db('objections as o').join('fines as f', 'f.id', 'o.fine_id').whereBetween('f.issued_on', [from, to]).where('o.received_on', '<=', date).select('o.received_on', 'o.outcome', 'o.decided_on')) as Row[];
      const decided = objections.filter((o) => o.outcome && String(o.decided_on) <= date);
      const plans = n((await db('payment_plans as pp').join('fines as f', 'f.id', 'pp.fine_id').whereBetween('f.issued_on', [from, to]).where('pp.granted_on', '<=', date).count({ c: '*' }).first())?.c);

      const baselineRows = (await db('cjib_baseline').groupBy('year').orderBy('year').select('year').sum({ count: 'fines_count', imposed: 'imposed_cents', revenue: 'revenue_to_municipality_cents' })) as Row[];

      const body: Omit<EvaluationReport, 'generatedAt' | 'contentHash'> = {
        year,
        asOf: date,
        municipality: (await reference.municipality()).name,
        fines: { issued: n(counts[0]?.issued), cancelled: n(counts[0]?.cancelled), minors: n(counts[0]?.minors), byMonth, byOffence, byDistrict },
        money: {
          imposedCents: imposed,
          cancelledCents: cancelled,
          netImposedCents: imposed - cancelled,
          collectedCents: collected,
          outstandingCents: outstanding,
          writtenOffCents: writtenOff,
          refundedCents: refunded,
          costsImposedCents: costsImposed,
          costsCollectedCents: costsCollected,
          unallocatedReceiptsCents: Math.max(0, -suspense),
          collectionRate: imposed - cancelled > 0 ? Math.round((collected / (imposed - cancelled)) * 10_000) / 10_000 : 0,
        },
        timeliness: {
          paidInFull: paidFull.size,
          paidWithinTerm: withinTerm,
          paidWithinTermShare: standing > 0 ? Math.round((withinTerm / standing) * 10_000) / 10_000 : 0,
          medianDaysToFullPayment: median(days),
          paidAfterReminder: afterReminder,
          paidAfterEnforcement: afterEnforcement,
        },
        collection: { reminders: steps.filter((s) => s.step === 'aanmaning').length, enforcementHandOffs: steps.filter((s) => s.step === 'dwangbevel').length, paymentPlans: plans },
        objections: {
          received: objections.length,
          upheld: decided.filter((o) => o.outcome === 'upheld').length,
          reduced: decided.filter((o) => o.outcome === 'reduced').length,
          rejected: decided.filter((o) => o.outcome === 'rejected').length,
          pending: objections.length - decided.length,
          medianDaysToDecision: median(decided.map((o) => daysBetween(String(o.received_on), String(o.decided_on)))),
        },
        baseline: baselineRows.map((r) => ({ year: n(r.year), finesIssued: n(r.count), imposedCents: n(r.imposed), revenueToMunicipalityCents: n(r.revenue) })),
      };
      const contentHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
      return { ...body, generatedAt: clock.now().toISOString(), contentHash };
    },
  };
}

/** The day each fine's principal was paid in full (a later return reopens it), from payments in booking order. */
function fullPaymentDates(payments: readonly Row[], amountOf: ReadonlyMap<number, number>): Map<number, string> {
  const paidFull = new Map<number, string>();
  const running = new Map<number, number>();
  for (const p of payments) {
    const id = n(p.fine_id);
    const amount = amountOf.get(id);
    if (amount === undefined) continue;
    const total = (running.get(id) ?? 0) - n(p.amount_cents);
    running.set(id, total);
    if (total >= amount && !paidFull.has(id)) paidFull.set(id, String(p.booked_on));
    if (total < amount) paidFull.delete(id);
  }
  return paidFull;
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
