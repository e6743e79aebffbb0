import { z } from 'zod';
import { civilDate } from '../../shared/http/validate.js';

/** A bezwaarschrift as registered (Awb 6:7/6:8). */
export const lodgeSchema = z.strictObject({ receivedOn: civilDate, summary: z.string().trim().min(3).max(2000) });

/** The decision on an objection; a reduction (Awb 5:46 lid 3) names the new amount. */
export const decisionSchema = z.strictObject({ outcome: z.enum(['rejected', 'upheld', 'reduced']), newAmountCents: z.number().int().positive().optional(), reason: z.string().trim().min(3).max(2000) });
