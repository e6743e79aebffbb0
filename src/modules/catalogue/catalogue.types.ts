import type { Cents } from '../../domain/money.js';

export interface Tariff {
  id: number;
  offenceCode: string;
  validFrom: string;
  amountCents: Cents;
  confirmed: boolean;
  source: string;
}

export interface Offence {
  code: string;
  section: string;
  shortName: string;
  description: string;
  apvArticle: string;
  apvArticleConfirmed: boolean;
  note: string | null;
}

/** An offence with the tariff in force on a date. */
export interface OffenceOnDate extends Offence {
  tariff: Tariff;
}

/** The shape of db/reference/offences.json. */
export interface OffenceReference {
  code: string;
  section: string;
  shortName: string;
  description: string;
  apvArticle: string;
  apvArticleConfirmed?: boolean;
  note?: string;
  tariffs: { validFrom: string; amountCents: number; confirmed: boolean; source: string }[];
}
