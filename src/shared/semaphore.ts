/**
 * At most `limit` callers inside `run` at a time; the others wait in arrival order. For work that
 * holds more than one database connection (the evaluation report on PostgreSQL holds two): with
 * the number of such runs bounded, they cannot take the whole pool and then wait on each other.
 */
export function semaphore(limit: number) {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`semaphore limit must be a positive integer, got ${limit}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      else active += 1;
      try {
        return await work();
      } finally {
        // Hand the slot straight to the next waiter (active stays the same), or free it.
        const next = waiting.shift();
        if (next) next();
        else active -= 1;
      }
    },
    /** Callers inside and waiting (for tests and diagnostics). */
    get stats() {
      return { active, waiting: waiting.length };
    },
  };
}
