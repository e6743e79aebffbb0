import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { RuleViolationError } from '../../shared/errors.js';
import { daysBetween } from '../../domain/civil-date.js';
import type { ReferenceService } from '../reference/reference.service.js';
import * as repo from './evaluation.repository.js';
import type { EvaluationReport } from './evaluation.types.js';

/** The median of whole days; null when there is nothing to take it of. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of values given as counts per value (the same as `median` of the values written out). */
export function medianOfCounts(counts: ReadonlyMap<number, number>): number | null {
  const total = [...counts.values()].reduce((s, c) => s + c, 0);
  if (total === 0) return null;
  const sorted = [...counts].sort((a, b) => a[0] - b[0]);
  const at = (index: number) => {
    let seen = 0;
    for (const [value, count] of sorted) {
      seen += count;
      if (index < seen) return value;
    }
    throw new Error('unreachable');
  };
  const mid = Math.floor(total / 2);
  return total % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

/** Fines paid in full by days since the beschikking, and the standing fines they are a share of. */
interface PaidInFull {
  buckets: repo.FullPaymentBucket[];
  standing: number;
}

/** Of the standing fines, the share paid in full within N days of the beschikking, for N = 0 … 365. */
function curveOf({ buckets, standing }: PaidInFull): { days: number; share: number }[] {
  const byDay = new Array<number>(366).fill(0);
  for (const b of buckets) if (b.days >= 0 && b.days <= 365) byDay[b.days]! += b.fines;
  let paid = buckets.filter((b) => b.days < 0).reduce((s, b) => s + b.fines, 0);
  return byDay.map((count, days) => {
    paid += count;
    return { days, share: share(paid, standing) };
  });
}

/**
 * The evaluation of a pilot year: the cohort is the fines issued in that year (Amsterdam dates);
 * money is what the ledger holds on `asOf`. The same ledger and date give byte-identical JSON
 * and the same content hash; only generatedAt differs between runs. Every figure is aggregated
 * in the database (evaluation.repository.ts).
 */
export function createEvaluationService({ db, clock, reference }: { db: Knex; clock: Clock; reference: ReferenceService }) {
  const windowOf = (year: number, date: string): repo.Window => ({ from: `${year}-01-01`, to: `${year}-12-31`, date });

  const standingFines = async (w: repo.Window) => (await repo.cohortCounts(db, w)).reduce((s, c) => s + c.uncancelled, 0);

  async function report(year: number, date: string): Promise<{ report: EvaluationReport; paid: PaidInFull }> {
    if (date < `${year}-01-01`) throw new RuleViolationError(`De peildatum ${date} ligt vóór het jaar ${year}.`, { errors: [{ field: 'asOf', message: 'vóór het jaar' }] });
    const w = windowOf(year, date);
    const counts = await repo.cohortCounts(db, w);
    const total = (f: (c: (typeof counts)[number]) => number) => counts.reduce((s, c) => s + f(c), 0);
    const issued = total((c) => c.issued);
    const cancelledFines = total((c) => c.cancelled);

    // Money per issue day and offence (evaluation.repository.ts says which entries count where).
    const money = await repo.moneyByIssueDay(db, w);
    const sum = (figure: (m: repo.MoneyOfDay) => number, where: (m: repo.MoneyOfDay) => boolean = () => true) => money.filter(where).reduce((s, m) => s + figure(m), 0);
    const imposed = sum((m) => m.imposedCents);
    const cancelled = sum((m) => m.cancelledCents);
    const collected = sum((m) => m.collectedCents);
    const refunded = await repo.refundedCents(db, w);
    const suspense = await repo.suspenseBalance(db, date);
    const collectedIn = await repo.collectedByBookingMonth(db, w);

    const byMonth = Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      const inMonth = (x: { issuedOn: string }) => x.issuedOn.startsWith(month);
      return {
        month,
        issued: total((c) => (inMonth(c) ? c.issued : 0)),
        imposedCents: sum((m) => m.imposedCents, inMonth),
        collectedCents: collectedIn.get(month) ?? 0,
      };
    });
    // Offence codes in one order on every database (the code's characters), not a collation's.
    const offenceCodes = [...new Set(counts.map((c) => c.offenceCode))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const byOffence = offenceCodes.map((offenceCode) => ({
      offenceCode,
      issued: total((c) => (c.offenceCode === offenceCode ? c.issued : 0)),
      imposedCents: sum((m) => m.imposedCents, (m) => m.offenceCode === offenceCode),
      collectedCents: sum((m) => m.collectedCents, (m) => m.offenceCode === offenceCode),
    }));
    const byDistrict = await repo.districtCounts(db, w);

    // Timeliness: the standing fines (never cancelled) paid in full, by the day their principal was.
    const paid: PaidInFull = { buckets: await repo.fullPayments(db, w), standing: total((c) => c.uncancelled) };
    const count = (f: (b: repo.FullPaymentBucket) => boolean) => paid.buckets.filter(f).reduce((s, b) => s + b.fines, 0);
    const days = new Map<number, number>();
    for (const b of paid.buckets) days.set(b.days, (days.get(b.days) ?? 0) + b.fines);
    const withinTerm = count((b) => b.withinTerm);
    const standing = issued - cancelledFines;
    const steps = await repo.stepCounts(db, w);

    const objections = await repo.objections(db, w);
    const decided = objections.filter((o) => o.outcome && String(o.decidedOn) <= date);

    const body: Omit<EvaluationReport, 'generatedAt' | 'contentHash'> = {
      year,
      asOf: date,
      municipality: (await reference.municipality()).name,
      fines: { issued, cancelled: cancelledFines, minors: total((c) => c.minors), byMonth, byOffence, byDistrict },
      money: {
        imposedCents: imposed,
        cancelledCents: cancelled,
        netImposedCents: imposed - cancelled,
        collectedCents: collected,
        outstandingCents: sum((m) => m.outstandingCents),
        writtenOffCents: sum((m) => m.writtenOffCents),
        refundedCents: refunded,
        costsImposedCents: sum((m) => m.costsImposedCents),
        costsCollectedCents: sum((m) => m.costsCollectedCents),
        unallocatedReceiptsCents: Math.max(0, -suspense),
        collectionRate: share(collected, imposed - cancelled),
      },
      timeliness: {
        paidInFull: count(() => true),
        paidWithinTerm: withinTerm,
        paidWithinTermShare: share(withinTerm, standing),
        medianDaysToFullPayment: medianOfCounts(days),
        paidAfterReminder: count((b) => b.after === 'aanmaning'),
        paidAfterEnforcement: count((b) => b.after === 'dwangbevel'),
      },
      collection: { reminders: steps.get('aanmaning') ?? 0, enforcementHandOffs: steps.get('dwangbevel') ?? 0, paymentPlans: await repo.paymentPlans(db, w) },
      objections: {
        received: objections.length,
        upheld: decided.filter((o) => o.outcome === 'upheld').length,
        reduced: decided.filter((o) => o.outcome === 'reduced').length,
        rejected: decided.filter((o) => o.outcome === 'rejected').length,
        pending: objections.length - decided.length,
        medianDaysToDecision: median(decided.map((o) => daysBetween(o.receivedOn, String(o.decidedOn)))),
      },
      baseline: await repo.baselineYears(db),
    };
    const contentHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
    return { report: { ...body, generatedAt: clock.now().toISOString(), contentHash }, paid };
  }

  return {
    /**
     * The collection curve: of the cohort's standing fines, the share paid in full within N days
     * of the beschikking, for N = 0 … 365 (for the report's chart).
     */
    async collectionCurve(year: number, asOf?: string): Promise<{ days: number; share: number }[]> {
      const w = windowOf(year, asOf ?? clock.today());
      return curveOf({ buckets: await repo.fullPayments(db, w), standing: await standingFines(w) });
    },

    async evaluation(year: number, asOf?: string): Promise<EvaluationReport> {
      return (await report(year, asOf ?? clock.today())).report;
    },

    /** The report and its collection curve from one pass over the payments (for the PDF). */
    async evaluationWithCurve(year: number, asOf?: string): Promise<{ report: EvaluationReport; curve: { days: number; share: number }[] }> {
      const { report: r, paid } = await report(year, asOf ?? clock.today());
      return { report: r, curve: curveOf(paid) };
    },
  };
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
