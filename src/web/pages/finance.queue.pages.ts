import type { Services } from '../../services.js';
import { NotFoundError } from '../../shared/errors.js';
import type { BankTransactionStatus } from '../../modules/payments/bank.types.js';
import type { BankTransactionView } from '../../modules/payments/payments.service.js';
import { definePage, type PageSpec } from '../pages.js';
import { pageParams, pager } from '../pagination.js';
import type { FormErrors } from '../form-errors.js';
import { BANK_STATUS_LABELS, evidenceRows, OUTCOME_LABELS, RULE_LABELS } from './finance.labels.js';
import { ALLOCATION_ROWS, centsToEuroText } from './finance.form.js';

const PER_PAGE = 20;
const STATUSES = Object.keys(BANK_STATUS_LABELS) as BankTransactionStatus[];
const ID = /^\d{1,9}$/;

/** What a page has to say after an action (`?gedaan=`): no personal data, just which action. */
const DONE: Record<string, string> = {
  toegewezen: 'De betaling is toegewezen en geboekt.',
  goedkeuring: 'De toewijzing is vastgelegd. Omdat het bedrag boven de drempel ligt, wacht zij op de goedkeuring van een tweede medewerker van Financiën.',
  teruggedraaid: 'De toewijzing is teruggedraaid met een tegenboeking. De boetes staan weer open.',
  terugbetalen: 'Er is een terugbetaling aan de betaler voorgesteld.',
};

type Fines = Services['fines'];

/** Case numbers of the fines a line's decisions and allocations name. */
async function caseNumbers(fines: Fines, ids: Iterable<number | null>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const id of new Set(ids)) {
    if (id === null) continue;
    const fine = await fines.find(id);
    if (fine) out.set(id, fine.caseNumber);
  }
  return out;
}

/**
 * A line's decisions as the pages show them: newest first, with their evidence in words. A line
 * with nothing allocated any more had its bookings undone (unallocate reverses them all).
 */
function decisionsShown(line: BankTransactionView, cases: Map<number, string>) {
  const undone = line.allocations.length === 0;
  return [...line.decisions].reverse().map((d) => ({
    ...d,
    undone: undone && d.outcome === 'booked',
    caseNumber: d.fineId === null ? null : cases.get(d.fineId) ?? String(d.fineId),
    ruleLabel: RULE_LABELS[d.rule] ?? d.rule,
    outcomeLabel: OUTCOME_LABELS[d.outcome] ?? d.outcome,
    evidence: evidenceRows(d.evidence),
  }));
}

/** The data of a bank line's page; `form` and `errors` belong to the form that was posted, if any. */
export async function linePage({ payments, fines }: Services, id: string | undefined, extra: { done?: string | undefined; form?: Record<string, string>; errors?: FormErrors | null; formName?: string; status?: number } = {}) {
  if (!ID.test(id ?? '')) throw new NotFoundError('Deze bankregel bestaat niet.');
  const line = await payments.view(Number(id));
  const cases = await caseNumbers(fines, [...line.decisions.map((d) => d.fineId), ...line.allocations.map((a) => a.fineId)]);
  const approvals = (await payments.listApprovals('pending')).filter((a) => a.bankTransactionId === line.id);
  const refunds = await payments.listRefunds(undefined, line.id);
  const suggestions = line.status === 'suggested' ? decisionsShown(line, cases).filter((d) => d.outcome === 'suggested') : [];
  const canAllocate = line.direction === 'credit' && !line.reversal && line.openCents > 0 && approvals.length === 0;
  const rows = Math.max(ALLOCATION_ROWS, Number(extra.form?.regels) || 0);
  // Several forms on one page each have a reason field: its id (and the summary's link) names the form.
  const formName = /^[a-z]+(-\d{1,9})?$/.test(extra.formName ?? '') ? extra.formName! : null;
  const errors = extra.errors && formName ? { ...extra.errors, summary: extra.errors.summary.map((e) => (e.href === '#f-reason' ? { ...e, href: `#f-reason-${formName}` } : e)) } : null;
  return {
    template: 'finance/betaling.njk',
    status: extra.status ?? 200,
    data: {
      title: `Bankregel ${line.id}`,
      line,
      statusLabel: BANK_STATUS_LABELS[line.status],
      decisions: decisionsShown(line, cases),
      suggestions,
      allocations: line.allocations.map((a) => ({ ...a, caseNumber: cases.get(a.fineId) ?? String(a.fineId) })),
      approvals,
      refunds,
      canAllocate,
      canUnallocate: line.allocations.length > 0 && !refunds.some((r) => r.status === 'paid'),
      canRefund: canAllocate,
      done: extra.done ? DONE[extra.done] ?? null : null,
      form: { regels: String(rows), 'regel.0.bedrag': line.openCents > 0 ? centsToEuroText(line.openCents) : '', ...extra.form },
      rows: Array.from({ length: Math.min(rows, 50) }, (_, i) => i),
      errors,
      formName,
    },
  };
}

/** Finance's queue of bank lines by status and the page of one line. */
export function financeQueuePages(services: Services): PageSpec[] {
  const { payments, fines } = services;
  return [
    definePage({
      method: 'get', path: '/betalingen', permission: 'payments:read',
      handler: async ({ actor, query, requestId }) => {
        const status = STATUSES.includes(query.status as BankTransactionStatus) ? (query.status as BankTransactionStatus) : 'unmatched';
        const counts = await payments.countByStatus();
        const { page, limit, offset } = pageParams(query, PER_PAGE);
        const lines = await payments.list(actor, { status, limit, offset, requestId });
        const cases = await caseNumbers(fines, lines.flatMap((l) => [...l.decisions.map((d) => d.fineId), ...l.allocations.map((a) => a.fineId)]));
        return {
          template: 'finance/betalingen.njk',
          data: {
            title: `Betalingen: ${BANK_STATUS_LABELS[status].toLowerCase()}`,
            status,
            statusLabel: BANK_STATUS_LABELS[status],
            tabs: STATUSES.map((s) => ({ status: s, label: BANK_STATUS_LABELS[s], count: counts[s], current: s === status })),
            items: lines.map((l) => ({ ...l, decisions: decisionsShown(l, cases).filter((d) => !d.undone).slice(0, 3), undone: decisionsShown(l, cases).some((d) => d.undone), allocations: l.allocations.map((a) => ({ ...a, caseNumber: cases.get(a.fineId) ?? String(a.fineId) })) })),
            pager: pager('/app/betalingen', page, PER_PAGE, counts[status], { status }),
          },
        };
      },
    }),
    definePage({
      method: 'get', path: '/betalingen/:id', permission: 'payments:read',
      handler: async ({ params, query }) => linePage(services, params.id, { done: query.gedaan }),
    }),
  ];
}
