import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import { actorFor, type AuthService } from './auth.service.js';
import type { User } from './auth.types.js';
import { hashPassword, verifyPassword } from './secrets.js';
import * as repo from './web-session.repository.js';

/** How long a web session lives, and when repeated failures lock a username out. */
export const WEB_SESSION_POLICY = {
  idleMinutes: 30,
  /** A boa's shift, at most. */
  absoluteHours: 12,
  maxFailures: 5,
  failureWindowMinutes: 15,
  /** last_seen_at is written at most this often, not on every page. */
  touchEverySeconds: 60,
} as const;

/** Who tried when nobody is signed in yet. */
const ANONYMOUS: Actor = { userId: null, label: 'web (niet aangemeld)', role: 'system' };

export type LoginOutcome = { ok: true; user: User; sessionId: string; csrfToken: string } | { ok: false; reason: 'invalid' | 'locked' };

export interface ResolvedSession {
  user: User;
  actor: Actor;
  csrfToken: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const minutesBefore = (d: Date, minutes: number) => new Date(d.getTime() - minutes * 60_000).toISOString();

// An unknown username costs the same scrypt work as a known one, so timing does not tell them apart.
let dummyHash: Promise<string> | undefined;

export function createWebSessionService({ db, clock, audit, auth }: { db: Knex; clock: Clock; audit: AuditLog; auth: AuthService }) {
  async function recordFailure(usernameKey: string, userId: number | null, failuresBefore: number, requestId: string | null): Promise<'invalid' | 'locked'> {
    const failures = failuresBefore + 1;
    const locked = failures >= WEB_SESSION_POLICY.maxFailures;
    await db.transaction(async (trx) => {
      await repo.insertLoginFailure(trx, usernameKey, clock.now().toISOString());
      // The username is not recorded: a password is sometimes typed into that field.
      await audit.record(trx, ANONYMOUS, { action: 'web.login.failed', subjectType: 'user', subjectId: userId, details: { failuresInWindow: failures }, requestId });
      if (locked) {
        await audit.record(trx, ANONYMOUS, { action: 'web.login.lockout', subjectType: 'user', subjectId: userId, details: { failures, windowMinutes: WEB_SESSION_POLICY.failureWindowMinutes }, requestId });
      }
    });
    return locked ? 'locked' : 'invalid';
  }

  return {
    async login(username: string, password: string, requestId: string | null = null): Promise<LoginOutcome> {
      const name = username.trim().toLowerCase();
      const usernameKey = sha256(name);
      const now = clock.now();
      const recent = await repo.loginFailuresSince(db, usernameKey, minutesBefore(now, WEB_SESSION_POLICY.failureWindowMinutes));
      if (recent.length >= WEB_SESSION_POLICY.maxFailures) return { ok: false, reason: 'locked' };

      const found = name ? await repo.findPasswordHash(db, name) : null;
      dummyHash ??= hashPassword('no user has this password');
      const matches = await verifyPassword(password, found?.passwordHash ?? (await dummyHash));
      if (!found || !found.passwordHash || !found.active || !matches) {
        return { ok: false, reason: await recordFailure(usernameKey, found?.userId ?? null, recent.length, requestId) };
      }

      const user = (await auth.findUser(found.userId))!;
      const sessionId = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      await db.transaction(async (trx) => {
        await repo.deleteSessionsEndedBefore(trx, now.toISOString(), minutesBefore(now, WEB_SESSION_POLICY.idleMinutes));
        await repo.clearLoginFailures(trx, usernameKey);
        const expiresAt = new Date(now.getTime() + WEB_SESSION_POLICY.absoluteHours * 3_600_000).toISOString();
        await repo.insertSession(trx, { idHash: sha256(sessionId), userId: user.id, csrfToken, createdAt: now.toISOString(), expiresAt });
        await audit.record(trx, actorFor(user), { action: 'web.login', subjectType: 'user', subjectId: user.id, requestId });
      });
      return { ok: true, user, sessionId, csrfToken };
    },

    /** The live session behind a cookie value, or null (unknown, idle too long, past its end, user blocked). */
    async resolve(sessionId: string): Promise<ResolvedSession | null> {
      const session = await repo.findSessionByHash(db, sha256(sessionId));
      if (!session) return null;
      const now = clock.now();
      const idle = session.lastSeenAt <= minutesBefore(now, WEB_SESSION_POLICY.idleMinutes);
      const user = await auth.findUser(session.userId);
      if (idle || session.expiresAt <= now.toISOString() || !user?.active) {
        await repo.deleteSession(db, session.id);
        return null;
      }
      if (session.lastSeenAt <= new Date(now.getTime() - WEB_SESSION_POLICY.touchEverySeconds * 1000).toISOString()) {
        await repo.touchSession(db, session.id, now.toISOString());
      }
      return { user, actor: actorFor(user), csrfToken: session.csrfToken };
    },

    async logout(sessionId: string, requestId: string | null = null): Promise<void> {
      const session = await repo.findSessionByHash(db, sha256(sessionId));
      if (!session) return;
      const user = await auth.findUser(session.userId);
      await db.transaction(async (trx) => {
        await repo.deleteSession(trx, session.id);
        if (user) await audit.record(trx, actorFor(user), { action: 'web.logout', subjectType: 'user', subjectId: user.id, requestId });
      });
    },
  };
}

export type WebSessionService = ReturnType<typeof createWebSessionService>;
