import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { Actor } from '../modules/audit/audit.types.js';
import type { User } from '../modules/auth/auth.types.js';
import { isAllowed, type Permission } from '../modules/auth/permissions.js';
import type { ResolvedSession, WebSessionService } from '../modules/auth/web-session.service.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { CSRF_FIELD, sameToken } from './csrf.js';
import { renderPage } from './render.js';
import { multipartForm, type UploadedFile } from './upload.js';

export interface PageContext {
  actor: Actor;
  user: User;
  /** Query string values (strings only: repeated keys keep the first). */
  query: Record<string, string>;
  params: Record<string, string>;
  /** The posted form, flat: field names as written in the template (`offender.surname`). */
  form: Record<string, string>;
  requestId: string;
  /** The file of an upload page (`upload` in its spec), or null when none was chosen. */
  upload: UploadedFile | null;
  req: Request;
  res: Response;
}

/** A template with its data, a redirect after a successful POST, or null when the handler answered itself. */
export type PageResult = { template: string; data?: Record<string, unknown>; status?: number } | { redirect: string } | null;

/**
 * One page: its path, who may see it, and what it does — call an existing service and name a
 * template. The list of pages mounts the routes and drives the role × page test, like the API's
 * route specs.
 */
export interface PageSpec {
  method: 'get' | 'post';
  /** Express path below /app (`/rapporten/:id`); `/` is /app itself. */
  path: string;
  permission: Permission;
  /**
   * A file upload form (multipart/form-data, a POST): the field that holds the file and its size
   * limit. The form's other fields (and its CSRF token) must come before the file input.
   */
  upload?: { field: string; maxBytes: number };
  handler: (ctx: PageContext) => Promise<PageResult>;
}

export const definePage = (spec: PageSpec): PageSpec => spec;

function flat(values: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((values ?? {}) as Record<string, unknown>)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}

/** Loads the session behind the cookie, if any, into res.locals (pages and the access log read it). */
export function loadSession(webSessions: WebSessionService): RequestHandler {
  return async (req, res, next) => {
    const id = readCookie(req, SESSION_COOKIE);
    const session = id ? await webSessions.resolve(id) : null;
    if (session) {
      res.locals.webSession = session;
      res.locals.actor = session.actor;
    }
    next();
  };
}

/** Where the login page sends someone back to: only our own pages, never another site. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/app(\/[A-Za-z0-9/_-]*)?$/.test(value) ? value : '/app';
}

/** Signed in and allowed by the permission table. */
function access(permission: Permission): RequestHandler {
  return (req, res, next) => {
    const session = res.locals.webSession as ResolvedSession | undefined;
    if (!session) {
      const back = req.method === 'GET' ? `?terug=${encodeURIComponent(req.baseUrl + req.path)}` : '';
      return res.redirect(303, `/${back}`);
    }
    if (!isAllowed(session.user.role, permission)) {
      return renderPage(res, 'error.njk', { title: 'Geen toegang', message: 'U heeft geen toegang tot deze pagina met uw rol.' }, 403);
    }
    next();
  };
}

/** A form post carries this session's token. */
const csrfChecked: RequestHandler = (req, res, next) => {
  const session = res.locals.webSession as ResolvedSession;
  if (req.method !== 'GET' && !sameToken((req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD], session.csrfToken)) {
    return renderPage(res, 'error.njk', { title: 'Formulier verlopen', message: 'Het formulier kon niet worden gecontroleerd. Ga terug, laad de pagina opnieuw en probeer het nog eens.' }, 403);
  }
  next();
};

export function mountPages(router: Router, pages: readonly PageSpec[]): void {
  for (const page of pages) {
    // An upload's fields are read only after the session and role are checked, the file only after the token.
    const guards = page.upload ? [access(page.permission), multipartForm(page.upload.field, page.upload.maxBytes), csrfChecked] : [access(page.permission), csrfChecked];
    router[page.method](page.path, ...guards, async (req: Request, res: Response, next: NextFunction) => {
      const session = res.locals.webSession as ResolvedSession;
      const result = await page.handler({
        actor: session.actor,
        user: session.user,
        query: flat(req.query),
        params: flat(req.params),
        form: flat(req.body),
        requestId: res.locals.requestId,
        upload: (res.locals.upload as UploadedFile | null | undefined) ?? null,
        req,
        res,
      }).catch(next);
      if (!result) return;
      if ('redirect' in result) {
        // A page script's request (the upload's progress bar) is told where to go instead of redirected:
        // XMLHttpRequest would follow the redirect itself, and helmet's CSP upgrade-insecure-requests
        // turns that request into https on a server that speaks plain HTTP.
        if (req.get('x-requested-with') === 'XMLHttpRequest') return res.status(204).setHeader('Location', result.redirect).end();
        return res.redirect(303, result.redirect);
      }
      renderPage(res, result.template, result.data ?? {}, result.status);
    });
  }
}
