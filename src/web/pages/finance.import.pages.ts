import type { Services } from '../../services.js';
import { AppError, NotFoundError } from '../../shared/errors.js';
import { MAX_STATEMENT_BYTES } from '../../modules/payments/payments.routes.js';
import type { FormatOption } from '../../modules/payments/parsers/statement.types.js';
import { definePage, type PageSpec } from '../pages.js';
import { toFormErrors, type FormErrors } from '../form-errors.js';
import { BANK_STATUS_LABELS } from './finance.labels.js';

/** The formats the import reads, as the upload form offers them. */
export const STATEMENT_FORMATS: ReadonlyArray<{ value: FormatOption; label: string }> = [
  { value: 'auto', label: 'Automatisch herkennen' },
  { value: 'camt053', label: 'CAMT.053 (XML)' },
  { value: 'mt940', label: 'MT940 / MT940S' },
  { value: 'ing-csv', label: 'ING CSV' },
  { value: 'rabobank-csv', label: 'Rabobank CSV' },
];

const formatLabel = (format: string) => STATEMENT_FORMATS.find((f) => f.value === format)?.label ?? format;
const LABELS = { formaat: 'Formaat', bestand: 'Bankafschrift' };
const ID = /^\d{1,9}$/;

/** Finance reads a bank statement: the upload form, a dry run's summary, a refusal's bad lines, a stored import's result. */
export function financeImportPages({ imports }: Services): PageSpec[] {
  const formPage = (form: Record<string, string>, errors: FormErrors | null, refused: { message: string; problems: unknown[] } | null = null, status = 200) => ({
    template: 'finance/afschrift.njk',
    status,
    data: { title: refused ? 'Afschrift niet ingelezen' : 'Afschrift inlezen', formats: STATEMENT_FORMATS, maxMegabytes: MAX_STATEMENT_BYTES / 1024 / 1024, form, errors, refused },
  });

  return [
    definePage({
      method: 'get', path: '/afschriften', permission: 'payments:import',
      handler: async () => formPage({ formaat: 'auto' }, null),
    }),
    definePage({
      method: 'post', path: '/afschriften', permission: 'payments:import', upload: { field: 'bestand', maxBytes: MAX_STATEMENT_BYTES },
      handler: async ({ actor, form, upload, requestId }) => {
        const format = STATEMENT_FORMATS.find((f) => f.value === form.formaat)?.value ?? 'auto';
        const kept = { formaat: format, proefimport: form.proefimport ?? '' };
        if (!upload) return formPage(kept, toFormErrors([{ field: 'bestand', message: 'Kies het bestand van de bank.' }], LABELS), null, 400);
        const dryRun = form.proefimport === 'ja';
        try {
          const result = await imports.importStatement(actor, upload.stream, { format, fileName: upload.fileName, dryRun, requestId });
          if (result.dryRun) return { template: 'finance/proefimport.njk', data: { title: 'Proefimport', result, fileName: upload.fileName, formatLabel: formatLabel(result.format) } };
          return { redirect: `/app/afschriften/${result.statementId}` };
        } catch (err) {
          // A file refused as a whole (bad lines, unreadable, too large) stores nothing: show why, with the form again.
          if (!(err instanceof AppError) || err.status < 400 || err.status > 422) throw err;
          const problems = (err.errors ?? []).map((e) => ({ line: e.line ?? null, field: e.field, message: e.message }));
          return formPage(kept, null, { message: err.message, problems }, err.status);
        }
      },
    }),
    definePage({
      method: 'get', path: '/afschriften/:id', permission: 'payments:read',
      handler: async ({ params }) => {
        if (!ID.test(params.id ?? '')) throw new NotFoundError('Deze import bestaat niet.');
        const summary = await imports.summary(Number(params.id));
        const lines = Object.entries(summary.lines).filter(([, n]) => n > 0).map(([status, n]) => ({ status, label: BANK_STATUS_LABELS[status as keyof typeof BANK_STATUS_LABELS], n }));
        return { template: 'finance/import.njk', data: { title: `Import ${summary.id}`, summary, lines, formatLabel: formatLabel(summary.format) } };
      },
    }),
  ];
}
