import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from './shared/clock.js';
import { createAuditLog, type AuditLog } from './modules/audit/audit.service.js';
import { createAuthService, type AuthService } from './modules/auth/auth.service.js';
import { createLedger, type Ledger } from './modules/ledger/ledger.service.js';
import { CORE_CHECKS, type LedgerCheck } from './modules/ledger/ledger.verify.js';
import { createReferenceService, type ReferenceService } from './modules/reference/reference.service.js';

/** Everything the routes and the CLI need, wired once. */
export interface Services {
  db: Knex;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  auth: AuthService;
  ledger: Ledger;
  reference: ReferenceService;
  /** The invariants `bboor ledger verify` checks; later modules add theirs. */
  ledgerChecks: readonly LedgerCheck[];
}

export function createServices({ db, clock, logger }: { db: Knex; clock: Clock; logger: Logger }): Services {
  const audit = createAuditLog(clock);
  return {
    db,
    clock,
    logger,
    audit,
    auth: createAuthService({ db, clock, audit }),
    ledger: createLedger(clock),
    reference: createReferenceService(db),
    ledgerChecks: CORE_CHECKS,
  };
}
