import type { RegistrationInput } from '../../src/modules/fines/fines.types.js';

/** A valid rapport as a boa's app would send it; override what a test is about. */
export function registration(overrides: Partial<RegistrationInput> & { birthDate?: string } = {}): RegistrationInput {
  const { birthDate, ...rest } = overrides;
  return {
    offenceCode: 'A.31',
    observedAt: '2024-03-01T22:15:00+01:00',
    location: { street: 'Stadhuisplein', houseNumber: '1', postcode: '2711 EC', district: 'Centrum' },
    offender: {
      givenNames: 'Jan Willem',
      surname: 'de Vries',
      birthDate: birthDate ?? '1990-05-17',
      address: { street: 'Dorpsstraat', houseNumber: '12a', postcode: '2712 AB', city: 'Zoetermeer', country: 'NL' },
    },
    observation: 'Betrokkene urineerde tegen de gevel van het stadhuis. Aangesproken en rapport uitgereikt.',
    ...rest,
  };
}
