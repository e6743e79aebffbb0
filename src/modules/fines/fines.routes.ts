import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../shared/http/routes.js';
import { idParam } from '../../shared/http/validate.js';
import type { Services } from '../../services.js';
import { fineListQuery, issueSchema, reasonSchema, registrationSchema } from './fines.schemas.js';
import type { FineRow } from './fines.types.js';

const fineParams = z.strictObject({ id: idParam });

/** What a boa gets back: enough to tell the offender, nothing more. */
function registrationAnswer(f: FineRow) {
  return { id: f.id, caseNumber: f.caseNumber, status: 'registered', offenceCode: f.offenceCode, offenceDate: f.offenceDate, amountCents: f.amountCents, tariffCents: f.tariffCents, reducedForMinor: f.reducedForMinor, badgeNumber: f.badgeNumber };
}

function issueAnswer(f: FineRow) {
  return { id: f.id, caseNumber: f.caseNumber, issuedOn: f.issuedOn, dueOn: f.dueOn, objectionDueOn: f.objectionDueOn, paymentReference: f.paymentReference, amountCents: f.amountCents, lateNoticeReason: f.lateNoticeReason };
}

export function fineRoutes({ fines }: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/fines', permission: 'fines:register', tag: 'Boetes',
      summary: 'Een rapport registreren (boa): feit, tijdstip, plaats, overtreder en waarneming',
      body: registrationSchema,
      success: { status: 201, description: 'Het geregistreerde rapport met zaaknummer en bedrag' },
      handler: async ({ actor, body, requestId }) => ({ body: registrationAnswer(await fines.register(actor, body, requestId)) }),
    }),
    defineRoute({
      method: 'get', path: '/fines', permission: 'fines:read', tag: 'Boetes',
      summary: 'Boetes zoeken (zonder persoonsgegevens), gepagineerd met totaal; een boa ziet alleen zijn eigen rapporten',
      query: fineListQuery,
      success: { status: 200, description: '{ items, total, limit, offset }' },
      handler: async ({ actor, query }) => {
        const result = await fines.list({ ...query, ...(actor.role === 'boa' ? { boaUserId: actor.userId! } : {}) });
        return { body: { ...result, limit: query.limit, offset: query.offset } };
      },
    }),
    defineRoute({
      method: 'get', path: '/fines/:id', permission: 'fines:read', tag: 'Boetes',
      summary: 'Eén boete met overtreder, saldo uit het grootboek en tijdlijn (het lezen wordt gelogd)',
      params: fineParams,
      success: { status: 200, description: 'De boete' },
      handler: async ({ actor, params, requestId }) => ({ body: await fines.detail(actor, params.id, requestId) }),
    }),
    defineRoute({
      method: 'post', path: '/fines/:id/withdraw', permission: 'fines:withdraw', tag: 'Boetes',
      summary: 'Een rapport intrekken vóór de beschikking, met reden',
      params: fineParams,
      body: reasonSchema,
      success: { status: 200, description: 'Het ingetrokken rapport' },
      handler: async ({ actor, params, body, requestId }) => {
        const f = await fines.withdraw(actor, params.id, body.reason, requestId);
        return { body: { id: f.id, caseNumber: f.caseNumber, status: 'withdrawn', withdrawnAt: f.withdrawnAt, withdrawnReason: f.withdrawnReason } };
      },
    }),
    defineRoute({
      method: 'post', path: '/fines/:id/issue', permission: 'fines:issue', tag: 'Boetes',
      summary: 'De beschikking opleggen: dagtekening, uiterste betaaldatum, betalingskenmerk, vordering in het grootboek',
      params: fineParams,
      body: issueSchema,
      success: { status: 200, description: 'De opgelegde boete (tweemaal opleggen verandert niets)' },
      handler: async ({ actor, params, body, requestId }) => {
        const { fine } = await fines.issue(actor, params.id, { lateReason: body.lateReason, requestId });
        return { body: issueAnswer(fine) };
      },
    }),
    defineRoute({
      method: 'post', path: '/fines/:id/cancel', permission: 'fines:cancel', tag: 'Boetes',
      summary: 'Een opgelegde boete vernietigen met een tegenboeking en een reden',
      params: fineParams,
      body: reasonSchema,
      success: { status: 200, description: 'De vernietigde boete' },
      handler: async ({ actor, params, body, requestId }) => {
        const f = await fines.cancel(actor, params.id, body.reason, requestId);
        return { body: { id: f.id, caseNumber: f.caseNumber, status: 'cancelled', cancelledOn: f.cancelledOn, cancelReason: f.cancelReason } };
      },
    }),
  ];
}

export { issueAnswer };
