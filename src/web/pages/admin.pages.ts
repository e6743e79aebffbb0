import type { Services } from '../../services.js';
import type { PageSpec } from '../pages.js';
import { flashStore } from '../flash.js';
import { adminUserPages } from './admin-users.pages.js';
import { adminCataloguePages } from './admin-catalogue.pages.js';

/** The admin's pages: users, roles, passwords and tokens; the offence catalogue's dated tariffs. */
export function adminPages(services: Services): PageSpec[] {
  const flash = flashStore(() => services.clock.now().getTime());
  return [...adminUserPages(services, flash), ...adminCataloguePages(services, flash)];
}
