import { z } from 'zod';
import type { RouteSpec } from './routes.js';
import { PERMISSIONS } from '../../modules/auth/permissions.js';

/** Express `/users/:id` → OpenAPI `/users/{id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const PROBLEM_RESPONSES: Record<string, string> = {
  '400': 'Ongeldige invoer (velden in `errors`)',
  '401': 'Geen of een ongeldig token',
  '403': 'De rol mag dit niet',
  '404': 'Niet gevonden',
  '409': 'Conflict (bestaat al, of Idempotency-Key hergebruikt)',
  '413': 'Body te groot',
  '422': 'Niet toegestaan volgens de regels',
};

/** The OpenAPI 3.1 document, written from the same route list that is mounted. */
export function buildOpenApi(specs: readonly RouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {
    '/health': {
      servers: [{ url: '/' }],
      get: { summary: 'Leeft het proces', operationId: 'health', security: [], tags: ['Systeem'], responses: { '200': { description: 'OK' } } },
    },
    '/ready': {
      servers: [{ url: '/' }],
      get: { summary: 'Kan het proces verzoeken aan (database bereikbaar)', operationId: 'ready', security: [], tags: ['Systeem'], responses: { '200': { description: 'Klaar' }, '503': { description: 'Niet klaar' } } },
    },
    '/openapi.json': {
      get: { summary: 'Dit document', operationId: 'openapi', security: [], tags: ['Systeem'], responses: { '200': { description: 'OpenAPI 3.1' } } },
    },
  };
  for (const spec of specs) {
    const path = toOpenApiPath(spec.path);
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
      }
    }
    const responses: Record<string, unknown> = {
      [String(spec.success.status)]: {
        description: spec.success.description,
        content: { [spec.success.contentType ?? 'application/json']: { schema: {} } },
      },
    };
    for (const [status, description] of Object.entries(PROBLEM_RESPONSES)) {
      responses[status] = { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    }
    paths[path] ??= {};
    paths[path][spec.method] = {
      summary: spec.summary,
      operationId: `${spec.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      tags: [spec.tag],
      description: `Rollen: ${(PERMISSIONS[spec.permission] as readonly string[]).join(', ')} (recht \`${spec.permission}\`).`,
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } } } : {}),
      ...(spec.upload
        ? { requestBody: { required: true, description: `Het bestand zelf, hoogstens ${spec.upload.maxBytes} bytes.`, content: Object.fromEntries(spec.upload.contentTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) } }
        : {}),
      ...(spec.method === 'post'
        ? { 'x-idempotency': 'Idempotency-Key header: same key and body give the first response again; another body gives 409.' }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'BBOOR boetegrootboek API',
      version,
      description: 'Bestuurlijke boete overlast in de openbare ruimte (Gemeentewet 154b): boetes, beschikkingen, betalingen, invordering en evaluatie. Bedragen in centen (`…Cents`), datums JJJJ-MM-DD (Europe/Amsterdam). Fouten als application/problem+json (RFC 9457).',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(specs.map((s) => s.tag)), 'Systeem'].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'API-token van `bboor user add`' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', format: 'uri' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            requestId: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}
