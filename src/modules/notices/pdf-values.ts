// Turns NoticeData into the display strings the template placeholders take: Dutch long dates,
// money via formatCents (integers all the way, design.md §4), IBAN and kenmerk in groups of four.
// Formatting only; the amounts and dates themselves were decided before the notice is rendered.
import { DateTime } from 'luxon';
import { formatCents } from '../../domain/money.js';
import { formatKenmerk } from '../../domain/betalingskenmerk.js';
import { formatIban } from '../../domain/iban.js';
import type { NoticeData } from './notice.types.js';
import type { NoticeTemplate, TemplateValues } from './notice.template.js';
import { sanitizeValue } from './notice.template.js';

const ZONE = 'Europe/Amsterdam';

function civil(date: string, what: string): DateTime {
  const dt = DateTime.fromISO(String(date).slice(0, 10), { zone: ZONE }).setLocale('nl');
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(String(date)) || !dt.isValid) throw new RangeError(`${what} is not a date YYYY-MM-DD: ${JSON.stringify(date)}`);
  return dt;
}

/** "5 maart 2024": the long form Dutch letters use for a dagtekening and for deadlines. */
export function dutchDate(date: string, what = 'Date'): string {
  return civil(date, what).toFormat('d MMMM yyyy');
}

/** "dinsdag 5 maart 2024": with the weekday, for the moment of the offence. */
export function dutchDateWithWeekday(date: string, what = 'Date'): string {
  return civil(date, what).toFormat('cccc d MMMM yyyy');
}

/** "14.35": the Dutch way of writing a clock time in running text ("om 14.35 uur"). */
export function dutchTime(time: string): string {
  const m = /^([01][0-9]|2[0-3]):([0-5][0-9])/.exec(String(time));
  if (!m) throw new RangeError(`Observation time is not HH:mm: ${JSON.stringify(time)}`);
  return `${m[1]}.${m[2]}`;
}

/** Lower-cases only the first letter: "Het college van …" in the middle of a sentence. */
function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const DOMESTIC = new Set(['', 'NL', 'NLD', 'NEDERLAND', 'THE NETHERLANDS', 'NETHERLANDS']);

/** The country line of a foreign address in Dutch and capitals (PostNL), or null for a Dutch one. */
export function countryLine(country: string): string | null {
  const c = sanitizeValue(country ?? '').trim();
  if (DOMESTIC.has(c.toUpperCase())) return null;
  if (/^[A-Za-z]{2}$/.test(c)) {
    const name = new Intl.DisplayNames(['nl'], { type: 'region' }).of(c.toUpperCase());
    if (name) return name.toUpperCase();
  }
  return c.toUpperCase();
}

/** The address block in the envelope window: name, street, postcode and place, country if abroad. */
export function addressLines(data: NoticeData): string[] {
  const o = data.offender;
  const a = o.address;
  const domestic = countryLine(a.country) === null;
  // PostNL: two spaces between postcode and place, place in capitals, for domestic mail.
  const placeLine = domestic ? `${a.postcode}  ${a.city.toUpperCase()}` : `${a.postcode} ${a.city}`.trim();
  const lines = [`${o.givenNames} ${o.surname}`, `${a.street} ${a.houseNumber}`, placeLine, countryLine(a.country)];
  return lines.filter((l): l is string => l !== null && l.trim() !== '').map((l) => sanitizeValue(l).replace(/\n/g, ' ').trim());
}

/** "Dorpsstraat 12, 2712 AB Zoetermeer (Centrum)": the place of the offence (Gemeentewet 154c). */
export function observedPlace(data: NoticeData): string {
  const o = data.observed;
  const street = [o.street, o.houseNumber ?? ''].join(' ').trim();
  const town = [o.postcode ?? '', data.municipality.city].join(' ').trim();
  const district = o.district?.trim() ? ` (${o.district.trim()})` : '';
  return `${[street, town].filter((s) => s !== '').join(', ')}${district}`;
}

/** The ways to reach the municipality, e.g. "14 079 of gemeente@zoetermeer.nl". */
export function contactText(data: NoticeData, t: NoticeTemplate): string {
  const m = data.municipality;
  const ways = [m.phone, m.email].filter((s): s is string => typeof s === 'string' && s.trim() !== '');
  if (ways.length === 0 && m.website) ways.push(websiteShort(m.website));
  if (ways.length === 0) ways.push(`${m.postalAddress}, ${m.postcode} ${m.city}`);
  return ways.join(t.contactJoiner);
}

export function websiteShort(url: string | null): string {
  return (url ?? '').replace(/^https?:\/\//i, '').replace(/\/+$/, '');
}

/** All placeholder values of one notice. */
export function noticeValues(data: NoticeData, t: NoticeTemplate): TemplateValues {
  const m = data.municipality;
  const values: TemplateValues = {
    municipalityName: m.name,
    bestuursorgaan: m.bestuursorgaan,
    bestuursorgaanLower: lowerFirst(m.bestuursorgaan),
    bestuursorgaanCapital: upperFirst(m.bestuursorgaan),
    postalAddress: m.postalAddress,
    postcode: m.postcode,
    city: m.city,
    phone: m.phone ?? '',
    email: m.email ?? '',
    website: m.website ?? '',
    websiteShort: websiteShort(m.website),
    contact: contactText(data, t),
    creditorName: m.creditorName,
    iban: formatIban(m.iban),
    bic: m.bic ?? '',
    caseNumber: data.caseNumber,
    issuedDate: dutchDate(data.issuedOn, 'issuedOn'),
    dueDate: dutchDate(data.dueOn, 'dueOn'),
    objectionDueDate: dutchDate(data.objectionDueOn, 'objectionDueOn'),
    amount: formatCents(data.amountCents),
    tariff: formatCents(data.tariffCents),
    aanmaningCosts: data.aanmaningCostsCents === null ? '' : formatCents(data.aanmaningCostsCents),
    kenmerk: formatKenmerk(data.paymentReference),
    surname: data.offender.surname,
    // Without given name or initials a Dutch tussenvoegsel is written with a capital: "De Vries".
    surnameCapitalized: upperFirst(data.offender.surname.trim()),
    givenNames: data.offender.givenNames,
    offenderName: `${data.offender.givenNames} ${data.offender.surname}`,
    offenceCode: data.offence.code,
    offenceDescription: data.offence.description,
    apvArticle: data.offence.apvArticle,
    observedDate: dutchDateWithWeekday(data.observed.date, 'observed.date'),
    observedTime: dutchTime(data.observed.time),
    place: observedPlace(data),
    badgeNumber: data.rapport.badgeNumber,
    rapportDate: dutchDate(data.rapport.registeredOn, 'rapport.registeredOn'),
    observation: data.rapport.observation,
    retention: t.retention,
  };
  // Names, addresses and the observation come from people; a line break inside a one-line field
  // would push the rest of the block down, so only the observation keeps its line breaks.
  for (const key of Object.keys(values) as (keyof TemplateValues)[]) {
    const v = sanitizeValue(values[key] ?? '');
    values[key] = key === 'observation' ? v : v.replace(/\n+/g, ' ');
  }
  return values;
}
