import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from './shared/clock.js';
import { createAuditLog, type AuditLog } from './modules/audit/audit.service.js';
import { createAuthService, type AuthService } from './modules/auth/auth.service.js';
import { createLedger, type Ledger } from './modules/ledger/ledger.service.js';
import { CORE_CHECKS, type LedgerCheck } from './modules/ledger/ledger.verify.js';
import { createReferenceService, type ReferenceService } from './modules/reference/reference.service.js';
import { createCatalogueService, type CatalogueService } from './modules/catalogue/catalogue.service.js';
import { createFinesService, type FinesService } from './modules/fines/fines.service.js';
import { createNoticesService, type NoticesService } from './modules/notices/notices.service.js';
import { fineReceivablesMatch } from './modules/fines/fines.ledger-checks.js';

/** Everything the routes and the CLI need, wired once. */
export interface Services {
  db: Knex;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  auth: AuthService;
  ledger: Ledger;
  reference: ReferenceService;
  catalogue: CatalogueService;
  fines: FinesService;
  notices: NoticesService;
  /** The invariants `bboor ledger verify` checks; later modules add theirs. */
  ledgerChecks: readonly LedgerCheck[];
}

export function createServices({ db, clock, logger }: { db: Knex; clock: Clock; logger: Logger }): Services {
  const audit = createAuditLog(clock);
  const ledger = createLedger(clock);
  const reference = createReferenceService(db);
  const catalogue = createCatalogueService({ db, clock, audit });
  const fines = createFinesService({ db, clock, audit, ledger, catalogue, reference });
  return {
    db,
    clock,
    logger,
    audit,
    auth: createAuthService({ db, clock, audit }),
    ledger,
    reference,
    catalogue,
    fines,
    notices: createNoticesService({ db, clock, audit, fines, catalogue, reference }),
    ledgerChecks: [...CORE_CHECKS, fineReceivablesMatch],
  };
}
