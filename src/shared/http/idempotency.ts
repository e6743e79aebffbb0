import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { canonicalJson } from '../canonical-json.js';
import { toSafeInteger } from '../db.js';
import { ConflictError, ValidationError } from '../errors.js';
import type { Actor } from '../../modules/audit/audit.types.js';

/**
 * `Idempotency-Key` on POST (design.md §6): the same key with the same body gives the first
 * response again; the same key with another body is a 409. Keys are per user.
 */
export interface IdempotencyStore {
  find(userId: number, key: string): Promise<StoredResponse | null>;
  save(userId: number, key: string, response: StoredResponse): Promise<void>;
}

export interface StoredResponse {
  requestHash: string;
  status: number;
  body: unknown;
  createdAt: string;
}

export function knexIdempotencyStore(db: Knex, now: () => Date): IdempotencyStore {
  return {
    async find(userId, key) {
      const row = await db('http_idempotency_keys').where({ user_id: userId, key }).first();
      if (!row) return null;
      return { requestHash: String(row.request_hash), status: toSafeInteger(row.status), body: row.body === null ? undefined : JSON.parse(String(row.body)), createdAt: String(row.created_at) };
    },
    async save(userId, key, response) {
      // A concurrent request with the same key may have stored first; the first one wins.
      await db('http_idempotency_keys')
        .insert({ user_id: userId, key, request_hash: response.requestHash, status: response.status, body: response.body === undefined ? null : JSON.stringify(response.body), created_at: now().toISOString() })
        .onConflict(['user_id', 'key'])
        .ignore();
    },
  };
}

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

type Outcome = { status: number; body: unknown; headers?: Record<string, string> } | null;

export async function withIdempotency(
  store: IdempotencyStore,
  req: { actor: Actor; key: string; method: string; path: string; body: unknown },
  run: () => Promise<Outcome>,
): Promise<Outcome> {
  if (!KEY.test(req.key)) {
    throw new ValidationError('Idempotency-Key: 1–200 tekens uit A–Z, a–z, 0–9, . _ : -', { errors: [{ field: 'Idempotency-Key', message: 'ongeldige sleutel' }] });
  }
  const userId = req.actor.userId ?? 0;
  const requestHash = createHash('sha256').update(`${req.method} ${req.path}\n`).update(canonicalJson(req.body ?? null)).digest('hex');
  const previous = await store.find(userId, req.key);
  if (previous) {
    if (previous.requestHash !== requestHash) {
      throw new ConflictError('Deze Idempotency-Key is al gebruikt voor een ander verzoek.');
    }
    return { status: previous.status, body: previous.body, headers: { 'Idempotent-Replayed': 'true' } };
  }
  const outcome = await run();
  // Only successes are remembered: a refused request may be corrected and sent again with the key.
  if (outcome && outcome.status >= 200 && outcome.status < 300) {
    await store.save(userId, req.key, { requestHash, status: outcome.status, body: outcome.body, createdAt: '' });
  }
  return outcome;
}
