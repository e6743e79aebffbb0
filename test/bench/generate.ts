/**
 * Seeded generator of benchmark data of realistic shape (design.md §8): the journal entry that
 * issuing a fine books (see fines.service), debit `receivable:fines`, credit `revenue:fines`, for the
 * amount of one of the tariff tiers, on a working-day-weighted date in 2024.
 */
import type { Actor } from '../../src/modules/audit/audit.types.js';
import { entryContentHash, numberPostings } from '../../src/modules/ledger/ledger.rules.js';
import type { EntryInput } from '../../src/modules/ledger/ledger.types.js';
import { createPrng, type Prng } from './prng.js';

/** The BBOOR tariff tiers in cents, with how often each occurs in the generated data. */
export const TARIFF_TIERS: ReadonlyArray<readonly [number, number]> = [
  [10000, 30],
  [15000, 25],
  [20000, 20],
  [26000, 15],
  [42000, 10],
];

/** Fewer fines are written at the weekend (Sunday = 0 … Saturday = 6). */
const WEEKDAY_WEIGHT = [2, 10, 10, 10, 10, 9, 4];

/** A few real offence codes from the catalogue, for the entry description. */
const OFFENCE_CODES = ['A.6.1', 'A.6.2', 'A.12.2', 'A.13', 'A.14', 'A.15.1', 'A.17.1'] as const;

function datesOf2024(): Array<readonly [string, number]> {
  const out: Array<readonly [string, number]> = [];
  for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 86_400_000) {
    const d = new Date(t);
    out.push([d.toISOString().slice(0, 10), WEEKDAY_WEIGHT[d.getUTCDay()]!]);
  }
  return out;
}

/**
 * `count` entries as `fines.service` books them when a fine is issued (kind, description,
 * idempotency key, postings), sorted by booked date; fine ids and case numbers ascend with it.
 */
export function generateFineIssueEntries(count: number, seed: number): EntryInput[] {
  const prng = createPrng(seed);
  const days = datesOf2024();
  const booked = Array.from({ length: count }, () => prng.weighted(days)).sort();
  return booked.map((bookedOn, i) => {
    const fineId = i + 1;
    const amount = prng.weighted(TARIFF_TIERS);
    const offence = OFFENCE_CODES[prng.int(0, OFFENCE_CODES.length - 1)]!;
    return {
      bookedOn,
      kind: 'fine.issue',
      description: `Beschikking BB-2024-${String(fineId).padStart(6, '0')} (${offence})`,
      fineId,
      idempotencyKey: `fine:${fineId}:issue`,
      postings: [
        { account: 'receivable:fines', amountCents: amount },
        { account: 'revenue:fines', amountCents: -amount },
      ],
    };
  });
}

export interface RawPostingRow {
  entry_id: string;
  line_no: number;
  account: string;
  fine_id: number | null;
  amount_cents: number;
  /** The entry's booking date and kind, which every posting carries (migration 20240701a). */
  booked_on: string;
  entry_kind: string;
}

export interface RawEntryRow {
  id: string;
  booked_on: string;
  kind: string;
  fine_id: number | null;
  bank_transaction_id: number | null;
  idempotency_key: string | null;
  content_hash: string;
  reverses_entry_id: string | null;
  description: string;
  line_count: number;
  actor_user_id: number | null;
  actor: string;
  created_at: string;
}

export interface RawEntry {
  postings: RawPostingRow[];
  entry: RawEntryRow;
}

/**
 * The rows the ledger repository writes for these inputs, column for column (id: a seeded v4 UUID
 * where the service draws a random one), prepared ahead so the raw baseline times only the inserts.
 */
export function toRawRows(inputs: readonly EntryInput[], actor: Actor, createdAt: string, seed: number): RawEntry[] {
  const prng: Prng = createPrng(seed ^ 0x5eed);
  return inputs.map((input) => {
    const id = prng.uuid();
    const fineId = input.fineId ?? null;
    const postings = numberPostings(input.postings, fineId);
    const contentHash = entryContentHash({
      bookedOn: input.bookedOn,
      kind: input.kind,
      description: input.description,
      fineId,
      bankTransactionId: input.bankTransactionId ?? null,
      reversesEntryId: input.reversesEntryId ?? null,
      postings,
    });
    return {
      postings: postings.map((p) => ({ entry_id: id, line_no: p.lineNo, account: p.account, fine_id: p.fineId, amount_cents: p.amountCents, booked_on: input.bookedOn, entry_kind: input.kind })),
      entry: {
        id,
        booked_on: input.bookedOn,
        kind: input.kind,
        fine_id: fineId,
        bank_transaction_id: input.bankTransactionId ?? null,
        idempotency_key: input.idempotencyKey ?? null,
        content_hash: contentHash,
        reverses_entry_id: input.reversesEntryId ?? null,
        description: input.description,
        line_count: postings.length,
        actor_user_id: actor.userId,
        actor: actor.label,
        created_at: createdAt,
      },
    };
  });
}
