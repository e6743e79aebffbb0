import type { FieldError } from '../../shared/errors.js';
import { parseEuroInput } from '../euro-input.js';

/** The admin's forms: field name → the label the error summary uses, in page order. */
export const USER_LABELS: Record<string, string> = {
  name: 'Naam',
  username: 'Gebruikersnaam',
  role: 'Rol',
  badgeNumber: 'Pasnummer',
  password: 'Wachtwoord',
};
export const TOKEN_LABELS: Record<string, string> = { label: 'Omschrijving van het token' };
export const PASSWORD_LABELS: Record<string, string> = { password: 'Nieuw wachtwoord' };
export const REASON_LABELS: Record<string, string> = { reason: 'Reden' };
export const TARIFF_LABELS: Record<string, string> = {
  validFrom: 'Geldig vanaf',
  amount: 'Bedrag',
  source: 'Bron',
  confirmed: 'Bevestigd',
};

/** The tariff form as catalogue.addTariff's input; what cannot be converted is reported per field. */
export function tariffFromForm(form: Record<string, string>): { value: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: Record<string, unknown> = { confirmed: form.confirmed === 'ja' };
  if (form.validFrom) value.validFrom = form.validFrom;
  if (form.source?.trim()) value.source = form.source;
  if (form.amount?.trim()) {
    const cents = parseEuroInput(form.amount);
    if (cents === null) errors.push({ field: 'amount', message: 'Vul een bedrag in euro in, zoals 150,00.' });
    else value.amountCents = cents;
  }
  return { value, errors };
}

/** The schema speaks of amountCents; the form's field is the amount in euros. */
export const onAmountField = (errors: readonly FieldError[]): FieldError[] => errors.map((e) => (e.field === 'amountCents' ? { ...e, field: 'amount' } : e));
