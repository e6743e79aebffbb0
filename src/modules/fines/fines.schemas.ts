import { z } from 'zod';
import { civilDate } from '../../shared/http/validate.js';

/**
 * Text a person typed: trimmed, within bounds, and without control characters (which only ever
 * come from broken clients or tampering, and would garble the printed notice).
 */
function text(max: number, opts: { multiline?: boolean } = {}) {
  // Matching control characters is the point of this pattern.
  // eslint-disable-next-line no-control-regex
  const forbidden = opts.multiline ? /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/ : /[\u0000-\u001F\u007F]/;
  return z.string().trim().min(1, 'verplicht').max(max, `hoogstens ${max} tekens`).refine((s) => !forbidden.test(s), 'bevat ongeldige stuurtekens');
}

const dutchPostcode = /^[1-9]\d{3} ?[A-Z]{2}$/;

export const registrationSchema = z.strictObject({
  offenceCode: z.string().trim().min(1, 'verplicht').max(20),
  observedAt: z.iso.datetime({ offset: true, message: 'verwacht een tijdstip met tijdzone, zoals 2024-03-05T14:30:00+01:00' }),
  location: z.strictObject({
    street: text(120),
    houseNumber: text(20).optional(),
    postcode: z.string().trim().toUpperCase().regex(dutchPostcode, 'een postcode zoals 2711 CJ').optional(),
    district: text(80),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
  }),
  offender: z.strictObject({
    givenNames: text(120),
    surname: text(120),
    birthDate: civilDate,
    address: z
      .strictObject({
        street: text(120),
        houseNumber: text(20),
        postcode: text(10),
        city: text(80),
        country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'landcode zoals NL').default('NL'),
      })
      .refine((a) => a.country !== 'NL' || dutchPostcode.test(a.postcode.toUpperCase()), { message: 'een postcode zoals 2711 CJ', path: ['postcode'] }),
  }),
  observation: text(4000, { multiline: true }),
});

export const reasonSchema = z.strictObject({ reason: text(500) });

export const issueSchema = z.strictObject({ lateReason: text(500).optional() });

export const fineListQuery = z.strictObject({
  status: z.enum(['registered', 'withdrawn', 'issued', 'overdue', 'partially_paid', 'paid', 'reminded', 'enforcement', 'objection_pending', 'payment_plan', 'refund_due', 'written_off', 'cancelled']).optional(),
  offenceCode: z.string().max(20).optional(),
  district: z.string().max(80).optional(),
  issuedFrom: civilDate.optional(),
  issuedTo: civilDate.optional(),
  paymentReference: z.string().regex(/^\d{16}$/, '16 cijfers').optional(),
  caseNumber: z.string().max(20).optional(),
  sort: z.enum(['caseNumber', 'offenceDate', 'issuedOn', 'dueOn', 'amountCents', 'registeredAt']).default('registeredAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
