import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { toSafeInteger } from '../../shared/db.js';
import { RuleViolationError } from '../../shared/errors.js';
import { isValidBetalingskenmerk, normalizeKenmerk } from '../../domain/betalingskenmerk.js';
import { caseNumbersInText, kenmerkenInText } from '../../domain/payment-references.js';
import { addDays } from '../../domain/civil-date.js';
import type { Actor } from '../audit/audit.types.js';
import type { AllocationService } from './allocation.service.js';
import * as repo from './bank.repository.js';
import type { BankTransaction } from './bank.types.js';

export type MatchOutcome = 'matched' | 'partially-matched' | 'suggested' | 'unmatched' | 'refund-paid' | 'returned';

interface FineRef {
  id: number;
  caseNumber: string;
  paymentReference: string;
  outstandingCents: number;
}

/**
 * Matching in passes, strongest first (design.md §10); every decision is stored with the rule
 * that fired and its evidence, and each bank line is used once.
 *  1. the structured reference is the betalingskenmerk of an issued fine;
 *  2. betalingskenmerken (check digit holding) or case numbers in the free text — several split
 *     the payment over those fines in the order written (Awb 4:92 lid 2);
 *  3. suggestions only, never booked: an open fine of the same amount, issued within the window,
 *     whose offender carries the payer's name or whose earlier payment came from the same IBAN.
 * Debit lines: a return or storno of an earlier credit, or the payout of a refund proposal.
 */
