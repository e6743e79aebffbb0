import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../../shared/http/routes.js';
import { idParam } from '../../shared/http/validate.js';
import type { Services } from '../../services.js';
import { newUserSchema, reasonSchema, tokenLabelSchema } from './auth.schemas.js';

const userIdParams = z.strictObject({ id: idParam });

export function authRoutes({ auth, audit, db }: Services): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/me', permission: 'self:read', tag: 'Gebruikers',
      summary: 'Wie ben ik: de aangemelde gebruiker en zijn rol',
      success: { status: 200, description: 'De gebruiker' },
      handler: async ({ actor }) => ({ body: await auth.findUser(actor.userId!) }),
    }),
    defineRoute({
      method: 'get', path: '/users', permission: 'users:read', tag: 'Gebruikers',
      summary: 'Alle gebruikers (het lezen wordt gelogd: namen en pasnummers zijn persoonsgegevens)',
      success: { status: 200, description: 'De gebruikers' },
      handler: async ({ actor, requestId }) => {
        const items = await auth.listUsers();
        await audit.recordRead(db, actor, { action: 'user.list.read', subjectType: 'user', details: { count: items.length }, requestId });
        return { body: { items } };
      },
    }),
    defineRoute({
      method: 'post', path: '/users', permission: 'users:manage', tag: 'Gebruikers',
      summary: 'Een gebruiker aanmaken; het eerste API-token wordt één keer getoond',
      body: newUserSchema,
      success: { status: 201, description: 'De gebruiker en zijn token' },
      handler: async ({ actor, body, requestId }) => {
        const { user, token } = await auth.addUser(actor, body, requestId);
        return { body: { ...user, token } };
      },
    }),
    defineRoute({
      method: 'patch', path: '/users/:id', permission: 'users:manage', tag: 'Gebruikers',
      summary: 'Een gebruiker blokkeren of weer toelaten',
      params: userIdParams,
      body: z.strictObject({ active: z.boolean(), reason: reasonSchema }),
      success: { status: 200, description: 'De gebruiker' },
      handler: async ({ actor, params, body, requestId }) => ({ body: await auth.setActive(actor, params.id, body.active, body.reason, requestId) }),
    }),
    defineRoute({
      method: 'get', path: '/users/:id/tokens', permission: 'users:read', tag: 'Gebruikers',
      summary: 'De API-tokens van een gebruiker (zonder de geheimen)',
      params: userIdParams,
      success: { status: 200, description: 'De tokens' },
      handler: async ({ params }) => ({ body: { items: await auth.listTokens(params.id) } }),
    }),
    defineRoute({
      method: 'post', path: '/users/:id/tokens', permission: 'users:manage', tag: 'Gebruikers',
      summary: 'Een nieuw API-token; het geheim wordt één keer getoond',
      params: userIdParams,
      body: z.strictObject({ label: tokenLabelSchema }),
      success: { status: 201, description: 'Het token' },
      handler: async ({ actor, params, body, requestId }) => {
        const { token, info } = await auth.issueToken(actor, params.id, body.label, requestId);
        return { body: { ...info, token } };
      },
    }),
    defineRoute({
      method: 'delete', path: '/users/:id/tokens/:tokenId', permission: 'users:manage', tag: 'Gebruikers',
      summary: 'Een API-token intrekken',
      params: z.strictObject({ id: idParam, tokenId: idParam }),
      success: { status: 200, description: 'Het ingetrokken token' },
      handler: async ({ actor, params, requestId }) => ({ body: await auth.revokeToken(actor, params.id, params.tokenId, null, requestId) }),
    }),
  ];
}
