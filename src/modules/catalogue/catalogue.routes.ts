import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../shared/http/routes.js';
import { civilDate } from '../../shared/http/validate.js';
import type { Services } from '../../services.js';

const code = z.string().regex(/^[A-C]\.\d{1,2}[a-z]?(\.\d)?$/, 'een bijlagecode zoals A.31 of A.24.1');

export function catalogueRoutes({ catalogue, clock }: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/offences', permission: 'catalogue:read', tag: 'Catalogus',
      summary: 'De feiten met het tarief dat op een datum geldt',
      query: z.strictObject({ on: civilDate.optional() }),
      success: { status: 200, description: 'Feiten met tarief' },
      handler: async ({ query }) => {
        const on = query.on ?? clock.today();
        return { body: { on, items: await catalogue.offencesOn(on) } };
      },
    }),
    defineRoute({
      method: 'get', path: '/offences/:code', permission: 'catalogue:read', tag: 'Catalogus',
      summary: 'Eén feit met al zijn tarieven',
      params: z.strictObject({ code }),
      success: { status: 200, description: 'Het feit' },
      handler: async ({ params }) => ({ body: await catalogue.offenceWithTariffs(params.code) }),
    }),
    defineRoute({
      method: 'post', path: '/offences/:code/tariffs', permission: 'catalogue:manage', tag: 'Catalogus',
      summary: 'Een nieuw tarief met ingangsdatum (bestaande tarieven veranderen nooit)',
      params: z.strictObject({ code }),
      body: z.strictObject({
        validFrom: civilDate,
        amountCents: z.number().int().min(1).max(225_000_00),
        source: z.string().trim().min(5, 'noem de bron (besluit, Staatsblad)').max(500),
        confirmed: z.boolean().default(false),
      }),
      success: { status: 201, description: 'Het nieuwe tarief' },
      handler: async ({ actor, params, body, requestId }) => {
        return { body: await catalogue.addTariff(actor, params.code, body, requestId) };
      },
    }),
  ];
}
