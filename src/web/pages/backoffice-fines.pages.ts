import type { Services } from '../../services.js';
import { DISTRICTS } from '../../modules/demo/demo-names.js';
import type { z } from 'zod';
import { isAllowed, type Permission } from '../../modules/auth/permissions.js';
import { issueSchema, reasonSchema } from '../../modules/fines/fines.schemas.js';
import { noticeDownloads } from '../../modules/notices/notice.downloads.js';
import { noticeIsLate } from '../../domain/notice-deadline.js';
import { NotFoundError } from '../../shared/errors.js';
import { definePage, type PageContext, type PageSpec } from '../pages.js';
import { fromSchema, fromServiceError, nestForm, toFormErrors, type FormErrors } from '../form-errors.js';
import { pageParams, pager } from '../pagination.js';
import { STATUS_LABELS } from '../labels.js';
import { EVENT_LABELS, OUTCOME_LABELS, SORTS } from './backoffice.labels.js';
import { fineFilterFrom, filterParams } from './fine-filters.js';

/** The list page shows 50 fines at a time (the page measured in BENCHMARKS.md). */
export const FINES_PER_PAGE = 50;
const REASON_LABELS = { reason: 'Reden' };
const SEARCH_LABELS = { zoek: 'Zaaknummer of betalingskenmerk' };
/** What the page says after each action (the `gedaan` value in the URL). */
const DONE = { issue: 'opgelegd', withdraw: 'ingetrokken', cancel: 'vernietigd' } as const;
const LATE_LABELS = { lateReason: 'Reden voor de late beschikking' };

/** A fine's id from the URL, or not found. */
export function fineIdFrom(params: Record<string, string>): number {
  if (!/^\d{1,9}$/.test(params.id ?? '')) throw new NotFoundError('Deze boete bestaat niet.');
  return Number(params.id);
}

