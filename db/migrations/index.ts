import type { Knex } from 'knex';
import * as referenceTables from './20240101a-reference-tables.js';
import * as usersAndTokens from './20240101b-users-and-tokens.js';
import * as auditLog from './20240101c-audit-log.js';
import * as ledger from './20240101d-ledger.js';
import * as httpIdempotency from './20240101e-http-idempotency.js';
import * as catalogue from './20240201a-catalogue.js';
import * as fines from './20240201b-fines.js';
import * as payments from './20240301a-payments.js';
import * as collection from './20240401a-collection.js';
import * as objections from './20240402a-objections.js';
import * as writeOffs from './20240403a-write-offs.js';
import * as paymentPlans from './20240404a-payment-plans.js';
import * as cjibBaseline from './20240501a-cjib-baseline.js';
import * as appSecrets from './20240502a-app-secrets.js';
import * as paymentLookupIndexes from './20240503a-payment-lookup-indexes.js';
import * as webSessions from './20240601a-web-sessions.js';
import * as fineListIndexes from './20240602a-fine-list-indexes.js';
import * as postingBookingColumns from './20240701a-posting-booking-columns.js';
import * as evaluationIndexes from './20240701b-evaluation-indexes.js';
import * as ledgerStatementChecks from './20240801a-ledger-statement-checks.js';
import * as importReferenceChecks from './20240901a-import-reference-checks.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * The migrations in order. Listed here rather than found on disk, so the same list works from the
 * TypeScript sources (tests) and from the compiled build (`npm start`).
 */
export const migrations: ReadonlyArray<readonly [string, Migration]> = [
  ['20240101a-reference-tables', referenceTables],
  ['20240101b-users-and-tokens', usersAndTokens],
  ['20240101c-audit-log', auditLog],
  ['20240101d-ledger', ledger],
  ['20240101e-http-idempotency', httpIdempotency],
  ['20240201a-catalogue', catalogue],
  ['20240201b-fines', fines],
  ['20240301a-payments', payments],
  ['20240401a-collection', collection],
  ['20240402a-objections', objections],
  ['20240403a-write-offs', writeOffs],
  ['20240404a-payment-plans', paymentPlans],
  ['20240501a-cjib-baseline', cjibBaseline],
  ['20240502a-app-secrets', appSecrets],
  ['20240503a-payment-lookup-indexes', paymentLookupIndexes],
  ['20240601a-web-sessions', webSessions],
  ['20240602a-fine-list-indexes', fineListIndexes],
  ['20240701a-posting-booking-columns', postingBookingColumns],
  ['20240701b-evaluation-indexes', evaluationIndexes],
  ['20240801a-ledger-statement-checks', ledgerStatementChecks],
  ['20240901a-import-reference-checks', importReferenceChecks],
];

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => migrations.map(([name]) => name),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const found = migrations.find(([n]) => n === name);
    if (!found) throw new Error(`unknown migration ${name}`);
    return found[1];
  },
};

export const migratorConfig: Knex.MigratorConfig = { migrationSource, tableName: 'knex_migrations' };
