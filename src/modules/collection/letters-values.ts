// AanmaningData → the display strings the aanmaning's placeholders take, with the notice's own
// formatters (Dutch long dates, formatCents, IBAN and kenmerk in groups of four), and the checks
// that keep a letter that does not add up, or gives too short a term, from being printed.
import { DateTime } from 'luxon';
import { formatCents } from '../../domain/money.js';
import { formatKenmerk } from '../../domain/betalingskenmerk.js';
import { formatIban } from '../../domain/iban.js';
import type { NoticeData } from '../notices/notice.types.js';
import { noticeTemplate, sanitizeValue } from '../notices/notice.template.js';
import { addressLines, contactText, dutchDate, websiteShort } from '../notices/pdf-values.js';
import type { AanmaningData } from './letters.types.js';
import type { LetterValues } from './letters-template.js';

/** Thrown for an aanmaning whose amounts or dates are inconsistent: it must not be sent. */
export class AanmaningDataError extends Error {
  readonly code = 'AANMANING_DATA_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'AanmaningDataError';
  }
}

/** Awb 4:112: the debtor gets two weeks, counted from the day after the aanmaning is sent. */
const TERM_DAYS = 14;

function isoDay(date: string, what: string, caseNumber: string): DateTime {
  const dt = DateTime.fromISO(String(date).slice(0, 10), { zone: 'Europe/Amsterdam' });
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(String(date)) || !dt.isValid) {
    throw new AanmaningDataError(`Aanmaning ${caseNumber}: ${what} is not a date YYYY-MM-DD: ${JSON.stringify(date)}`);
  }
  return dt;
}

/**
 * Refuses data that would print a wrong letter: amounts that are not whole non-negative cents, a
 * total that is not fine + costs + interest − paid (the itemisation printed must add up; fineCents
 * is the fine as imposed, as letters.service.ts fills it from the ledger's principal), or a new last
 * day less than two weeks after sending (Awb 4:112; the Atw may only make it later).
 */
export function checkAanmaning(data: AanmaningData): void {
  const c = data.caseNumber;
  const amounts = { fineCents: data.fineCents, costsCents: data.costsCents, interestCents: data.interestCents, paidCents: data.paidCents, totalDueCents: data.totalDueCents };
  for (const [name, value] of Object.entries(amounts)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new AanmaningDataError(`Aanmaning ${c}: ${name} must be whole cents ≥ 0, got ${String(value)}`);
  }
  if (data.totalDueCents <= 0) throw new AanmaningDataError(`Aanmaning ${c}: nothing is due (totalDueCents ${data.totalDueCents})`);
  const sum = data.fineCents + data.costsCents + data.interestCents - data.paidCents;
  if (sum !== data.totalDueCents) {
    throw new AanmaningDataError(`Aanmaning ${c}: totalDueCents ${data.totalDueCents} is not fineCents + costsCents + interestCents - paidCents = ${sum}`);
  }
  const sent = isoDay(data.sentOn, 'sentOn', c);
  const due = isoDay(data.newDueOn, 'newDueOn', c);
  isoDay(data.issuedOn, 'issuedOn', c);
  isoDay(data.originalDueOn, 'originalDueOn', c);
  isoDay(data.offence.date, 'offence.date', c);
  if (due < sent.plus({ days: TERM_DAYS })) {
    throw new AanmaningDataError(`Aanmaning ${c}: newDueOn ${data.newDueOn} is less than two weeks after sentOn ${data.sentOn} (Awb 4:112)`);
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// The notice helpers take a NoticeData but read only these parts of it, which AanmaningData has
// with the same shape.
const asNotice = (data: AanmaningData): NoticeData => ({ municipality: data.municipality, offender: data.offender }) as NoticeData;

/** The envelope-window address, formatted exactly as on the beschikking (PostNL rules). */
export function aanmaningAddress(data: AanmaningData): string[] {
  return addressLines(asNotice(data));
}

/** All placeholder values of one aanmaning; one-line values have no line breaks. */
export function aanmaningValues(data: AanmaningData): LetterValues {
  const m = data.municipality;
  const values: LetterValues = {
    municipalityName: m.name,
    bestuursorgaan: m.bestuursorgaan,
    bestuursorgaanLower: lowerFirst(m.bestuursorgaan),
    postalAddress: m.postalAddress,
    postcode: m.postcode,
    city: m.city,
    phone: m.phone ?? '',
    email: m.email ?? '',
    website: m.website ?? '',
    websiteShort: websiteShort(m.website),
    contact: contactText(asNotice(data), noticeTemplate()),
    creditorName: m.creditorName,
    iban: formatIban(m.iban),
    bic: m.bic ?? '',
    caseNumber: data.caseNumber,
    kenmerk: formatKenmerk(data.paymentReference),
    sentDate: dutchDate(data.sentOn, 'sentOn'),
    issuedDate: dutchDate(data.issuedOn, 'issuedOn'),
    originalDueDate: dutchDate(data.originalDueOn, 'originalDueOn'),
    newDueDate: dutchDate(data.newDueOn, 'newDueOn'),
    offenceDate: dutchDate(data.offence.date, 'offence.date'),
    offenceCode: data.offence.code,
    offenceDescription: data.offence.description,
    // Without given name or initials a Dutch tussenvoegsel is written with a capital: "De Vries".
    surnameCapitalized: upperFirst(data.offender.surname.trim()),
    offenderName: `${data.offender.givenNames} ${data.offender.surname}`,
    fine: formatCents(data.fineCents),
    costs: formatCents(data.costsCents),
    interest: formatCents(data.interestCents),
    total: formatCents(data.totalDueCents),
  };
  for (const key of Object.keys(values)) values[key] = sanitizeValue(values[key] ?? '').replace(/\n+/g, ' ');
  return values;
}
