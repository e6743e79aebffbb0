import type { Cents } from './money.js';

/**
 * Age in whole years on a civil date. Someone born on 29 February has a birthday on 1 March in
 * a common year (the day after 28 February), as comparing month-day strings gives.
 */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export interface AgePolicy {
  /** No BBOOR fine below this age (Gemeentewet 154b lid 7: 12). */
  minimumAgeYears: number;
  /** Reduced tariff below this age (Gemeentewet 154b lid 7: under 16). */
  reducedBelowAgeYears: number;
  /** The reduced tariff as a percentage of the full one (154b lid 7: halved, 50). */
  reducedPercent: number;
}

export type FineAmount =
  | { ok: true; amountCents: Cents; reducedForMinor: boolean; age: number }
  | { ok: false; reason: 'too-young'; age: number };

/**
 * The amount for an offender of a given age (Gemeentewet 154b lid 7): refused under the minimum
 * age, reduced (halved) under the reduced-tariff age. A reduced amount is rounded down to whole
 * cents, in the offender's favour.
 */
export function fineAmountFor(tariffCents: Cents, age: number, policy: AgePolicy): FineAmount {
  if (age < policy.minimumAgeYears) return { ok: false, reason: 'too-young', age };
  if (age < policy.reducedBelowAgeYears) {
    return { ok: true, amountCents: Math.floor((tariffCents * policy.reducedPercent) / 100), reducedForMinor: true, age };
  }
  return { ok: true, amountCents: tariffCents, reducedForMinor: false, age };
}

/** A case number as printed: BB-2024-000123. */
export function caseNumber(year: number, sequence: number): string {
  return `BB-${year}-${String(sequence).padStart(6, '0')}`;
}

const CASE_NUMBER = /^BB-(\d{4})-(\d{6,})$/;

export function parseCaseNumber(text: string): { year: number; sequence: number } | null {
  const m = CASE_NUMBER.exec(text.trim().toUpperCase());
  return m ? { year: Number(m[1]), sequence: Number(m[2]) } : null;
}
