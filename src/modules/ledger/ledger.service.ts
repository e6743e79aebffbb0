import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { uuid7 } from '../../shared/uuid7.js';
import { ConflictError, NotFoundError, RuleViolationError, ValidationError } from '../../shared/errors.js';
import type { Actor } from '../audit/audit.types.js';
import * as repo from './ledger.repository.js';
import { entryContentHash, entryProblems, numberPostings, reversalPostings } from './ledger.rules.js';
import type { EntryInput, JournalEntry } from './ledger.types.js';

export interface PostResult {
  entry: JournalEntry;
  /** True when an earlier entry with the same idempotency key and content was returned. */
  replayed: boolean;
}

/**
 * The ledger core. Every method takes the caller's transaction, so a business action (issue a
 * fine, import a statement) and its money entries commit or fail together.
 */
export function createLedger(clock: Clock) {
  function build(actor: Actor, input: EntryInput, createdAt: string): JournalEntry {
    const problems = entryProblems(input);
    if (problems.length > 0) throw new ValidationError('De boeking klopt niet.', { errors: problems });
    const fineId = input.fineId ?? null;
    const postings = numberPostings(input.postings, fineId);
    // Every field written out, not `{ ...draft, id, … }`: V8 (Node 20) builds an object spread
    // with further properties on a slow path, ~7 µs each, and a bank import builds two entries per
    // line (BENCHMARKS.md, "Bank statement import").
    const entry: JournalEntry = {
      bookedOn: input.bookedOn,
      kind: input.kind,
      description: input.description,
      fineId,
      bankTransactionId: input.bankTransactionId ?? null,
      reversesEntryId: input.reversesEntryId ?? null,
      postings,
      id: uuid7(), // time-ordered: appended at the end of the id indexes (uuid7.ts)
      idempotencyKey: input.idempotencyKey ?? null,
      contentHash: '',
      actor: actor.label,
      actorUserId: actor.userId,
      createdAt,
    };
    entry.contentHash = entryContentHash(entry); // it hashes what the entry says, not who booked it or when
    return entry;
  }

  /** Entries checked, numbered, hashed and given their ids; one moment for the entries booked together. */
  function buildAll(actor: Actor, inputs: readonly EntryInput[]): JournalEntry[] {
    const createdAt = clock.now().toISOString();
    return inputs.map((input) => build(actor, input, createdAt));
  }

  /** Books many entries in one go; entries whose key was booked before are returned, not rebooked. */
  async function postMany(trx: Knex.Transaction, actor: Actor, inputs: readonly EntryInput[]): Promise<PostResult[]> {
    const built = buildAll(actor, inputs);
    const keys = built.map((e) => e.idempotencyKey).filter((k): k is string => k !== null);
    if (new Set(keys).size !== keys.length) throw new ConflictError('Dezelfde idempotentiesleutel komt twee keer voor in één verzoek.');
    const existing = new Map((await repo.findEntriesByIdempotencyKeys(trx, keys)).map((e) => [e.idempotencyKey!, e]));
    const results: PostResult[] = [];
    const fresh: JournalEntry[] = [];
    for (const entry of built) {
      const earlier = entry.idempotencyKey ? existing.get(entry.idempotencyKey) : undefined;
      if (earlier) {
        if (earlier.contentHash !== entry.contentHash) {
          throw new ConflictError(`Idempotentiesleutel ${entry.idempotencyKey} is al gebruikt voor een andere boeking.`, { extensions: { entryId: earlier.id } });
        }
        results.push({ entry: earlier, replayed: true });
      } else {
        fresh.push(entry);
        results.push({ entry, replayed: false });
      }
    }
    await repo.insertEntries(trx, fresh);
    return results;
  }

  return {
    postMany,

    /**
     * Prepares entries that cannot have been booked before, for `statementsFor`: checked, numbered,
     * hashed and given their ids, without touching the database, so a caller can prepare the next
     * entries while the database writes the last ones. Their idempotency keys name rows this
     * transaction has just created (a bank import's new lines), so looking the keys up first would
     * find nothing; the unique index on the key still refuses a key used twice.
     */
    prepareNew: buildAll,

    /** The statements that write entries made by `prepareNew`, for `runStatements` in the caller's transaction. */
    statementsFor: repo.entryStatements,

    async post(trx: Knex.Transaction, actor: Actor, input: EntryInput): Promise<PostResult> {
      return (await postMany(trx, actor, [input]))[0]!;
    },

    /** Books the mirror image of an entry. An entry is reversed at most once; a reversal is final. */
    async reverse(
      trx: Knex.Transaction,
      actor: Actor,
      entryId: string,
      options: { bookedOn?: string; reason: string; kind?: string; idempotencyKey?: string | null },
    ): Promise<PostResult> {
      const original = await repo.findEntry(trx, entryId);
      if (!original) throw new NotFoundError(`Boeking ${entryId} bestaat niet.`);
      if (original.reversesEntryId) throw new RuleViolationError('Een tegenboeking wordt niet zelf tegengeboekt; boek het bedrag opnieuw.');
      const key = options.idempotencyKey ?? `reversal:${entryId}`;
      const already = await repo.findReversalOf(trx, entryId);
      if (already) {
        const earlier = (await repo.findEntry(trx, already))!;
        if (earlier.idempotencyKey === key) return { entry: earlier, replayed: true };
        throw new ConflictError(`Boeking ${entryId} is al tegengeboekt.`, { extensions: { reversalEntryId: already } });
      }
      return (
        await postMany(trx, actor, [
          {
            bookedOn: options.bookedOn ?? clock.today(),
            kind: options.kind ?? 'reversal',
            description: `Tegenboeking van ${entryId}: ${options.reason}`,
            postings: reversalPostings(original),
            fineId: original.fineId,
            bankTransactionId: original.bankTransactionId,
            reversesEntryId: entryId,
            idempotencyKey: key,
          },
        ])
      )[0]!;
    },

    findEntry: (db: Knex, id: string) => repo.findEntry(db, id),
    listEntries: (db: Knex, filter: repo.EntryFilter) => repo.listEntries(db, filter),
    accountBalances: (db: Knex, asOf: string, fineId?: number) => repo.accountBalances(db, asOf, fineId),

    /** What a fine still owes: the sum of its receivable postings (fine, costs, interest). */
    async fineOutstandingCents(db: Knex, fineId: number, asOf: string): Promise<number> {
      const balances = await repo.accountBalances(db, asOf, fineId);
      return balances.filter((b) => b.account.startsWith('receivable:')).reduce((sum, b) => sum + b.balanceCents, 0);
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
