import type { Response } from 'express';
import type { Services } from '../../services.js';
import { civilDate } from '../../shared/http/validate.js';
import { ageingCsv, trialBalanceCsv } from '../../modules/payments/finance-reports.js';
import { definePage, type PageSpec } from '../pages.js';
import { pageParams, pager } from '../pagination.js';
import { toFormErrors, type FormErrors } from '../form-errors.js';

const PER_PAGE = 50;

/** How the ledger's accounts read on the trial balance. */
const ACCOUNT_LABELS: Record<string, string> = {
  'receivable:fines': 'Te ontvangen boetes',
  'receivable:costs': 'Te ontvangen kosten (aanmaning, dwangbevel)',
  'receivable:interest': 'Te ontvangen wettelijke rente',
  'revenue:fines': 'Opbrengst boetes',
  'revenue:costs': 'Opbrengst kosten',
  'revenue:interest': 'Opbrengst rente',
  'suspense:unallocated': 'Tussenrekening: nog niet toegewezen betalingen',
  'liability:refunds': 'Terug te betalen aan betalers',
  'expense:write-offs': 'Afgeboekte boetes',
};
const accountLabel = (account: string) => ACCOUNT_LABELS[account] ?? (account.startsWith('bank:') ? `Bankrekening ${account.slice(5)}` : account);

/** The date of a report (`?datum=`), today when absent; a wrong one is an error next to the field. */
function reportDate(query: Record<string, string>, today: string): { asOf: string; errors: FormErrors | null } {
  if (!query.datum) return { asOf: today, errors: null };
  const parsed = civilDate.safeParse(query.datum);
  if (parsed.success) return { asOf: parsed.data, errors: null };
  return { asOf: today, errors: toFormErrors([{ field: 'datum', message: 'Vul een bestaande datum in, zoals 31-03-2024.' }], { datum: 'Datum' }) };
}

/** A CSV download, written by the page itself (the handler then returns null). */
function sendCsv(res: Response, csv: { fileName: string; content: string }): null {
  res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${csv.fileName}"`).setHeader('Cache-Control', 'no-store').send(csv.content);
  return null;
}

/** Finance's reports: the trial balance and the open items by age, on a date, as a page or a CSV file. */
export function financeReportPages({ financeReports, clock }: Services): PageSpec[] {
  return [
    definePage({
      method: 'get', path: '/financien/proefbalans', permission: 'finance:reports',
      handler: async ({ query, res }) => {
        const { asOf, errors } = reportDate(query, clock.today());
        const report = await financeReports.trialBalance(asOf);
        if (query.formaat === 'csv' && !errors) return sendCsv(res, trialBalanceCsv(report));
        return {
          template: 'finance/proefbalans.njk',
          status: errors ? 400 : 200,
          data: { title: 'Proefbalans', report, items: report.items.map((i) => ({ ...i, label: accountLabel(i.account) })), form: { datum: query.datum ?? asOf }, errors, csvHref: `/app/financien/proefbalans?${new URLSearchParams({ datum: asOf, formaat: 'csv' }).toString()}` },
        };
      },
    }),
    definePage({
      method: 'get', path: '/financien/ouderdom', permission: 'finance:reports',
      handler: async ({ query, res }) => {
        const { asOf, errors } = reportDate(query, clock.today());
        const report = await financeReports.ageing(asOf);
        if (query.formaat === 'csv' && !errors) return sendCsv(res, ageingCsv(report));
        const { page, limit, offset } = pageParams(query, PER_PAGE);
        return {
          template: 'finance/ouderdom.njk',
          status: errors ? 400 : 200,
          data: {
            title: 'Ouderdom openstaande posten',
            report,
            totalOpenCents: report.buckets.reduce((s, b) => s + b.openCents, 0),
            items: report.items.slice(offset, offset + limit).map((i) => ({ ...i, bucketLabel: report.buckets.find((b) => b.bucket === i.bucket)?.label ?? i.bucket })),
            pager: pager('/app/financien/ouderdom', page, PER_PAGE, report.items.length, { datum: asOf }),
            form: { datum: query.datum ?? asOf },
            errors,
            csvHref: `/app/financien/ouderdom?${new URLSearchParams({ datum: asOf, formaat: 'csv' }).toString()}`,
          },
        };
      },
    }),
  ];
}
