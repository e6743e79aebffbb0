import { expect } from 'chai';
import request from 'supertest';
import { PERMISSIONS } from '../../../src/modules/auth/permissions.js';
import { ROLES, type Role } from '../../../src/modules/auth/roles.js';
import { webPages } from '../../../src/web/web.js';
import { MENU } from '../../../src/web/menu.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { csrfFrom, makeWebUser, signIn, type WebAgent } from '../../helpers/web.js';

/** Every web page checks the role on the server, with the API's permission table (design.md §9). */
describe(`role × page matrix (${process.env.BBOOR_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestApp;
  const agents = {} as Record<Role, WebAgent>;
  before(async () => {
    t = await createTestApp();
    for (const role of ROLES) {
      await makeWebUser(t.services, role);
      agents[role] = await signIn(t.app, `web.${role}`);
    }
  });
  after(async () => t.destroy());

  it('answers 403 exactly where the permission table says no, for every page and role', async () => {
    const pages = webPages(t.services);
    expect(pages.length).to.be.greaterThan(3);
    for (const page of pages) {
      const path = '/app' + page.path.replace(/:[A-Za-z]+/g, '999999').replace(/\/$/, '');
      for (const role of ROLES) {
        const agent = agents[role];
        const csrf = csrfFrom((await agent.get('/app')).text);
        const res = page.method === 'get' ? await agent.get(path) : await agent.post(path).type('form').send({ _csrf: csrf });
        const where = `${page.method.toUpperCase()} ${path} as ${role}`;
        if ((PERMISSIONS[page.permission] as readonly string[]).includes(role)) expect(res.status, where).to.not.equal(403);
        else {
          expect(res.status, where).to.equal(403);
          expect(res.text, where).to.contain('Geen toegang');
        }
      }
    }
  });

  it('sends every page to the login page without a session', async () => {
    for (const page of webPages(t.services)) {
      const res = await request(t.app)[page.method]('/app' + page.path.replace(/:[A-Za-z]+/g, '1'));
      expect(res.status, page.path).to.equal(303);
      expect(res.headers.location, page.path).to.match(/^\/(\?terug=.*)?$/);
    }
  });

  it('shows each role the menu items its permissions allow, and no others', async () => {
    for (const role of ROLES) {
      const html = (await agents[role].get('/app')).text;
      for (const item of MENU) {
        const allowed = (PERMISSIONS[item.permission] as readonly string[]).includes(role);
        expect(html.includes(`href="${item.href}"`), `${item.label} for ${role}`).to.equal(allowed);
      }
    }
  });
});
