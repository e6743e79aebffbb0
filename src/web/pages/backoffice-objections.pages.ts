import type { Services } from '../../services.js';
import { isAllowed } from '../../modules/auth/permissions.js';
import { decisionSchema, lodgeSchema } from '../../modules/objections/objections.schemas.js';
import type { FieldError } from '../../shared/errors.js';
import { NotFoundError } from '../../shared/errors.js';
import { fieldErrors } from '../../shared/http/validate.js';
import { definePage, type PageContext, type PageSpec } from '../pages.js';
import { fromServiceError, nestForm, toFormErrors, type FormErrors } from '../form-errors.js';
import { OUTCOME_LABELS } from './backoffice.labels.js';
import { parseEuroInput } from '../euro-input.js';

/** The register form's fields in page order; the case number is the page's way to name the fine. */
const LODGE_LABELS = { caseNumber: 'Zaaknummer', receivedOn: 'Datum van ontvangst', summary: 'Samenvatting van het bezwaar' };
const DECISION_LABELS = { outcome: 'Beslissing', newAmountCents: 'Nieuw bedrag', reason: 'Motivering' };

function objectionIdFrom(params: Record<string, string>): number {
  if (!/^\d{1,9}$/.test(params.id ?? '')) throw new NotFoundError('Dit bezwaar bestaat niet.');
  return Number(params.id);
}

/** `75` or `75,50` euro → cents; anything else is reported on the field. */
export function centsFromEuro(value: string | undefined): { cents?: number; error?: FieldError } {
  if (value === undefined || value.trim() === '') return {};
  const cents = parseEuroInput(value);
  return cents === null ? { error: { field: 'newAmountCents', message: 'Vul een bedrag in euro in, zoals 75,00.' } } : { cents };
}

