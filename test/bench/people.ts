/**
 * Seeded generator of the people, places and reports of realistic shape that the registration and
 * notice benchmarks send and print (design.md §8): Zoetermeer streets and districts, offenders with
 * Dutch and foreign names (some with letters beyond Latin-1, which the notice's embedded font must
 * draw), addresses in the Netherlands and abroad, and a boa's observation of varying length.
 */
import { DateTime } from 'luxon';
import type { RegistrationInput } from '../../src/modules/fines/fines.types.js';
import type { NoticeData } from '../../src/modules/notices/notice.types.js';
import type { MunicipalityProfile } from '../../src/modules/reference/reference.types.js';
import { fineKenmerk } from '../../src/domain/betalingskenmerk.js';
import { readJson } from '../../src/shared/paths.js';
import { createPrng, type Prng } from './prng.js';

const ZONE = 'Europe/Amsterdam';

const DISTRICTS = ['Centrum', 'Meerzicht', 'Rokkeveen', 'Seghwaert', 'Buytenwegh', 'Palenstein', 'Oosterheem', 'Noordhove', 'Driemanspolder', 'Dorp'] as const;
const STREETS = [
  'Stadhuisplein', 'Promenade', 'Dorpsstraat', 'Markt', 'Europaweg', 'Oostwaarts', 'Westwaarts', 'Nathaniel Hawthornelaan', 'Schoutenhoek',
  'Amerikaweg', 'Australiëweg', 'Van Doesburglaan', 'Castellum', 'Boerhaavelaan', 'Leidsewallen', 'Zuidwaarts', 'Delftsewallen', 'Parkweg',
] as const;
const GIVEN_NAMES = [
  'Jan Willem', 'Sanne', 'Mohamed', 'Fatima', 'Daan', 'Emma', 'Şükrü', 'Łukasz', 'Noor', 'Kees', 'Anouk', 'Thijs', 'Ayşe', 'Bram', 'Iñaki',
  'Sophie', 'Youssef', 'Lotte', 'Mateusz', 'Priya', 'Ruben', 'Zoë', 'Hendrik Johannes', 'Olga', 'Dewi',
] as const;
const SURNAMES = [
  'de Vries', 'Jansen', 'El Amrani', 'van den Berg', 'Bakker', 'Świątek', 'Yılmaz', 'Visser', 'Smit', 'van Dijk', 'Meijer', 'de Boer', 'Mulder',
  'Kowalczyk', 'Bouzid', 'Ramdin', 'van der Meer', 'Öztürk', 'Hoekstra', 'Dekker', 'Brouwer', 'Nguyen', 'Peeters', 'van \u2019t Hof',
] as const;
const ABROAD = [
  { city: 'Antwerpen', country: 'BE', postcode: '2000' },
  { city: 'Düsseldorf', country: 'DE', postcode: '40213' },
  { city: 'Kraków', country: 'PL', postcode: '31-042' },
  { city: 'London', country: 'GB', postcode: 'SW1A 1AA' },
] as const;
const OBSERVATIONS = [
  'Betrokkene urineerde tegen de gevel van het pand. Aangesproken en rapport uitgereikt.',
  'Ik zag betrokkene een blikje op straat gooien terwijl er op tien meter afstand een afvalbak stond. Staande gehouden, cautie gegeven. Betrokkene verklaarde: "Ik had haast."',
  'Tijdens surveillance zag ik dat betrokkene een huisvuilzak naast de ondergrondse container had geplaatst, buiten de aanbiedtijden. In de zak trof ik post aan op naam van betrokkene. Betrokkene thuis bezocht; identiteit vastgesteld aan de hand van het paspoort.',
  'Betrokkene fietste door het voetgangersgebied in het winkelcentrum tijdens winkeltijden en reageerde niet op een eerste aanwijzing. Bij de tweede aanspreking stopte betrokkene. Identiteit vastgesteld met rijbewijs.',
  'Melding van bewoners over geluidsoverlast. Ter plaatse hoorde ik harde muziek uit een geparkeerde auto met geopende portieren, ook op vijftig meter afstand duidelijk hoorbaar. Bestuurder gevraagd het geluid uit te zetten; dat deed hij na enige discussie. Ik heb hem gewezen op het verbod en de cautie gegeven. Hij verklaarde: "Het is toch zaterdag." Identiteit vastgesteld aan de hand van zijn identiteitskaart.',
  'Hond loslopend aangetroffen in het park buiten het losloopgebied; eigenaar aangesproken.',
] as const;

export interface OffenceInfo {
  code: string;
  description: string;
  apvArticle: string;
  /** The tariff in force in 2024 (the latest validFrom on or before 2024-01-01). */
  tariffCents: number;
}

/** The catalogue of db/reference/offences.json with each offence's 2024 tariff. */
export function offences2024(): OffenceInfo[] {
  const list = readJson<{ offences: Array<{ code: string; description: string; apvArticle: string; tariffs: Array<{ validFrom: string; amountCents: number }> }> }>('db', 'reference', 'offences.json').offences;
  return list.flatMap((o) => {
    const inForce = o.tariffs.filter((t) => t.validFrom <= '2024-01-01').sort((a, b) => a.validFrom.localeCompare(b.validFrom)).pop();
    return inForce ? [{ code: o.code, description: o.description, apvArticle: o.apvArticle, tariffCents: inForce.amountCents }] : [];
  });
}

export function municipalityProfile(): MunicipalityProfile {
  const { _comment: _ignored, ...profile } = readJson<MunicipalityProfile & { _comment?: string }>('db', 'reference', 'municipality.json');
  return profile;
}

function pick<T>(prng: Prng, items: readonly T[]): T {
  return items[prng.int(0, items.length - 1)]!;
}