/** The back office's fines: the searchable list, one fine with its balance and timeline, and what can be done with it. */
export function backofficeFinePages(services: Services): PageSpec[] {
  const { fines, catalogue, clock, objections, reference } = services;
  const downloads = noticeDownloads(services);

  /** The list for a query (GET) or a posted filter form; a search that is not valid matches nothing and says why. */
  async function listPage(query: Record<string, string>) {
    const offences = await catalogue.offencesOn(clock.today());
    const districts = DISTRICTS.map((d) => d.name);
    const { filter, form, searchError } = fineFilterFrom(query, new Set(offences.map((o) => o.code)), new Set(districts));
    const { page, limit, offset } = pageParams(query, FINES_PER_PAGE);
    const { items, total } = await fines.list({ ...filter, limit, offset });
    const names = new Map(offences.map((o) => [o.code, o.shortName]));
    const kept = filterParams(searchError ? { ...form, zoek: '' } : form);
    return {
      template: 'backoffice/boetes.njk',
      status: searchError ? 400 : 200,
      data: {
        title: 'Boetes',
        items: items.map((f) => ({ ...f, offenceName: names.get(f.offenceCode) ?? f.offenceCode })),
        offences, districts, statuses: STATUS_LABELS, sorts: SORTS, form,
        filtered: Object.keys(kept).some((k) => k !== 'sorteer') || searchError !== null,
        errors: searchError ? toFormErrors([{ field: 'zoek', message: searchError }], SEARCH_LABELS) : null,
        pager: pager('/app/boetes', page, FINES_PER_PAGE, total, kept),
      },
    };
  }

  async function detailPage({ actor, user, params, requestId }: PageContext, errors: { issue?: FormErrors; withdraw?: FormErrors; cancel?: FormErrors } = {}, form: Record<string, string> = {}, status = 200) {
    const fine = await fines.detail(actor, fineIdFrom(params), requestId);
    const offence = await catalogue.offenceOn(fine.offenceCode, fine.offenceDate);
    const today = clock.today();
    const late = fine.status === 'registered' && noticeIsLate(await reference.policyValues(), fine.offenceDate, today);
    const can = (p: Permission) => isAllowed(user.role, p);
    return {
      template: 'backoffice/boete.njk',
      status,
      data: {
        title: `Boete ${fine.caseNumber}`,
        fine, offence, late, form, errors,
        timeline: fine.timeline.map((e) => ({ ...e, label: EVENT_LABELS[e.type] ?? e.type })),
        objections: can('objections:read') ? (await objections.list({ fineId: fine.id })).map((o) => ({ ...o, outcomeLabel: o.outcome ? OUTCOME_LABELS[o.outcome] : null })) : [],
        can: {
          issue: can('fines:issue') && fine.status === 'registered',
          withdraw: can('fines:withdraw') && fine.status === 'registered',
          cancel: can('fines:cancel') && fine.issuedOn !== null && fine.status !== 'cancelled',
          notice: can('notices:read') && fine.issuedOn !== null,
          objection: can('objections:manage') && fine.issuedOn !== null && fine.status !== 'cancelled' && fine.status !== 'objection_pending',
        },
      },
    };
  }

  /** A form on the fine's page posted: checked as the API checks it, then the service acts or its refusal shows next to the field. */
  function action(path: string, permission: Permission, key: keyof typeof DONE, labels: Record<string, string>, schema: z.ZodType, act: (ctx: PageContext, id: number, input: Record<string, string>) => Promise<unknown>): PageSpec {
    return definePage({
      method: 'post', path, permission,
      handler: async (ctx) => {
        const id = fineIdFrom(ctx.params);
        const parsed = schema.safeParse(nestForm(ctx.form, Object.keys(labels)));
        if (!parsed.success) return detailPage(ctx, { [key]: fromSchema(parsed.error, labels) }, ctx.form, 400);
        try {
          await act(ctx, id, parsed.data as Record<string, string>);
        } catch (err) {
          return detailPage(ctx, { [key]: fromServiceError(err, labels) }, ctx.form, 422);
        }
        return { redirect: `/app/boetes/${id}?gedaan=${DONE[key]}` };
      },
    });
  }

  return [
    definePage({ method: 'get', path: '/boetes', permission: 'fines:search', handler: async ({ query }) => listPage(query) }),
    definePage({
      method: 'post', path: '/boetes', permission: 'fines:search',
      handler: async ({ form }) => {
        const offences = await catalogue.offencesOn(clock.today());
        const checked = fineFilterFrom(form, new Set(offences.map((o) => o.code)), new Set(DISTRICTS.map((d) => d.name)));
        // A search that is not a case number or a payment reference is answered here, never put in a URL.
        if (checked.searchError) return listPage(form);
        const params = new URLSearchParams(filterParams(checked.form)).toString();
        return { redirect: `/app/boetes${params ? `?${params}` : ''}` };
      },
    }),
    definePage({
      method: 'get', path: '/boetes/:id', permission: 'fines:search',
      handler: async (ctx) => {
        const page = await detailPage(ctx);
        const done = Object.values(DONE).find((d) => d === ctx.query.gedaan) ?? null;
        return { ...page, data: { ...page.data, done } };
      },
    }),
    action('/boetes/:id/opleggen', 'fines:issue', 'issue', LATE_LABELS, issueSchema, ({ actor, requestId }, id, input) => fines.issue(actor, id, { lateReason: input.lateReason ?? null, requestId })),
    action('/boetes/:id/intrekken', 'fines:withdraw', 'withdraw', REASON_LABELS, reasonSchema, ({ actor, requestId }, id, input) => fines.withdraw(actor, id, input.reason!, requestId)),
    action('/boetes/:id/vernietigen', 'fines:cancel', 'cancel', REASON_LABELS, reasonSchema, ({ actor, requestId }, id, input) => fines.cancel(actor, id, input.reason!, requestId)),
    definePage({
      method: 'get', path: '/boetes/:id/beschikking.pdf', permission: 'notices:read',
      handler: async ({ actor, params, requestId, res }) => {
        await downloads.sendFinePdf(res, actor, fineIdFrom(params), requestId);
        return null;
      },
    }),
  ];
}
