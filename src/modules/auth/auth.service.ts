import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../../shared/errors.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import * as repo from './auth.repository.js';
import { deleteSessionsOfUser } from './web-session.repository.js';
import type { ApiTokenInfo, User } from './auth.types.js';
import type { Role } from './roles.js';
import { generatePassword, generateToken, hashPassword, hashToken } from './secrets.js';

export interface AuthDeps {
  db: Knex;
  clock: Clock;
  audit: AuditLog;
}

export interface NewUser {
  name: string;
  role: Role;
  username?: string;
  badgeNumber?: string | null;
  password?: string | null;
}

/** A username from a display name: lower case letters and digits, dots between words. */
export function usernameFrom(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return base.slice(0, 50) || 'user';
}

/** A password a person chooses: long rather than complicated (NCSC: a passphrase). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

function checkPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new RuleViolationError(`Een wachtwoord heeft ${PASSWORD_MIN_LENGTH} tot ${PASSWORD_MAX_LENGTH} tekens.`, { errors: [{ field: 'password', message: `minstens ${PASSWORD_MIN_LENGTH} tekens` }] });
  }
}

export function actorFor(user: User): Actor {
  return { userId: user.id, label: `${user.username} (${user.role})`, role: user.role };
}

/**
 * How long a valid API token's user is remembered: every API request presents its token, and
 * looking it up was a database read on each (on SQLite, on the one connection every write needs
 * too). Revoking a token or blocking a user through this service forgets them all at once; a
 * change made by another process (the CLI) takes effect here within this time.
 */
export const TOKEN_MEMORY_MS = 5_000;
const TOKEN_MEMORY_MAX = 10_000;

