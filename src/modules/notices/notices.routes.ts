import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../shared/http/routes.js';
import { idParam } from '../../shared/http/validate.js';
import type { Services } from '../../services.js';
import { noticeDownloads } from './notice.downloads.js';

const idParams = z.strictObject({ id: idParam });

export function noticeRoutes({ notices, reference }: Services): RouteSpec[] {
  const downloads = noticeDownloads({ notices, reference });
  return [
    defineRoute({
      method: 'post', path: '/notice-runs', permission: 'fines:issue', tag: 'Beschikkingen',
      summary: 'Een verzendrun: alle geregistreerde rapporten (of de gegeven) opleggen, met één PDF om te printen',
      body: z.strictObject({
        fineIds: z.array(idParam).min(1).max(10_000).optional(),
        lateReasons: z.record(z.string().regex(/^\d+$/), z.string().trim().min(3).max(500)).optional(),
      }),
      success: { status: 201, description: 'De run: opgelegde en overgeslagen boetes (200 zonder run als er niets op te leggen was)' },
      handler: async ({ actor, body, requestId }) => {
        const result = await notices.run(actor, { fineIds: body.fineIds, lateReasons: body.lateReasons, requestId });
        return { status: result.runId ? 201 : 200, body: result };
      },
    }),
    defineRoute({
      method: 'get', path: '/notice-runs', permission: 'notices:read', tag: 'Beschikkingen',
      summary: 'De verzendruns, nieuwste eerst',
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
      success: { status: 200, description: 'De runs' },
      handler: async ({ query }) => ({ body: { items: await notices.listRuns(query.limit, query.offset) } }),
    }),
    defineRoute({
      method: 'get', path: '/notice-runs/:id', permission: 'notices:read', tag: 'Beschikkingen',
      summary: 'Eén verzendrun',
      params: idParams,
      success: { status: 200, description: 'De run' },
      handler: async ({ params }) => ({ body: await notices.findRun(params.id) }),
    }),
    defineRoute({
      method: 'get', path: '/notice-runs/:id/notices.pdf', permission: 'notices:read', tag: 'Beschikkingen',
      summary: 'De PDF van een verzendrun: voorblad en één beschikking per pagina (gestreamd)',
      params: idParams,
      success: { status: 200, description: 'PDF', contentType: 'application/pdf' },
      handler: async ({ actor, params, requestId, res }) => {
        await downloads.sendRunPdf(res, actor, params.id, requestId);
        return null;
      },
    }),
    defineRoute({
      method: 'get', path: '/fines/:id/notice.pdf', permission: 'notices:read', tag: 'Beschikkingen',
      summary: 'De beschikking van één boete als PDF (het lezen wordt gelogd)',
      params: idParams,
      success: { status: 200, description: 'PDF', contentType: 'application/pdf' },
      handler: async ({ actor, params, requestId, res }) => {
        await downloads.sendFinePdf(res, actor, params.id, requestId);
        return null;
      },
    }),
  ];
}
