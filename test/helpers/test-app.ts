import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { createTestContext, type TestContext } from './test-db.js';
import { makeUserPerRole } from './factories.js';
import type { Role } from '../../src/modules/auth/roles.js';
import type { User } from '../../src/modules/auth/auth.types.js';
import type { Actor } from '../../src/modules/audit/audit.types.js';

export interface TestApp extends TestContext {
  app: Express;
  users: Record<Role, { user: User; token: string; actor: Actor }>;
  /** `Authorization` header value for a role. */
  auth(role: Role): string;
}

export async function createTestApp(now?: string): Promise<TestApp> {
  const ctx = await createTestContext(now);
  const app = createApp(ctx.services, { bodyLimit: '100kb', trustProxy: false });
  const users = await makeUserPerRole(ctx.services);
  return { ...ctx, app, users, auth: (role) => `Bearer ${users[role].token}` };
}
