import type { Knex } from 'knex';
import pino, { type Logger } from 'pino';
import { migratorConfig } from '../db/migrations/index.js';
import type { Config } from './config.js';
import { fixedClock, systemClock, type Clock } from './shared/clock.js';
import { createDb } from './shared/db.js';
import { createServices, type Services } from './services.js';
import { loadReferenceData, type ReferenceLoadResult } from './modules/reference/reference.service.js';
import { SYSTEM_ACTOR } from './modules/audit/audit.types.js';

export function clockFor(config: Pick<Config, 'now'>): Clock {
  return config.now ? fixedClock(config.now) : systemClock;
}

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  // Logs go to stderr, so stdout stays free for machine-readable CLI output.
  return pino({ level: config.logLevel, base: undefined, redact: ['req.headers.authorization', 'headers.authorization'] }, pino.destination(2));
}

export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migratorConfig)) as [number, string[]];
  return applied;
}

export interface Prepared {
  services: Services;
  migrations: string[];
  reference: ReferenceLoadResult;
}

/** Opens the database, migrates it and loads the reference data: what every entry point needs first. */
export async function openPrepared(config: Config, logger = createLogger(config)): Promise<Prepared> {
  const db = createDb(config.databaseUrl);
  try {
    const migrations = await migrateLatest(db);
    const services = createServices({ db, clock: clockFor(config), logger });
    const reference = await loadReferenceData(db, services.audit, services.clock.now().toISOString());
    return { services, migrations, reference };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

export async function ensureFirstAdmin(services: Services) {
  return services.auth.ensureFirstAdmin(SYSTEM_ACTOR);
}
