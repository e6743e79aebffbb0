import { isAllowed, type Permission } from '../modules/auth/permissions.js';
import type { Role } from '../modules/auth/roles.js';

export interface MenuItem {
  label: string;
  href: string;
  /** Shown only to roles the permission table allows; the page itself checks the same permission. */
  permission: Permission;
}

/** The main menu, in order. A role sees the items its permissions allow. */
export const MENU: readonly MenuItem[] = [
  { label: 'Overzicht', href: '/app', permission: 'self:read' },
  { label: 'Rapport opmaken', href: '/app/rapporten/nieuw', permission: 'fines:register' },
  { label: 'Mijn rapporten', href: '/app/rapporten', permission: 'fines:register' },
  { label: 'Afschrift inlezen', href: '/app/afschriften', permission: 'payments:import' },
  { label: 'Betalingen', href: '/app/betalingen', permission: 'payments:read' },
  { label: 'Goedkeuringen', href: '/app/goedkeuringen', permission: 'payments:read' },
  { label: 'Terugbetalingen', href: '/app/terugbetalingen', permission: 'payments:read' },
  { label: 'Proefbalans', href: '/app/financien/proefbalans', permission: 'finance:reports' },
  { label: 'Ouderdom', href: '/app/financien/ouderdom', permission: 'finance:reports' },
  { label: 'Boetes', href: '/app/boetes', permission: 'fines:search' },
  { label: 'Beschikkingen', href: '/app/beschikkingen', permission: 'fines:issue' },
  { label: 'Bezwaren', href: '/app/bezwaren', permission: 'objections:read' },
  { label: 'Invordering', href: '/app/invordering', permission: 'collection:read' },
  { label: 'Evaluatie', href: '/app/evaluatie', permission: 'reports:read' },
  { label: 'Gebruikers', href: '/app/gebruikers', permission: 'users:read' },
  { label: 'Tarieven', href: '/app/catalogus', permission: 'catalogue:manage' },
];

export function menuFor(role: Role, path: string): Array<MenuItem & { current: boolean }> {
  // The most specific item whose href starts the current path is the current one.
  const items = MENU.filter((m) => isAllowed(role, m.permission));
  const current = items.filter((m) => path === m.href || path.startsWith(`${m.href}/`)).sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((m) => ({ ...m, current: m === current }));
}
