import nunjucks from 'nunjucks';
import type { Response } from 'express';
import { DateTime } from 'luxon';
import { ZONE } from '../shared/clock.js';
import { fromRoot } from '../shared/paths.js';
import type { ResolvedSession } from '../modules/auth/web-session.service.js';
import { menuFor } from './menu.js';
import { fieldId } from './form-errors.js';
import { ROLE_LABELS, STATUS_LABELS } from './labels.js';

const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/**
 * The one template environment of the web pages. Autoescaping is on: every `{{ value }}` is HTML-
 * escaped, so text a person typed (an observation, a street) can never become markup.
 */
function createEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(fromRoot('templates', 'web')), { autoescape: true, throwOnUndefined: false });
  env.addFilter('fieldId', fieldId);
  env.addFilter('status', (s: keyof typeof STATUS_LABELS) => STATUS_LABELS[s] ?? s);
  env.addFilter('rol', (r: keyof typeof ROLE_LABELS) => ROLE_LABELS[r] ?? r);
  // + 0 turns -0 (a sum of no payments, negated) into 0: never '€ -0,00'.
  env.addFilter('euro', (cents: number) => euro.format(Number(cents) / 100 + 0));
  /** 2024-03-05 → 5 maart 2024 */
  env.addFilter('datum', (date: string | null) => (date ? DateTime.fromISO(date, { zone: ZONE }).setLocale('nl').toFormat('d LLLL yyyy') : ''));
  /** An instant → 5 maart 2024, 14:30 (Amsterdam) */
  env.addFilter('datumtijd', (iso: string | null) => (iso ? DateTime.fromISO(iso).setZone(ZONE).setLocale('nl').toFormat("d LLLL yyyy', 'HH:mm") : ''));
  return env;
}

let env: nunjucks.Environment | undefined;

export function templates(): nunjucks.Environment {
  env ??= createEnvironment();
  return env;
}

/** What every page's layout needs: who is signed in, their menu, the form token, where we are. */
export function layoutContext(res: Response, session: ResolvedSession | null, path: string) {
  return {
    user: session ? { name: session.user.name, role: session.user.role } : null,
    menu: session ? menuFor(session.user.role, path) : [],
    csrfToken: session?.csrfToken ?? res.locals.loginCsrf ?? '',
    currentPath: path,
  };
}

/** Renders a template under templates/web with the layout context and writes it as the response. */
export function renderPage(res: Response, template: string, data: Record<string, unknown>, status = 200): void {
  const session = (res.locals.webSession as ResolvedSession | undefined) ?? null;
  const html = templates().render(template, { ...layoutContext(res, session, res.req.baseUrl + res.req.path), ...data });
  res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(html);
}
