import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../shared/http/routes.js';
import { civilDate } from '../../shared/http/validate.js';
import { policiesOn } from '../../domain/policy.js';
import type { Services } from '../../services.js';

export function referenceRoutes({ reference, clock }: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/municipality', permission: 'reference:read', tag: 'Referentie',
      summary: 'Het profiel van de gemeente (naam, bestuursorgaan, rekening)',
      success: { status: 200, description: 'Het profiel' },
      handler: async () => ({ body: await reference.municipality() }),
    }),
    defineRoute({
      method: 'get', path: '/policy-values', permission: 'reference:read', tag: 'Referentie',
      summary: 'De beleidswaarden (termijnen, bedragen) die op een datum gelden, met hun bron',
      query: z.strictObject({ on: civilDate.optional() }),
      success: { status: 200, description: 'De waarden' },
      handler: async ({ query }) => {
        const on = query.on ?? clock.today();
        return { body: { on, items: policiesOn(await reference.policyValues(), on) } };
      },
    }),
    defineRoute({
      method: 'get', path: '/atw-equated-days', permission: 'reference:read', tag: 'Referentie',
      summary: 'Gelijkgestelde dagen (Algemene termijnenwet art. 3 lid 3)',
      success: { status: 200, description: 'De dagen met hun besluit' },
      handler: async () => ({ body: { items: await reference.equatedDays() } }),
    }),
  ];
}
