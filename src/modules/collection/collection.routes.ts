import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../shared/http/routes.js';
import { civilDate, idParam } from '../../shared/http/validate.js';
import type { Services } from '../../services.js';
import { aanmaningPdf } from './aanmaning.render.js';
import { letterDownloads } from './letters.downloads.js';

export function collectionRoutes({ collection, paymentPlans, letters }: Services): RouteSpec[] {
  const runParams = z.strictObject({ id: idParam });
  const downloads = letterDownloads(letters);
  return [
    defineRoute({
      method: 'get', path: '/collection-runs/:id/aanmaningen.pdf', permission: 'collection:letters', tag: 'Invordering',
      summary: 'De aanmaningen van een run als één PDF om te printen (het lezen wordt gelogd)',
      params: runParams,
      success: { status: 200, description: 'PDF', contentType: 'application/pdf' },
      handler: async ({ actor, params, requestId, res }) => {
        await downloads.sendAanmaningen(res, actor, params.id, requestId);
        return null;
      },
    }),
    defineRoute({
      method: 'get', path: '/fines/:id/aanmaning.pdf', permission: 'collection:letters', tag: 'Invordering',
      summary: 'De aanmaning van één boete als PDF',
      params: runParams,
      success: { status: 200, description: 'PDF', contentType: 'application/pdf' },
      handler: async ({ actor, params, requestId, res }) => {
        const data = await letters.aanmaningOfFine(params.id);
        await letters.recordRead(actor, 'fine', params.id, requestId);
        res.status(200).type('application/pdf').setHeader('Content-Disposition', `inline; filename="aanmaning-${data.caseNumber}.pdf"`).send(await aanmaningPdf(data));
        return null;
      },
    }),
    defineRoute({
      method: 'get', path: '/collection-runs/:id/hand-off', permission: 'collection:letters', tag: 'Invordering',
      summary: 'De overdrachtslijst voor de deurwaarder (dwangbevel, Awb 4:114 ff.) als CSV of PDF',
      params: runParams,
      query: z.strictObject({ format: z.enum(['csv', 'pdf']).default('csv') }),
      success: { status: 200, description: 'CSV of PDF', contentType: 'text/csv' },
      handler: async ({ actor, params, query, requestId, res }) => {
        await downloads.sendHandOff(res, actor, params.id, query.format, requestId);
        return null;
      },
    }),
    defineRoute({
      method: 'post', path: '/fines/:id/payment-plans', permission: 'collection:run', tag: 'Invordering',
      summary: 'Uitstel met een betalingsregeling (Awb 4:94): termijnen die samen het openstaande bedrag zijn',
      params: z.strictObject({ id: idParam }),
      body: z.strictObject({ instalments: z.array(z.strictObject({ dueOn: civilDate, amountCents: z.number().int().positive() })).min(1).max(60), reason: z.string().trim().min(3).max(1000) }),
      success: { status: 201, description: 'De regeling' },
      handler: async ({ actor, params, body, requestId }) => ({ body: await paymentPlans.grant(actor, params.id, body, requestId) }),
    }),
    defineRoute({
      method: 'get', path: '/fines/:id/payment-plans', permission: 'collection:read', tag: 'Invordering',
      summary: 'De betalingsregelingen van een boete',
      params: z.strictObject({ id: idParam }),
      success: { status: 200, description: 'De regelingen' },
      handler: async ({ params }) => ({ body: { items: await paymentPlans.plansOf(params.id) } }),
    }),
    defineRoute({
      method: 'post', path: '/collection-runs', permission: 'collection:run', tag: 'Invordering',
      summary: 'De dagelijkse invorderingsrun: aanmaning na de betaaltermijn (Awb 4:112), daarna de dwangbevelfase (Awb 4:114 ff.); idempotent per boete en stap',
      body: z.strictObject({ asOf: civilDate.optional() }),
      success: { status: 201, description: 'De run (200 zonder run als er niets te doen was)' },
      handler: async ({ actor, body, requestId }) => {
        const result = await collection.run(actor, { asOf: body.asOf, requestId });
        return { status: result.runId === null ? 200 : 201, body: result };
      },
    }),
    defineRoute({
      method: 'get', path: '/collection-runs', permission: 'collection:read', tag: 'Invordering',
      summary: 'De invorderingsruns, nieuwste eerst',
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
      success: { status: 200, description: 'De runs' },
      handler: async ({ query }) => ({ body: { items: await collection.listRuns(query.limit, query.offset) } }),
    }),
  ];
}
