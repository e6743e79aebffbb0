import type { RequestHandler } from 'express';
import type { Actor } from '../../modules/audit/audit.types.js';
import { isAllowed, type Permission } from '../../modules/auth/permissions.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';

/** Resolves a bearer token to the acting user, or null when the token is unknown or revoked. */
export type Authenticator = (token: string) => Promise<Actor | null>;

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{10,200})$/;

export function authenticate(authenticator: Authenticator): RequestHandler {
  return async (req, res, next) => {
    if (res.locals.actor) return next();
    const header = req.get('authorization');
    if (!header) return next(new UnauthorizedError('Stuur een API-token mee: Authorization: Bearer <token>.'));
    const match = BEARER.exec(header);
    const actor = match ? await authenticator(match[1]!) : null;
    if (!actor) return next(new UnauthorizedError('Het token is onbekend of ingetrokken.'));
    res.locals.actor = actor;
    next();
  };
}

/** The single role check: the permission table decides. */
export function requirePermission(permission: Permission): RequestHandler {
  return (_req, res, next) => {
    const actor = res.locals.actor as Actor;
    if (actor.role === 'system' || !isAllowed(actor.role, permission)) {
      return next(new ForbiddenError(`De rol ${actor.role} mag dit niet (${permission}).`));
    }
    next();
  };
}
