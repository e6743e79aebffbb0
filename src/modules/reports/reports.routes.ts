import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../shared/http/routes.js';
import { civilDate } from '../../shared/http/validate.js';
import type { Services } from '../../services.js';
import { sendEvaluationPdf, sendEvaluatorCsv } from './evaluation-downloads.js';

export function reportRoutes({ evaluation, clock, db, audit }: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/reports/evaluation', permission: 'reports:read', tag: 'Evaluatie',
      summary: 'De evaluatie van een pilotjaar (JSON): cohort = boetes opgelegd in dat jaar, geld per peildatum; geen persoonsgegevens',
      query: z.strictObject({ year: z.coerce.number().int().min(2024).max(2100), asOf: civilDate.optional(), format: z.enum(['json', 'csv', 'pdf']).default('json') }),
      success: { status: 200, description: 'Het rapport met contentHash (JSON), de PDF voor de raad, of de gepseudonimiseerde export per boete (CSV)' },
      handler: async ({ query, res, actor, requestId }) => {
        if (query.format === 'json') return { body: await evaluation.evaluation(query.year, query.asOf) };
        if (query.format === 'pdf') await sendEvaluationPdf({ evaluation, db, clock, audit }, res, query.year, query.asOf);
        else await sendEvaluatorCsv({ evaluation, db, clock, audit }, res, actor, query.year, query.asOf, requestId);
        return null;
      },
    }),
    defineRoute({
      method: 'get', path: '/reports/dashboard', permission: 'reports:read', tag: 'Evaluatie',
      summary: 'Dezelfde cijfers voor het lopende jaar tot vandaag (voor het dashboard)',
      success: { status: 200, description: 'Het rapport van het jaar tot nu' },
      handler: async () => {
        const today = clock.today();
        return { body: await evaluation.evaluation(Number(today.slice(0, 4)), today) };
      },
    }),
  ];
}
