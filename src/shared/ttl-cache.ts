/**
 * A value loaded on first use and kept for `ttlMs` of real (monotonic) time, for reference data
 * that every request reads but that changes rarely. Concurrent callers share one load; a failed
 * load is not kept. Writers in this process call `invalidate()`; a change made by another process
 * (a CLI run against the same database) is seen once the time is up.
 */
export interface TtlCache<T> {
  get(): Promise<T>;
  invalidate(): void;
}

export function ttlCache<T>(load: () => Promise<T>, ttlMs: number, now: () => number = () => performance.now()): TtlCache<T> {
  let entry: { value: Promise<T>; until: number } | null = null;
  return {
    get() {
      const t = now();
      if (entry && t < entry.until) return entry.value;
      const value = load();
      const current = { value, until: t + ttlMs };
      entry = current;
      value.catch(() => {
        if (entry === current) entry = null;
      });
      return value;
    },
    invalidate() {
      entry = null;
    },
  };
}
