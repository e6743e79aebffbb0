import type { Cents } from '../../domain/money.js';
import type { MunicipalityProfile } from '../reference/reference.types.js';

/**
 * Everything a fine notice (beschikking) shows, already looked up: the renderer does no I/O and
 * no calculations beyond formatting. Items per domain.md §7.1.
 */
export interface NoticeData {
  municipality: MunicipalityProfile;
  caseNumber: string; // BB-2024-000123
  /** Dagtekening: the date the beschikking is issued (Gemeentewet 154c), YYYY-MM-DD. */
  issuedOn: string;
  /** Last day of payment (Awb 4:87, extended by the Algemene termijnenwet), YYYY-MM-DD. */
  dueOn: string;
  /** Last day to lodge an objection (Awb 6:7/6:8, Atw), YYYY-MM-DD. */
  objectionDueOn: string;
  amountCents: Cents;
  /** Tariff before halving; differs from amountCents for offenders aged 12–15 (Gemeentewet 154b lid 7). */
  tariffCents: Cents;
  reducedForMinor: boolean;
  /** 16-digit betalingskenmerk, unformatted. */
  paymentReference: string;
  offender: {
    givenNames: string;
    surname: string;
    address: { street: string; houseNumber: string; postcode: string; city: string; country: string };
  };
  offence: {
    code: string; // annex code, e.g. A.31
    description: string; // Dutch description
    apvArticle: string; // e.g. "artikel 2:48 Apv Zoetermeer"
  };
  /** When and where the boa observed it: Amsterdam local date and time, and the place. */
  observed: { date: string; time: string; street: string; houseNumber: string | null; postcode: string | null; district: string };
  rapport: { badgeNumber: string; observation: string; registeredOn: string };
  /** Aanmaning costs that would be added per the policy in force (Awb 4:113), or null when not charged. */
  aanmaningCostsCents: Cents | null;
}
