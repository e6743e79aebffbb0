import type { Knex } from 'knex';
import { toSafeInteger } from '../../shared/db.js';
import type { ApiTokenInfo, User } from './auth.types.js';
import type { Role } from './roles.js';

type DbRow = Record<string, unknown>;

function userFromDb(r: DbRow): User {
  return {
    id: toSafeInteger(r.id),
    username: String(r.username),
    name: String(r.name),
    role: r.role as Role,
    badgeNumber: (r.badge_number as string | null) ?? null,
    active: Boolean(r.active),
    hasPassword: r.password_hash !== null && r.password_hash !== undefined,
    createdAt: String(r.created_at),
  };
}

function tokenFromDb(r: DbRow): ApiTokenInfo {
  return {
    id: toSafeInteger(r.id),
    userId: toSafeInteger(r.user_id),
    label: String(r.label),
    createdAt: String(r.created_at),
    revokedAt: (r.revoked_at as string | null) ?? null,
  };
}

export async function countUsers(db: Knex): Promise<number> {
  const row = await db('users').count({ n: '*' }).first();
  return toSafeInteger(row?.n);
}

export async function insertUser(
  trx: Knex,
  u: { username: string; name: string; role: Role; badgeNumber: string | null; passwordHash: string | null; createdAt: string },
): Promise<User> {
  const [row] = await trx('users')
    .insert({
      username: u.username,
      name: u.name,
      role: u.role,
      badge_number: u.badgeNumber,
      password_hash: u.passwordHash,
      created_at: u.createdAt,
    })
    .returning('*');
  return userFromDb(row);
}

export async function findUserById(db: Knex, id: number): Promise<User | null> {
  const row = await db('users').where({ id }).first();
  return row ? userFromDb(row) : null;
}

export async function findUserByUsername(db: Knex, username: string): Promise<User | null> {
  const row = await db('users').where({ username }).first();
  return row ? userFromDb(row) : null;
}

export async function listUsers(db: Knex): Promise<User[]> {
  return (await db('users').orderBy('id')).map(userFromDb);
}

export async function setUserActive(trx: Knex, id: number, active: boolean): Promise<void> {
  await trx('users').where({ id }).update({ active });
}

export async function setPasswordHash(trx: Knex, id: number, passwordHash: string): Promise<void> {
  await trx('users').where({ id }).update({ password_hash: passwordHash });
}

export async function insertToken(
  trx: Knex,
  t: { userId: number; tokenHash: string; label: string; createdAt: string },
): Promise<ApiTokenInfo> {
  const [row] = await trx('api_tokens')
    .insert({ user_id: t.userId, token_hash: t.tokenHash, label: t.label, created_at: t.createdAt })
    .returning('*');
  return tokenFromDb(row);
}

export async function listTokens(db: Knex, userId: number): Promise<ApiTokenInfo[]> {
  return (await db('api_tokens').where({ user_id: userId }).orderBy('id')).map(tokenFromDb);
}

export async function findToken(db: Knex, id: number): Promise<ApiTokenInfo | null> {
  const row = await db('api_tokens').where({ id }).first();
  return row ? tokenFromDb(row) : null;
}

export async function revokeToken(trx: Knex, id: number, at: string): Promise<void> {
  await trx('api_tokens').where({ id }).whereNull('revoked_at').update({ revoked_at: at });
}

/** The active user behind a live token, or null. One indexed lookup per API request. */
export async function findUserByTokenHash(db: Knex, tokenHash: string): Promise<User | null> {
  const row = await db('api_tokens as t')
    .join('users as u', 'u.id', 't.user_id')
    .where('t.token_hash', tokenHash)
    .whereNull('t.revoked_at')
    .where('u.active', true)
    .first('u.*');
  return row ? userFromDb(row) : null;
}
