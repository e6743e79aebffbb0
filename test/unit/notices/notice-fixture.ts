// A realistic NoticeData: a wildplassen fine in the centre of Zoetermeer, with the municipality
// profile from db/reference/municipality.json. Override any part per test.
import type { NoticeData } from '../../../src/modules/notices/notice.types.js';
import type { MunicipalityProfile } from '../../../src/modules/reference/reference.types.js';
import { readJson } from '../../../src/shared/paths.js';
import { fineKenmerk } from '../../../src/domain/betalingskenmerk.js';

export function municipality(): MunicipalityProfile {
  const { _comment: _ignored, ...profile } = readJson<MunicipalityProfile & { _comment?: string }>('db', 'reference', 'municipality.json');
  return profile;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

export function makeNoticeData(overrides: DeepPartial<NoticeData> = {}): NoticeData {
  const base: NoticeData = {
    municipality: municipality(),
    caseNumber: 'BB-2024-001234',
    issuedOn: '2024-03-05',
    dueOn: '2024-04-16',
    objectionDueOn: '2024-04-16',
    amountCents: 15000,
    tariffCents: 15000,
    reducedForMinor: false,
    paymentReference: '6202400000001234',
    offender: {
      givenNames: 'Jan Pieter',
      surname: 'de Vries',
      address: { street: 'Dorpsstraat', houseNumber: '12a', postcode: '2712 AB', city: 'Zoetermeer', country: 'NL' },
    },
    offence: {
      code: 'A.31',
      description: 'Urineren op of aan de weg of op een andere voor het publiek toegankelijke plaats (wildplassen)',
      apvArticle: 'artikel 2:48 Apv Zoetermeer',
    },
    observed: { date: '2024-02-24', time: '23:41', street: 'Stadhuisplein', houseNumber: null, postcode: '2711 EC', district: 'Centrum' },
    rapport: {
      badgeNumber: 'BOA-4417',
      observation: 'Ik zag betrokkene tegen de gevel van het pand aan het Stadhuisplein urineren. Ik heb hem staande gehouden, gewezen op het verbod en de cautie gegeven. Hij verklaarde: "Alle toiletten waren dicht." Identiteit vastgesteld aan de hand van zijn rijbewijs.',
      registeredOn: '2024-02-24',
    },
    aanmaningCostsCents: 800,
  };
  return merge(base, overrides);
}

function merge<T>(base: T, over: DeepPartial<T>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) {
    const b = out[k];
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && b !== null && typeof b === 'object' ? merge(b, v as DeepPartial<typeof b>) : v;
  }
  return out as T;
}

/** A minor (12–15 at the time of the offence): the tariff halved, Gemeentewet 154b lid 7. */
export function makeMinorNoticeData(): NoticeData {
  return makeNoticeData({ amountCents: 7500, tariffCents: 15000, reducedForMinor: true, caseNumber: 'BB-2024-001235', paymentReference: fineKenmerk(2024, 1235) });
}
