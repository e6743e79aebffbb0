// The evaluation's figures composed from what the queries gathered (evaluation.repository.ts):
// pure functions, no I/O, so that the same data give the same report byte for byte.
import { daysBetween } from '../../domain/civil-date.js';
import type * as repo from './evaluation.repository.js';
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

export const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

/** Fines paid in full by days since the beschikking, and the standing fines they are a share of. */
export interface PaidInFull {
  buckets: repo.FullPaymentBucket[];
  standing: number;
}

/** Of the standing fines, the share paid in full within N days of the beschikking, for N = 0 … 365. */
export function curveOf({ buckets, standing }: PaidInFull): { days: number; share: number }[] {
  const byDay = new Array<number>(366).fill(0);
  for (const b of buckets) if (b.days >= 0 && b.days <= 365) byDay[b.days]! += b.fines;
  let paid = buckets.filter((b) => b.days < 0).reduce((s, b) => s + b.fines, 0);
  return byDay.map((count, days) => {
    paid += count;
    return { days, share: share(paid, standing) };
  });
}

/** Everything the report is made of, as the queries return it. */
export interface EvaluationData {
  counts: Awaited<ReturnType<typeof repo.cohortCounts>>;
  districts: Awaited<ReturnType<typeof repo.districtCounts>>;
  money: repo.MoneyOfDay[];
  collectedIn: Map<string, number>;
  paid: repo.FullPaymentBucket[];
  refundedCents: number;
  suspenseCents: number;
  steps: Map<string, number>;
  objections: Awaited<ReturnType<typeof repo.objections>>;
  paymentPlans: number;
  baseline: EvaluationReport['baseline'];
}

/** The report of `year` as of `date` (everything but generatedAt and the content hash), and what the collection curve is drawn from. */
export function composeReport(year: number, date: string, municipality: string, d: EvaluationData): { body: Omit<EvaluationReport, 'generatedAt' | 'contentHash'>; paid: PaidInFull } {
  const { counts, money, collectedIn } = d;
  const total = (f: (c: (typeof counts)[number]) => number) => counts.reduce((s, c) => s + f(c), 0);
  const issued = total((c) => c.issued);
  const cancelledFines = total((c) => c.cancelled);

  // Money per issue day and offence (evaluation.repository.ts says which entries count where).
  const sum = (figure: (m: repo.MoneyOfDay) => number, where: (m: repo.MoneyOfDay) => boolean = () => true) => money.filter(where).reduce((s, m) => s + figure(m), 0);
  const imposed = sum((m) => m.imposedCents);
  const cancelled = sum((m) => m.cancelledCents);
  const collected = sum((m) => m.collectedCents);

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

  // Timeliness: the standing fines (never cancelled) paid in full, by the day their principal was.
  const paid: PaidInFull = { buckets: d.paid, standing: total((c) => c.uncancelled) };
  const count = (f: (b: repo.FullPaymentBucket) => boolean) => paid.buckets.filter(f).reduce((s, b) => s + b.fines, 0);
  const days = new Map<number, number>();
  for (const b of paid.buckets) days.set(b.days, (days.get(b.days) ?? 0) + b.fines);
  const withinTerm = count((b) => b.withinTerm);
  const standing = issued - cancelledFines;

  const { objections } = d;
  const decided = objections.filter((o) => o.outcome && String(o.decidedOn) <= date);

  const body: Omit<EvaluationReport, 'generatedAt' | 'contentHash'> = {
    year,
    asOf: date,
    municipality,
    fines: { issued, cancelled: cancelledFines, minors: total((c) => c.minors), byMonth, byOffence, byDistrict: d.districts },
    money: {
      imposedCents: imposed,
      cancelledCents: cancelled,
      netImposedCents: imposed - cancelled,
      collectedCents: collected,
      outstandingCents: sum((m) => m.outstandingCents),
      writtenOffCents: sum((m) => m.writtenOffCents),
      refundedCents: d.refundedCents,
      costsImposedCents: sum((m) => m.costsImposedCents),
      costsCollectedCents: sum((m) => m.costsCollectedCents),
      unallocatedReceiptsCents: Math.max(0, -d.suspenseCents),
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
    collection: { reminders: d.steps.get('aanmaning') ?? 0, enforcementHandOffs: d.steps.get('dwangbevel') ?? 0, paymentPlans: d.paymentPlans },
    objections: {
      received: objections.length,
      upheld: decided.filter((o) => o.outcome === 'upheld').length,
      reduced: decided.filter((o) => o.outcome === 'reduced').length,
      rejected: decided.filter((o) => o.outcome === 'rejected').length,
      pending: objections.length - decided.length,
      medianDaysToDecision: median(decided.map((o) => daysBetween(o.receivedOn, String(o.decidedOn)))),
    },
    baseline: d.baseline,
  };
  return { body, paid };
}