export function createMatchingService({ clock, allocation }: { clock: Clock; allocation: AllocationService }) {
  async function issuedFinesByReference(db: Knex, refs: { kenmerken: string[]; caseNumbers: string[] }): Promise<FineRef[]> {
    if (refs.kenmerken.length === 0 && refs.caseNumbers.length === 0) return [];
    const rows = await db('fines')
      .whereNotNull('issued_on')
      .where((q) => {
        if (refs.kenmerken.length) q.orWhereIn('payment_reference', refs.kenmerken);
        if (refs.caseNumbers.length) q.orWhereIn('case_number', refs.caseNumbers);
      })
      .select('id', 'case_number', 'payment_reference');
    const found: FineRef[] = [];
    // In the order the payer wrote them.
    const order = [...refs.kenmerken, ...refs.caseNumbers];
    for (const key of order) {
      const r = rows.find((x) => x.payment_reference === key || x.case_number === key);
      if (r && !found.some((f) => f.id === toSafeInteger(r.id))) {
        const debt = await allocation.openDebt(db, toSafeInteger(r.id));
        found.push({ id: toSafeInteger(r.id), caseNumber: String(r.case_number), paymentReference: String(r.payment_reference), outstandingCents: debt.costsCents + debt.interestCents + debt.principalCents });
      }
    }
    return found;
  }

  async function suggest(trx: Knex.Transaction, actor: Actor, tx: BankTransaction, windowDays: number): Promise<boolean> {
    const from = addDays(tx.bookingDate, -windowDays);
    const candidates = await trx('fines as f')
      .join('offenders as o', 'o.fine_id', 'f.id')
      .whereNotNull('f.issued_on')
      .whereNull('f.cancelled_on')
      .whereBetween('f.issued_on', [from, tx.bookingDate])
      .whereRaw("(SELECT COALESCE(SUM(p.amount_cents), 0) FROM postings p WHERE p.fine_id = f.id AND p.account LIKE 'receivable:%') = ?", [tx.amountCents])
      .select('f.id', 'f.case_number', 'f.issued_on', 'o.given_names', 'o.surname')
      .limit(200);
    const name = normalizeName(tx.counterpartyName ?? '');
    const ibanPaidBefore = tx.counterpartyIban
      ? new Set((await trx('allocations as a').join('bank_transactions as b', 'b.id', 'a.bank_transaction_id').where('b.counterparty_iban', tx.counterpartyIban).whereNot('b.id', tx.id).select('a.fine_id')).map((r) => toSafeInteger(r.fine_id)))
      : new Set<number>();
    const surnamesPaidFromIban = ibanPaidBefore.size
      ? new Set((await trx('offenders').whereIn('fine_id', [...ibanPaidBefore]).select('surname')).map((r) => normalizeName(String(r.surname))))
      : new Set<string>();
    let any = false;
    for (const c of candidates) {
      const evidence = suggestionEvidence(tx, { surname: String(c.surname), issuedOn: String(c.issued_on), caseNumber: String(c.case_number) }, name, surnamesPaidFromIban);
      if (!evidence) continue;
      any = true;
      await repo.insertDecision(trx, {
        bankTransactionId: tx.id,
        rule: 'suggestion',
        outcome: 'suggested',
        fineId: toSafeInteger(c.id),
        evidence,
        decidedAt: clock.now().toISOString(),
        decidedBy: actor.label,
        decidedByUserId: actor.userId,
        confirmedBy: null,
      });
    }
    return any;
  }

  async function matchDebit(trx: Knex.Transaction, actor: Actor, tx: BankTransaction): Promise<MatchOutcome> {
    // A storno or SEPA return of an earlier credit: same account and amount, linked by EndToEndId,
    // bank reference or the payer's IBAN, not returned before.
    if (tx.reversal || tx.returnReason) {
      const q = trx('bank_transactions as b')
        .where({ 'b.account': tx.account, 'b.direction': 'credit', 'b.amount_cents': tx.amountCents, 'b.reversal': false })
        .where('b.booking_date', '<=', tx.bookingDate)
        .whereNotExists(trx('match_decisions as d').whereRaw('d.bank_transaction_id = b.id').where('d.outcome', 'returned'))
        // The strongest link first: the same EndToEndId, then the bank's reference, then the
        // payer's IBAN; among equals the latest, then the highest id (deterministic on every database).
        .orderByRaw('CASE WHEN b.end_to_end_id = ? THEN 0 WHEN b.bank_reference = ? THEN 1 ELSE 2 END', [tx.endToEndId ?? '', tx.bankReference ?? ''])
        .orderBy([{ column: 'b.booking_date', order: 'desc' }, { column: 'b.id', order: 'desc' }])
        .first('b.*');
      q.where((w) => {
        if (tx.endToEndId) w.orWhere('b.end_to_end_id', tx.endToEndId);
        if (tx.bankReference) w.orWhere('b.bank_reference', tx.bankReference);
        if (tx.counterpartyIban) w.orWhere('b.counterparty_iban', tx.counterpartyIban);
      });
      const original = tx.endToEndId || tx.bankReference || tx.counterpartyIban ? await q : null;
      if (original) {
        try {
          await allocation.returnCredit(trx, actor, tx, repo.bankTransactionFromDb(original), { returnReason: tx.returnReason, endToEndId: tx.endToEndId, counterpartyIban: tx.counterpartyIban !== null });
          return 'returned';
        } catch (err) {
          // E.g. part of the returned payment was already refunded to the payer: the money went
          // out twice, which a person must sort out. The check comes before any write, so the
          // line simply waits in the queue, with why.
          if (!(err instanceof RuleViolationError)) throw err;
          await repo.insertDecision(trx, { bankTransactionId: tx.id, rule: 'return', outcome: 'rejected', fineId: null, evidence: { returns: toSafeInteger(original.id), problem: err.message }, decidedAt: clock.now().toISOString(), decidedBy: actor.label, decidedByUserId: actor.userId, confirmedBy: null });
        }
      }
      return 'unmatched';
    }
    // The payout of a refund proposal: same IBAN and amount.
    if (tx.counterpartyIban) {
      const [refund] = await repo.listRefunds(trx, { status: 'proposed', payerIban: tx.counterpartyIban, amountCents: tx.amountCents });
      if (refund) {
        await allocation.settleRefund(trx, actor, refund.id, tx, 'refund-payout', { payerIban: true, amountCents: tx.amountCents });
        return 'refund-paid';
      }
    }
    return 'unmatched';
  }

  return {
    /** Runs the passes for one newly imported line. */
    async match(trx: Knex.Transaction, actor: Actor, tx: BankTransaction, windowDays: number): Promise<MatchOutcome> {
      if (tx.direction === 'debit' || tx.reversal) return matchDebit(trx, actor, tx);

      // Pass 1: structured reference.
      const structured = tx.structuredReference ? normalizeKenmerk(tx.structuredReference) : null;
      if (structured && isValidBetalingskenmerk(structured)) {
        const fines = await issuedFinesByReference(trx, { kenmerken: [structured], caseNumbers: [] });
        if (fines.length === 1) {
          await allocation.allocate(trx, actor, tx, designate(tx.amountCents, fines), { rule: 'structured-reference', evidence: { reference: structured, amountCents: tx.amountCents, outstandingCents: fines[0]!.outstandingCents } });
          return tx.amountCents >= fines[0]!.outstandingCents ? 'matched' : 'partially-matched';
        }
      }

      // Pass 2: references in the free text.
      const text = `${tx.remittanceText ?? ''} ${tx.structuredReference ?? ''}`;
      const refs = { kenmerken: kenmerkenInText(text), caseNumbers: caseNumbersInText(text) };
      const fines = await issuedFinesByReference(trx, refs);
      if (fines.length > 0) {
        const owed = fines.reduce((s, f) => s + f.outstandingCents, 0);
        await allocation.allocate(trx, actor, tx, designate(tx.amountCents, fines), { rule: 'free-text-reference', evidence: { kenmerken: refs.kenmerken, caseNumbers: refs.caseNumbers, fines: fines.map((f) => f.caseNumber), amountCents: tx.amountCents, outstandingCents: owed } });
        return tx.amountCents >= owed ? 'matched' : 'partially-matched';
      }

      // Pass 3: suggestions, for a person to confirm.
      return (await suggest(trx, actor, tx, windowDays)) ? 'suggested' : 'unmatched';
    },
  };
}

