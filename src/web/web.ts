import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../config.js';
import type { Services } from '../services.js';
import { AppError } from '../shared/errors.js';
import { fromRoot } from '../shared/paths.js';
import type { ResolvedSession } from '../modules/auth/web-session.service.js';
import { clearCookie, LOGIN_CSRF_COOKIE, readCookie, SESSION_COOKIE, setCookie } from './cookies.js';
import { CSRF_FIELD, issueLoginCsrf, loginCsrfValid, sameToken } from './csrf.js';
import { loadSession, mountPages, safeReturnPath, type PageSpec } from './pages.js';
import { renderPage } from './render.js';
import { homePages } from './pages/home.pages.js';
import { boaPages } from './pages/boa.pages.js';
import { evaluatorPages } from './pages/evaluator.pages.js';
import { adminPages } from './pages/admin.pages.js';
import { backofficePages } from './pages/backoffice.pages.js';
import { financePages } from './pages/finance.pages.js';

/** All web pages below /app, in one list: mounted below, walked by the role × page test. */
export function webPages(services: Services): PageSpec[] {
  return [...homePages(services), ...boaPages(services), ...backofficePages(services), ...financePages(services), ...evaluatorPages(services), ...adminPages(services)];
}

const require = createRequire(import.meta.url);
/** A folder of an installed npm package: the styles are served from node_modules, never from a CDN. */
const packageDir = (name: string, sub: string) => path.join(path.dirname(require.resolve(`${name}/package.json`)), sub);

function assets(): express.Router {
  const router = express.Router();
  const options = { maxAge: '1h', index: false, fallthrough: false } as const;
  router.use('/nl-design-system', express.static(packageDir('@utrecht/component-library-css', 'dist'), options));
  router.use('/design-tokens', express.static(packageDir('@utrecht/design-tokens', 'dist'), options));
  router.use(express.static(fromRoot('templates', 'web', 'static'), options));
  return router;
}

function loginPage(res: Response, data: Record<string, unknown>, status = 200) {
  renderPage(res, 'login.njk', { title: 'Inloggen', ...data }, status);
}

function loginRoutes({ webSessions }: Services): { show: RequestHandler; login: RequestHandler; logout: RequestHandler } {
  return {
    show: (req, res) => {
      if (res.locals.webSession) return res.redirect(303, '/app');
      issueLoginCsrf(req, res);
      loginPage(res, { terug: safeReturnPath(req.query.terug), loggedOut: req.query.uitgelogd === '1' });
    },
    login: async (req, res) => {
      const form = (req.body ?? {}) as Record<string, unknown>;
      const terug = safeReturnPath(form.terug);
      if (!loginCsrfValid(req)) {
        issueLoginCsrf(req, res);
        return loginPage(res, { terug, error: 'Het formulier was verlopen. Probeer het nog eens.' }, 403);
      }
      const username = typeof form.gebruikersnaam === 'string' ? form.gebruikersnaam.slice(0, 100) : '';
      const password = typeof form.wachtwoord === 'string' ? form.wachtwoord.slice(0, 200) : '';
      const outcome = await webSessions.login(username, password, res.locals.requestId);
      if (!outcome.ok) {
        issueLoginCsrf(req, res);
        const error = outcome.reason === 'locked'
          ? 'Er is te vaak een verkeerd wachtwoord ingevuld. Deze gebruikersnaam is 15 minuten geblokkeerd.'
          : 'De gebruikersnaam of het wachtwoord klopt niet.';
        return loginPage(res, { terug, username, error }, outcome.reason === 'locked' ? 429 : 401);
      }
      clearCookie(req, res, LOGIN_CSRF_COOKIE);
      setCookie(req, res, SESSION_COOKIE, outcome.sessionId);
      res.redirect(303, terug);
    },
    logout: async (req, res) => {
      const session = res.locals.webSession as ResolvedSession | undefined;
      const id = readCookie(req, SESSION_COOKIE);
      if (session && id && sameToken((req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD], session.csrfToken)) {
        await webSessions.logout(id, res.locals.requestId);
      }
      clearCookie(req, res, SESSION_COOKIE);
      res.redirect(303, '/?uitgelogd=1');
    },
  };
}

function webErrors(services: Services): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof AppError) {
      return renderPage(res, 'error.njk', { title: err.title, message: err.message }, err.status);
    }
    if ((err as { type?: string }).type === 'entity.too.large') {
      return renderPage(res, 'error.njk', { title: 'Te groot', message: 'Het formulier is te groot.' }, 413);
    }
    // No request body in the log: forms hold personal data.
    services.logger.error({ err: { message: (err as Error)?.message, stack: (err as Error)?.stack }, requestId: res.locals.requestId }, 'unhandled error on a web page');
    renderPage(res, 'error.njk', { title: 'Er ging iets mis', message: `Probeer het later nog eens. Noem dit nummer als u contact opneemt: ${res.locals.requestId}.` }, 500);
  };
}

/** The web pages: login at /, the pages below /app, the styles and scripts below /assets. */
export function mountWeb(app: Express, services: Services, config: Pick<Config, 'bodyLimit'>): void {
  const forms = express.urlencoded({ extended: false, limit: config.bodyLimit, parameterLimit: 200 });
  const session = loadSession(services.webSessions);
  const login = loginRoutes(services);
  app.use('/assets', assets());
  app.get('/', session, login.show);
  app.post('/inloggen', forms, session, login.login);
  app.post('/uitloggen', forms, session, login.logout);

  const pages = express.Router();
  pages.use(session, forms);
  mountPages(pages, webPages(services));
  pages.use((req: Request, res: Response) => {
    if (!res.locals.webSession) return res.redirect(303, '/');
    renderPage(res, 'error.njk', { title: 'Pagina niet gevonden', message: 'Deze pagina bestaat niet.' }, 404);
  });
  pages.use(webErrors(services));
  app.use('/app', pages);
}
