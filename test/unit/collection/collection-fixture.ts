// Realistic collection data: an aanmaning for the wildplassen fine of the notice fixture, partly
// paid, and hand-off lists for the bailiff. Override any part per test.
import type { AanmaningData, HandOffItem, HandOffList } from '../../../src/modules/collection/letters.types.js';
import { fineKenmerk } from '../../../src/domain/betalingskenmerk.js';
import { municipality } from '../notices/notice-fixture.js';

export function makeAanmaningData(overrides: Partial<AanmaningData> = {}): AanmaningData {
  return {
    municipality: municipality(),
    caseNumber: 'BB-2024-001234',
    sentOn: '2024-04-23',
    issuedOn: '2024-03-05',
    originalDueOn: '2024-04-16',
    newDueOn: '2024-05-07',
    fineCents: 15000,
    costsCents: 800,
    interestCents: 123,
    paidCents: 5000,
    totalDueCents: 10923,
    paymentReference: '6202400000001234',
    offender: {
      givenNames: 'Jan Pieter',
      surname: 'de Vries',
      address: { street: 'Dorpsstraat', houseNumber: '12a', postcode: '2712 AB', city: 'Zoetermeer', country: 'NL' },
    },
    offence: { code: 'A.31', description: 'Urineren op of aan de weg of op een andere voor het publiek toegankelijke plaats (wildplassen)', date: '2024-02-24' },
    ...overrides,
  };
}

export function makeHandOffItem(i: number, overrides: Partial<HandOffItem> = {}): HandOffItem {
  return {
    caseNumber: `BB-2024-${String(i).padStart(6, '0')}`,
    paymentReference: fineKenmerk(2024, i),
    offenderName: i % 3 === 0 ? 'Łukasz Świątek-Øster' : `Jan Pieter de Vries ${i}`,
    address: `Dorpsstraat ${i}, 2712 AB Zoetermeer`,
    issuedOn: '2024-03-05',
    aanmaningOn: '2024-04-23',
    aanmaningDueOn: '2024-05-07',
    fineCents: 15000,
    costsCents: 800,
    totalDueCents: 15800,
    ...overrides,
  };
}

export function makeHandOffList(n: number, items?: HandOffItem[]): HandOffList {
  return { municipality: municipality(), runId: 17, asOf: '2024-05-13', items: items ?? Array.from({ length: n }, (_, i) => makeHandOffItem(i + 1)) };
}
