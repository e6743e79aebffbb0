import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { insertRows, type Row } from '../../shared/bulk-insert.js';
import { dialectOf, toSafeInteger } from '../../shared/db.js';
import { buildScript, runScript, transactionConnection, type Script } from '../../shared/statement-script.js';
import { addDays } from '../../domain/civil-date.js';
import type { OpenDebt } from '../../domain/allocation.js';
import { caseNumbersInText, kenmerkenInText } from '../../domain/payment-references.js';
import type { Actor } from '../audit/audit.types.js';
import type { Ledger } from '../ledger/ledger.service.js';
import type { EntryInput } from '../ledger/ledger.types.js';
import { refundReason } from './allocation.service.js';
import type { BankTransaction } from './bank.types.js';
import * as batch from './import-batch.repository.js';
import { designate, normalizeName, suggestionEvidence, type MatchingService, type MatchOutcome } from './matching.service.js';
import { allocateByStructuredReference, PageBookings, structuredKenmerk } from './structured-batch.js';
import { SuggestionIndex } from './suggestion-index.js';

/** A page of the import's new lines and what deciding them needs from the database. */
interface PageReads {
  lines: BankTransaction[];
  /** Pass 2's references in the text of each credit line (not a reversal). */
  refsOf: Map<number, { kenmerken: string[]; caseNumbers: string[] }>;
  /** Issued fines by betalingskenmerk and by case number. */
  fineByKey: Map<string, batch.IssuedFineRef>;
  /** What the fines owed when these reads ran. */
  debts: Map<number, OpenDebt>;
}

/**
 * Lines of pass 3 (suggestions) per page, read back from the database. An import keeps only the ids
 * of the lines no reference matched until then: a file of 1 000 000 lines without kenmerken would
 * otherwise hold all their payers and amounts at once.
 */
export const SUGGESTION_PAGE = 2000;

export interface MatchCounts {
  matched: number;
  partiallyMatched: number;
  suggested: number;
  unmatched: number;
}

/**
 * A batch of parsed lines as the import hands it over: the rows to insert, and each line with id 0
 * (not stored yet). A stored line gets its id in place, not in a copy: the import holds 100 000s
 * of lines, and copying one takes all its fields again.
 */
export interface NewBatch {
  rows: Row[];
  identities: string[];
  lines: BankTransaction[];
}

/**
 * Stores, books and matches an import's new lines, a batch at a time (import.service.ts) in file
 * order, deciding each line as matching it on its own would (matching.service.ts, design.md §10):
 *  - pass 1 (structured reference) for the batch's lines first, then per line pass 2 (references in
 *    the free text), against the fines and open debts read once per batch and reduced in memory as
 *    each line books; the batch's receipts and allocations go to the database as a few inserts;
 *  - debit lines (returns, refund payouts) are rare and go through `matching.match` one by one, once
 *    everything before them is written; a return reopens fines, so the debts are read again;
 *  - pass 3 (suggestions, never booked) runs last, over the lines no reference matched, against the
 *    state after the whole file: a suggestion never points at a fine the same file paid.
 *
 * Pipelined. The import's statements run in one queue, in this order: the reads of batch k+1 (its
 * bank lines inserted, returning their ids; the fines it names; their debts), then the writes of
 * batch k, then the reads of batch k+2, and so on. While the database writes batch k, the import
 * decides batch k+1 and parses batch k+2. A batch's writes go as one script (statement-script.ts):
 * the database does not wait for the busy JavaScript thread between two of them. The script is
 * built when the batch is decided, and sent the moment the reads before it are answered, before
 * the next batch is decided (which holds the thread for a while). The reads of
 * batch k+1 come before the writes of batch k, so the debts of the fines batch k booked on are
 * carried over from memory; everything before batch k is written by then.
 */
