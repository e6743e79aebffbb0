/**
 * Databases with the bank-import benchmark's fines booked, one per import run: setup, untimed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import type { Actor } from '../../src/modules/audit/audit.types.js';
import { createServices } from '../../src/services.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createDb, type Dialect } from '../../src/shared/db.js';
import { freshDb, type BenchDb } from './databases.js';
import { IMPORT_CLOCK, seedFines, type IssuedFine } from './import-data.js';
import { DIALECT_LABEL } from './import-report.js';
import { formatInt, log, seconds } from './report.js';
import type { BenchConfig } from './types.js';

/** A database with the fines booked, ready for a child to import into; setup is untimed. */
export interface Prepared {
  bench: BenchDb;
  actor: Actor;
}

/**
 * SQLite: the fines are booked once into a template file, which every run copies (a checkpointed
 * file copy is a fresh database with the same rows). PostgreSQL: a fresh schema, booked each time.
 */
export class FinesDatabases {
  private template: { file: string; actor: Actor } | null = null;
  readonly seedMs: Partial<Record<Dialect, number[]>> = {};

  constructor(
    private readonly config: BenchConfig,
    private readonly fines: readonly IssuedFine[],
  ) {}

  private async seeded(dialect: Dialect): Promise<Prepared> {
    const bench = await freshDb(dialect, this.config.tmpDir);
    try {
      const services = createServices({ db: bench.db, clock: fixedClock(IMPORT_CLOCK), logger: pino({ level: 'silent' }) });
      const t0 = performance.now();
      const actor = await seedFines(services, this.fines, this.config.seed);
      const ms = performance.now() - t0;
      (this.seedMs[dialect] ??= []).push(ms);
      log(`bank-import: ${DIALECT_LABEL[dialect]}: ${formatInt(this.fines.length)} issued fines booked in ${seconds(ms)}`);
      return { bench, actor };
    } catch (err) {
      await bench.destroy();
      throw err;
    }
  }

  async fresh(dialect: Dialect): Promise<Prepared> {
    if (dialect === 'postgres') return this.seeded('postgres');
    if (!this.template) {
      const { bench, actor } = await this.seeded('sqlite');
      await bench.db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
      await bench.db.destroy();
      this.template = { file: bench.url.slice('sqlite:'.length), actor };
    }
    const file = path.join(this.config.tmpDir, `import-${Date.now()}-${Math.random().toString(16).slice(2)}.sqlite`);
    fs.copyFileSync(this.template.file, file);
    const url = `sqlite:${file}`;
    const db = createDb(url);
    return {
      actor: this.template.actor,
      bench: {
        db,
        dialect: 'sqlite',
        url,
        destroy: async () => {
          await db.destroy();
          for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
        },
      },
    };
  }

  dispose(): void {
    if (this.template) for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(this.template.file + suffix, { force: true });
  }
}
