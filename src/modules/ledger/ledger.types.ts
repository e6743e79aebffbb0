import type { Cents } from '../../domain/money.js';

export interface PostingInput {
  account: string;
  /** Debit positive, credit negative. */
  amountCents: Cents;
  fineId?: number | null;
}

export interface EntryInput {
  bookedOn: string;
  /** What kind of money event, e.g. `manual`, `reversal`, `fine.issue`, `bank.receipt`. */
  kind: string;
  description: string;
  postings: PostingInput[];
  fineId?: number | null;
  bankTransactionId?: number | null;
  /** Same key and content → the first entry; same key, other content → conflict. */
  idempotencyKey?: string | null;
  reversesEntryId?: string | null;
}

export interface Posting {
  lineNo: number;
  account: string;
  amountCents: Cents;
  fineId: number | null;
}

export interface JournalEntry {
  id: string;
  bookedOn: string;
  kind: string;
  description: string;
  fineId: number | null;
  bankTransactionId: number | null;
  idempotencyKey: string | null;
  reversesEntryId: string | null;
  contentHash: string;
  actor: string;
  actorUserId: number | null;
  createdAt: string;
  postings: Posting[];
}

export interface AccountBalance {
  account: string;
  balanceCents: Cents;
  debitCents: Cents;
  creditCents: Cents;
}
