import { z } from 'zod';
import { ValidationError, type FieldError } from '../errors.js';

/** zod issues → field-level errors; the field is the dotted path (e.g. `offender.birthDate`). */
export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    let path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.join(', ');
      path = path ? `${path}.${issue.keys[0]}` : (issue.keys[0] ?? '');
      return { field: withPrefix(prefix, path), message: `onbekend veld: ${keys}` };
    }
    return { field: withPrefix(prefix, path) || prefix || 'body', message: issue.message };
  });
}

/** Fields are named as the caller wrote them (`offender.birthDate`, `on`); the whole input by where it was. */
function withPrefix(prefix: string | undefined, path: string): string {
  return path || prefix || '';
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query' | 'params'): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = fieldErrors(result.error, where);
    throw new ValidationError(`De ${where === 'body' ? 'invoer' : where === 'query' ? 'zoekparameters' : 'padparameters'} kloppen niet: ${errors.map((e) => e.field).join(', ')}.`, { errors });
  }
  return result.data;
}

/** Common schema pieces. */
export const civilDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'verwacht een datum JJJJ-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return y >= 1900 && y <= 2200 && dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'bestaat niet of valt buiten 1900–2200');

export const idParam = z.coerce.number().int().positive().max(2 ** 31 - 1);
