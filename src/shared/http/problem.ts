import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, NotFoundError, PayloadTooLargeError, ValidationError } from '../errors.js';
import { translateDbError } from '../db.js';

export const PROBLEM_TYPE_BASE = 'https://bboor.example/problems/';

export function sendProblem(res: Response, err: AppError, instance?: string): void {
  res
    .status(err.status)
    .type('application/problem+json')
    .json({
      type: `${PROBLEM_TYPE_BASE}${err.code}`,
      title: err.title,
      status: err.status,
      detail: err.message,
      ...(instance ? { instance } : {}),
      ...(err.errors ? { errors: err.errors } : {}),
      ...(err.extensions ?? {}),
      requestId: res.locals.requestId,
    });
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`Geen route voor ${req.method} ${req.path}.`));
};

/** Turns anything thrown into RFC 9457 problem+json. Unknown errors are logged and become a 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (rawErr, req, res, next) => {
    if (res.headersSent) return next(rawErr);
    const bodyErr = rawErr as { type?: string; status?: number };
    // Errors from the body parser.
    if (bodyErr.type === 'entity.too.large') return sendProblem(res, new PayloadTooLargeError('De body is groter dan toegestaan.'));
    if (bodyErr.type === 'entity.parse.failed') return sendProblem(res, new ValidationError('De body is geen geldige JSON.', { errors: [{ field: 'body', message: 'geen geldige JSON' }] }));
    if (bodyErr.type === 'charset.unsupported' || bodyErr.type === 'encoding.unsupported') return sendProblem(res, new ValidationError('Deze tekenset wordt niet ondersteund.'));
    const err = translateDbError(rawErr);
    if (err instanceof AppError) return sendProblem(res, err, req.originalUrl.split('?')[0]);
    // Log the error without request bodies: they may hold personal data.
    logger.error({ err: { message: (err as Error)?.message, stack: (err as Error)?.stack }, requestId: res.locals.requestId }, 'unhandled error');
    res.status(500).type('application/problem+json').json({
      type: `${PROBLEM_TYPE_BASE}internal`,
      title: 'Interne fout',
      status: 500,
      detail: 'Er ging iets mis. Noem het request-id als u contact opneemt.',
      requestId: res.locals.requestId,
    });
  };
}
