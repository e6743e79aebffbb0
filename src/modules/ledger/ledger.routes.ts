import { z } from 'zod';
import { NotFoundError } from '../../shared/errors.js';
import { defineRoute, type RouteSpec } from '../../shared/http/routes.js';
import { civilDate } from '../../shared/http/validate.js';
import type { Services } from '../../services.js';
import { verifyLedger } from './ledger.verify.js';

const reason = z.string().trim().min(3, 'geef een reden').max(500);

export function ledgerRoutes({ db, ledger, audit, clock, ledgerChecks }: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/ledger/accounts', permission: 'ledger:read', tag: 'Grootboek',
      summary: 'Saldi per rekening op een datum (proef- en saldibalans), eventueel voor één boete',
      query: z.strictObject({ asOf: civilDate.optional(), fineId: z.coerce.number().int().positive().optional() }),
      success: { status: 200, description: 'Saldi in centen; debet positief' },
      handler: async ({ query }) => {
        const asOf = query.asOf ?? clock.today();
        const items = await ledger.accountBalances(db, asOf, query.fineId);
        return { body: { asOf, ...(query.fineId ? { fineId: query.fineId } : {}), items } };
      },
    }),
    defineRoute({
      method: 'get', path: '/ledger/entries', permission: 'ledger:read', tag: 'Grootboek',
      summary: 'Journaalposten met hun regels, nieuwste eerst',
      query: z.strictObject({
        fineId: z.coerce.number().int().positive().optional(),
        account: z.string().max(64).optional(),
        bookedFrom: civilDate.optional(),
        bookedTo: civilDate.optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      success: { status: 200, description: 'Journaalposten' },
      handler: async ({ query }) => ({ body: { items: await ledger.listEntries(db, query) } }),
    }),
    defineRoute({
      method: 'get', path: '/ledger/entries/:id', permission: 'ledger:read', tag: 'Grootboek',
      summary: 'Eén journaalpost',
      params: z.strictObject({ id: z.uuid() }),
      success: { status: 200, description: 'De journaalpost' },
      handler: async ({ params }) => {
        const entry = await ledger.findEntry(db, params.id);
        if (!entry) throw new NotFoundError(`Boeking ${params.id} bestaat niet.`);
        return { body: entry };
      },
    }),
    defineRoute({
      method: 'post', path: '/ledger/entries', permission: 'ledger:write', tag: 'Grootboek',
      summary: 'Een memoriaalboeking (handmatige correctie) met reden',
      body: z.strictObject({
        bookedOn: civilDate,
        description: z.string().trim().min(3).max(500),
        reason,
        postings: z
          .array(z.strictObject({ account: z.string().min(3).max(64), amountCents: z.number().int().refine((n) => n !== 0, 'niet nul'), fineId: z.number().int().positive().optional() }))
          .min(2)
          .max(50),
      }),
      success: { status: 201, description: 'De geboekte journaalpost' },
      handler: async ({ actor, body, req, requestId }) => {
        const key = req.get('idempotency-key');
        const result = await db.transaction(async (trx) => {
          const posted = await ledger.post(trx, actor, {
            bookedOn: body.bookedOn,
            kind: 'manual',
            description: body.description,
            postings: body.postings,
            idempotencyKey: key ? `manual:${actor.userId}:${key}` : null,
          });
          if (!posted.replayed) {
            await audit.record(trx, actor, { action: 'ledger.entry.post', subjectType: 'journal_entry', subjectId: posted.entry.id, reason: body.reason, requestId });
          }
          return posted;
        });
        return { status: result.replayed ? 200 : 201, body: result.entry };
      },
    }),
    defineRoute({
      method: 'post', path: '/ledger/entries/:id/reversals', permission: 'ledger:write', tag: 'Grootboek',
      summary: 'Een journaalpost tegenboeken (het enige middel om een boeking te corrigeren)',
      params: z.strictObject({ id: z.uuid() }),
      body: z.strictObject({ bookedOn: civilDate.optional(), reason }),
      success: { status: 201, description: 'De tegenboeking' },
      handler: async ({ actor, params, body, requestId }) => {
        const result = await db.transaction(async (trx) => {
          const reversed = await ledger.reverse(trx, actor, params.id, { reason: body.reason, ...(body.bookedOn ? { bookedOn: body.bookedOn } : {}) });
          if (!reversed.replayed) {
            await audit.record(trx, actor, { action: 'ledger.entry.reverse', subjectType: 'journal_entry', subjectId: params.id, reason: body.reason, details: { reversalEntryId: reversed.entry.id }, requestId });
          }
          return reversed;
        });
        return { status: result.replayed ? 200 : 201, body: result.entry };
      },
    }),
    defineRoute({
      method: 'get', path: '/ledger/verification', permission: 'ledger:read', tag: 'Grootboek',
      summary: 'Controleert elke invariant van de boekhouding',
      success: { status: 200, description: 'Het verslag per controle' },
      handler: async () => ({ body: await verifyLedger(db, ledgerChecks) }),
    }),
  ];
}
