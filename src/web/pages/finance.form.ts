import type { FieldError } from '../../shared/errors.js';
import { normalizeKenmerk } from '../../domain/betalingskenmerk.js';
import { fieldErrors } from '../../shared/http/validate.js';
import { reason as reasonSchema } from '../../modules/payments/payments.routes.js';
import type { FinesService } from '../../modules/fines/fines.service.js';
import { parseEuroInput } from '../euro-input.js';

/** How many fine rows the allocation form shows at first, and at most (the API's limit). */
export const ALLOCATION_ROWS = 3;
export const MAX_ALLOCATION_ROWS = 50;

/** A positive euro amount as typed (parseEuroInput); zero is no amount to allocate or refund. */
export function euroToCents(text: string): number | null {
  const cents = parseEuroInput(text);
  return cents !== null && cents > 0 ? cents : null;
}

/** Cents as the form shows them again: 15000 → 150,00. */
export const centsToEuroText = (cents: number): string => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

/** The number of rows of the allocation form, from its hidden field (bounded). */
export function rowCount(form: Record<string, string>): number {
  const n = Number(form.regels);
  return Number.isSafeInteger(n) && n >= 1 ? Math.min(n, MAX_ALLOCATION_ROWS) : ALLOCATION_ROWS;
}

/** The allocation form's field labels in page order, for the error summary. */
export function allocationLabels(rows: number): Record<string, string> {
  const labels: Record<string, string> = {};
  for (let i = 0; i < rows; i++) {
    labels[`regel.${i}.boete`] = `Boete ${i + 1}`;
    labels[`regel.${i}.bedrag`] = `Bedrag ${i + 1}`;
  }
  labels.reason = 'Reden';
  return labels;
}

/** The reason of a decision, checked as the API checks it. */
export function readReason(form: Record<string, string>): { reason: string | null; errors: FieldError[] } {
  const parsed = reasonSchema.safeParse(form.reason ?? '');
  return parsed.success ? { reason: parsed.data, errors: [] } : { reason: null, errors: fieldErrors(parsed.error).map((e) => ({ ...e, field: 'reason' })) };
}

/**
 * The rows of the allocation form as the payments service's parts: each row names an issued fine
 * by case number or betalingskenmerk and an amount. Empty rows are skipped; what cannot be read
 * is reported next to its field.
 */
export async function allocationParts(fines: FinesService, form: Record<string, string>, rows: number): Promise<{ parts: { fineId: number; amountCents: number }[]; errors: FieldError[] }> {
  const parts: { fineId: number; amountCents: number }[] = [];
  const errors: FieldError[] = [];
  for (let i = 0; i < rows; i++) {
    const ref = (form[`regel.${i}.boete`] ?? '').trim();
    const amount = (form[`regel.${i}.bedrag`] ?? '').trim();
    if (ref === '' && amount === '') continue;
    const cents = euroToCents(amount);
    if (amount === '') errors.push({ field: `regel.${i}.bedrag`, message: 'Vul het bedrag voor deze boete in.' });
    else if (cents === null) errors.push({ field: `regel.${i}.bedrag`, message: 'Vul een bedrag in euro in, zoals 150,00.' });
    if (ref === '') {
      errors.push({ field: `regel.${i}.boete`, message: 'Vul het zaaknummer of het betalingskenmerk in.' });
      continue;
    }
    const byCase = await fines.list({ caseNumber: ref.toUpperCase(), sort: 'caseNumber', order: 'asc', limit: 1, offset: 0 });
    const found = byCase.items[0] ?? (await fines.list({ paymentReference: normalizeKenmerk(ref), sort: 'caseNumber', order: 'asc', limit: 1, offset: 0 })).items[0];
    if (!found) errors.push({ field: `regel.${i}.boete`, message: 'Er is geen boete met dit zaaknummer of betalingskenmerk.' });
    else if (parts.some((p) => p.fineId === found.id)) errors.push({ field: `regel.${i}.boete`, message: 'Deze boete staat al op een andere regel.' });
    else if (cents !== null) parts.push({ fineId: found.id, amountCents: cents });
  }
  if (parts.length === 0 && errors.length === 0) errors.push({ field: 'regel.0.boete', message: 'Vul minstens één boete in.' });
  return { parts, errors };
}
