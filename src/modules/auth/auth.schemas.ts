import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth.service.js';
import { ROLES } from './roles.js';

export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH, `minstens ${PASSWORD_MIN_LENGTH} tekens`).max(PASSWORD_MAX_LENGTH);

/** A new user, as the API and the admin's web form take it. */
export const newUserSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
  username: z.string().regex(/^[a-z0-9._-]{3,60}$/, '3–60 tekens: a–z, 0–9, . _ -').optional(),
  badgeNumber: z.string().regex(/^[A-Za-z0-9-]{3,20}$/, '3–20 letters, cijfers of -').optional(),
  password: passwordSchema.optional(),
});

export const tokenLabelSchema = z.string().trim().min(1).max(100);
export const reasonSchema = z.string().trim().min(1).max(500);
