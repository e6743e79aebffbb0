/**
 * Group commit: callers submit one item each; while a write is in progress the items that arrive
 * wait and are then written together, in one transaction of the caller's `write`. With one request
 * at a time nothing waits (the write starts at once); under load, N requests share one BEGIN,
 * COMMIT and set of multi-row statements instead of paying for them N times — on SQLite's single
 * connection, and on PostgreSQL where such writes serialise on a counter row and a lock anyway.
 *
 * `write` gets the items in submission order and returns one result per item in the same order.
 * When a batch of several fails, each item is written again on its own, so one bad item fails
 * only its own caller and the others still go through.
 */
export interface BatchWriter<T, R> {
  submit(item: T): Promise<R>;
}

interface Waiting<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export function batchWriter<T, R>(write: (items: T[]) => Promise<R[]>, maxBatch = 100): BatchWriter<T, R> {
  const queue: Array<Waiting<T, R>> = [];
  let draining = false;

  async function writeAlone(w: Waiting<T, R>): Promise<void> {
    try {
      const [result] = await write([w.item]);
      w.resolve(result as R);
    } catch (err) {
      w.reject(err);
    }
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        if (batch.length === 1) {
          await writeAlone(batch[0]!);
          continue;
        }
        try {
          const results = await write(batch.map((w) => w.item));
          if (results.length !== batch.length) throw new Error(`batch writer: ${results.length} results for ${batch.length} items`);
          batch.forEach((w, i) => w.resolve(results[i] as R));
        } catch {
          for (const w of batch) await writeAlone(w);
        }
      }
    } finally {
      draining = false;
    }
  }

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!draining) void drain();
      });
    },
  };
}
