/**
 * One invented rapport as a boa's app would send it: where and when, who (name, birth date,
 * address) and what the boa saw. Pure: everything comes from the seeded generator.
 */
import { DateTime } from 'luxon';
import { ZONE } from '../../shared/clock.js';
import type { RegistrationInput } from '../fines/fines.types.js';
import { DISTRICTS, FOREIGN_PLACES, GENERIC_STREETS, HOME_CITY, NAMES, ORIGINS, OTHER_PLACES, type District, type Origin } from './demo-names.js';
import { ID_DOCUMENTS, STATEMENTS, type OffenceProfile } from './demo-texts.js';
import type { Prng } from './prng.js';

type Address = RegistrationInput['offender']['address'];

/** Letters used in Dutch postcodes (F, I, O, Q, U and Y are not; S is left out to avoid SA/SD/SS). */
const POSTCODE_LETTERS = 'ABCDEGHJKLMNPRTVWXZ';

const DISTRICT_WEIGHTS = DISTRICTS.map((d) => [d, d.weight] as const);

function postcode(prng: Prng, area: string): string {
  return `${area} ${prng.pick([...POSTCODE_LETTERS])}${prng.pick([...POSTCODE_LETTERS])}`;
}

function houseNumber(prng: Prng): string {
  const n = String(prng.int(1, 180));
  return prng.chance(0.12) ? `${n}${prng.pick(['a', 'b', 'c'])}` : n;
}

function zoetermeerAddress(prng: Prng, district: District): Address {
  return { street: prng.pick(district.streets), houseNumber: houseNumber(prng), postcode: postcode(prng, prng.pick(district.postcodes)), city: HOME_CITY, country: 'NL' };
}

function elsewhereInNl(prng: Prng): Address {
  const [city, areas] = prng.weighted(OTHER_PLACES.map(([c, p, w]) => [[c, p] as const, w] as const));
  return { street: prng.pick(GENERIC_STREETS), houseNumber: houseNumber(prng), postcode: postcode(prng, prng.pick(areas)), city, country: 'NL' };
}

function abroad(prng: Prng, country?: string): Address {
  const places = FOREIGN_PLACES.filter((p) => !country || p.country === country);
  const place = prng.pick(places.length > 0 ? places : FOREIGN_PLACES);
  const code = place.postcode.replace(/#/g, () => String(prng.int(0, 9)));
  return { street: prng.pick(place.streets), houseNumber: String(prng.int(1, 120)), postcode: code, city: place.city, country: place.country };
}

function personName(prng: Prng, origin: Origin, male: boolean): { givenNames: string; surname: string } {
  const list = NAMES[origin];
  const given = male ? list.male : list.female;
  let givenNames = prng.pick(given);
  if (origin === 'nl' && prng.chance(0.25)) {
    const second = prng.pick(given);
    if (second !== givenNames) givenNames = `${givenNames} ${second}`;
  }
  const surname = prng.pick(list.surnames);
  return { givenNames, surname: typeof surname === 'string' ? surname : male ? surname[0] : surname[1] };
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

export interface BuiltRapport {
  input: RegistrationInput;
  minor: boolean;
}

/**
 * A rapport for `profile`, observed on `date` (YYYY-MM-DD) at a time in the profile's hours.
 * `note` is appended to the observation (e.g. why it is entered late).
 */
export function buildRapport(prng: Prng, profile: OffenceProfile, date: string, note?: string): BuiltRapport {
  const day = DateTime.fromISO(date, { zone: ZONE });
  const observed = day.set({ hour: prng.int(profile.hours[0], profile.hours[1] - 1), minute: prng.int(0, 59), second: 0, millisecond: 0 });
  const district = prng.weighted(DISTRICT_WEIGHTS);
  const street = prng.pick(district.streets);

  const minor = prng.chance(profile.minorShare);
  const age = minor ? prng.int(12, 15) : prng.int(profile.adultAge[0], profile.adultAge[1]);
  // Born `age` years and 1–360 days before the offence: exactly `age` on the day.
  const birthDate = day.minus({ years: age }).minus({ days: prng.int(1, 360) }).toISODate()!;
  const origin = prng.weighted(ORIGINS);
  const male = prng.chance(profile.maleShare ?? 0.55);

  let address: Address;
  const where = prng.next();
  if (minor) address = where < 0.95 ? zoetermeerAddress(prng, prng.weighted(DISTRICT_WEIGHTS)) : elsewhereInNl(prng);
  else if (origin === 'pl' && where < 0.35) address = abroad(prng, 'PL');
  else if (where < 0.03) address = abroad(prng, prng.pick(['DE', 'BE']));
  else if (where < 0.15) address = elsewhereInNl(prng);
  else address = zoetermeerAddress(prng, profile.nearHome && prng.chance(0.7) ? district : prng.weighted(DISTRICT_WEIGHTS));

  const document = address.country !== 'NL' ? prng.pick(['paspoort', 'buitenlandse identiteitskaart']) : minor ? 'identiteitskaart' : prng.pick(ID_DOCUMENTS);
  const template = prng.pick(profile.templates);
  // Found through post in the waste rather than caught in the act: spoken to at home.
  const atHome = template.includes('op naam en adres') ? ' op het woonadres' : '';
  const lines = [
    fill(template, { tijd: observed.toFormat('HH:mm'), straat: street, wijk: district.name }),
    `Betrokkene${atHome} aangesproken en gelegitimeerd met een ${document}. Cautie gegeven.`,
    prng.pick(STATEMENTS),
  ];
  if (minor) lines.push('Betrokkene is minderjarig; ouders of verzorgers worden schriftelijk geïnformeerd.');
  if (note) lines.push(note);

  return {
    minor,
    input: {
      offenceCode: profile.code,
      observedAt: observed.toISO({ suppressMilliseconds: true })!,
      location: {
        street,
        houseNumber: profile.houseNumber ? houseNumber(prng) : undefined,
        postcode: postcode(prng, prng.pick(district.postcodes)),
        district: district.name,
      },
      offender: { ...personName(prng, origin, male), birthDate, address },
      observation: lines.join(' '),
    },
  };
}
