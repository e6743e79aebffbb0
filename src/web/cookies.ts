import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'bboor_sessie';
export const LOGIN_CSRF_COOKIE = 'bboor_login_csrf';

/** The request's cookies (no dependency: two cookies of our own are all we read). */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure when the
 * request came over HTTPS — directly or, with BBOOR_TRUST_PROXY, as the proxy says (req.secure).
 * No Max-Age: the browser forgets it when closed; the server ends it anyway (idle and absolute).
 */
export function setCookie(req: Request, res: Response, name: string, value: string): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}

export function clearCookie(req: Request, res: Response, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}
