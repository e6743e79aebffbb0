import type { Services } from '../../services.js';
import { definePage, type PageSpec } from '../pages.js';
import { menuFor } from '../menu.js';

/** /app: a short welcome with the role's tasks as tiles (the menu without this page). */
export function homePages(_services: Services): PageSpec[] {
  return [
    definePage({
      method: 'get', path: '/', permission: 'self:read',
      handler: async ({ user }) => ({ template: 'home.njk', data: { title: 'Overzicht', tasks: menuFor(user.role, '').filter((m) => m.href !== '/app') } }),
    }),
  ];
}
