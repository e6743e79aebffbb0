import type { Services } from '../../src/services.js';
import type { Role } from '../../src/modules/auth/roles.js';
import { ROLES } from '../../src/modules/auth/roles.js';
import type { User } from '../../src/modules/auth/auth.types.js';
import { SYSTEM_ACTOR } from '../../src/modules/audit/audit.types.js';
import { actorFor } from '../../src/modules/auth/auth.service.js';
import type { Actor } from '../../src/modules/audit/audit.types.js';

let badge = 1000;

export async function makeUser(services: Services, role: Role, name = `Test ${role}`): Promise<{ user: User; token: string; actor: Actor }> {
  const { user, token } = await services.auth.addUser(SYSTEM_ACTOR, { name, role, ...(role === 'boa' ? { badgeNumber: `BOA-${badge++}` } : {}) });
  return { user, token, actor: actorFor(user) };
}

/** One user and token per role. */
export async function makeUserPerRole(services: Services): Promise<Record<Role, { user: User; token: string; actor: Actor }>> {
  const out = {} as Record<Role, { user: User; token: string; actor: Actor }>;
  for (const role of ROLES) out[role] = await makeUser(services, role);
  return out;
}
