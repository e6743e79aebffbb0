import type { FieldError } from '../../shared/errors.js';

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

/**
 * An amount in euros as people type it (`150`, `150,00`, `€ 1.500,50`, `150.5`) → cents. With a
 * comma, dots group thousands; without one, a dot before exactly three digits does too.
 */
export function euroToCents(text: string): number | null {
  let s = text.replace(/[€\s]/g, '');
  if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** The tariff form as catalogue.addTariff's input; what cannot be converted is reported per field. */
export function tariffFromForm(form: Record<string, string>): { value: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: Record<string, unknown> = { confirmed: form.confirmed === 'ja' };
  if (form.validFrom) value.validFrom = form.validFrom;
  if (form.source?.trim()) value.source = form.source;
  if (form.amount?.trim()) {
    const cents = euroToCents(form.amount);
    if (cents === null) errors.push({ field: 'amount', message: 'Vul een bedrag in euro in, zoals 150,00.' });
    else value.amountCents = cents;
  }
  return { value, errors };
}

/** The schema speaks of amountCents; the form's field is the amount in euros. */
export const onAmountField = (errors: readonly FieldError[]): FieldError[] => errors.map((e) => (e.field === 'amountCents' ? { ...e, field: 'amount' } : e));
