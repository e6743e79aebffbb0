import type { Services } from '../../services.js';
import type { EvaluationReport } from '../../modules/reports/evaluation.types.js';
import { sendEvaluationJson, sendEvaluationPdf, sendEvaluatorCsv } from '../../modules/reports/evaluation-downloads.js';
import { definePage, type PageSpec } from '../pages.js';
import { barChart, shareLineChart } from '../charts.js';

/** The first pilot year: the API takes no earlier one either. */
const FIRST_YEAR = 2024;
const MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const MONTH_NAMES = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
/** The days of the collection curve shown in its table (the whole curve is in the JSON). */
const CURVE_DAYS = [0, 14, 30, 42, 60, 90, 120, 180, 270, 365];

const wholeEuros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const count = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`.replace('.', ',');

/** The years to choose from: the first pilot year up to this one. `jaar` outside them → this year. */
function yearsAndChoice(today: string, wanted: string | undefined): { years: number[]; year: number } {
  const current = Number(today.slice(0, 4));
  const years = Array.from({ length: Math.max(1, current - FIRST_YEAR + 1) }, (_, i) => current - i);
  const n = Number(wanted);
  return { years, year: years.includes(n) ? n : current };
}

/** The dashboard's charts and the tables that say the same in words and numbers. */
function dashboard(report: EvaluationReport, curve: { days: number; share: number }[], offenceNames: Map<string, string>) {
  const months = report.fines.byMonth.map((m, i) => ({ ...m, label: MONTHS[i]!, name: MONTH_NAMES[i]! }));
  return {
    months,
    issuedChart: barChart(months.map((m) => ({ label: m.label, values: [m.issued] })), ['Opgelegd'], (n) => count.format(n)),
    moneyChart: barChart(months.map((m) => ({ label: m.label, values: [m.imposedCents / 100, m.collectedCents / 100] })), ['Opgelegd', 'Geïnd'], (n) => wholeEuros.format(n)),
    curveChart: shareLineChart(curve.map((p) => ({ x: p.days, y: p.share })), 365, 60, (d) => `${d}`, percent),
    curveTable: CURVE_DAYS.map((days) => ({ days, share: percent(curve[days]?.share ?? 0) })),
    offences: report.fines.byOffence
      .map((o) => ({ ...o, name: offenceNames.get(o.offenceCode) ?? '' }))
      .sort((a, b) => b.issued - a.issued || a.offenceCode.localeCompare(b.offenceCode)),
    rates: {
      collection: percent(report.money.collectionRate),
      withinTerm: percent(report.timeliness.paidWithinTermShare),
    },
  };
}

/**
 * The evaluator's pages: the dashboard of a pilot year (year to date for this year) and the
 * evaluation's downloads. Aggregates only: nothing here names or identifies a person.
 */
export function evaluatorPages(services: Services): PageSpec[] {
  const { evaluation, catalogue, clock } = services;
  const yearOf = (query: Record<string, string>) => yearsAndChoice(clock.today(), query.jaar).year;

  return [
    definePage({
      method: 'get', path: '/evaluatie', permission: 'reports:read',
      handler: async ({ query }) => {
        const today = clock.today();
        const { years, year } = yearsAndChoice(today, query.jaar);
        const { report, curve } = await evaluation.evaluationWithCurve(year, today);
        const names = new Map((await catalogue.offencesOn(today)).map((o) => [o.code, o.shortName]));
        return {
          template: 'evaluator/dashboard.njk',
          data: { title: `Evaluatie ${year}`, years, year, yearToDate: year === Number(today.slice(0, 4)), report, ...dashboard(report, curve, names) },
        };
      },
    }),
    definePage({
      method: 'get', path: '/evaluatie/rapport.pdf', permission: 'reports:read',
      handler: async ({ query, res }) => {
        await sendEvaluationPdf(services, res, yearOf(query));
        return null;
      },
    }),
    definePage({
      method: 'get', path: '/evaluatie/export.csv', permission: 'reports:read',
      handler: async ({ query, res, actor, requestId }) => {
        await sendEvaluatorCsv(services, res, actor, yearOf(query), undefined, requestId);
        return null;
      },
    }),
    definePage({
      method: 'get', path: '/evaluatie/rapport.json', permission: 'reports:read',
      handler: async ({ query, res }) => {
        await sendEvaluationJson(services, res, yearOf(query));
        return null;
      },
    }),
  ];
}
