import { expect } from 'chai';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { registration } from '../../helpers/fine-factory.js';

describe(`finding fines (${testDialect()})`, () => {
  let t: TestApp;
  const ids: number[] = [];
  before(async () => {
    t = await createTestApp('2024-03-01T09:00:00+01:00');
    ids.length = 0;
    const plan: [string, string, string][] = [
      ['A.31', 'Centrum', '2024-02-01T10:00:00+01:00'],
      ['A.31', 'Meerzicht', '2024-02-05T10:00:00+01:00'],
      ['C.2', 'Centrum', '2024-02-10T10:00:00+01:00'],
      ['C.2', 'Rokkeveen', '2024-02-12T10:00:00+01:00'],
      ['A.31', 'Rokkeveen', '2024-02-20T10:00:00+01:00'],
    ];
    for (const [code, district, at] of plan) {
      const body = registration({ offenceCode: code, observedAt: at });
      body.location.district = district;
      const res = await request(t.app).post('/api/v1/fines').set('Authorization', t.auth('boa')).send(body);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      ids.push(res.body.id);
    }
    // Issue the first three on different days; cancel the third.
    for (const [i, day] of [[0, '2024-03-01'], [1, '2024-03-05'], [2, '2024-03-10']] as const) {
      t.clock.set(`${day}T09:00:00+01:00`);
      await request(t.app).post(`/api/v1/fines/${ids[i]}/issue`).set('Authorization', t.auth('backoffice')).send({});
    }
    await request(t.app).post(`/api/v1/fines/${ids[2]}/cancel`).set('Authorization', t.auth('backoffice')).send({ reason: 'test' });
    t.clock.set('2024-04-13T09:00:00+02:00'); // fine 0 is due 12 April → overdue
  });
  after(async () => t.destroy());

  const find = (query: string) => request(t.app).get(`/api/v1/fines?${query}`).set('Authorization', t.auth('backoffice'));

  it('filters by derived status', async () => {
    expect((await find('status=registered')).body.items.map((f: { id: number }) => f.id).sort()).to.deep.equal([ids[3], ids[4]].sort());
    expect((await find('status=overdue')).body.items.map((f: { id: number }) => f.id)).to.deep.equal([ids[0]]);
    expect((await find('status=issued')).body.items.map((f: { id: number }) => f.id)).to.deep.equal([ids[1]]);
    expect((await find('status=cancelled')).body.items.map((f: { id: number }) => f.id)).to.deep.equal([ids[2]]);
  });

  it('filters by offence code, district and issue date range', async () => {
    expect((await find('offenceCode=C.2')).body.total).to.equal(2);
    expect((await find('district=Centrum')).body.total).to.equal(2);
    expect((await find('issuedFrom=2024-03-02&issuedTo=2024-03-31')).body.items.map((f: { id: number }) => f.id).sort()).to.deep.equal([ids[1], ids[2]].sort());
  });

  it('finds a fine by payment reference and by case number', async () => {
    const one = (await find('status=issued')).body.items[0];
    expect((await find(`paymentReference=${one.paymentReference}`)).body.items[0].id).to.equal(one.id);
    expect((await find(`caseNumber=${one.caseNumber}`)).body.items[0].id).to.equal(one.id);
  });

  it('paginates with a total and sorts', async () => {
    const page1 = await find('sort=offenceDate&order=asc&limit=2&offset=0');
    const page3 = await find('sort=offenceDate&order=asc&limit=2&offset=4');
    expect(page1.body).to.include({ total: 5, limit: 2, offset: 0 });
    expect(page1.body.items.map((f: { id: number }) => f.id)).to.deep.equal([ids[0], ids[1]]);
    expect(page3.body.items.map((f: { id: number }) => f.id)).to.deep.equal([ids[4]]);
  });

  it('keeps personal data out of the list', async () => {
    const res = await find('limit=5');
    expect(JSON.stringify(res.body)).to.not.contain('de Vries');
    expect(res.body.items[0]).to.not.have.property('offender');
  });

  it('refuses an unknown status or sort with 400 naming the parameter', async () => {
    const res = await find('status=lost&sort=name');
    expect(res.status).to.equal(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).to.deep.equal(['sort', 'status']);
  });
});