/** Splits a payment over the designated fines: each its outstanding, the last one the rest. */
export function designate(amount: number, fines: readonly { id: number; outstandingCents: number }[]): { fineId: number; amountCents: number }[] {
  let left = amount;
  return fines.map((f, i) => {
    const part = i === fines.length - 1 ? left : Math.min(left, f.outstandingCents);
    left -= part;
    return { fineId: f.id, amountCents: part };
  }).filter((p) => p.amountCents > 0);
}

/**
 * Pass 3's judgement of one open fine of the same amount: suggested when the offender's surname is
 * in the payer's name or the payer's IBAN paid this offender before. Evidence says what matched,
 * without copying the offender's data into the decision; null when nothing does.
 */
export function suggestionEvidence(tx: Pick<BankTransaction, 'amountCents' | 'bookingDate'>, fine: { surname: string; issuedOn: string; caseNumber: string }, payerName: string, surnamesPaidFromIban: ReadonlySet<string>): Record<string, unknown> | null {
  const surname = normalizeName(fine.surname);
  const byName = payerName !== '' && surname !== '' && payerName.includes(surname);
  const byIban = surnamesPaidFromIban.has(surname);
  if (!byName && !byIban) return null;
  return { amountCents: tx.amountCents, sameAmount: true, payerNameMatchesOffender: byName, payerIbanPaidThisOffenderBefore: byIban, issuedOn: fine.issuedOn, dateGapDays: Math.round((Date.parse(tx.bookingDate) - Date.parse(fine.issuedOn)) / 86_400_000), caseNumber: fine.caseNumber };
}

/** Lower case, accents removed, letters only: "Ëlif Özdemir-de Vries" → "elifozdemirdevries". */
export function normalizeName(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
}

export type MatchingService = ReturnType<typeof createMatchingService>;
