import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Clock } from './shared/clock.js';
import { createAuditLog, type AuditLog } from './modules/audit/audit.service.js';
import { createAuthService, type AuthService } from './modules/auth/auth.service.js';
import { createWebSessionService, type WebSessionService } from './modules/auth/web-session.service.js';
import { createLedger, type Ledger } from './modules/ledger/ledger.service.js';
import { CORE_CHECKS, type LedgerCheck } from './modules/ledger/ledger.verify.js';
import { createReferenceService, type ReferenceService } from './modules/reference/reference.service.js';
import { createCatalogueService, type CatalogueService } from './modules/catalogue/catalogue.service.js';
import { createFinesService, type FinesService } from './modules/fines/fines.service.js';
import { createNoticesService, type NoticesService } from './modules/notices/notices.service.js';
import { fineReceivablesMatch } from './modules/fines/fines.ledger-checks.js';
import { createAllocationService } from './modules/payments/allocation.service.js';
import { createMatchingService } from './modules/payments/matching.service.js';
import { createImportService, type ImportService } from './modules/payments/import.service.js';
import { createPaymentsService, type PaymentsService } from './modules/payments/payments.service.js';
import { createFinanceReports, type FinanceReports } from './modules/payments/finance-reports.js';
import { PAYMENT_CHECKS } from './modules/payments/payments.ledger-checks.js';
import { createCollectionService, type CollectionService } from './modules/collection/collection.service.js';
import { createObjectionsService, objectionHolds, type ObjectionsService } from './modules/objections/objections.service.js';
import { createWriteOffsService, type WriteOffsService } from './modules/writeoffs/writeoffs.service.js';
import { createPaymentPlansService, type PaymentPlansService } from './modules/collection/payment-plans.service.js';
import { createLettersService, type LettersService } from './modules/collection/letters.service.js';
import { createEvaluationService, type EvaluationService } from './modules/reports/evaluation.service.js';
import { createBaselineService, type BaselineService } from './modules/reports/baseline.service.js';

/** Everything the routes and the CLI need, wired once. */
export interface Services {
  db: Knex;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  auth: AuthService;
  /** Sessions and password logins of the web pages. */
  webSessions: WebSessionService;
  ledger: Ledger;
  reference: ReferenceService;
  catalogue: CatalogueService;
  fines: FinesService;
  notices: NoticesService;
  imports: ImportService;
  payments: PaymentsService;
  financeReports: FinanceReports;
  collection: CollectionService;
  objections: ObjectionsService;
  writeOffs: WriteOffsService;
  paymentPlans: PaymentPlansService;
  letters: LettersService;
  evaluation: EvaluationService;
  baseline: BaselineService;
  /** The invariants `bboor ledger verify` checks; later modules add theirs. */
  ledgerChecks: readonly LedgerCheck[];
}

export function createServices({ db, clock, logger }: { db: Knex; clock: Clock; logger: Logger }): Services {
  const audit = createAuditLog(clock);
  const ledger = createLedger(clock);
  const reference = createReferenceService(db);
  const catalogue = createCatalogueService({ db, clock, audit });
  const allocation = createAllocationService({ clock, ledger });
  const fines = createFinesService({ db, clock, audit, ledger, catalogue, reference, refundPaidOnFine: allocation.refundPaidOnFine });
  const matching = createMatchingService({ clock, allocation });
  const auth = createAuthService({ db, clock, audit });
  return {
    db,
    clock,
    logger,
    audit,
    auth,
    webSessions: createWebSessionService({ db, clock, audit, auth }),
    ledger,
    reference,
    catalogue,
    fines,
    notices: createNoticesService({ db, clock, audit, fines, catalogue, reference }),
    imports: createImportService({ db, clock, audit, ledger, reference, matching }),
    payments: createPaymentsService({ db, clock, audit, reference, allocation }),
    financeReports: createFinanceReports({ db, ledger }),
    collection: createCollectionService({ db, clock, audit, ledger, reference, holds: objectionHolds }),
    objections: createObjectionsService({ db, clock, audit, ledger, allocation, fines }),
    writeOffs: createWriteOffsService({ db, clock, audit, ledger, reference }),
    paymentPlans: createPaymentPlansService({ db, clock, audit }),
    letters: createLettersService({ db, audit, reference, catalogue }),
    evaluation: createEvaluationService({ db, clock, reference }),
    baseline: createBaselineService({ db, clock, audit, reference }),
    ledgerChecks: [...CORE_CHECKS, fineReceivablesMatch, ...PAYMENT_CHECKS],
  };
}
