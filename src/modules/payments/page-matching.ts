import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { addDays } from '../../domain/civil-date.js';
import { allocatePayment, type OpenDebt } from '../../domain/allocation.js';
import { caseNumbersInText, kenmerkenInText } from '../../domain/payment-references.js';
import type { Actor } from '../audit/audit.types.js';
import type { Ledger } from '../ledger/ledger.service.js';
import type { EntryInput } from '../ledger/ledger.types.js';
import { allocationPostings, refundReason } from './allocation.service.js';
import type { BankTransaction } from './bank.types.js';
import type { Row } from '../../shared/bulk-insert.js';
import * as batch from './import-batch.repository.js';
import { designate, normalizeName, suggestionEvidence, type MatchingService, type MatchOutcome } from './matching.service.js';
import { allocateByStructuredReference } from './structured-batch.js';
import { SuggestionIndex } from './suggestion-index.js';

/** What the page's lines need to know, read with a few statements per page and kept current in memory. */
interface PageState {
  refsOf: Map<number, { kenmerken: string[]; caseNumbers: string[] }>;
  fineByKey: Map<string, batch.IssuedFineRef>;
  debts: Map<number, OpenDebt>;
  /** IBAN → fines earlier payments from it went to. */
  paidFromIban: Map<string, Set<number>>;
  surnames: Map<number, string>;
}

interface Pending {
  entries: EntryInput[];
  /** Per entry: the line and what went where, for its allocation and refund rows. */
  booked: { tx: BankTransaction; fineId: number; applied: number; excess: number }[];
  decisions: Row[];
}

/**
 * The matching passes (matching.service.ts, design.md §10) over an import's new lines a page at
 * a time, deciding exactly as matching each line in turn would: pass 1 for the page at once
 * (structured-batch.ts), then per line in file order pass 2 (references in the free text) and
 * pass 3 (suggestions) against lookups made once per page — the fines referred to and their open
 * debts, the payers' IBAN history — and a suggestion index made once per import, all reduced in
 * memory as each line books. Their writes go to the database as multi-row inserts per page. Debit
 * lines (returns, refund payouts) are rare and go through `matching.match` one by one, after the
 * page's writes so far are flushed; a return reopens fines, so the lookups are read again.
 */
