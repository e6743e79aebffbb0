import type { Cents } from '../../domain/money.js';

export interface BankTransaction {
  id: number;
  importId: number;
  lineNo: number;
  account: string;
  bookingDate: string;
  valueDate: string | null;
  amountCents: Cents;
  direction: 'credit' | 'debit';
  reversal: boolean;
  returnReason: string | null;
  bankReference: string | null;
  endToEndId: string | null;
  positionInEntry: number;
  counterpartyIban: string | null;
  counterpartyName: string | null;
  counterpartyBic: string | null;
  structuredReference: string | null;
  remittanceText: string | null;
  bankCode: string | null;
}

export type BankTransactionStatus = 'unmatched' | 'suggested' | 'allocated' | 'refund' | 'refund-paid' | 'returned';

export interface MatchDecision {
  id: number;
  bankTransactionId: number;
  rule: string;
  outcome: 'booked' | 'suggested' | 'rejected' | 'refund' | 'returned' | 'refund-paid';
  fineId: number | null;
  evidence: Record<string, unknown>;
  decidedAt: string;
  decidedBy: string;
  confirmedBy: string | null;
}

export interface RefundProposal {
  id: number;
  bankTransactionId: number;
  fineId: number | null;
  amountCents: Cents;
  payerIban: string | null;
  payerName: string | null;
  reason: string;
  status: 'proposed' | 'paid' | 'cancelled';
  createdAt: string;
  entryId: string;
  paidBankTransactionId: number | null;
  paidOn: string | null;
}
