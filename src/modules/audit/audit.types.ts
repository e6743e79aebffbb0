import type { Role } from '../auth/roles.js';

/** Who acts: a signed-in user, or the system itself (start-up, a CLI run without a user). */
export interface Actor {
  userId: number | null;
  /** Display label, e.g. "admin (admin)" or "cli"; never an offender's or payer's data. */
  label: string;
  role: Role | 'system';
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'system', role: 'system' };

export function cliActor(): Actor {
  return { userId: null, label: 'cli', role: 'system' };
}

export interface AuditEventInput {
  action: string; // verb-like, e.g. "user.create", "ledger.entry.post", "fine.read-personal-data"
  subjectType: string;
  subjectId?: string | number | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
  requestId?: string | null;
}

export interface AuditRow {
  id: number;
  occurredAt: string;
  actorUserId: number | null;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  reason: string | null;
  details: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}
