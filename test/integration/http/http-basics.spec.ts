import { expect } from 'chai';
import request from 'supertest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { apiRoutes } from '../../../src/app.js';
import { toOpenApiPath } from '../../../src/shared/http/openapi.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';

describe(`HTTP basics (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.destroy());

  it('serves /health and /ready without a token', async () => {
    expect((await request(t.app).get('/health')).body).to.deep.equal({ status: 'ok' });
    expect((await request(t.app).get('/ready')).body).to.deep.equal({ status: 'ready' });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await request(t.app).get('/api/v1/nope').set('Authorization', t.auth('admin'));
    expect(res.status).to.equal(404);
    expect(res.type).to.equal('application/problem+json');
  });

  it('gives 401 problem+json with type, title, status and detail without a token', async () => {
    const res = await request(t.app).get('/api/v1/me');
    expect(res.status).to.equal(401);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body).to.include({ type: 'https://bboor.example/problems/unauthorized', status: 401, title: 'Niet aangemeld' });
    expect(res.body.detail).to.be.a('string');
  });

  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const given = await request(t.app).get('/health').set('X-Request-Id', 'abc-12345678');
    expect(given.headers['x-request-id']).to.equal('abc-12345678');
    const made = await request(t.app).get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(made.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
    const problem = await request(t.app).get('/api/v1/me').set('X-Request-Id', 'req-00000001');
    expect(problem.body.requestId).to.equal('req-00000001');
  });

  it('sets helmet’s security headers', async () => {
    const res = await request(t.app).get('/health');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['content-security-policy']).to.be.a('string');
    expect(res.headers['x-powered-by']).to.equal(undefined);
  });

  it('refuses unknown fields with 400 naming the field, and writes nothing', async () => {
    const before = await t.db('users').count({ n: '*' }).first();
    const res = await request(t.app).post('/api/v1/users').set('Authorization', t.auth('admin')).send({ name: 'Jan', role: 'finance', shoeSize: 44 });
    expect(res.status).to.equal(400);
    expect(res.body.errors).to.deep.equal([{ field: 'shoeSize', message: 'onbekend veld: shoeSize' }]);
    expect(await t.db('users').count({ n: '*' }).first()).to.deep.equal(before);
  });

  it('refuses wrong types and out-of-range dates with 400 per field', async () => {
    const res = await request(t.app).post('/api/v1/ledger/entries').set('Authorization', t.auth('finance')).send({ bookedOn: '2024-02-30', description: 12, reason: 'correctie', postings: [] });
    expect(res.status).to.equal(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).to.include.members(['bookedOn', 'description', 'postings']);
    const range = await request(t.app).get('/api/v1/policy-values?on=1800-01-01').set('Authorization', t.auth('boa'));
    expect(range.status).to.equal(400);
    expect(range.body.errors[0].field).to.equal('on');
  });

  it('refuses malformed JSON with 400 and an oversized body with 413', async () => {
    const bad = await request(t.app).post('/api/v1/users').set('Authorization', t.auth('admin')).set('Content-Type', 'application/json').send('{"name":');
    expect(bad.status).to.equal(400);
    expect(bad.type).to.equal('application/problem+json');
    const big = await request(t.app).post('/api/v1/users').set('Authorization', t.auth('admin')).send({ name: 'x'.repeat(200_000), role: 'finance' });
    expect(big.status).to.equal(413);
    expect(big.type).to.equal('application/problem+json');
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await request(t.app).post('/api/v1/users').set('Authorization', t.auth('admin')).set('Content-Type', 'text/plain').send('name=Jan');
    expect(res.status).to.equal(400);
    expect(res.body.errors[0].field).to.equal('Content-Type');
  });

  it('publishes a valid OpenAPI 3.1 document', async () => {
    const res = await request(t.app).get('/api/v1/openapi.json');
    expect(res.status).to.equal(200);
    const result = await new Validator().validate(res.body);
    expect(result.valid, JSON.stringify(result.errors)).to.equal(true);
    expect(res.body.openapi).to.equal('3.1.0');
  });

  it('documents exactly the routes that are mounted, with their methods', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => !['/health', '/ready', '/openapi.json'].includes(path))
      .flatMap(([path, ops]) => Object.keys(ops).filter((k) => k !== 'servers').map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    // What Express actually has mounted below /api/v1, read from its router.
    const router = (t.app as unknown as { router: { stack: Layer[] } }).router;
    const api = router.stack.find((l) => l.name === 'router' && l.matchers?.some((m) => m('/api/v1/x')));
    const mounted = (api!.handle as unknown as { stack: Layer[] }).stack
      .filter((l) => l.route)
      .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${toOpenApiPath(l.route!.path)}`))
      .filter((r) => r !== 'GET /openapi.json')
      .sort();
    expect(documented).to.deep.equal(mounted);
    expect(mounted).to.have.length(apiRoutes(t.services).length);
  });

  it('replays the first response for a repeated Idempotency-Key and refuses it for another body (409)', async () => {
    const send = (name: string) => request(t.app).post('/api/v1/users').set('Authorization', t.auth('admin')).set('Idempotency-Key', 'create-piet-1').send({ name, role: 'evaluator' });
    const first = await send('Piet');
    expect(first.status).to.equal(201);
    const again = await send('Piet');
    expect(again.status).to.equal(201);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(again.body).to.deep.equal(first.body);
    expect((await t.db('users').where({ name: 'Piet' })).length).to.equal(1);
    const other = await send('Klaas');
    expect(other.status).to.equal(409);
    expect(other.type).to.equal('application/problem+json');
  });
});

interface Layer {
  name: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle: unknown;
  matchers?: ((path: string) => unknown)[];
}
