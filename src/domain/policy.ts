/**
 * Dated policy values (design.md §4): the value that applies on a date is the one with the latest
 * `validFrom` on or before that date. Pure, so the rules that use it stay pure too.
 */
export interface PolicyValue {
  key: string;
  validFrom: string;
  value: number;
  unit: string;
  source: string;
}

export function policyValueOn(values: readonly PolicyValue[], key: string, date: string): PolicyValue | null {
  let best: PolicyValue | null = null;
  for (const v of values) {
    if (v.key === key && v.validFrom <= date && (!best || v.validFrom > best.validFrom)) best = v;
  }
  return best;
}

/** Like policyValueOn, but a missing value is a configuration error, named precisely. */
export function requirePolicyValue(values: readonly PolicyValue[], key: string, date: string): number {
  const found = policyValueOn(values, key, date);
  if (!found) throw new Error(`no policy value ${key} in force on ${date}`);
  return found.value;
}

/** Every key with the value in force on the date. */
export function policiesOn(values: readonly PolicyValue[], date: string): PolicyValue[] {
  const keys = [...new Set(values.map((v) => v.key))].sort();
  return keys.map((k) => policyValueOn(values, k, date)).filter((v): v is PolicyValue => v !== null);
}
