import { z } from 'zod';
import { civilDate } from '../../shared/http/validate.js';

export const offenceCode = z.string().regex(/^[A-C]\.\d{1,2}[a-z]?(\.\d)?$/, 'een bijlagecode zoals A.31 of A.24.1');

/** A new dated tariff, as the API and the admin's web form take it. */
export const newTariffSchema = z.strictObject({
  validFrom: civilDate,
  amountCents: z.number().int().min(1).max(225_000_00),
  source: z.string().trim().min(5, 'noem de bron (besluit, Staatsblad)').max(500),
  confirmed: z.boolean().default(false),
});
