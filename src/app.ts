import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Config } from './config.js';
import type { Services } from './services.js';
import { errorHandler, notFoundHandler } from './shared/http/problem.js';
import { accessLog, requestId } from './shared/http/request-context.js';
import { mountRoutes, type RouteSpec } from './shared/http/routes.js';
import { buildOpenApi } from './shared/http/openapi.js';
import { knexIdempotencyStore } from './shared/http/idempotency.js';
import { ValidationError } from './shared/errors.js';
import { actorFor } from './modules/auth/auth.service.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { ledgerRoutes } from './modules/ledger/ledger.routes.js';
import { referenceRoutes } from './modules/reference/reference.routes.js';
import { catalogueRoutes } from './modules/catalogue/catalogue.routes.js';
import { fineRoutes } from './modules/fines/fines.routes.js';
import { noticeRoutes } from './modules/notices/notices.routes.js';
import { paymentRoutes } from './modules/payments/payments.routes.js';
import { collectionRoutes } from './modules/collection/collection.routes.js';
import { objectionRoutes } from './modules/objections/objections.routes.js';
import { writeOffRoutes } from './modules/writeoffs/writeoffs.routes.js';
import { reportRoutes } from './modules/reports/reports.routes.js';
import { readJson } from './shared/paths.js';
import { mountWeb } from './web/web.js';

/** All API routes, in one list: mounted below, documented in OpenAPI, walked by the role test. */
export function apiRoutes(services: Services): RouteSpec[] {
  return [
    ...authRoutes(services),
    ...referenceRoutes(services),
    ...catalogueRoutes(services),
    ...fineRoutes(services),
    ...noticeRoutes(services),
    ...paymentRoutes(services),
    ...collectionRoutes(services),
    ...objectionRoutes(services),
    ...writeOffRoutes(services),
    ...reportRoutes(services),
    ...ledgerRoutes(services),
    ...auditRoutes(services),
  ];
}

export interface AppOptions {
  /** Set while shutting down: /ready answers 503 so a load balancer stops sending traffic. */
  isShuttingDown?: () => boolean;
}

export function createApp(services: Services, config: Pick<Config, 'bodyLimit' | 'trustProxy'>, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(requestId);
  app.use(accessLog(services.logger));
  app.use(helmet());

  const routes = apiRoutes(services);
  const version = readJson<{ version: string }>('package.json').version;
  const openapi = buildOpenApi(routes, version);

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    try {
      if (options.isShuttingDown?.()) throw new Error('shutting down');
      await services.db.raw('select 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).type('application/problem+json').json({ type: 'https://bboor.example/problems/unavailable', title: 'Niet klaar', status: 503, requestId: res.locals.requestId });
    }
  });

  const api = express.Router();
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  // JSON only; anything else is refused with a clear problem instead of an empty body.
  api.use(express.json({ limit: config.bodyLimit, strict: true }));
  const uploadPaths = routes.filter((r) => r.upload).map((r) => `${r.method.toUpperCase()} ${r.path}`);
  api.use((req, _res, next) => {
    if (uploadPaths.includes(`${req.method} ${req.path}`)) return next();
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && req.headers['content-length'] !== '0' && req.headers['content-type'] && !req.is('application/json')) {
      return next(new ValidationError('Stuur JSON (Content-Type: application/json).', { errors: [{ field: 'Content-Type', message: 'verwacht application/json' }] }));
    }
    next();
  });
  mountRoutes(api, routes, {
    authenticator: async (token) => {
      const user = await services.auth.authenticateToken(token);
      return user ? actorFor(user) : null;
    },
    idempotency: knexIdempotencyStore(services.db, () => services.clock.now()),
  });
  app.use('/api/v1', api);
  // The web pages for people (login at /, pages below /app); the API above is for machines.
  mountWeb(app, services, config);

  app.use(notFoundHandler);
  app.use(errorHandler(services.logger));
  return app;
}
