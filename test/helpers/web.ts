import { expect } from 'chai';
import request from 'supertest';
import type { Express } from 'express';
import type { Role } from '../../src/modules/auth/roles.js';
import { SYSTEM_ACTOR } from '../../src/modules/audit/audit.types.js';
import type { Services } from '../../src/services.js';

export const WEB_PASSWORD = 'een lang genoeg wachtwoord';

let badge = 5000;

/** A user of `role` who can log in on the web pages with WEB_PASSWORD. */
export async function makeWebUser(services: Services, role: Role, username = `web.${role}`) {
  const { user } = await services.auth.addUser(SYSTEM_ACTOR, { name: `Web ${role}`, role, username, password: WEB_PASSWORD, ...(role === 'boa' ? { badgeNumber: `BOA-${badge++}` } : {}) });
  return user;
}

/** The synchroniser token in a page's forms. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1]!;
}

export type WebAgent = ReturnType<typeof request.agent>;

/** Logs in through the login form (as a browser would) and returns the agent with its session cookie. */
export async function signIn(app: Express, username: string, password = WEB_PASSWORD): Promise<WebAgent> {
  const agent = request.agent(app);
  const page = await agent.get('/');
  const res = await agent.post('/inloggen').type('form').send({ _csrf: csrfFrom(page.text), gebruikersnaam: username, wachtwoord: password });
  expect(res.status, res.text).to.equal(303);
  return agent;
}

/** Opens a page with a form, then posts the form with that page's CSRF token. */
export async function submitForm(agent: WebAgent, formPage: string, action: string, fields: Record<string, string>) {
  const page = await agent.get(formPage);
  expect(page.status, page.text).to.equal(200);
  return agent.post(action).type('form').send({ _csrf: csrfFrom(page.text), ...fields });
}

/** A download's bytes: supertest leaves a PDF's body unparsed otherwise. */
export function download(agent: WebAgent, path: string) {
  return agent.get(path).buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
}

/** The message shown next to a form field (by the field's id), as a person reads it. */
export function fieldError(html: string, id: string): string | null {
  const m = new RegExp(`id="${id}-error"><span[^>]*>Fout: </span>([^<]*)<`).exec(html);
  return m ? m[1]!.trim() : null;
}
