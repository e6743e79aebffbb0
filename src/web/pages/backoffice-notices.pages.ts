import type { Services } from '../../services.js';
import { noticeDownloads } from '../../modules/notices/notice.downloads.js';
import { noticeIsLate } from '../../domain/notice-deadline.js';
import { NotFoundError } from '../../shared/errors.js';
import { definePage, type PageSpec } from '../pages.js';
import { pageParams, pager } from '../pagination.js';

const PER_PAGE = 50;

function runIdFrom(params: Record<string, string>): number {
  if (!/^\d{1,9}$/.test(params.id ?? '')) throw new NotFoundError('Deze verzendrun bestaat niet.');
  return Number(params.id);
}

/** How many rapports a run left waiting, from the URL (a count, nothing else). */
function skippedFrom(query: Record<string, string>): number | null {
  return /^\d{1,6}$/.test(query.overgeslagen ?? '') ? Number(query.overgeslagen) : null;
}

/** Rapports waiting for a beschikking, the notice run that issues them, and the run's print PDF. */
export function backofficeNoticePages(services: Services): PageSpec[] {
  const { fines, notices, catalogue, reference, clock } = services;
  const downloads = noticeDownloads(services);

  async function withOffenceNames<T extends { offenceCode: string }>(items: T[]) {
    const names = new Map((await catalogue.offencesOn(clock.today())).map((o) => [o.code, o.shortName]));
    return items.map((f) => ({ ...f, offenceName: names.get(f.offenceCode) ?? f.offenceCode }));
  }

  return [
    definePage({
      method: 'get', path: '/beschikkingen', permission: 'fines:issue',
      handler: async ({ query }) => {
        const { page, limit, offset } = pageParams(query, PER_PAGE);
        const { items, total } = await fines.list({ status: 'registered', sort: 'offenceDate', order: 'asc', limit, offset });
        const policies = await reference.policyValues();
        const today = clock.today();
        const rows = (await withOffenceNames(items)).map((f) => ({ ...f, late: noticeIsLate(policies, f.offenceDate, today) }));
        return {
          template: 'backoffice/beschikkingen.njk',
          data: {
            title: 'Beschikkingen',
            items: rows,
            lateCount: rows.filter((r) => r.late).length,
            runs: await notices.listRuns(10, 0),
            skipped: skippedFrom(query),
            nothing: query.geen === '1',
            pager: pager('/app/beschikkingen', page, PER_PAGE, total),
          },
        };
      },
    }),
    definePage({
      method: 'post', path: '/beschikkingen/verzendrun', permission: 'fines:issue',
      handler: async ({ actor, requestId }) => {
        // Every waiting rapport; one past eight weeks without a reason is left waiting (the service says why).
        const result = await notices.run(actor, { requestId });
        const skipped = `overgeslagen=${result.skipped.length}`;
        return { redirect: result.runId ? `/app/beschikkingen/verzendrun/${result.runId}?${skipped}` : `/app/beschikkingen?geen=1&${skipped}` };
      },
    }),
    definePage({
      method: 'get', path: '/beschikkingen/verzendrun/:id', permission: 'notices:read',
      handler: async ({ params, query }) => {
        const run = await notices.findRun(runIdFrom(params));
        const { page, offset } = pageParams(query, PER_PAGE);
        const ids: number[] = [];
        let position = 0;
        for await (const id of notices.runFineIds(run.id)) {
          if (position++ < offset) continue;
          ids.push(id);
          if (ids.length === PER_PAGE) break;
        }
        const { items } = ids.length ? await fines.list({ fineIds: ids, sort: 'caseNumber', order: 'asc', limit: PER_PAGE, offset: 0 }) : { items: [] };
        return {
          template: 'backoffice/verzendrun.njk',
          data: {
            title: `Verzendrun ${run.id}`,
            run,
            items: await withOffenceNames(items),
            skipped: skippedFrom(query),
            pager: pager(`/app/beschikkingen/verzendrun/${run.id}`, page, PER_PAGE, run.count),
          },
        };
      },
    }),
    definePage({
      method: 'get', path: '/beschikkingen/verzendrun/:id/beschikkingen.pdf', permission: 'notices:read',
      handler: async ({ actor, params, requestId, res }) => {
        await downloads.sendRunPdf(res, actor, runIdFrom(params), requestId);
        return null;
      },
    }),
  ];
}
