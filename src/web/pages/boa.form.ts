import { DateTime } from 'luxon';
import { ZONE } from '../../shared/clock.js';
import type { FieldError } from '../../shared/errors.js';

/** The registration form's fields in page order, named by the API's field path, with the label the error summary uses. */
export const REGISTRATION_LABELS: Record<string, string> = {
  offenceCode: 'Feit',
  observedAt: 'Datum en tijd van de overtreding',
  'location.street': 'Straat van de overtreding',
  'location.houseNumber': 'Huisnummer van de overtreding',
  'location.postcode': 'Postcode van de overtreding',
  'location.district': 'Wijk',
  'location.lat': 'Breedtegraad',
  'location.lon': 'Lengtegraad',
  'offender.givenNames': 'Voornamen',
  'offender.surname': 'Achternaam',
  'offender.birthDate': 'Geboortedatum',
  'offender.address.street': 'Straat van het woonadres',
  'offender.address.houseNumber': 'Huisnummer van het woonadres',
  'offender.address.postcode': 'Postcode van het woonadres',
  'offender.address.city': 'Woonplaats',
  'offender.address.country': 'Land',
  observation: 'Waarneming',
};

/** The value of a datetime-local field (`2024-03-05T14:30`) now, in Amsterdam. */
export function localNow(now: Date): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/**
 * The posted form as the fines service's input: the local date and time become an instant with
 * the Amsterdam offset, coordinates become numbers. What cannot be converted is reported per field.
 */
export function registrationFromForm(input: Record<string, unknown>): { value: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value = { ...input };
  if (typeof value.observedAt === 'string') {
    const at = DateTime.fromISO(value.observedAt, { zone: ZONE });
    if (at.isValid) value.observedAt = at.toISO({ suppressMilliseconds: true });
    else errors.push({ field: 'observedAt', message: 'Vul een datum en tijd in, zoals 05-03-2024 14:30.' });
  }
  const location = value.location as Record<string, unknown> | undefined;
  for (const key of ['lat', 'lon'] as const) {
    if (location && typeof location[key] === 'string') {
      const n = Number(String(location[key]).replace(',', '.'));
      if (Number.isFinite(n)) location[key] = n;
      else errors.push({ field: `location.${key}`, message: 'Vul een getal in, zoals 52.06.' });
    }
  }
  return { value, errors };
}
