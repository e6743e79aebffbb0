import type { Services } from '../../services.js';
import { AppError, NotFoundError } from '../../shared/errors.js';
import { definePage, type PageSpec } from '../pages.js';
import { pageParams, pager } from '../pagination.js';
import { toFormErrors, type FormErrors } from '../form-errors.js';
import { readReason } from './finance.form.js';

const ID = /^\d{1,9}$/;
const PER_PAGE = 20;
const REFUND_STATUSES = { proposed: 'Voorgesteld', paid: 'Betaald', cancelled: 'Vervallen' } as const;
type RefundStatus = keyof typeof REFUND_STATUSES;

const DONE: Record<string, string> = {
  goedgekeurd: 'De toewijzing is goedgekeurd en geboekt.',
  afgewezen: 'De toewijzing is afgewezen; de bankregel staat weer in de rij.',
  betaald: 'De terugbetaling is als betaald gemarkeerd en geboekt.',
};

const id = (value: string | undefined, what: string): number => {
  if (!ID.test(value ?? '')) throw new NotFoundError(`Deze ${what} bestaat niet.`);
  return Number(value);
};

/** A service's refusal of a decision (not allowed, already decided, does not fit) as a message on the list page. */
function refusal(err: unknown): string {
  if (err instanceof AppError && err.status >= 400 && err.status <= 422) return err.message;
  throw err;
}

/** Four eyes on allocations, and refunds: proposals waiting to be paid out and marked paid. */
export function financeApprovalPages({ payments, fines }: Services): PageSpec[] {
  async function approvalsPage(actor: { label: string }, extra: { done?: string | undefined; message?: string; errors?: FormErrors | null; approvalId?: number; status?: number } = {}) {
    const pending = await payments.listApprovals('pending');
    const items = [];
    for (const a of pending) {
      const payload = a.payload as { parts: { fineId: number; amountCents: number }[]; reason: string };
      const parts = [];
      for (const p of payload.parts) parts.push({ ...p, caseNumber: (await fines.find(p.fineId))?.caseNumber ?? String(p.fineId) });
      items.push({ ...a, parts, reason: payload.reason, totalCents: payload.parts.reduce((s, p) => s + p.amountCents, 0), own: a.requestedBy === actor.label });
    }
    return {
      template: 'finance/goedkeuringen.njk',
      status: extra.status ?? 200,
      data: { title: 'Goedkeuringen', items, done: extra.done ? DONE[extra.done] ?? null : null, message: extra.message ?? null, errors: extra.errors ?? null, approvalId: extra.approvalId ?? null },
    };
  }

  return [
    definePage({
      method: 'get', path: '/goedkeuringen', permission: 'payments:read',
      handler: async ({ actor, query }) => approvalsPage(actor, { done: query.gedaan }),
    }),
    definePage({
      method: 'post', path: '/goedkeuringen/:id', permission: 'payments:allocate',
      handler: async ({ actor, params, form, requestId }) => {
        const approvalId = id(params.id, 'goedkeuring');
        const approve = form.besluit === 'goedkeuren';
        // A reason is optional, but when given it is checked as the API checks it.
        const { reason, errors } = form.reason?.trim() ? readReason(form) : { reason: null, errors: [] };
        if (errors.length || (form.besluit !== 'goedkeuren' && form.besluit !== 'afwijzen')) {
          const formErrors = toFormErrors(errors, { reason: 'Toelichting' }, errors.length ? null : 'Kies goedkeuren of afwijzen.');
          // Each approval has its own reason field: the summary links to this one.
          formErrors.summary = formErrors.summary.map((e) => ({ ...e, href: `#f-reason-${approvalId}` }));
          return approvalsPage(actor, { errors: formErrors, approvalId, status: 400 });
        }
        try {
          await payments.decideApproval(actor, approvalId, approve, reason, requestId);
          return { redirect: `/app/goedkeuringen?gedaan=${approve ? 'goedgekeurd' : 'afgewezen'}` };
        } catch (err) {
          return approvalsPage(actor, { message: refusal(err), status: err instanceof AppError ? err.status : 500 });
        }
      },
    }),
    definePage({
      method: 'get', path: '/terugbetalingen', permission: 'payments:read',
      handler: async ({ actor, query, requestId }) => {
        const status: RefundStatus = query.status && query.status in REFUND_STATUSES ? (query.status as RefundStatus) : 'proposed';
        const all = await payments.listRefunds(status);
        const { page, limit, offset } = pageParams(query, PER_PAGE);
        // Debit lines nobody explained yet: the payouts a proposal can be matched with.
        const payouts = status === 'proposed' && all.length ? (await payments.list(actor, { status: 'unmatched', limit: 200, offset: 0, requestId })).filter((l) => l.direction === 'debit' && !l.reversal) : [];
        const items = all.slice(offset, offset + limit).map((r) => ({ ...r, payouts: payouts.filter((l) => l.amountCents === r.amountCents) }));
        return {
          template: 'finance/terugbetalingen.njk',
          data: {
            title: 'Terugbetalingen',
            status,
            tabs: Object.entries(REFUND_STATUSES).map(([s, label]) => ({ status: s, label, current: s === status })),
            statusLabel: REFUND_STATUSES[status],
            items,
            pager: pager('/app/terugbetalingen', page, PER_PAGE, all.length, { status }),
            done: query.gedaan ? DONE[query.gedaan] ?? null : null,
          },
        };
      },
    }),
    definePage({
      method: 'post', path: '/terugbetalingen/:id/betaald', permission: 'payments:allocate',
      handler: async ({ actor, params, form, requestId }) => {
        const refundId = id(params.id, 'terugbetaling');
        if (!ID.test(form.afschrijving ?? '')) return { template: 'error.njk', status: 400, data: { title: 'Kies een afschrijving', message: 'Kies de afschrijving waarmee de terugbetaling is uitbetaald. Ga terug en probeer het nog eens.' } };
        try {
          await payments.markRefundPaid(actor, refundId, Number(form.afschrijving), requestId);
          return { redirect: '/app/terugbetalingen?gedaan=betaald' };
        } catch (err) {
          return { template: 'error.njk', status: err instanceof AppError ? err.status : 500, data: { title: 'Niet als betaald gemarkeerd', message: refusal(err) } };
        }
      },
    }),
  ];
}
