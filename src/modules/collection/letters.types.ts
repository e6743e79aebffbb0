import type { Cents } from '../../domain/money.js';
import type { MunicipalityProfile } from '../reference/reference.types.js';

/** Everything an aanmaning (Awb 4:112) shows, looked up beforehand: the renderer does no I/O. */
export interface AanmaningData {
  municipality: MunicipalityProfile;
  caseNumber: string;
  /** The date of the aanmaning (the day it is sent). */
  sentOn: string;
  /** The original beschikking: its date and last day of payment. */
  issuedOn: string;
  originalDueOn: string;
  /** The new last day: two weeks from the day after sending, extended by the Atw (Awb 4:112). */
  newDueOn: string;
  fineCents: Cents; // the fine as imposed (payments are listed apart in paidCents)
  costsCents: Cents; // collection costs charged (Awb 4:113), 0 when none
  interestCents: Cents;
  paidCents: Cents;
  totalDueCents: Cents; // what must be paid by newDueOn
  paymentReference: string;
  offender: {
    givenNames: string;
    surname: string;
    address: { street: string; houseNumber: string; postcode: string; city: string; country: string };
  };
  offence: { code: string; description: string; date: string };
}

/** One line of the hand-off list for the bailiff (dwangbevel stage, Awb 4:114 ff.). */
export interface HandOffItem {
  caseNumber: string;
  paymentReference: string;
  offenderName: string;
  address: string;
  issuedOn: string;
  aanmaningOn: string;
  aanmaningDueOn: string;
  /** What is still open of the fine itself (payments already taken off; costs apart). */
  fineCents: Cents;
  costsCents: Cents;
  totalDueCents: Cents;
}

export interface HandOffList {
  municipality: MunicipalityProfile;
  runId: number;
  asOf: string;
  items: HandOffItem[];
}
