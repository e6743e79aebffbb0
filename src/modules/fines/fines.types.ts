import type { Cents } from '../../domain/money.js';
import type { FineStatus } from '../../domain/fine-status.js';

export interface RegistrationInput {
  offenceCode: string;
  observedAt: string;
  location: { street: string; houseNumber?: string | undefined; postcode?: string | undefined; district: string; lat?: number | undefined; lon?: number | undefined };
  offender: {
    givenNames: string;
    surname: string;
    birthDate: string;
    address: { street: string; houseNumber: string; postcode: string; city: string; country: string };
  };
  observation: string;
}

/** A fine without the offender's personal data: what lists show. */
export interface FineSummary {
  id: number;
  caseNumber: string;
  status: FineStatus;
  offenceCode: string;
  offenceDate: string;
  observedAt: string;
  district: string;
  amountCents: Cents;
  tariffCents: Cents;
  reducedForMinor: boolean;
  badgeNumber: string;
  registeredAt: string;
  issuedOn: string | null;
  dueOn: string | null;
  paymentReference: string | null;
  outstandingCents: Cents;
}

export interface FineRow {
  id: number;
  caseNumber: string;
  caseYear: number;
  caseSequence: number;
  offenceCode: string;
  tariffId: number;
  tariffCents: Cents;
  amountCents: Cents;
  reducedForMinor: boolean;
  observedAt: string;
  offenceDate: string;
  location: { street: string; houseNumber: string | null; postcode: string | null; district: string; lat: number | null; lon: number | null };
  observation: string;
  boaUserId: number;
  badgeNumber: string;
  registeredAt: string;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  issuedOn: string | null;
  dueOn: string | null;
  objectionDueOn: string | null;
  paymentReference: string | null;
  lateNoticeReason: string | null;
  issueEntryId: string | null;
  cancelledOn: string | null;
  cancelReason: string | null;
}

export interface Offender {
  givenNames: string;
  surname: string;
  birthDate: string;
  address: { street: string; houseNumber: string; postcode: string; city: string; country: string };
}

export interface FineBalance {
  principalCents: Cents;
  costsCents: Cents;
  paidCents: Cents;
  writtenOffCents: Cents;
  outstandingCents: Cents;
}

export interface FineEvent {
  occurredAt: string;
  onDate: string;
  type: string;
  actor: string;
  details: Record<string, unknown> | null;
}
