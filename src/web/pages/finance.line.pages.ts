import type { Services } from '../../services.js';
import { AppError, NotFoundError } from '../../shared/errors.js';
import type { AllocationPart } from '../../modules/payments/allocation.service.js';
import type { Actor } from '../../modules/audit/audit.types.js';
import { definePage, type PageSpec } from '../pages.js';
import { fromServiceError, toFormErrors } from '../form-errors.js';
import { allocationLabels, allocationParts, MAX_ALLOCATION_ROWS, readReason, rowCount } from './finance.form.js';
import { linePage } from './finance.queue.pages.js';

const REASON = { reason: 'Reden' };
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const ID = /^\d{1,9}$/;

function lineId(id: string | undefined): number {
  if (!ID.test(id ?? '')) throw new NotFoundError('Deze bankregel bestaat niet.');
  return Number(id);
}

/** Finance's decisions on one bank line: allocate over fines, accept a suggestion, undo, refund. */
export function financeLinePages(services: Services): PageSpec[] {
  const { payments, fines } = services;

  /** Allocates through the payments service; its refusals are shown on the line's page next to the form. */
  async function allocate(actor: Actor, id: number, parts: AllocationPart[], reason: string, form: Record<string, string>, formName: string, labels: Record<string, string>, requestId: string) {
    try {
      const result = await payments.requestAllocation(actor, id, parts, reason, requestId);
      return { redirect: `/app/betalingen/${id}?gedaan=${result.status === 'allocated' ? 'toegewezen' : 'goedkeuring'}` };
    } catch (err) {
      const errors = fromServiceError(err, labels);
      // The service counts in cents; the page says it in euros.
      if (err instanceof AppError && err.errors?.some((e) => e.field === 'allocations')) {
        const line = await payments.view(id);
        errors.message = `De bedragen tellen op tot ${euro.format(parts.reduce((s, p) => s + p.amountCents, 0) / 100)}, maar van deze betaling staat ${euro.format(line.openCents / 100)} open. Verdeel precies wat openstaat.`;
      }
      return linePage(services, String(id), { form, errors, formName, status: 422 });
    }
  }

  /** A decision on the line that needs only a reason (undo, refund): POST /betalingen/:id/<name>. */
  function reasonAction(name: string, done: string, act: (actor: Actor, id: number, reason: string, requestId: string) => Promise<unknown>): PageSpec {
    return definePage({
      method: 'post', path: `/betalingen/:id/${name}`, permission: 'payments:allocate',
      handler: async ({ actor, params, form, requestId }) => {
        const id = lineId(params.id);
        const { reason, errors } = readReason(form);
        if (!reason) return linePage(services, params.id, { form, errors: toFormErrors(errors, REASON), formName: name, status: 400 });
        try {
          await act(actor, id, reason, requestId);
          return { redirect: `/app/betalingen/${id}?gedaan=${done}` };
        } catch (err) {
          return linePage(services, params.id, { form, errors: fromServiceError(err, REASON), formName: name, status: 422 });
        }
      },
    });
  }

  return [
    definePage({
      method: 'post', path: '/betalingen/:id/toewijzen', permission: 'payments:allocate',
      handler: async ({ actor, params, form, requestId }) => {
        const id = lineId(params.id);
        const rows = rowCount(form);
        // "Nog een boete": the same form with one row more (works without JavaScript).
        if (form.actie === 'regel-erbij') return linePage(services, params.id, { form: { ...form, regels: String(Math.min(rows + 1, MAX_ALLOCATION_ROWS)) }, formName: 'toewijzen' });
        const labels = allocationLabels(rows);
        const { parts, errors } = await allocationParts(fines, form, rows);
        const { reason, errors: reasonErrors } = readReason(form);
        if (errors.length || !reason) return linePage(services, params.id, { form, errors: toFormErrors([...errors, ...reasonErrors], labels), formName: 'toewijzen', status: 400 });
        return allocate(actor, id, parts, reason, form, 'toewijzen', labels, requestId);
      },
    }),
    definePage({
      method: 'post', path: '/betalingen/:id/voorstel', permission: 'payments:allocate',
      handler: async ({ actor, params, form, requestId }) => {
        const id = lineId(params.id);
        const { reason, errors } = readReason(form);
        if (!reason) return linePage(services, params.id, { form, errors: toFormErrors(errors, REASON), formName: `voorstel-${form.boete}`, status: 400 });
        const line = await payments.view(id);
        const suggested = line.decisions.find((d) => d.outcome === 'suggested' && String(d.fineId) === form.boete);
        if (!suggested || line.openCents <= 0) return linePage(services, params.id, { form, errors: toFormErrors([], REASON, 'Dit voorstel geldt niet meer. Bekijk de regel opnieuw.'), formName: `voorstel-${form.boete}`, status: 409 });
        return allocate(actor, id, [{ fineId: suggested.fineId!, amountCents: line.openCents }], reason, form, `voorstel-${form.boete}`, REASON, requestId);
      },
    }),
    reasonAction('terugdraaien', 'teruggedraaid', (actor, id, reason, requestId) => payments.unallocate(actor, id, reason, requestId)),
    reasonAction('terugbetalen', 'terugbetalen', (actor, id, reason, requestId) => payments.refundLine(actor, id, reason, requestId)),
  ];
}