/** Objections (bezwaar): register one for a fine, the pending ones, and the decision on each. */
export function backofficeObjectionPages({ objections, fines, clock }: Services): PageSpec[] {
  async function caseNumbers(fineIds: number[]) {
    if (fineIds.length === 0) return new Map<number, { caseNumber: string; amountCents: number }>();
    const { items } = await fines.list({ fineIds, sort: 'caseNumber', order: 'asc', limit: fineIds.length, offset: 0 });
    return new Map(items.map((f) => [f.id, f]));
  }

  function lodgePage(form: Record<string, string>, errors: FormErrors | null, status = 200) {
    return { template: 'backoffice/bezwaar-nieuw.njk', status, data: { title: 'Bezwaar registreren', form, errors, today: clock.today() } };
  }

  async function decisionPage({ user, params }: PageContext, form: Record<string, string> = {}, errors: FormErrors | null = null, status = 200) {
    const objection = await objections.find(objectionIdFrom(params));
    const fine = (await caseNumbers([objection.fineId])).get(objection.fineId);
    return {
      template: 'backoffice/bezwaar.njk',
      status,
      data: {
        title: `Bezwaar tegen ${fine?.caseNumber ?? 'een boete'}`,
        objection: { ...objection, outcomeLabel: objection.outcome ? OUTCOME_LABELS[objection.outcome] : null },
        fine, form, errors, outcomes: OUTCOME_LABELS,
        canDecide: objection.status === 'pending' && isAllowed(user.role, 'objections:manage'),
      },
    };
  }

  return [
    definePage({
      method: 'get', path: '/bezwaren', permission: 'objections:read',
      handler: async ({ user, query }) => {
        const pending = await objections.list({ status: 'pending' });
        const decided = (await objections.list({ status: 'decided' })).slice(-20).reverse();
        const fineOf = await caseNumbers([...new Set([...pending, ...decided].map((o) => o.fineId))]);
        const withFine = <T extends { fineId: number; outcome: string | null }>(o: T) => ({ ...o, caseNumber: fineOf.get(o.fineId)?.caseNumber ?? '', outcomeLabel: o.outcome ? OUTCOME_LABELS[o.outcome] : null });
        return {
          template: 'backoffice/bezwaren.njk',
          data: { title: 'Bezwaren', pending: pending.map(withFine), decided: decided.map(withFine), canManage: isAllowed(user.role, 'objections:manage'), done: query.gedaan === 'beslist' },
        };
      },
    }),
    definePage({
      method: 'get', path: '/bezwaren/nieuw', permission: 'objections:manage',
      handler: async ({ query }) => {
        const fine = /^\d{1,9}$/.test(query.boete ?? '') ? await fines.find(Number(query.boete)) : null;
        return lodgePage({ caseNumber: fine?.caseNumber ?? '', receivedOn: clock.today() }, null);
      },
    }),
    definePage({
      method: 'post', path: '/bezwaren/nieuw', permission: 'objections:manage',
      handler: async ({ actor, form, requestId }) => {
        const caseNumber = (form.caseNumber ?? '').trim().toUpperCase();
        const parsed = lodgeSchema.safeParse(nestForm(form, ['receivedOn', 'summary']));
        const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error);
        const fine = /^BB-\d{4}-\d{6,}$/.test(caseNumber) ? (await fines.list({ caseNumber, sort: 'caseNumber', order: 'asc', limit: 1, offset: 0 })).items[0] : undefined;
        if (!fine) errors.unshift({ field: 'caseNumber', message: caseNumber ? 'Er is geen boete met dit zaaknummer.' : 'Vul het zaaknummer in, zoals BB-2024-000123.' });
        if (errors.length || !parsed.success || !fine) return lodgePage(form, toFormErrors(errors, LODGE_LABELS), 400);
        try {
          const objection = await objections.lodge(actor, fine.id, parsed.data, requestId);
          return { redirect: `/app/bezwaren/${objection.id}?gedaan=geregistreerd` };
        } catch (err) {
          return lodgePage(form, fromServiceError(err, LODGE_LABELS), 422);
        }
      },
    }),
    definePage({
      method: 'get', path: '/bezwaren/:id', permission: 'objections:read',
      handler: async (ctx) => {
        const page = await decisionPage(ctx);
        return { ...page, data: { ...page.data, registered: ctx.query.gedaan === 'geregistreerd' } };
      },
    }),
    definePage({
      method: 'post', path: '/bezwaren/:id/beslissing', permission: 'objections:manage',
      handler: async (ctx) => {
        const { actor, form, params, requestId } = ctx;
        const amount = form.outcome === 'reduced' ? centsFromEuro(form.newAmountCents) : {};
        const input = { ...nestForm(form, ['outcome', 'reason']), ...(amount.cents !== undefined ? { newAmountCents: amount.cents } : {}) };
        const parsed = decisionSchema.safeParse(input);
        // The page's own words first: the first message per field is the one shown.
        const errors: FieldError[] = [];
        if (!form.outcome) errors.push({ field: 'outcome', message: 'Kies een beslissing.' });
        if (form.outcome === 'reduced' && !form.newAmountCents?.trim()) errors.push({ field: 'newAmountCents', message: 'Vul het nieuwe bedrag in.' });
        if (amount.error) errors.push(amount.error);
        if (!parsed.success) errors.push(...fieldErrors(parsed.error));
        if (errors.length || !parsed.success) return decisionPage(ctx, form, toFormErrors(errors, DECISION_LABELS), 400);
        try {
          await objections.decide(actor, objectionIdFrom(params), parsed.data, requestId);
          return { redirect: '/app/bezwaren?gedaan=beslist' };
        } catch (err) {
          const errors = fromServiceError(err, DECISION_LABELS);
          // The service counts in cents; the form asks for euros.
          if (errors.fields.newAmountCents) errors.fields.newAmountCents = 'Vul een bedrag in dat lager is dan het bedrag van de boete.';
          errors.summary = errors.summary.map((e) => (e.href === '#f-newAmountCents' ? { ...e, text: `${DECISION_LABELS.newAmountCents}: ${errors.fields.newAmountCents}` } : e));
          return decisionPage(ctx, form, errors, 422);
        }
      },
    }),
  ];
}
