// A realistic EvaluationReport of the Zoetermeer pilot year 2024 as the service would produce it on
// 31 March 2025: 12 months, 7 offences, 12 districts, CJIB baseline 2021–2023; the parts add up
// (months and offences to the totals, money to the balance). Plus an empty year and a curve.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src/shared/canonical-json.js';
import type { EvaluationReport } from '../../../src/modules/reports/evaluation.types.js';

const OFFENCES: [code: string, issued: number, tariffCents: number, paidShare: number][] = [
  ['C.2', 962, 11000, 0.86],
  ['A.24.1', 824, 11000, 0.9],
  ['C.4', 418, 15000, 0.74],
  ['A.31', 383, 15000, 0.8],
  ['A.12.2', 276, 11000, 0.63],
  ['B.8.1', 305, 11000, 0.88],
  ['A.18', 244, 9000, 0.92],
];
const DISTRICTS: [string, number][] = [
  ['Centrum', 16], ['Dorp', 7], ['Meerzicht', 11], ['Driemanspolder', 7], ['Palenstein', 9], ['Buytenwegh', 8],
  ['De Leyens', 6], ['Seghwaert', 9], ['Noordhove', 6], ['Rokkeveen', 9], ['Oosterheem', 9], ['Willem-Alexander', 3],
];
const MONTH_WEIGHTS = [6.2, 6.0, 7.8, 8.9, 9.6, 9.9, 9.1, 8.4, 9.3, 9.0, 8.1, 7.7];

