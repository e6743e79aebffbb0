import type { Knex } from 'knex';
import { toSafeInteger } from '../../shared/db.js';

export interface WebSessionRow {
  id: number;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

function sessionFromDb(r: Record<string, unknown>): WebSessionRow {
  return {
    id: toSafeInteger(r.id),
    userId: toSafeInteger(r.user_id),
    csrfToken: String(r.csrf_token),
    createdAt: String(r.created_at),
    lastSeenAt: String(r.last_seen_at),
    expiresAt: String(r.expires_at),
  };
}

export async function insertSession(trx: Knex, s: { idHash: string; userId: number; csrfToken: string; createdAt: string; expiresAt: string }): Promise<void> {
  await trx('web_sessions').insert({ id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, last_seen_at: s.createdAt, expires_at: s.expiresAt });
}

export async function findSessionByHash(db: Knex, idHash: string): Promise<WebSessionRow | null> {
  const row = await db('web_sessions').where({ id_hash: idHash }).first();
  return row ? sessionFromDb(row) : null;
}

export async function touchSession(db: Knex, id: number, at: string): Promise<void> {
  await db('web_sessions').where({ id }).update({ last_seen_at: at });
}

export async function deleteSession(db: Knex, id: number): Promise<void> {
  await db('web_sessions').where({ id }).del();
}

/** Sessions past their end, of anyone: cleared at each login so the table stays small. */
/** Ends every web session of a user (after a new password); returns how many there were. */
export async function deleteSessionsOfUser(trx: Knex, userId: number): Promise<number> {
  return trx('web_sessions').where({ user_id: userId }).delete();
}

export async function deleteSessionsEndedBefore(db: Knex, absoluteBefore: string, idleBefore: string): Promise<void> {
  await db('web_sessions').where('expires_at', '<=', absoluteBefore).orWhere('last_seen_at', '<=', idleBefore).del();
}

export async function insertLoginFailure(trx: Knex, usernameKey: string, at: string): Promise<void> {
  await trx('web_login_failures').insert({ username_key: usernameKey, failed_at: at });
}

/** The times of a username's failed logins since `since`, newest first. */
export async function loginFailuresSince(db: Knex, usernameKey: string, since: string): Promise<string[]> {
  const rows = await db('web_login_failures').where({ username_key: usernameKey }).where('failed_at', '>', since).orderBy('failed_at', 'desc').select('failed_at');
  return rows.map((r) => String(r.failed_at));
}

export async function clearLoginFailures(trx: Knex, usernameKey: string): Promise<void> {
  await trx('web_login_failures').where({ username_key: usernameKey }).del();
}

/** The user behind a username with the password hash, for the password check only. */
export async function findPasswordHash(db: Knex, username: string): Promise<{ userId: number; passwordHash: string | null; active: boolean } | null> {
  const row = await db('users').where({ username }).first('id', 'password_hash', 'active');
  return row ? { userId: toSafeInteger(row.id), passwordHash: (row.password_hash as string | null) ?? null, active: Boolean(row.active) } : null;
}