export function createAuthService({ db, clock, audit }: AuthDeps) {
  const knownTokens = new Map<string, { user: User; until: number }>();
  const forgetTokens = () => knownTokens.clear();

  async function authenticateToken(token: string): Promise<User | null> {
    const hash = hashToken(token);
    const now = performance.now();
    const known = knownTokens.get(hash);
    if (known && known.until > now) return known.user;
    const user = await repo.findUserByTokenHash(db, hash);
    if (!user) {
      knownTokens.delete(hash);
      return null;
    }
    if (knownTokens.size >= TOKEN_MEMORY_MAX) knownTokens.clear();
    knownTokens.set(hash, { user, until: now + TOKEN_MEMORY_MS });
    return user;
  }

  /** Forgets the remembered tokens once the change is committed (before, a request could remember the old state again). */
  async function afterCommitForget<T>(change: Promise<T>): Promise<T> {
    const result = await change;
    forgetTokens();
    return result;
  }

  async function uniqueUsername(trx: Knex, wanted: string): Promise<string> {
    let candidate = wanted;
    for (let i = 2; await repo.findUserByUsername(trx, candidate); i++) candidate = `${wanted}${i}`;
    return candidate;
  }

  return {
    /** Creates a user and a first API token; the token is returned once and stored only hashed. */
    async addUser(actor: Actor, input: NewUser, requestId?: string): Promise<{ user: User; token: string }> {
      if (input.role === 'boa' && !input.badgeNumber) {
        throw new RuleViolationError('Een boa heeft een pasnummer nodig (--badge).', { errors: [{ field: 'badgeNumber', message: 'nodig voor een boa' }] });
      }
      if (input.role !== 'boa' && input.badgeNumber) {
        throw new RuleViolationError('Alleen een boa heeft een pasnummer.', { errors: [{ field: 'badgeNumber', message: 'alleen een boa heeft een pasnummer' }] });
      }
      if (input.password) checkPassword(input.password);
      return db.transaction(async (trx) => {
        if (input.username && (await repo.findUserByUsername(trx, input.username))) {
          throw new ConflictError(`De gebruikersnaam ${input.username} bestaat al.`, { errors: [{ field: 'username', message: 'bestaat al' }] });
        }
        const username = input.username ?? (await uniqueUsername(trx, usernameFrom(input.name)));
        const user = await repo.insertUser(trx, {
          username,
          name: input.name,
          role: input.role,
          badgeNumber: input.badgeNumber ?? null,
          passwordHash: input.password ? await hashPassword(input.password) : null,
          createdAt: clock.now().toISOString(),
        });
        const token = generateToken();
        const info = await repo.insertToken(trx, { userId: user.id, tokenHash: hashToken(token), label: 'eerste token', createdAt: clock.now().toISOString() });
        await audit.record(trx, actor, { action: 'user.create', subjectType: 'user', subjectId: user.id, details: { role: user.role, username, badge: user.badgeNumber, tokenId: info.id }, requestId: requestId ?? null });
        return { user, token };
      });
    },

    /** On an empty database: an admin with a one-time password and token, for the first login. */
    async ensureFirstAdmin(actor: Actor): Promise<{ user: User; password: string; token: string } | null> {
      if ((await repo.countUsers(db)) > 0) return null;
      const password = generatePassword();
      const { user, token } = await this.addUser(actor, { name: 'Beheerder', role: 'admin', username: 'admin', password });
      return { user, password, token };
    },

    async issueToken(actor: Actor, userId: number, label: string, requestId?: string): Promise<{ token: string; info: ApiTokenInfo }> {
      return db.transaction(async (trx) => {
        const user = await repo.findUserById(trx, userId);
        if (!user) throw new NotFoundError(`Gebruiker ${userId} bestaat niet.`);
        const token = generateToken();
        const info = await repo.insertToken(trx, { userId, tokenHash: hashToken(token), label, createdAt: clock.now().toISOString() });
        await audit.record(trx, actor, { action: 'token.create', subjectType: 'user', subjectId: userId, details: { tokenId: info.id, label }, requestId: requestId ?? null });
        return { token, info };
      });
    },

    async revokeToken(actor: Actor, userId: number, tokenId: number, reason: string | null, requestId?: string): Promise<ApiTokenInfo> {
      return afterCommitForget(db.transaction(async (trx) => {
        const info = await repo.findToken(trx, tokenId);
        if (!info || info.userId !== userId) throw new NotFoundError(`Token ${tokenId} van gebruiker ${userId} bestaat niet.`);
        if (!info.revokedAt) {
          await repo.revokeToken(trx, tokenId, clock.now().toISOString());
          await audit.record(trx, actor, { action: 'token.revoke', subjectType: 'user', subjectId: userId, reason, details: { tokenId }, requestId: requestId ?? null });
        }
        return (await repo.findToken(trx, tokenId))!;
      }));
    },

    async setActive(actor: Actor, userId: number, active: boolean, reason: string | null, requestId?: string): Promise<User> {
      return afterCommitForget(db.transaction(async (trx) => {
        const user = await repo.findUserById(trx, userId);
        if (!user) throw new NotFoundError(`Gebruiker ${userId} bestaat niet.`);
        if (actor.userId === userId && !active) throw new RuleViolationError('U kunt uw eigen account niet blokkeren.');
        if (user.active !== active) {
          await repo.setUserActive(trx, userId, active);
          await audit.record(trx, actor, { action: active ? 'user.activate' : 'user.deactivate', subjectType: 'user', subjectId: userId, reason, requestId: requestId ?? null });
        }
        return (await repo.findUserById(trx, userId))!;
      }));
    },

    /**
     * Sets (or resets) a user's password for the web pages. The user's open web sessions end, so
     * whoever knew the old password is signed out; the hash is never audited, only the fact.
     */
    async setPassword(actor: Actor, userId: number, password: string, requestId?: string): Promise<User> {
      checkPassword(password);
      const hash = await hashPassword(password);
      return db.transaction(async (trx) => {
        const user = await repo.findUserById(trx, userId);
        if (!user) throw new NotFoundError(`Gebruiker ${userId} bestaat niet.`);
        await repo.setPasswordHash(trx, userId, hash);
        const sessionsEnded = await deleteSessionsOfUser(trx, userId);
        await audit.record(trx, actor, { action: user.hasPassword ? 'user.password.reset' : 'user.password.set', subjectType: 'user', subjectId: userId, details: { sessionsEnded }, requestId: requestId ?? null });
        return (await repo.findUserById(trx, userId))!;
      });
    },

    findUserByUsername: (username: string) => repo.findUserByUsername(db, username),
    authenticateToken,
    listUsers: () => repo.listUsers(db),
    findUser: (id: number) => repo.findUserById(db, id),
    listTokens: (userId: number) => repo.listTokens(db, userId),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
