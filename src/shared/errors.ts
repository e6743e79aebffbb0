// One small error class per kind of failure, each with its HTTP status and a stable problem type.
// Services throw these; the HTTP layer turns them into RFC 9457 problem+json, the CLI into a message.

export interface FieldError {
  field: string;
  message: string;
  /** For errors in an uploaded file: the 1-based line. */
  line?: number;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  abstract readonly title: string;
  readonly errors?: FieldError[];
  /** Extra members for the problem document (no personal data). */
  readonly extensions?: Record<string, unknown>;

  constructor(detail: string, options?: { errors?: FieldError[]; extensions?: Record<string, unknown> }) {
    super(detail);
    this.name = new.target.name;
    if (options?.errors) this.errors = options.errors;
    if (options?.extensions) this.extensions = options.extensions;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = 'validation-failed';
  readonly title = 'De invoer is niet geldig';
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = 'unauthorized';
  readonly title = 'Niet aangemeld';
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'forbidden';
  readonly title = 'Geen toegang';
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'not-found';
  readonly title = 'Niet gevonden';
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly code = 'conflict';
  readonly title = 'Conflict';
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = 'payload-too-large';
  readonly title = 'Te groot verzoek';
}

/** A well-formed request that a business rule refuses (e.g. an unbalanced journal entry). */
export class RuleViolationError extends AppError {
  readonly status = 422;
  readonly code = 'rule-violation';
  readonly title = 'Niet toegestaan volgens de regels';
}

export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly code = 'unavailable';
  readonly title = 'Dienst niet beschikbaar';
}
