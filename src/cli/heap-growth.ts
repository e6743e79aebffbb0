import v8 from 'node:v8';

/**
 * How far V8 lets the heap grow past what survived the last full collection, in percent, for a
 * command that works through a large file. By default V8 lets it grow to four times that on a
 * machine with a few GB of memory: a bank import holds some 35 MB, and its RSS followed the
 * garbage instead (331 MB for a 1 000 000-line file on PostgreSQL). At 100 (twice what lives) the
 * import's JavaScript spends a little more time collecting, and the same file peaks at 213–225 MB
 * on either database (BENCHMARKS.md, "Bank statement import", memory runs).
 */
export const BULK_HEAP_GROWING_PERCENT = 100;

/**
 * Keeps the heap of this process near what it holds. V8 reads the setting each time it sets the
 * next collection's limit, so it takes effect when set at run time. Only for a command-line run:
 * the process does this one job, and a 1 000 000-line statement (over 200 MB of CSV) can come only
 * this way; the API takes files of up to 20 MB.
 */
export function keepHeapNearLiveSize(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${BULK_HEAP_GROWING_PERCENT}`);
}
