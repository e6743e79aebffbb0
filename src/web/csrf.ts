import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { LOGIN_CSRF_COOKIE, readCookie, setCookie } from './cookies.js';

/** The name of the hidden field every form carries: `<input type="hidden" name="_csrf" value="{{ csrfToken }}">`. */
export const CSRF_FIELD = '_csrf';

export function sameToken(given: unknown, expected: string | undefined): boolean {
  if (typeof given !== 'string' || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Before there is a session (the login form) the token is tied to a cookie instead: a random
 * value in an HttpOnly, SameSite=Strict cookie that the form must repeat.
 */
export function issueLoginCsrf(req: Request, res: Response): string {
  const existing = readCookie(req, LOGIN_CSRF_COOKIE);
  const token = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
  if (token !== existing) setCookie(req, res, LOGIN_CSRF_COOKIE, token);
  res.locals.loginCsrf = token;
  return token;
}

export function loginCsrfValid(req: Request): boolean {
  return sameToken((req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD], readCookie(req, LOGIN_CSRF_COOKIE));
}
