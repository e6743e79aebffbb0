import type { Services } from '../../services.js';
import { isAllowed } from '../../modules/auth/permissions.js';
import { letterDownloads } from '../../modules/collection/letters.downloads.js';
import { NotFoundError } from '../../shared/errors.js';
import { definePage, type PageSpec } from '../pages.js';
import { fromServiceError } from '../form-errors.js';
import { pageParams, pager } from '../pagination.js';

/** Fines per page of a run's list: a run of a busy month can send thousands of aanmaningen. */
const STEPS_PER_PAGE = 50;

function runIdFrom(params: Record<string, string>): number {
  if (!/^\d{1,9}$/.test(params.id ?? '')) throw new NotFoundError('Deze invorderingsrun bestaat niet.');
  return Number(params.id);
}

/** The daily collection run (aanmaning, then dwangbevel), its result, and its letters. */
export function backofficeCollectionPages({ collection, letters, clock }: Services): PageSpec[] {
  const downloads = letterDownloads(letters);

  async function overview(user: { role: Parameters<typeof isAllowed>[0] }, query: Record<string, string>, message: string | null = null, status = 200) {
    return {
      template: 'backoffice/invordering.njk',
      status,
      data: { title: 'Invordering', runs: await collection.listRuns(20, 0), today: clock.today(), canRun: isAllowed(user.role, 'collection:run'), nothing: query.geen === '1', message },
    };
  }

  return [
    definePage({ method: 'get', path: '/invordering', permission: 'collection:read', handler: async ({ user, query }) => overview(user, query) }),
    definePage({
      method: 'post', path: '/invordering', permission: 'collection:run',
      handler: async ({ actor, user, requestId }) => {
        try {
          // Always for today: the run date is the clock's, never typed.
          const result = await collection.run(actor, { requestId });
          return { redirect: result.runId === null ? '/app/invordering?geen=1' : `/app/invordering/${result.runId}` };
        } catch (err) {
          return overview(user, {}, fromServiceError(err, {}).message, 422);
        }
      },
    }),
    definePage({
      method: 'get', path: '/invordering/:id', permission: 'collection:read',
      handler: async ({ user, params, query }) => {
        const run = await collection.findRun(runIdFrom(params));
        const { page, limit, offset } = pageParams(query, STEPS_PER_PAGE);
        const steps = await collection.stepsOfRun(run.id, limit, offset);
        return {
          template: 'backoffice/invorderingsrun.njk',
          data: { title: `Invorderingsrun ${run.id}`, run, steps: steps.items, pager: pager(`/app/invordering/${run.id}`, page, STEPS_PER_PAGE, steps.total), canLetters: isAllowed(user.role, 'collection:letters') },
        };
      },
    }),
    definePage({
      method: 'get', path: '/invordering/:id/aanmaningen.pdf', permission: 'collection:letters',
      handler: async ({ actor, params, requestId, res }) => {
        await downloads.sendAanmaningen(res, actor, runIdFrom(params), requestId);
        return null;
      },
    }),
    definePage({
      method: 'get', path: '/invordering/:id/overdracht.csv', permission: 'collection:letters',
      handler: async ({ actor, params, requestId, res }) => {
        await downloads.sendHandOff(res, actor, runIdFrom(params), 'csv', requestId);
        return null;
      },
    }),
    definePage({
      method: 'get', path: '/invordering/:id/overdracht.pdf', permission: 'collection:letters',
      handler: async ({ actor, params, requestId, res }) => {
        await downloads.sendHandOff(res, actor, runIdFrom(params), 'pdf', requestId);
        return null;
      },
    }),
  ];
}