function dutchPostcode(prng: Prng): string {
  const letters = 'ABCDEGHJKLMNPRSTVWXZ';
  return `${prng.int(2711, 2729)} ${letters[prng.int(0, letters.length - 1)]}${letters[prng.int(0, letters.length - 1)]}`;
}

function houseNumber(prng: Prng): string {
  const n = String(prng.int(1, 240));
  return prng.next() < 0.15 ? `${n}${pick(prng, ['a', 'b', 'c', '-2', ' bis'])}` : n;
}

function offenderAddress(prng: Prng): RegistrationInput['offender']['address'] {
  if (prng.next() < 0.08) {
    const a = pick(prng, ABROAD);
    return { street: pick(prng, ['Meir', 'Königsallee', 'Floriańska', 'Baker Street']), houseNumber: houseNumber(prng), postcode: a.postcode, city: a.city, country: a.country };
  }
  return { street: pick(prng, STREETS), houseNumber: houseNumber(prng), postcode: dutchPostcode(prng), city: prng.next() < 0.8 ? 'Zoetermeer' : pick(prng, ['Den Haag', 'Leidschendam', 'Pijnacker', 'Rotterdam']), country: 'NL' };
}

/** A birth date: mostly adults, about one in eight 13–15 at the time (the halved tariff). */
function birthDate(prng: Prng): string {
  const year = prng.next() < 0.12 ? prng.int(2008, 2010) : prng.int(1950, 2005);
  return DateTime.fromObject({ year, month: 1, day: 1 }, { zone: 'utc' }).plus({ days: prng.int(0, 364) }).toISODate()!;
}

/**
 * `count` valid bodies for POST /api/v1/fines, observed between 1 January 2024 (the first day of the
 * BBOOR regime) and `before` (the clock of the server: nothing may lie in the future).
 */
export function registrationBodies(count: number, seed: number, before: string): RegistrationInput[] {
  const prng = createPrng(seed);
  const codes = offences2024().map((o) => o.code);
  const start = DateTime.fromISO('2024-01-01T07:00:00', { zone: ZONE });
  const end = DateTime.fromISO(before, { setZone: true }).minus({ hours: 1 });
  const spanMinutes = Math.floor(end.diff(start, 'minutes').minutes);
  return Array.from({ length: count }, () => {
    const observed = start.plus({ minutes: prng.int(0, spanMinutes) }).setZone(ZONE);
    const withHouse = prng.next() < 0.6;
    const body: RegistrationInput = {
      offenceCode: pick(prng, codes),
      observedAt: observed.toISO({ suppressMilliseconds: true })!,
      location: {
        street: pick(prng, STREETS),
        ...(withHouse ? { houseNumber: houseNumber(prng) } : {}),
        ...(prng.next() < 0.7 ? { postcode: dutchPostcode(prng) } : {}),
        district: pick(prng, DISTRICTS),
        ...(prng.next() < 0.5 ? { lat: 52.05 + prng.next() * 0.04, lon: 4.46 + prng.next() * 0.06 } : {}),
      },
      offender: { givenNames: pick(prng, GIVEN_NAMES), surname: pick(prng, SURNAMES), birthDate: birthDate(prng), address: offenderAddress(prng) },
      observation: pick(prng, OBSERVATIONS),
    };
    return body;
  });
}

/**
 * NoticeData for `count` issued fines as `notices.service.noticeData` assembles it: case numbers and
 * kenmerken in sequence, offences and tariffs from the catalogue (halved for a minor), issued in
 * spring 2024 with six-week terms.
 */
export function noticeDataSet(count: number, seed: number): NoticeData[] {
  const prng = createPrng(seed);
  const catalogue = offences2024();
  const municipality = municipalityProfile();
  const firstIssue = DateTime.fromISO('2024-03-04', { zone: ZONE });
  return Array.from({ length: count }, (_, i) => {
    const sequence = i + 1;
    const offence = pick(prng, catalogue);
    const minor = prng.next() < 0.12;
    const issued = firstIssue.plus({ days: Math.floor(i / 40) });
    const observed = issued.minus({ days: prng.int(2, 40) });
    const registered = observed.plus({ days: prng.int(0, 1) });
    const due = issued.plus({ weeks: 6 }).toISODate()!;
    const amountCents = minor ? offence.tariffCents / 2 : offence.tariffCents;
    const address = offenderAddress(prng);
    return {
      municipality,
      caseNumber: `BB-2024-${String(sequence).padStart(6, '0')}`,
      issuedOn: issued.toISODate()!,
      dueOn: due,
      objectionDueOn: due,
      amountCents,
      tariffCents: offence.tariffCents,
      reducedForMinor: minor,
      paymentReference: fineKenmerk(2024, sequence),
      offender: { givenNames: pick(prng, GIVEN_NAMES), surname: pick(prng, SURNAMES), address },
      offence: { code: offence.code, description: offence.description, apvArticle: offence.apvArticle },
      observed: {
        date: observed.toISODate()!,
        time: `${String(prng.int(7, 23)).padStart(2, '0')}:${String(prng.int(0, 59)).padStart(2, '0')}`,
        street: pick(prng, STREETS),
        houseNumber: prng.next() < 0.6 ? houseNumber(prng) : null,
        postcode: prng.next() < 0.7 ? dutchPostcode(prng) : null,
        district: pick(prng, DISTRICTS),
      },
      rapport: { badgeNumber: `BOA-${prng.int(1000, 1040)}`, observation: pick(prng, OBSERVATIONS), registeredOn: registered.toISODate()! },
      aanmaningCostsCents: prng.next() < 0.9 ? 800 : null,
    };
  });
}
