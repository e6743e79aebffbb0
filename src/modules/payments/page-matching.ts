import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { insertRows } from '../../shared/bulk-insert.js';
import { addDays } from '../../domain/civil-date.js';
import type { OpenDebt } from '../../domain/allocation.js';
import { caseNumbersInText, kenmerkenInText } from '../../domain/payment-references.js';
import type { Actor } from '../audit/audit.types.js';
import type { Ledger } from '../ledger/ledger.service.js';
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

/** What pass 3 needs of a line that no reference matched (kept small: a large import may have many). */
type Unreferenced = Pick<BankTransaction, 'id' | 'amountCents' | 'bookingDate' | 'counterpartyIban' | 'counterpartyName'>;

export interface MatchCounts {
  matched: number;
  partiallyMatched: number;
  suggested: number;
  unmatched: number;
}

/**
 * The matching passes (matching.service.ts, design.md §10) over an import's new lines, a page of
 * 500 at a time, in file order, deciding each line as matching it on its own would:
 *  - pass 1 (structured reference) for the page's lines first, then per line pass 2 (references
 *    in the free text), against the fines and open debts read once per page and reduced in memory
 *    as each line books; a page's writes go to the database as a few multi-row inserts;
 *  - debit lines (returns, refund payouts) are rare and go through `matching.match` one by one,
 *    once everything before them is written; a return reopens fines, so the debts are read again;
 *  - pass 3 (suggestions, never booked) runs last, over the lines no reference matched, against the
 *    state after the whole file: a suggestion never points at a fine the same file paid.
 *
 * Pipelined: while the database writes page k, the next page is read and decided. At most one page's
 * writes are in flight, and the next page's reads are sent only after the writes before them have
 * finished; the debts of the fines the in-flight page touched are carried over in memory, so the
 * next page never decides on a debt read before its own import changed it.
 */
