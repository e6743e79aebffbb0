import type { Request } from 'express';
import { z } from 'zod';
import { PayloadTooLargeError } from '../../shared/errors.js';
import { ageingCsv, trialBalanceCsv } from './finance-reports.js';
import { defineRoute, type RouteSpec } from '../../shared/http/routes.js';
import { civilDate, idParam } from '../../shared/http/validate.js';
import type { Services } from '../../services.js';

export const MAX_STATEMENT_BYTES = 20 * 1024 * 1024;
const idParams = z.strictObject({ id: idParam });
/** A person's reason for a decision on money (also asked by the web pages). */
export const reason = z.string().trim().min(3, 'geef een reden').max(500);

/** The request body as a stream of chunks, refused once it passes the limit. */
async function* limited(req: Request, maxBytes: number): AsyncGenerator<Buffer> {
  const declared = Number(req.get('content-length') ?? 0);
  if (declared > maxBytes) throw new PayloadTooLargeError(`Een afschrift mag hoogstens ${maxBytes / 1024 / 1024} MB zijn.`);
  let seen = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > maxBytes) throw new PayloadTooLargeError(`Een afschrift mag hoogstens ${maxBytes / 1024 / 1024} MB zijn.`);
    yield chunk;
  }
}

export function paymentRoutes({ imports, payments, financeReports, clock }: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/bank-statements', permission: 'payments:import', tag: 'Betalingen',
      summary: 'Een bankafschrift inlezen (camt.053, MT940/MT940S, ING- of Rabobank-CSV); één transactie, idempotent',
      query: z.strictObject({ dryRun: z.enum(['true', 'false']).default('false'), format: z.enum(['auto', 'camt053', 'mt940', 'ing-csv', 'rabobank-csv']).default('auto'), fileName: z.string().max(255).optional() }),
      upload: { maxBytes: MAX_STATEMENT_BYTES, contentTypes: ['application/xml', 'text/csv', 'text/plain', 'application/octet-stream'] },
      success: { status: 201, description: 'Samenvatting van de import (200 bij dryRun)' },
      handler: async ({ actor, query, req, requestId }) => {
        const result = await imports.importStatement(actor, limited(req, MAX_STATEMENT_BYTES), { format: query.format, fileName: query.fileName ?? null, dryRun: query.dryRun === 'true', requestId });
        return { status: result.dryRun ? 200 : 201, body: result };
      },
    }),
    defineRoute({
      method: 'get', path: '/bank-transactions', permission: 'payments:read', tag: 'Betalingen',
      summary: 'Bankregels per status (unmatched, suggested, allocated, refund…) met het bewijs van elke beslissing',
      query: z.strictObject({ status: z.enum(['unmatched', 'suggested', 'allocated', 'refund', 'refund-paid', 'returned']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
      success: { status: 200, description: 'De regels' },
      handler: async ({ actor, query, requestId }) => ({ body: { items: await payments.list(actor, { ...query, requestId }) } }),
    }),
    defineRoute({
      method: 'get', path: '/bank-transactions/:id', permission: 'payments:read', tag: 'Betalingen',
      summary: 'Eén bankregel met toewijzingen en beslissingen',
      params: idParams,
      success: { status: 200, description: 'De regel' },
      handler: async ({ params }) => ({ body: await payments.view(params.id) }),
    }),
    defineRoute({
      method: 'post', path: '/bank-transactions/:id/allocations', permission: 'payments:allocate', tag: 'Betalingen',
      summary: 'Een ontvangst toewijzen aan één of meer boetes (bedragen tellen op tot de regel; boven de drempel vier ogen)',
      params: idParams,
      body: z.strictObject({ allocations: z.array(z.strictObject({ fineId: idParam, amountCents: z.number().int().positive() })).min(1).max(50), reason }),
      success: { status: 201, description: 'Toegewezen (201) of wacht op goedkeuring (202)' },
      handler: async ({ actor, params, body, requestId }) => {
        const result = await payments.requestAllocation(actor, params.id, body.allocations, body.reason, requestId);
        return { status: result.status === 'allocated' ? 201 : 202, body: result };
      },
    }),
    defineRoute({
      method: 'post', path: '/bank-transactions/:id/unallocate', permission: 'payments:allocate', tag: 'Betalingen',
      summary: 'Een toewijzing terugdraaien met een tegenboeking en een reden',
      params: idParams,
      body: z.strictObject({ reason }),
      success: { status: 200, description: 'De regel, weer open' },
      handler: async ({ actor, params, body, requestId }) => ({ body: await payments.unallocate(actor, params.id, body.reason, requestId) }),
    }),
    defineRoute({
      method: 'post', path: '/bank-transactions/:id/refund', permission: 'payments:allocate', tag: 'Betalingen',
      summary: 'Wat van een ontvangst openstaat terugbetalen aan de betaler (voorstel)',
      params: idParams,
      body: z.strictObject({ reason }),
      success: { status: 200, description: 'De regel met het terugbetaalvoorstel' },
      handler: async ({ actor, params, body, requestId }) => ({ body: await payments.refundLine(actor, params.id, body.reason, requestId) }),
    }),
    defineRoute({
      method: 'get', path: '/refunds', permission: 'payments:read', tag: 'Betalingen',
      summary: 'Terugbetaalvoorstellen',
      query: z.strictObject({ status: z.enum(['proposed', 'paid', 'cancelled']).optional() }),
      success: { status: 200, description: 'De voorstellen' },
      handler: async ({ query }) => ({ body: { items: await payments.listRefunds(query.status) } }),
    }),
    defineRoute({
      method: 'post', path: '/refunds/:id/paid', permission: 'payments:allocate', tag: 'Betalingen',
      summary: 'Een terugbetaling als betaald markeren met de afschrijving die haar uitbetaalde',
      params: idParams,
      body: z.strictObject({ bankTransactionId: idParam }),
      success: { status: 200, description: 'Het voorstel, betaald' },
      handler: async ({ actor, params, body, requestId }) => ({ body: await payments.markRefundPaid(actor, params.id, body.bankTransactionId, requestId) }),
    }),
    defineRoute({
      method: 'get', path: '/approvals', permission: 'payments:read', tag: 'Betalingen',
      summary: 'Toewijzingen die op een tweede paar ogen wachten',
      query: z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).default('pending') }),
      success: { status: 200, description: 'De goedkeuringen' },
      handler: async ({ query }) => ({ body: { items: await payments.listApprovals(query.status) } }),
    }),
    defineRoute({
      method: 'post', path: '/approvals/:id/decision', permission: 'payments:allocate', tag: 'Betalingen',
      summary: 'Een toewijzing goedkeuren of afwijzen (niet door wie haar vroeg)',
      params: idParams,
      body: z.strictObject({ approve: z.boolean(), reason: reason.optional() }),
      success: { status: 200, description: 'De beslissing' },
      handler: async ({ actor, params, body, requestId }) => ({ body: await payments.decideApproval(actor, params.id, body.approve, body.reason ?? null, requestId) }),
    }),
    defineRoute({
      method: 'get', path: '/finance/trial-balance', permission: 'finance:reports', tag: 'Financiën',
      summary: 'Proef- en saldibalans op een datum (JSON of CSV)',
      query: z.strictObject({ asOf: civilDate.optional(), format: z.enum(['json', 'csv']).default('json') }),
      success: { status: 200, description: 'De balans' },
      handler: async ({ query, res }) => {
        const report = await financeReports.trialBalance(query.asOf ?? clock.today());
        if (query.format === 'json') return { body: report };
        const csv = trialBalanceCsv(report);
        res.type('text/csv').setHeader('Content-Disposition', `attachment; filename="${csv.fileName}"`).send(csv.content);
        return null;
      },
    }),
    defineRoute({
      method: 'get', path: '/finance/ageing', permission: 'finance:reports', tag: 'Financiën',
      summary: 'Openstaande posten naar ouderdom (0–6, 6–8, 8–12, >12 weken; JSON of CSV)',
      query: z.strictObject({ asOf: civilDate.optional(), format: z.enum(['json', 'csv']).default('json') }),
      success: { status: 200, description: 'De ouderdomsanalyse' },
      handler: async ({ query, res }) => {
        const report = await financeReports.ageing(query.asOf ?? clock.today());
        if (query.format === 'json') return { body: report };
        const csv = ageingCsv(report);
        res.type('text/csv').setHeader('Content-Disposition', `attachment; filename="${csv.fileName}"`).send(csv.content);
        return null;
      },
    }),
    defineRoute({
      method: 'get', path: '/finance/statement-reconciliation', permission: 'finance:reports', tag: 'Financiën',
      summary: 'Per afschrift: het saldo van de bankrekening in het grootboek naast het eindsaldo van de bank',
      success: { status: 200, description: 'De aansluiting' },
      handler: async () => ({ body: await financeReports.statementReconciliation() }),
    }),
  ];
}
