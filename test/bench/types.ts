/** What every benchmark section gets, and what it gives back. */

export interface BenchConfig {
  /** Measured runs per figure; each figure is their median (BENCH_RUNS, default 3). */
  runs: number;
  /** Entries per run, unless a section says otherwise (BENCH_ENTRIES, default 100 000). */
  entries: number;
  /** Seed of the data generator (BENCH_SEED). */
  seed: number;
  /** A private temporary directory, removed after the run. */
  tmpDir: string;
  postgres: {
    url: string;
    /** Null when PostgreSQL answered the probe; otherwise why it did not. */
    unavailable: string | null;
  };
}

/**
 * One section of BENCHMARKS.md. Later issues add their own definition to the list in run.ts
 * (PDF page rendering, CSV import, …); each returns a complete markdown section.
 */
export interface BenchmarkDefinition {
  id: string;
  title: string;
  /** Runs the measurements and returns the section's markdown, starting with its `##` heading. */
  run(config: BenchConfig): Promise<string>;
}
