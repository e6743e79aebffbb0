import type { z } from 'zod';
import { AppError, type FieldError } from '../shared/errors.js';
import { fieldErrors } from '../shared/http/validate.js';

/** What a form template shows: a message per field (next to it) and a summary at the top. */
export interface FormErrors {
  /** Field name as in the form (`offender.surname`) → message. */
  fields: Record<string, string>;
  /** In page order, each linking to its field. */
  summary: Array<{ href: string; text: string }>;
  /** An error that belongs to no field (a rule of the service), or null. */
  message: string | null;
}

/** The HTML id of a field: `offender.address.postcode` → `f-offender-address-postcode`. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** zod's English defaults, said in Dutch; the services' own messages are Dutch already. */
function dutch(message: string): string {
  if (/received undefined|^verplicht$/.test(message)) return 'Vul dit veld in.';
  if (/expected number/.test(message)) return 'Vul een getal in.';
  const length = /^Too (big|small): expected string to have [<>]=(\d+) characters?/.exec(message);
  if (length) return length[1] === 'small' ? `Vul minstens ${length[2]} tekens in.` : `Gebruik hoogstens ${length[2]} tekens.`;
  if (/^Too (big|small)/.test(message)) return 'Deze waarde valt buiten het toegestane bereik.';
  if (/^Invalid/.test(message)) return 'Deze waarde is niet geldig.';
  // The services say 'een postcode zoals 2711 CJ': on a form that is an instruction.
  if (/^een /.test(message)) return `Vul ${message} in.`;
  return message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? '' : '.');
}

/**
 * Field errors of a service or a schema → what the form shows. `labels` names the form's fields in
 * page order; an error on a field the form does not have goes into the general message.
 */
export function toFormErrors(errors: readonly FieldError[], labels: Record<string, string>, message: string | null = null): FormErrors {
  const fields: Record<string, string> = {};
  const loose: string[] = [];
  for (const e of errors) {
    if (e.field in labels) fields[e.field] ??= dutch(e.message);
    else loose.push(dutch(e.message));
  }
  const summary = Object.keys(labels)
    .filter((name) => fields[name])
    .map((name) => ({ href: `#${fieldId(name)}`, text: `${labels[name]}: ${fields[name]}` }));
  return { fields, summary, message: [message, ...loose].filter(Boolean).join(' ') || null };
}

export function fromSchema(error: z.ZodError, labels: Record<string, string>): FormErrors {
  return toFormErrors(fieldErrors(error), labels);
}

/**
 * A service's refusal (validation, rule, conflict: status 400–422) as form errors; anything else
 * is rethrown for the error page.
 */
export function fromServiceError(err: unknown, labels: Record<string, string>): FormErrors {
  if (!(err instanceof AppError) || err.status < 400 || err.status > 422 || err.status === 401 || err.status === 403) throw err;
  const errors = err.errors ?? [];
  const onFields = errors.some((e) => e.field in labels);
  return toFormErrors(errors, labels, onFields ? null : err.message);
}

/** A flat form (`offender.address.city` → value) as the nested object a service schema expects; empty fields are left out. */
export function nestForm(form: Record<string, string>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = form[name];
    if (value === undefined || value.trim() === '') continue;
    const keys = name.split('.');
    let node = out;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]!] = value;
  }
  return out;
}
