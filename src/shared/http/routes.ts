import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../modules/audit/audit.types.js';
import type { Permission } from '../../modules/auth/permissions.js';
import { parseOrThrow } from './validate.js';
import { authenticate, requirePermission, type Authenticator } from './auth.js';
import { withIdempotency, type IdempotencyStore } from './idempotency.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HandlerContext<B, Q, P> {
  actor: Actor;
  body: B;
  query: Q;
  params: P;
  requestId: string;
  req: Request;
  res: Response;
}

/** What a handler returns: a JSON body with a status, or `null` when it wrote the response itself. */
export type HandlerResult = { status?: number; body?: unknown; headers?: Record<string, string> } | null;

/**
 * One route: its path, who may call it, how its input looks, and what it does. The same list
 * mounts the Express routes, writes the OpenAPI document and drives the role × route test.
 */
export interface RouteSpec<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType> {
  method: Method;
  /** Express path below /api/v1, e.g. `/users/:id/tokens`. */
  path: string;
  permission: Permission;
  summary: string;
  tag: string;
  body?: B;
  query?: Q;
  params?: P;
  /** The body is a file, streamed to the handler (not JSON), up to this many bytes. */
  upload?: { maxBytes: number; contentTypes: string[] };
  /** Status of a successful answer and what it holds, for the OpenAPI document. */
  success: { status: number; description: string; contentType?: string };
  handler: (ctx: HandlerContext<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<HandlerResult>;
}

// Helps TypeScript infer the schema types of each route.
export function defineRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(spec: RouteSpec<B, Q, P>): RouteSpec {
  return spec as unknown as RouteSpec;
}

export interface MountDeps {
  authenticator: Authenticator;
  idempotency: IdempotencyStore;
}

export function mountRoutes(router: Router, specs: readonly RouteSpec[], deps: MountDeps): void {
  for (const spec of specs) {
    router[spec.method](spec.path, authenticate(deps.authenticator), requirePermission(spec.permission), async (req, res) => {
      const actor = res.locals.actor as Actor;
      const run = async (): Promise<{ status: number; body: unknown; headers?: Record<string, string> } | null> => {
        const body = spec.body ? parseOrThrow(spec.body, req.body ?? {}, 'body') : undefined;
        const query = spec.query ? parseOrThrow(spec.query, req.query, 'query') : undefined;
        const params = spec.params ? parseOrThrow(spec.params, req.params, 'params') : undefined;
        const result = await spec.handler({ actor, body, query, params, requestId: res.locals.requestId, req, res });
        if (result === null) return null;
        return { status: result.status ?? spec.success.status, body: result.body, ...(result.headers ? { headers: result.headers } : {}) };
      };
      const outcome = spec.method === 'post' && req.get('idempotency-key')
        ? await withIdempotency(deps.idempotency, { actor, key: req.get('idempotency-key')!, method: spec.method, path: req.path, body: req.body }, run)
        : await run();
      if (outcome === null) return;
      for (const [k, v] of Object.entries(outcome.headers ?? {})) res.setHeader(k, v);
      if (outcome.body === undefined) res.status(outcome.status).end();
      else res.status(outcome.status).json(outcome.body);
    });
  }
}