export function createImportMatcher(trx: Knex.Transaction, deps: { clock: Clock; ledger: Ledger; matching: MatchingService }, actor: Actor, importId: number, windowDays: number) {
  const { clock, ledger, matching } = deps;
  let index: SuggestionIndex | null = null;
  let pending: Pending = { entries: [], booked: [], decisions: [] };

  function decision(txId: number, rule: string, outcome: string, fineId: number, evidence: Record<string, unknown>) {
    return { bank_transaction_id: txId, rule, outcome, fine_id: fineId, evidence: JSON.stringify(evidence), decided_at: clock.now().toISOString(), decided_by: actor.label, decided_by_user_id: actor.userId, confirmed_by: null };
  }

  async function flush(): Promise<void> {
    const p = pending;
    pending = { entries: [], booked: [], decisions: [] };
    const posted = p.entries.length > 0 ? await ledger.postMany(trx, actor, p.entries) : [];
    const now = clock.now().toISOString();
    const allocations = p.booked.flatMap((b, i) => (b.applied > 0 ? [{ bank_transaction_id: b.tx.id, fine_id: b.fineId, amount_cents: b.applied, entry_id: posted[i]!.entry.id, created_at: now, actor: actor.label }] : []));
    const refunds = p.booked.flatMap((b, i) => (b.excess > 0 ? [{ bank_transaction_id: b.tx.id, fine_id: b.fineId, amount_cents: b.excess, payer_iban: b.tx.counterpartyIban, payer_name: b.tx.counterpartyName, reason: refundReason(b.applied), status: 'proposed', created_at: now, entry_id: posted[i]!.entry.id }] : []));
    await batch.insertMatchRows(trx, { allocations, refunds, decisions: p.decisions });
  }

  async function pageState(lines: readonly BankTransaction[]): Promise<PageState> {
    const refsOf = new Map<number, { kenmerken: string[]; caseNumbers: string[] }>();
    for (const tx of lines) {
      if (tx.direction !== 'credit' || tx.reversal) continue;
      const text = `${tx.remittanceText ?? ''} ${tx.structuredReference ?? ''}`;
      refsOf.set(tx.id, { kenmerken: kenmerkenInText(text), caseNumbers: caseNumbersInText(text) });
    }
    const refs = [...refsOf.values()];
    const fines = await batch.issuedFinesByReferences(trx, [...new Set(refs.flatMap((r) => r.kenmerken))], [...new Set(refs.flatMap((r) => r.caseNumbers))]);
    const fineByKey = new Map<string, batch.IssuedFineRef>();
    for (const f of fines) {
      if (!fineByKey.has(f.paymentReference)) fineByKey.set(f.paymentReference, f);
      if (!fineByKey.has(f.caseNumber)) fineByKey.set(f.caseNumber, f);
    }
    const debts = await batch.openDebts(trx, [...new Set(fines.map((f) => f.id))]);
    const state: PageState = { refsOf, fineByKey, debts, paidFromIban: new Map(), surnames: new Map() };
    const unreferenced = lines.filter((tx) => refsOf.has(tx.id) && tx.counterpartyIban && referredFines(state, tx).length === 0);
    state.paidFromIban = await batch.finesPaidFromIbans(trx, [...new Set(unreferenced.map((tx) => tx.counterpartyIban!))]);
    state.surnames = await batch.offenderSurnames(trx, [...debts.keys(), ...[...state.paidFromIban.values()].flatMap((s) => [...s])]);
    return state;
  }

  /** Pass 2's fines of a line, in the order the payer wrote their references, each once. */
  function referredFines(state: PageState, tx: BankTransaction): batch.IssuedFineRef[] {
    const refs = state.refsOf.get(tx.id)!;
    const found: batch.IssuedFineRef[] = [];
    for (const key of [...refs.kenmerken, ...refs.caseNumbers]) {
      const f = state.fineByKey.get(key);
      if (f && !found.some((x) => x.id === f.id)) found.push(f);
    }
    return found;
  }

  /** Pass 2, as `allocation.allocate` would book it: one entry and one decision per fine. */
  function allocateByFreeText(state: PageState, tx: BankTransaction, fines: batch.IssuedFineRef[]): MatchOutcome {
    const refs = state.refsOf.get(tx.id)!;
    const owing = fines.map((f) => {
      const d = state.debts.get(f.id)!;
      return { id: f.id, outstandingCents: d.costsCents + d.interestCents + d.principalCents };
    });
    const owed = owing.reduce((s, f) => s + f.outstandingCents, 0);
    const evidence = { kenmerken: refs.kenmerken, caseNumbers: refs.caseNumbers, fines: fines.map((f) => f.caseNumber), amountCents: tx.amountCents, outstandingCents: owed };
    for (const part of designate(tx.amountCents, owing)) {
      const debt = state.debts.get(part.fineId)!;
      const split = allocatePayment(part.amountCents, debt);
      debt.costsCents -= split.costsCents;
      debt.interestCents -= split.interestCents;
      debt.principalCents -= split.principalCents;
      const applied = part.amountCents - split.excessCents;
      pending.entries.push({
        bookedOn: tx.bookingDate, // Awb 4:89: paid when the municipality's account is credited
        kind: 'payment.allocation',
        description: `Betaling regel ${tx.id} toegewezen aan boete ${part.fineId} (free-text-reference)`,
        fineId: part.fineId,
        bankTransactionId: tx.id,
        postings: allocationPostings(part.amountCents, split),
      });
      pending.booked.push({ tx, fineId: part.fineId, applied, excess: split.excessCents });
      pending.decisions.push(decision(tx.id, 'free-text-reference', split.excessCents > 0 && applied === 0 ? 'refund' : 'booked', part.fineId, { ...evidence, amountCents: part.amountCents, costsCents: split.costsCents, interestCents: split.interestCents, principalCents: split.principalCents, excessCents: split.excessCents }));
      if (applied > 0) {
        index?.paid(part.fineId, applied);
        if (tx.counterpartyIban) state.paidFromIban.get(tx.counterpartyIban)?.add(part.fineId);
      }
    }
    return tx.amountCents >= owed ? 'matched' : 'partially-matched';
  }

  /** Pass 3: suggestions only, for a person to confirm; never booked. */
  async function suggest(state: PageState, tx: BankTransaction): Promise<MatchOutcome> {
    if (!index) {
      await flush(); // the index is read from the database: everything booked so far must be in it
      const range = (await batch.bookingDateRange(trx, importId))!;
      index = new SuggestionIndex(await batch.openFinesIssuedBetween(trx, addDays(range.first, -windowDays), range.last));
    }
    const name = normalizeName(tx.counterpartyName ?? '');
    const paidBefore = tx.counterpartyIban ? (state.paidFromIban.get(tx.counterpartyIban) ?? new Set<number>()) : new Set<number>();
    const surnamesPaidFromIban = new Set([...paidBefore].flatMap((id) => (state.surnames.has(id) ? [normalizeName(state.surnames.get(id)!)] : [])));
    let any = false;
    for (const c of index.candidates(tx.amountCents, addDays(tx.bookingDate, -windowDays), tx.bookingDate)) {
      const evidence = suggestionEvidence(tx, c, name, surnamesPaidFromIban);
      if (!evidence) continue;
      any = true;
      pending.decisions.push(decision(tx.id, 'suggestion', 'suggested', c.id, evidence));
    }
    return any ? 'suggested' : 'unmatched';
  }

  return {
    /** Matches one page of the import's new lines (in id order); their outcomes by line id. */
    async matchPage(lines: readonly BankTransaction[]): Promise<Map<number, MatchOutcome>> {
      const { outcomes, rest, paid } = await allocateByStructuredReference(trx, { clock, ledger }, actor, lines);
      for (const [fineId, cents] of paid) index?.paid(fineId, cents);
      let state = await pageState(rest);
      for (const [i, tx] of rest.entries()) {
        if (tx.direction === 'debit' || tx.reversal) {
          await flush();
          const outcome = await matching.match(trx, actor, tx, windowDays);
          outcomes.set(tx.id, outcome);
          if (outcome === 'returned') {
            index = null;
            state = await pageState(rest.slice(i + 1));
          }
          continue;
        }
        const fines = referredFines(state, tx);
        outcomes.set(tx.id, fines.length > 0 ? allocateByFreeText(state, tx, fines) : await suggest(state, tx));
      }
      await flush();
      return outcomes;
    },
  };
}
