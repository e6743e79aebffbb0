import { expect } from 'chai';
import request from 'supertest';
import { apiRoutes } from '../../../src/app.js';
import { PERMISSIONS } from '../../../src/modules/auth/permissions.js';
import { ROLES } from '../../../src/modules/auth/roles.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

/** design.md §9: one permission table decides; this walks every route for every role. */
describe(`role × route matrix (${process.env.BBOOR_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.destroy());

  it('answers 403 problem+json exactly where the permission table says no, and never 401 with a valid token', async () => {
    const routes = apiRoutes(t.services);
    expect(routes.length).to.be.greaterThan(10);
    const seen: string[] = [];
    for (const route of routes) {
      // Path parameters get well-formed values of things that do not exist, so the role check
      // decides and no call changes what the next one sees (no token of these users is revoked).
      const path = '/api/v1' + route.path.replace(/:id\b/, route.path.startsWith('/ledger') ? '00000000-0000-4000-8000-000000000000' : '999999').replace(/:[A-Za-z]+/g, '999999');
      for (const role of ROLES) {
        const allowed = (PERMISSIONS[route.permission] as readonly string[]).includes(role);
        const res = await request(t.app)[route.method](path).set('Authorization', t.auth(role)).send(route.method === 'get' || route.method === 'delete' ? undefined : {});
        const where = `${route.method.toUpperCase()} ${route.path} as ${role}`;
        expect(res.status, where).to.not.equal(401);
        if (allowed) {
          expect(res.status, where).to.not.equal(403);
        } else {
          expect(res.status, where).to.equal(403);
          expect(res.type, where).to.equal('application/problem+json');
          expect(res.body.detail, where).to.contain(route.permission);
        }
        seen.push(where);
      }
    }
    expect(seen).to.have.length(routes.length * ROLES.length);
  });

  it('answers 401 problem+json on every route without a token, and with a wrong token', async () => {
    for (const route of apiRoutes(t.services)) {
      const path = '/api/v1' + route.path.replace(/:[A-Za-z]+/g, '1');
      const none = await request(t.app)[route.method](path);
      expect(none.status, `${route.method} ${route.path}`).to.equal(401);
      expect(none.type).to.equal('application/problem+json');
      const wrong = await request(t.app)[route.method](path).set('Authorization', 'Bearer bboor_not-a-real-token-at-all');
      expect(wrong.status, `${route.method} ${route.path}`).to.equal(401);
    }
  });
});
