import type { FineStatus } from '../domain/fine-status.js';
import type { Role } from '../modules/auth/roles.js';

/** How a fine's status reads on a page (the `status` filter). */
export const STATUS_LABELS: Record<FineStatus, string> = {
  registered: 'Geregistreerd',
  withdrawn: 'Ingetrokken',
  issued: 'Beschikking verstuurd',
  overdue: 'Termijn verstreken',
  partially_paid: 'Deels betaald',
  paid: 'Betaald',
  reminded: 'Aanmaning verstuurd',
  enforcement: 'Dwangbevel',
  objection_pending: 'In bezwaar',
  payment_plan: 'Betalingsregeling',
  refund_due: 'Terug te betalen',
  written_off: 'Afgeboekt',
  cancelled: 'Vernietigd',
};

/** How a role reads on a page (the `rol` filter). */
export const ROLE_LABELS: Record<Role, string> = {
  boa: 'Boa',
  backoffice: 'Backoffice',
  finance: 'Financiën',
  evaluator: 'Evaluatie',
  admin: 'Beheer',
};