/** Splits `total` over the weights in whole units (largest remainder), so the parts add up exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const out = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  const missing = total - out.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k += 1) {
    const j = order[k % order.length]![1];
    out[j] = (out[j] ?? 0) + 1;
  }
  return out;
}

function withHash(body: Omit<EvaluationReport, 'generatedAt' | 'contentHash'>, generatedAt: string): EvaluationReport {
  return { ...body, generatedAt, contentHash: createHash('sha256').update(canonicalJson(body)).digest('hex') };
}

export function makeEvaluationReport(over: Partial<Omit<EvaluationReport, 'contentHash'>> = {}): EvaluationReport {
  const byOffence = OFFENCES.map(([offenceCode, issued, tariff, paid]) => {
    const imposedCents = issued * tariff;
    return { offenceCode, issued, imposedCents, collectedCents: Math.round((imposedCents * paid) / 100) * 100 };
  });
  const issued = byOffence.reduce((s, o) => s + o.issued, 0);
  const imposed = byOffence.reduce((s, o) => s + o.imposedCents, 0);
  const collected = byOffence.reduce((s, o) => s + o.collectedCents, 0);
  const monthIssued = apportion(issued, MONTH_WEIGHTS);
  const monthImposed = apportion(imposed / 100, monthIssued).map((e) => e * 100);
  // Payments follow the fines by about six weeks; 3 % of the money came in after 31 December.
  const paidWeights = MONTH_WEIGHTS.map((_, i) => (i === 0 ? 1.5 : (MONTH_WEIGHTS[i - 1] ?? 0) * 0.75 + (MONTH_WEIGHTS[i - 2] ?? 0) * 0.25));
  const late = Math.round((collected * 0.03) / 100) * 100;
  const monthCollected = apportion((collected - late) / 100, paidWeights).map((e) => e * 100);
  const byMonth = monthIssued.map((n, i) => ({ month: `2024-${String(i + 1).padStart(2, '0')}`, issued: n, imposedCents: monthImposed[i] ?? 0, collectedCents: monthCollected[i] ?? 0 }));
  const byDistrict = apportion(issued, DISTRICTS.map(([, w]) => w)).map((n, i) => ({ district: DISTRICTS[i]![0], issued: n }));
  const cancelled = 61;
  const cancelledCents = 61 * 11000 + 9 * 5500;
  const writtenOff = 42 * 11000;
  const costsImposed = 776 * 1500 + 212 * 5500;
  const costsCollected = 512 * 1500 + 96 * 5500;
  const body: Omit<EvaluationReport, 'generatedAt' | 'contentHash'> = {
    year: 2024,
    asOf: '2025-03-31',
    municipality: 'Gemeente Zoetermeer',
    fines: { issued, cancelled, minors: 118, byMonth, byOffence, byDistrict },
    money: {
      imposedCents: imposed,
      cancelledCents,
      netImposedCents: imposed - cancelledCents,
      collectedCents: collected,
      outstandingCents: imposed - cancelledCents - collected - writtenOff + costsImposed - costsCollected,
      writtenOffCents: writtenOff,
      refundedCents: 14 * 11000,
      costsImposedCents: costsImposed,
      costsCollectedCents: costsCollected,
      unallocatedReceiptsCents: 3 * 11000 + 4500,
      collectionRate: Math.round((collected / (imposed - cancelledCents)) * 10_000) / 10_000,
    },
    timeliness: {
      paidInFull: 2841,
      paidWithinTerm: 2104,
      paidWithinTermShare: Math.round((2104 / (issued - cancelled)) * 10_000) / 10_000,
      medianDaysToFullPayment: 29,
      paidAfterReminder: 463,
      paidAfterEnforcement: 97,
    },
    collection: { reminders: 776, enforcementHandOffs: 212, paymentPlans: 46 },
    objections: { received: 171, upheld: 14, reduced: 9, rejected: 121, pending: 27, medianDaysToDecision: 38 },
    baseline: [
      { year: 2021, finesIssued: 2138, imposedCents: 2138 * 10000, revenueToMunicipalityCents: 0 },
      { year: 2022, finesIssued: 2391, imposedCents: 2391 * 10500, revenueToMunicipalityCents: 0 },
      { year: 2023, finesIssued: 2617, imposedCents: 2617 * 11000, revenueToMunicipalityCents: 0 },
    ],
  };
  const { generatedAt, ...rest } = over;
  return withHash({ ...body, ...rest }, generatedAt ?? '2025-03-31T22:15:00.000Z');
}

/** A year without any fine: all zeros, medians null, no baseline read in. */
export function makeEmptyReport(year = 2025): EvaluationReport {
  return withHash({
    year,
    asOf: `${year}-01-01`,
    municipality: 'Gemeente Zoetermeer',
    fines: { issued: 0, cancelled: 0, minors: 0, byMonth: Array.from({ length: 12 }, (_, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, issued: 0, imposedCents: 0, collectedCents: 0 })), byOffence: [], byDistrict: [] },
    money: { imposedCents: 0, cancelledCents: 0, netImposedCents: 0, collectedCents: 0, outstandingCents: 0, writtenOffCents: 0, refundedCents: 0, costsImposedCents: 0, costsCollectedCents: 0, unallocatedReceiptsCents: 0, collectionRate: 0 },
    timeliness: { paidInFull: 0, paidWithinTerm: 0, paidWithinTermShare: 0, medianDaysToFullPayment: null, paidAfterReminder: 0, paidAfterEnforcement: 0 },
    collection: { reminders: 0, enforcementHandOffs: 0, paymentPlans: 0 },
    objections: { received: 0, upheld: 0, reduced: 0, rejected: 0, pending: 0, medianDaysToDecision: null },
    baseline: [],
  }, `${year}-01-01T08:00:00.000Z`);
}

/**
 * A collection curve shaped like the pilot's: most pay within the six-week term (many near its
 * end), a second wave after the aanmaning, a third after the dwangbevel. Rounded like the service.
 */
export function makeCurve(final = 0.86): { days: number; share: number }[] {
  const logistic = (d: number, mid: number, k: number) => 1 / (1 + Math.exp(-(d - mid) / k));
  const raw = (d: number) => 0.4 * (1 - Math.exp(-d / 9)) + 0.4 * logistic(d, 33, 4) + 0.12 * logistic(d, 70, 6) + 0.08 * logistic(d, 150, 20);
  const top = raw(365);
  return Array.from({ length: 366 }, (_, d) => ({ days: d, share: Math.round(((raw(d) - raw(0)) / (top - raw(0))) * final * 10_000) / 10_000 }));
}

export function flatCurve(): { days: number; share: number }[] {
  return Array.from({ length: 366 }, (_, d) => ({ days: d, share: 0 }));
}
