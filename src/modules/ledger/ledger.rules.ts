import { hash } from 'node:crypto';
import type { FieldError } from '../../shared/errors.js';
import { isValidIban } from '../../domain/iban.js';
import type { EntryInput, JournalEntry, Posting, PostingInput } from './ledger.types.js';

/** The chart of accounts (design.md §5). Bank accounts are `bank:<IBAN>`. */
export const FIXED_ACCOUNTS = [
  'receivable:fines',
  'receivable:costs',
  'receivable:interest',
  'revenue:fines',
  'revenue:costs',
  'revenue:interest',
  'suspense:unallocated',
  'liability:refunds',
  'expense:write-offs',
] as const;

/** Bank accounts found valid, so the IBAN check runs once per account, not once per posting. */
const validBankAccounts = new Set<string>();

export function isKnownAccount(account: string): boolean {
  if ((FIXED_ACCOUNTS as readonly string[]).includes(account) || validBankAccounts.has(account)) return true;
  const valid = account.startsWith('bank:') && isValidIban(account.slice('bank:'.length)) && account === account.toUpperCase().replace(/^BANK:/, 'bank:');
  if (valid && validBankAccounts.size < 1000) validBankAccounts.add(account);
  return valid;
}

const KIND = /^[a-z][a-z0-9.-]{1,39}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Everything that makes an entry bookable, as field errors (empty when it is fine). */
export function entryProblems(input: EntryInput): FieldError[] {
  const problems: FieldError[] = [];
  if (!DATE.test(input.bookedOn)) problems.push({ field: 'bookedOn', message: 'verwacht JJJJ-MM-DD' });
  if (!KIND.test(input.kind)) problems.push({ field: 'kind', message: 'onbekende soort boeking' });
  if (!input.description.trim()) problems.push({ field: 'description', message: 'omschrijving ontbreekt' });
  if (input.postings.length < 2) problems.push({ field: 'postings', message: 'een boeking heeft minstens twee regels' });
  let total = 0;
  input.postings.forEach((p, i) => {
    if (!Number.isSafeInteger(p.amountCents) || p.amountCents === 0) {
      problems.push({ field: `postings.${i}.amountCents`, message: 'een heel, niet-nul aantal centen' });
    } else {
      total += p.amountCents;
    }
    if (!isKnownAccount(p.account)) problems.push({ field: `postings.${i}.account`, message: `onbekende rekening ${p.account}` });
  });
  if (!Number.isSafeInteger(total)) problems.push({ field: 'postings', message: 'bedragen te groot' });
  else if (total !== 0) problems.push({ field: 'postings', message: `debet en credit zijn niet gelijk (verschil ${total} cent)` });
  return problems;
}

export function numberPostings(postings: readonly PostingInput[], fineId: number | null): Posting[] {
  return postings.map((p, i) => ({ lineNo: i + 1, account: p.account, amountCents: p.amountCents, fineId: p.fineId ?? fineId ?? null }));
}

/**
 * The hash of what an entry says; it detects an edited posting and a reused idempotency key. It is
 * the SHA-256 of the entry's canonical JSON (canonical-json.ts); the keys are written here in their
 * sorted order, which is that canonical JSON without sorting a copy of every entry (a bank import
 * hashes two entries per line). A unit test holds the two equal.
 */
export function entryContentHash(e: Pick<JournalEntry, 'bookedOn' | 'kind' | 'description' | 'fineId' | 'bankTransactionId' | 'reversesEntryId' | 'postings'>): string {
  const sorted = {
    bankTransactionId: e.bankTransactionId,
    bookedOn: e.bookedOn,
    description: e.description,
    fineId: e.fineId,
    kind: e.kind,
    postings: e.postings.map((p) => [p.lineNo, p.account, p.fineId, p.amountCents]),
    reversesEntryId: e.reversesEntryId,
  };
  return hash('sha256', JSON.stringify(sorted), 'hex');
}

/** A reversal books every line of the original with the opposite sign. */
export function reversalPostings(original: JournalEntry): PostingInput[] {
  return original.postings.map((p) => ({ account: p.account, amountCents: -p.amountCents, fineId: p.fineId }));
}

/** True when `reversal`'s postings are exactly the negation of `original`'s. */
export function mirrors(original: readonly Posting[], reversal: readonly Posting[]): boolean {
  if (original.length !== reversal.length) return false;
  return original.every((p, i) => {
    const r = reversal[i]!;
    return r.account === p.account && r.amountCents === -p.amountCents && r.fineId === p.fineId;
  });
}
