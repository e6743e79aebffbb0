import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../shared/http/routes.js';
import { idParam } from '../../shared/http/validate.js';
import type { Services } from '../../services.js';

const idParams = z.strictObject({ id: idParam });

export function writeOffRoutes({ writeOffs }: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/fines/:id/write-offs', permission: 'writeoffs:manage', tag: 'Invordering',
      summary: 'Afboeken vragen: oninbaar, of verjaard (Awb 4:104, gestuit door een aanmaning, 4:106); een tweede persoon keurt goed',
      params: idParams,
      body: z.strictObject({ kind: z.enum(['uncollectable', 'time-barred']), reason: z.string().trim().min(5).max(1000) }),
      success: { status: 201, description: 'Het verzoek, wachtend op goedkeuring' },
      handler: async ({ actor, params, body, requestId }) => ({ body: await writeOffs.request(actor, params.id, body, requestId) }),
    }),
    defineRoute({
      method: 'get', path: '/write-offs', permission: 'writeoffs:manage', tag: 'Invordering',
      summary: 'Afboekingen (wachtend, goedgekeurd, afgewezen)',
      query: z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).optional() }),
      success: { status: 200, description: 'De afboekingen' },
      handler: async ({ query }) => ({ body: { items: await writeOffs.list(query.status) } }),
    }),
    defineRoute({
      method: 'post', path: '/write-offs/:id/decision', permission: 'writeoffs:manage', tag: 'Invordering',
      summary: 'Een afboeking goedkeuren (boekt naar expense:write-offs) of afwijzen — niet door wie haar vroeg',
      params: idParams,
      body: z.strictObject({ approve: z.boolean(), reason: z.string().trim().min(3).max(1000).optional() }),
      success: { status: 200, description: 'De afboeking' },
      handler: async ({ actor, params, body, requestId }) => ({ body: await writeOffs.decide(actor, params.id, body.approve, body.reason ?? null, requestId) }),
    }),
  ];
}
