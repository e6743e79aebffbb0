/**
 * A small seeded pseudo-random generator (mulberry32) for the demo data: the same seed gives the
 * same sequence, so a demo database can be rebuilt exactly. Never for anything security-related.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One item of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One item, chosen with the given relative weights (all weights ≥ 0, at least one > 0). */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
}

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createPrng(seed: number): Prng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, not ${seed}`);
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      if (!(total > 0)) throw new RangeError('weights must add up to more than zero');
      let rest = next() * total;
      for (const [item, w] of items) {
        rest -= w;
        if (rest < 0) return item;
      }
      return items[items.length - 1]![0];
    },
  };
}
