import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../shared/http/routes.js';
import { civilDate } from '../../shared/http/validate.js';
import type { Services } from '../../services.js';
import { newTariffSchema, offenceCode } from './catalogue.schemas.js';

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
      params: z.strictObject({ code: offenceCode }),
      success: { status: 200, description: 'Het feit' },
      handler: async ({ params }) => ({ body: await catalogue.offenceWithTariffs(params.code) }),
    }),
    defineRoute({
      method: 'post', path: '/offences/:code/tariffs', permission: 'catalogue:manage', tag: 'Catalogus',
      summary: 'Een nieuw tarief met ingangsdatum (bestaande tarieven veranderen nooit)',
      params: z.strictObject({ code: offenceCode }),
      body: newTariffSchema,
      success: { status: 201, description: 'Het nieuwe tarief' },
      handler: async ({ actor, params, body, requestId }) => {
        return { body: await catalogue.addTariff(actor, params.code, body, requestId) };
      },
    }),
  ];
}
