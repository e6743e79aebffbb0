import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../shared/http/routes.js';
import { idParam } from '../../shared/http/validate.js';
import type { Services } from '../../services.js';
import { decisionSchema, lodgeSchema } from './objections.schemas.js';

const idParams = z.strictObject({ id: idParam });

export function objectionRoutes({ objections }: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/fines/:id/objections', permission: 'objections:manage', tag: 'Bezwaar',
      summary: 'Een bezwaarschrift registreren (Awb 6:7/6:8: te laat wordt gemarkeerd, niet geweigerd); de invordering wacht',
      params: idParams,
      body: lodgeSchema,
      success: { status: 201, description: 'Het bezwaar, met timely' },
      handler: async ({ actor, params, body, requestId }) => ({ body: await objections.lodge(actor, params.id, body, requestId) }),
    }),
    defineRoute({
      method: 'post', path: '/objections/:id/decision', permission: 'objections:manage', tag: 'Bezwaar',
      summary: 'Beslissen op bezwaar: ongegrond (rejected), gegrond (upheld: vernietigen en terugbetalen) of matiging (reduced, Awb 5:46 lid 3)',
      params: idParams,
      body: decisionSchema,
      success: { status: 200, description: 'De beslissing' },
      handler: async ({ actor, params, body, requestId }) => ({ body: await objections.decide(actor, params.id, body, requestId) }),
    }),
    defineRoute({
      method: 'get', path: '/objections', permission: 'objections:read', tag: 'Bezwaar',
      summary: 'Bezwaren, openstaand of beslist',
      query: z.strictObject({ status: z.enum(['pending', 'decided']).optional(), fineId: z.coerce.number().int().positive().optional() }),
      success: { status: 200, description: 'De bezwaren' },
      handler: async ({ query }) => ({ body: { items: await objections.list(query) } }),
    }),
  ];
}
