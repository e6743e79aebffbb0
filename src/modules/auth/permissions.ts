import type { Role } from './roles.js';

/**
 * The one table that decides who may do what. Every route names one permission; the middleware
 * and the role × route test both read this table.
 */
export const PERMISSIONS = {
  /** Own account: who am I. */
  'self:read': ['boa', 'backoffice', 'finance', 'evaluator', 'admin'],
  /** Municipality profile and dated policy tables (no personal data). */
  'reference:read': ['boa', 'backoffice', 'finance', 'evaluator', 'admin'],
  'users:read': ['admin'],
  'users:manage': ['admin'],
  'audit:read': ['admin'],
  'ledger:read': ['finance', 'admin'],
  /** Manual journal entries and reversals: finance only (admins manage, they do not book). */
  'ledger:write': ['finance'],
  /** The offence catalogue holds no personal data. */
  'catalogue:read': ['boa', 'backoffice', 'finance', 'evaluator', 'admin'],
  'catalogue:manage': ['admin'],
  /** Only a boa draws up a rapport (Gemeentewet 154c). */
  'fines:register': ['boa'],
  /** Fines with personal data: not evaluators (aggregates only). A boa sees only its own rapports. */
  'fines:read': ['boa', 'backoffice', 'finance', 'admin'],
  /** Searching all fines on the web pages (a boa has its own list of rapports instead). */
  'fines:search': ['backoffice', 'finance', 'admin'],
  /** Withdrawing a rapport before the beschikking: the back office, or the boa for its own. */
  'fines:withdraw': ['boa', 'backoffice'],
  'fines:issue': ['backoffice'],
  'fines:cancel': ['backoffice'],
  /** The notice (beschikking) PDFs, which hold the offender's name and address. */
  'notices:read': ['backoffice', 'finance'],
  /** Bank statements and lines hold payers' names and IBANs: finance only. */
  'payments:import': ['finance'],
  'payments:read': ['finance'],
  'payments:allocate': ['finance'],
  'finance:reports': ['finance', 'admin'],
  /** The collection run (aanmaning, dwangbevel) is the back office's; finance may follow it. */
  'collection:run': ['backoffice'],
  'collection:read': ['backoffice', 'finance', 'admin'],
  /** The aanmaning letters and the bailiff's list hold names and addresses. */
  'collection:letters': ['backoffice'],
  /** Objections (bezwaar) are handled by the back office. */
  'objections:manage': ['backoffice'],
  'objections:read': ['backoffice', 'admin'],
  /** The evaluation: aggregates only, no personal data. */
  'reports:read': ['evaluator', 'admin'],
  /** Writing off money is finance's, with a second finance user's approval. */
  'writeoffs:manage': ['finance'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isAllowed(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