export function createImportMatcher(trx: Knex.Transaction, deps: { clock: Clock; ledger: Ledger; matching: MatchingService }, actor: Actor, importId: number, windowDays: number) {
  const { clock, ledger, matching } = deps;
  const now = () => clock.now().toISOString();
  const counts: MatchCounts = { matched: 0, partiallyMatched: 0, suggested: 0, unmatched: 0 };
  const unreferenced: Unreferenced[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  /** Debts of the fines the in-flight writes booked on, as they are after those writes. */
  let carried = new Map<number, OpenDebt>();

  async function write(b: PageBookings): Promise<void> {
    const posted = b.entries.length > 0 ? await ledger.postMany(trx, actor, b.entries) : [];
    const created = now();
    const allocations = b.booked.flatMap((x, i) => (x.applied > 0 ? [{ bank_transaction_id: x.tx.id, fine_id: x.fineId, amount_cents: x.applied, entry_id: posted[i]!.entry.id, created_at: created, actor: actor.label }] : []));
    const refunds = b.booked.flatMap((x, i) => (x.excess > 0 ? [{ bank_transaction_id: x.tx.id, fine_id: x.fineId, amount_cents: x.excess, payer_iban: x.tx.counterpartyIban, payer_name: x.tx.counterpartyName, reason: refundReason(x.applied), status: 'proposed', created_at: created, entry_id: posted[i]!.entry.id }] : []));
    await batch.insertMatchRows(trx, { allocations, refunds, decisions: b.decisions });
  }

  /** Sends a page's writes without waiting for them; the previous page's writes have finished. */
  function send(b: PageBookings, touched: Map<number, OpenDebt>): void {
    inFlight = write(b);
    inFlight.catch(() => undefined); // awaited later; a failure is raised there, not as unhandled
    carried = touched;
  }

  async function readPage(lines: BankTransaction[]): Promise<PageReads> {
    const refsOf = new Map<number, { kenmerken: string[]; caseNumbers: string[] }>();
    const kenmerken = new Set<string>();
    const caseNumbers = new Set<string>();
    for (const tx of lines) {
      if (tx.direction !== 'credit' || tx.reversal) continue;
      const structured = structuredKenmerk(tx);
      if (structured) kenmerken.add(structured);
      const text = `${tx.remittanceText ?? ''} ${tx.structuredReference ?? ''}`;
      const refs = { kenmerken: kenmerkenInText(text), caseNumbers: caseNumbersInText(text) };
      refsOf.set(tx.id, refs);
      for (const k of refs.kenmerken) kenmerken.add(k);
      for (const c of refs.caseNumbers) caseNumbers.add(c);
    }
    const fines = await batch.issuedFinesByReferences(trx, [...kenmerken], [...caseNumbers]);
    const fineByKey = new Map<string, batch.IssuedFineRef>();
    for (const f of fines) {
      if (!fineByKey.has(f.paymentReference)) fineByKey.set(f.paymentReference, f);
      if (!fineByKey.has(f.caseNumber)) fineByKey.set(f.caseNumber, f);
    }
    return { lines, refsOf, fineByKey, debts: await batch.openDebts(trx, [...new Set(fines.map((f) => f.id))]) };
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

  /** Decides one page in file order; returns its writes and the debts of the fines they book on. */
  async function decidePage(page: PageReads): Promise<{ bookings: PageBookings; touched: Map<number, OpenDebt> }> {
    let bookings = new PageBookings(actor, now);
    const touched = new Set<number>();
    const debtOf = (fineId: number): OpenDebt => carried.get(fineId) ?? page.debts.get(fineId)!;

    const { outcomes, rest } = allocateByStructuredReference(page.lines, page.fineByKey, debtOf, bookings, touched);
    for (const outcome of outcomes.values()) count(outcome);
    for (const tx of rest) {
      if (tx.direction === 'debit' || tx.reversal) {
        // Everything before this line must be in the database for the return or payout to find it.
        await inFlight;
        await write(bookings);
        carried = new Map();
        bookings = new PageBookings(actor, now);
        touched.clear();
        count(await matching.match(trx, actor, tx, windowDays));
        // A return reopens fines; and the debts read for this page predate the previous page's writes.
        page.debts = await batch.openDebts(trx, [...page.debts.keys()]);
        continue;
      }
      const fines = referredFines(page, tx);
      if (fines.length === 0) {
        unreferenced.push({ id: tx.id, amountCents: tx.amountCents, bookingDate: tx.bookingDate, counterpartyIban: tx.counterpartyIban, counterpartyName: tx.counterpartyName });
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
    return { bookings, touched: new Map([...touched].map((id) => [id, debtOf(id)])) };
  }

  /** Pass 3 over the lines no reference matched, once everything else is in the database. */
  async function suggestAll(): Promise<void> {
    await inFlight;
    carried = new Map();
    if (unreferenced.length === 0) return;
    const range = (await batch.bookingDateRange(trx, importId))!;
    const index = new SuggestionIndex(await batch.openFinesIssuedBetween(trx, addDays(range.first, -windowDays), range.last));
    const paidFromIban = await batch.finesPaidFromIbans(trx, [...new Set(unreferenced.flatMap((tx) => (tx.counterpartyIban ? [tx.counterpartyIban] : [])))]);
    const surnames = await batch.offenderSurnames(trx, [...paidFromIban.values()].flatMap((s) => [...s]));
    const bookings = new PageBookings(actor, now);
    const windowStart = new Map<string, string>(); // per booking date: the lines share a few dates
    const startOf = (d: string) => windowStart.get(d) ?? windowStart.set(d, addDays(d, -windowDays)).get(d)!;
    for (const tx of unreferenced) {
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

  return {
    /**
     * Matches a batch of new lines, in file order after the batches before it. Returns once its
     * writes are sent, not done: the import stores and reads the next batch meanwhile.
     */
    async page(lines: BankTransaction[]): Promise<void> {
      const reads = await readPage(lines);
      const { bookings, touched } = await decidePage(reads);
      await inFlight; // at most one batch's writes in flight; the next batch's reads come after them
      send(bookings, touched);
    },

    /** After the last batch: pass 3 (suggestions); how many lines ended how. */
    async finish(): Promise<MatchCounts> {
      await suggestAll();
      return counts;
    },

    /** Resolves once no write is in flight (after a failure, before the transaction rolls back). */
    async drained(): Promise<void> {
      await inFlight.catch(() => undefined);
    },
  };
}

export type ImportMatcher = ReturnType<typeof createImportMatcher>;