export function createImportMatcher(trx: Knex.Transaction, deps: { clock: Clock; ledger: Ledger; matching: MatchingService }, actor: Actor, importId: number, windowDays: number) {
  const { clock, ledger, matching } = deps;
  const now = () => clock.now().toISOString();
  const counts: MatchCounts = { matched: 0, partiallyMatched: 0, suggested: 0, unmatched: 0 };
  /** The lines no reference matched, by id, in file order: pass 3's work. */
  const unreferenced: number[] = [];
  /** The last statement group queued; each group starts when the one before it has finished. */
  let tail: Promise<unknown> = Promise.resolve();
  /** The writes of the last batch decided, not yet queued. */
  let decided: Script | null = null;
  /** Debts of the fines the last batch decided booked on, as they are after its writes. */
  let carried = new Map<number, OpenDebt>();

  /** Runs `work` after everything queued before it: the import's statements go in this one order. */
  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = tail.then(work);
    tail = run;
    run.catch(() => undefined); // whoever awaits it, or the import's end, sees a failure
    return run;
  }

  const dialect = dialectOf(trx);

  /** The transaction's connection, at hand: a batch's script is sent the moment its turn comes. */
  let connection: unknown = null;
  const connecting = transactionConnection(trx).then((c) => (connection = c));

  /** A batch's writes as one script, built outside the statement queue: the queue only sends it. */
  function prepare(receipts: readonly EntryInput[], b: PageBookings): Script {
    const entries = ledger.prepareNew(actor, [...receipts, ...b.entries]);
    const entryOf = (i: number) => entries[receipts.length + i]!.id;
    const created = now();
    const allocations = b.booked.flatMap((x, i) => (x.applied > 0 ? [{ bank_transaction_id: x.tx.id, fine_id: x.fineId, amount_cents: x.applied, entry_id: entryOf(i), created_at: created, actor: actor.label }] : []));
    const refunds = b.booked.flatMap((x, i) => (x.excess > 0 ? [{ bank_transaction_id: x.tx.id, fine_id: x.fineId, amount_cents: x.excess, payer_iban: x.tx.counterpartyIban, payer_name: x.tx.counterpartyName, reason: refundReason(x.applied), status: 'proposed', created_at: created, entry_id: entryOf(i) }] : []));
    return buildScript(dialect, [...ledger.statementsFor(dialect, entries), ...batch.matchRowStatements(dialect, { allocations, refunds, decisions: b.decisions })]);
  }

  /** Queues a batch's writes: one script, a single trip to the database (statement-script.ts). */
  function write(script: Script): Promise<void> {
    return enqueue(() => (connection === null ? connecting.then((c) => runScript(trx, script, c)) : runScript(trx, script, connection)));
  }

  /** Queues the writes of the last batch decided, if they are not queued yet. */
  function writeDecided(): Promise<void> {
    const ready = decided;
    decided = null;
    return ready ? write(ready) : Promise.resolve();
  }

  /** A line's bookings: money in bank against suspense, money out suspense against bank. */
  function receiptOf(tx: BankTransaction): EntryInput {
    return {
      bookedOn: tx.bookingDate,
      kind: tx.direction === 'credit' ? 'bank.receipt' : 'bank.payment',
      description: `Bankregel ${tx.direction === 'credit' ? 'bij' : 'af'} ${tx.bookingDate}`,
      bankTransactionId: tx.id,
      // The line's own id, zero-padded: new keys sort after the last one, so the key index is
      // appended to (a key made of the line's identity, a hash, landed on a random page each).
      idempotencyKey: `bank-line:${String(tx.id).padStart(12, '0')}`,
      postings: tx.direction === 'credit'
        ? [{ account: `bank:${tx.account}`, amountCents: tx.amountCents }, { account: 'suspense:unallocated', amountCents: -tx.amountCents }]
        : [{ account: 'suspense:unallocated', amountCents: tx.amountCents }, { account: `bank:${tx.account}`, amountCents: -tx.amountCents }],
    };
  }

  /** Pass 2's references in the text of a credit line (not a reversal); null for other lines. */
  function referencesOf(l: Omit<BankTransaction, 'id'>): { kenmerken: string[]; caseNumbers: string[] } | null {
    if (l.direction !== 'credit' || l.reversal) return null;
    const text = `${l.remittanceText ?? ''} ${l.structuredReference ?? ''}`;
    return { kenmerken: kenmerkenInText(text), caseNumbers: caseNumbersInText(text) };
  }

  /** The reads of a batch: its lines inserted (duplicates left out), the fines it names, their debts. */
  async function readBatch(b: NewBatch, refs: ({ kenmerken: string[]; caseNumbers: string[] } | null)[]) {
    const inserted = await insertRows(trx, 'bank_transactions', b.rows, { returning: ['id', 'identity'], skipExisting: 'identity' });
    const kenmerken = new Set<string>();
    const caseNumbers = new Set<string>();
    b.lines.forEach((l, i) => {
      const structured = structuredKenmerk(l);
      if (structured) kenmerken.add(structured);
      for (const k of refs[i]?.kenmerken ?? []) kenmerken.add(k);
      for (const c of refs[i]?.caseNumbers ?? []) caseNumbers.add(c);
    });
    const fines = await batch.issuedFinesByReferences(trx, [...kenmerken], [...caseNumbers]);
    const debts = await batch.openDebts(trx, [...new Set(fines.map((f) => f.id))]);
    return { inserted, fines, debts };
  }

  /** Pass 2's fines of a line, in the order the payer wrote their references, each once. */
  function referredFines(page: PageReads, tx: BankTransaction): batch.IssuedFineRef[] {
    const refs = page.refsOf.get(tx.id)!;
    const found: batch.IssuedFineRef[] = [];
    for (const key of [...refs.kenmerken, ...refs.caseNumbers]) {
      const f = page.fineByKey.get(key);
      if (f && !found.some((x) => x.id === f.id)) found.push(f);
    }
    return found;
  }

  function count(outcome: MatchOutcome): void {
    if (outcome === 'matched' || outcome === 'refund-paid' || outcome === 'returned') counts.matched += 1;
    else if (outcome === 'partially-matched') counts.partiallyMatched += 1;
    else if (outcome === 'suggested') counts.suggested += 1;
    else counts.unmatched += 1;
  }

  /** Decides one batch in file order; returns its writes and the debts of the fines they book on. */
  async function decideBatch(page: PageReads, receipts: EntryInput[]): Promise<{ receipts: EntryInput[]; bookings: PageBookings; touched: Map<number, OpenDebt> }> {
    let bookings = new PageBookings(actor, now);
    const touched = new Set<number>();
    const debtOf = (fineId: number): OpenDebt => carried.get(fineId) ?? page.debts.get(fineId)!;

    const { outcomes, rest } = allocateByStructuredReference(page.lines, page.fineByKey, debtOf, bookings, touched);
    for (const outcome of outcomes.values()) count(outcome);
    for (const tx of rest) {
      if (tx.direction === 'debit' || tx.reversal) {
        // Everything before this line must be in the database for the return or payout to find it.
        await write(prepare(receipts, bookings));
        carried = new Map();
        receipts = [];
        bookings = new PageBookings(actor, now);
        touched.clear();
        count(await matching.match(trx, actor, tx, windowDays));
        // A return reopens fines; and the debts read for this batch predate the previous batch's writes.
        page.debts = await batch.openDebts(trx, [...page.debts.keys()]);
        continue;
      }
      const fines = referredFines(page, tx);
      if (fines.length === 0) {
        unreferenced.push(tx.id);
        continue;
      }
      // Pass 2, as `allocation.allocate` would book it: one entry and one decision per fine.
      const refs = page.refsOf.get(tx.id)!;
      const owing = fines.map((f) => {
        const d = debtOf(f.id);
        return { id: f.id, outstandingCents: d.costsCents + d.interestCents + d.principalCents };
      });
      const owed = owing.reduce((s, f) => s + f.outstandingCents, 0);
      for (const part of designate(tx.amountCents, owing)) {
        const evidence = { kenmerken: refs.kenmerken, caseNumbers: refs.caseNumbers, fines: fines.map((f) => f.caseNumber), amountCents: part.amountCents, outstandingCents: owed };
        bookings.allocate(tx, part.fineId, part.amountCents, debtOf(part.fineId), 'free-text-reference', evidence);
        touched.add(part.fineId);
      }
      count(tx.amountCents >= owed ? 'matched' : 'partially-matched');
    }
    return { receipts, bookings, touched: new Map([...touched].map((id) => [id, debtOf(id)])) };
  }

  /**
   * Pass 3 over the lines no reference matched, once everything else is in the database, a page at
   * a time. Suggestions book nothing, so a page's decisions change nothing the next page reads.
   */
  async function suggestAll(): Promise<void> {
    if (unreferenced.length === 0) return;
    const range = (await batch.bookingDateRange(trx, importId))!;
    const index = new SuggestionIndex(await batch.openFinesIssuedBetween(trx, addDays(range.first, -windowDays), range.last));
    const windowStart = new Map<string, string>(); // per booking date: the lines share a few dates
    const startOf = (d: string) => windowStart.get(d) ?? windowStart.set(d, addDays(d, -windowDays)).get(d)!;
    for (let at = 0; at < unreferenced.length; at += SUGGESTION_PAGE) {
      const lines = await batch.linesByIds(trx, unreferenced.slice(at, at + SUGGESTION_PAGE));
      const paidFromIban = await batch.finesPaidFromIbans(trx, [...new Set(lines.flatMap((tx) => (tx.counterpartyIban ? [tx.counterpartyIban] : [])))]);
      const surnames = await batch.offenderSurnames(trx, [...paidFromIban.values()].flatMap((s) => [...s]));
      const bookings = new PageBookings(actor, now);
      for (const tx of lines) {
        const name = normalizeName(tx.counterpartyName ?? '');
        const paidBefore = tx.counterpartyIban ? (paidFromIban.get(tx.counterpartyIban) ?? new Set<number>()) : new Set<number>();
        const surnamesPaidFromIban = new Set([...paidBefore].flatMap((id) => (surnames.has(id) ? [normalizeName(surnames.get(id)!)] : [])));
        let any = false;
        for (const c of index.candidates(tx.amountCents, startOf(tx.bookingDate), tx.bookingDate)) {
          const evidence = suggestionEvidence(tx, c, name, surnamesPaidFromIban);
          if (!evidence) continue;
          any = true;
          bookings.decision(tx.id, 'suggestion', 'suggested', c.id, evidence);
        }
        count(any ? 'suggested' : 'unmatched');
      }
      await insertRows(trx, 'match_decisions', bookings.decisions);
    }
  }

  return {
    /**
     * Stores, books and matches a batch of parsed lines, in file order after the batches before it.
     * Returns once the batch is decided; its writes are queued after the next batch's reads. Gives
     * the number of lines an earlier import had stored (duplicates, left out).
     */
    async add(b: NewBatch): Promise<number> {
      const refs = b.lines.map(referencesOf);
      const reads = enqueue(() => readBatch(b, refs));
      // Queued behind the reads, the writes are sent as soon as the reads are answered, before
      // this batch is decided: the queue's step runs ahead of this function's `await`.
      void writeDecided();
      const { inserted, fines, debts } = await reads;
      const idOf = new Map(inserted.map((r) => [String(r.identity), toSafeInteger(r.id)]));
      const lines: BankTransaction[] = [];
      const refsOf = new Map<number, { kenmerken: string[]; caseNumbers: string[] }>();
      b.lines.forEach((l, i) => {
        const id = idOf.get(b.identities[i]!);
        if (id === undefined) return; // a duplicate: never stored, so it keeps id 0 and is left out
        l.id = id;
        lines.push(l);
        if (refs[i]) refsOf.set(id, refs[i]);
      });
      const fineByKey = new Map<string, batch.IssuedFineRef>();
      for (const f of fines) {
        if (!fineByKey.has(f.paymentReference)) fineByKey.set(f.paymentReference, f);
        if (!fineByKey.has(f.caseNumber)) fineByKey.set(f.caseNumber, f);
      }
      const { receipts, bookings, touched } = await decideBatch({ lines, refsOf, fineByKey, debts }, lines.map(receiptOf));
      decided = prepare(receipts, bookings);
      carried = touched;
      return b.lines.length - lines.length;
    },

    /** After the last batch: its writes, then pass 3 (suggestions); how many lines ended how. */
    async finish(): Promise<MatchCounts> {
      await writeDecided();
      await tail;
      carried = new Map();
      await suggestAll();
      return counts;
    },

    /** Resolves once no statement is queued (after a failure, before the transaction rolls back). */
    async drained(): Promise<void> {
      await tail.catch(() => undefined);
    },
  };
}

export type ImportMatcher = ReturnType<typeof createImportMatcher>;
