import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../shared/http/routes.js';
import type { Services } from '../../services.js';
import { listAuditEvents, verifyAuditChain } from './audit.service.js';

export function auditRoutes({ db }: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/audit-events', permission: 'audit:read', tag: 'Audit',
      summary: 'Het auditlog, nieuwste eerst',
      query: z.strictObject({
        subjectType: z.string().max(40).optional(),
        subjectId: z.string().max(60).optional(),
        action: z.string().max(60).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
        beforeId: z.coerce.number().int().positive().optional(),
      }),
      success: { status: 200, description: 'Audit-gebeurtenissen' },
      handler: async ({ query }) => ({ body: { items: await listAuditEvents(db, query) } }),
    }),
    defineRoute({
      method: 'get', path: '/audit-events/verification', permission: 'audit:read', tag: 'Audit',
      summary: 'Controleert de hashketen van het auditlog',
      success: { status: 200, description: 'Het verslag: ok, aantal rijen, eerste gebroken schakel' },
      handler: async () => ({ body: await verifyAuditChain(db) }),
    }),
  ];
}
