/**
 * Databases of the evaluation-report benchmark, untimed: a freshly migrated database with the
 * reference data and three users (through the services, as collection-setup.ts does), then the
 * pilot year of evaluation-data.ts bulk-loaded from its CSV files with the databases' own tools —
 * the `sqlite3` shell (`.import` into a staging table, then INSERT … SELECT into the real table)
 * and `psql` (`\copy`), each in one transaction, with the ledger's triggers on: every entry is
 * checked to balance as it arrives. The report only reads, so one database per dialect serves
 * every run. PostgreSQL gets VACUUM ANALYZE afterwards (as autovacuum would); SQLite is left
 * without statistics, as a production file would be.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SYSTEM_ACTOR } from '../../src/modules/audit/audit.types.js';
import { actorFor } from '../../src/modules/auth/auth.service.js';
import { listEquatedDays, listPolicyValues } from '../../src/modules/reference/reference.repository.js';
import { loadReferenceData } from '../../src/modules/reference/reference.service.js';
import { fixedClock } from '../../src/shared/clock.js';
import type { Dialect } from '../../src/shared/db.js';
import { createServices } from '../../src/services.js';
import { silentLogger } from './collection-setup.js';
import { freshDb, type BenchDb } from './databases.js';
import { TABLES, YEAR, type DataSpec, type Tariff } from './evaluation-data.js';

const run = promisify(execFile);

/** The offences of the generated fines and how often each occurs. */
const OFFENCE_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['C.2', 25], ['A.24.1', 20], ['C.4', 11], ['A.31', 10], ['A.12.2', 8], ['B.8.1', 8], ['A.18', 6], ['A.13', 5], ['A.41a', 4], ['C.5', 3],
];

/** What a generated year needs from the database it goes into. */
export type Prepared = Omit<DataSpec, 'fines' | 'payments' | 'seed'>;

/** A migrated database with reference data and users; what the generator needs to know of it. */
export async function prepare(dialect: Dialect, tmpDir: string): Promise<{ bench: BenchDb; prepared: Prepared }> {
  const bench = await freshDb(dialect, tmpDir);
  try {
    const { db } = bench;
    const clock = fixedClock('2024-01-02T08:00:00+01:00');
    const services = createServices({ db, clock, logger: silentLogger() });
    await loadReferenceData(db, services.audit, clock.now().toISOString());
    const boa = await services.auth.addUser(SYSTEM_ACTOR, { name: 'Bench Boa', role: 'boa', badgeNumber: 'BOA-BENCH-1' });
    const staff = actorFor((await services.auth.addUser(SYSTEM_ACTOR, { name: 'Bench Backoffice', role: 'backoffice' })).user);
    const finance = actorFor((await services.auth.addUser(SYSTEM_ACTOR, { name: 'Bench Finance', role: 'finance' })).user);
    const tariffs: Tariff[] = [];
    for (const [code, weight] of OFFENCE_WEIGHTS) {
      const t = await db('offence_tariffs').where({ offence_code: code }).where('valid_from', '<=', `${YEAR}-01-01`).orderBy('valid_from', 'desc').first('id', 'amount_cents');
      if (!t) throw new Error(`no tariff for ${code} on ${YEAR}-01-01`);
      tariffs.push({ offenceCode: code, tariffId: Number(t.id), cents: Number(t.amount_cents), weight });
    }
    return {
      bench,
      prepared: {
        tariffs,
        policies: await listPolicyValues(db),
        equated: await listEquatedDays(db),
        users: { boaId: boa.user.id, boaBadge: boa.user.badgeNumber ?? 'BOA-BENCH-1', staffId: staff.userId!, staffLabel: staff.label, financeId: finance.userId!, financeLabel: finance.label },
      },
    };
  } catch (err) {
    await bench.destroy();
    throw err;
  }
}

/** The loaded rows per table, counted back from the database. */
export async function countRows(bench: BenchDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of Object.keys(TABLES)) out[t] = Number(((await bench.db(t).count({ n: '*' })) as Array<{ n: unknown }>)[0]?.n ?? 0);
  return out;
}

const quote = (file: string) => `'${file.replace(/'/g, "''")}'`;

/** Loads the CSV files into the SQLite file (its knex pool is closed first and reopened by the caller). */
export async function loadSqlite(file: string, dataDir: string): Promise<void> {
  const script = [
    '.bail on',
    'PRAGMA journal_mode = OFF;',
    'PRAGMA synchronous = OFF;',
    'PRAGMA cache_size = -1000000;',
    'BEGIN;',
    ...Object.entries(TABLES).flatMap(([table, cols]) => [
      `.import --csv ${path.join(dataDir, `${table}.csv`)} stage_${table}`,
      `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.map((c) => `NULLIF(${c}, '')`).join(', ')} FROM stage_${table};`,
      `DROP TABLE stage_${table};`,
    ]),
    'COMMIT;',
    'PRAGMA journal_mode = WAL;',
  ].join('\n');
  const scriptFile = path.join(dataDir, 'load-sqlite.sql');
  fs.writeFileSync(scriptFile, `${script}\n`);
  await run('sqlite3', [file, `.read ${scriptFile}`], { maxBuffer: 1 << 24 });
}

/** Loads the CSV files into the PostgreSQL schema with psql's \copy, then VACUUM ANALYZE. */
export async function loadPostgres(url: string, schema: string, dataDir: string): Promise<void> {
  const script = [
    '\\set ON_ERROR_STOP on',
    `SET search_path TO ${schema};`,
    'BEGIN;',
    ...Object.entries(TABLES).map(([table, cols]) => `\\copy ${table} (${cols.join(', ')}) FROM ${quote(path.join(dataDir, `${table}.csv`))} WITH (FORMAT csv, HEADER true)`),
    'COMMIT;',
    ...Object.keys(TABLES).map((t) => `VACUUM ANALYZE ${t};`),
  ].join('\n');
  const scriptFile = path.join(dataDir, 'load-postgres.sql');
  fs.writeFileSync(scriptFile, `${script}\n`);
  await run('psql', [url, '-q', '-X', '-f', scriptFile], { maxBuffer: 1 << 24 });
}
