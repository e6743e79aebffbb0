import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { registration } from '../../helpers/fine-factory.js';
import { makeUser } from '../../helpers/factories.js';
import { verifyAuditChain } from '../../../src/modules/audit/audit.service.js';

describe(`registration of a rapport by a boa (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp('2024-03-05T10:00:00+01:00');
  });
  afterEach(async () => t.destroy());

  const register = (body: unknown, role: 'boa' | 'backoffice' = 'boa') => request(t.app).post('/api/v1/fines').set('Authorization', t.auth(role)).send(body as object);
  const count = async (table: string) => Number((await t.db(table).count({ n: '*' }).first())!.n);

  it('answers 201 with case number, status, offence, amount and the boa’s badge', async () => {
    const res = await register(registration());
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.deep.include({ caseNumber: 'BB-2024-000001', status: 'registered', offenceCode: 'A.31', offenceDate: '2024-03-01', badgeNumber: t.users.boa.user.badgeNumber, reducedForMinor: false });
    const offence = (await request(t.app).get('/api/v1/offences/A.31').set('Authorization', t.auth('boa'))).body;
    const inForce = offence.tariffs.filter((x: { validFrom: string }) => x.validFrom <= '2024-03-01').pop();
    expect(res.body.amountCents).to.equal(inForce.amountCents);
    const second = await register(registration());
    expect(second.body.caseNumber).to.equal('BB-2024-000002');
  });

  it('prices the fine with the tariff valid on the offence date (dated tariffs, Besluit bijlage)', async () => {
    t.clock.set('2024-07-01T12:00:00+02:00');
    const added = await request(t.app).post('/api/v1/offences/A.31/tariffs').set('Authorization', t.auth('admin')).send({ validFrom: '2024-06-01', amountCents: 17500, source: 'test: indexering', confirmed: false });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    const before = await register(registration({ observedAt: '2024-05-31T23:30:00+02:00' }));
    const after = await register(registration({ observedAt: '2024-06-01T00:30:00+02:00' }));
    expect(after.body.amountCents).to.equal(17500);
    expect(before.body.amountCents).to.not.equal(17500);
  });

  it('never changes a tariff a fine uses: a new tariff may not start on or before a registered offence date', async () => {
    await register(registration({ observedAt: '2024-03-01T12:00:00+01:00' }));
    const res = await request(t.app).post('/api/v1/offences/A.31/tariffs').set('Authorization', t.auth('admin')).send({ validFrom: '2024-02-01', amountCents: 9900, source: 'test: terugwerkend', confirmed: false });
    expect(res.status).to.equal(422);
    expect(res.body.errors[0].field).to.equal('validFrom');
  });

  it('refuses an offence that is not in the catalogue on the offence date', async () => {
    const res = await register(registration({ offenceCode: 'A.99' }));
    expect(res.status).to.equal(422);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.errors).to.deep.equal([{ field: 'offenceCode', message: 'onbekend feit op de pleegdatum' }]);
    expect(await count('fines')).to.equal(0);
  });

  it('refuses an offender younger than 12 on the offence date (Gemeentewet 154b lid 7)', async () => {
    const res = await register(registration({ birthDate: '2012-03-02' })); // 11 on 1 March 2024
    expect(res.status).to.equal(422);
    expect(res.body.errors[0].field).to.equal('offender.birthDate');
    expect(res.body.detail).to.contain('154b lid 7');
    expect(await count('fines')).to.equal(0);
    expect(await count('offenders')).to.equal(0);
  });

  it('halves the tariff for an offender of 12 to 15 on the offence date (Gemeentewet 154b lid 7)', async () => {
    const full = await register(registration());
    const twelve = await register(registration({ birthDate: '2012-03-01' })); // 12th birthday on the offence date
    const fifteen = await register(registration({ birthDate: '2008-03-02' })); // turns 16 the day after
    const sixteen = await register(registration({ birthDate: '2008-03-01' })); // 16th birthday on the offence date
    expect(twelve.body).to.include({ amountCents: Math.floor(full.body.amountCents / 2), reducedForMinor: true });
    expect(fifteen.body).to.include({ amountCents: Math.floor(full.body.amountCents / 2), reducedForMinor: true });
    expect(sixteen.body).to.include({ amountCents: full.body.amountCents, reducedForMinor: false });
  });

  it('refuses an offence dated before 1 January 2024 with a problem explaining the CJIB regime', async () => {
    const res = await register(registration({ observedAt: '2023-12-31T23:30:00+01:00' }));
    expect(res.status).to.equal(422);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body.regime).to.equal('cjib');
    expect(res.body.detail).to.match(/CJIB/);
    expect(res.body.errors[0].field).to.equal('observedAt');
  });

  it('takes the offence date in Europe/Amsterdam: 23:30 UTC on 31 December 2023 is 1 January 2024', async () => {
    const res = await register(registration({ observedAt: '2023-12-31T23:30:00Z' }));
    expect(res.status).to.equal(201);
    expect(res.body.offenceDate).to.equal('2024-01-01');
  });

  it('refuses an observation time in the future', async () => {
    const res = await register(registration({ observedAt: '2024-03-05T11:00:00+01:00' }));
    expect(res.status).to.equal(422);
    expect(res.body.errors[0]).to.deep.equal({ field: 'observedAt', message: 'ligt in de toekomst' });
  });

  it('lets only a boa register (the boa draws up the rapport, Gemeentewet 154c)', async () => {
    expect((await register(registration(), 'backoffice')).status).to.equal(403);
  });

  it('shows a boa only its own rapports', async () => {
    const other = await makeUser(t.services, 'boa', 'Andere Boa');
    const mine = await register(registration());
    await request(t.app).post('/api/v1/fines').set('Authorization', `Bearer ${other.token}`).send(registration());
    const list = await request(t.app).get('/api/v1/fines').set('Authorization', t.auth('boa'));
    expect(list.body.total).to.equal(1);
    expect(list.body.items[0].id).to.equal(mine.body.id);
    const theirs = await request(t.app).get('/api/v1/fines').set('Authorization', `Bearer ${other.token}`);
    const foreign = await request(t.app).get(`/api/v1/fines/${theirs.body.items[0].id}`).set('Authorization', t.auth('boa'));
    expect(foreign.status).to.equal(404);
    expect((await request(t.app).get('/api/v1/fines').set('Authorization', t.auth('backoffice'))).body.total).to.equal(2);
  });

  it('registers simultaneous rapports of several boa’s each once, with consecutive case numbers, badge, offender, event and audit row', async () => {
    const other = await makeUser(t.services, 'boa', 'Andere Boa');
    const before = Number((await t.db('audit_log').count({ n: '*' }).first())!.n);
    const actors = Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? other.actor : t.users.boa.actor));
    // Submitted together, so that they are written in groups (src/shared/batch-writer.ts).
    let transactions = 0;
    t.db.on('query', (q: { sql: string }) => {
      if (/^begin/i.test(q.sql)) transactions += 1;
    });
    const fines = await Promise.all(actors.map((actor, i) => t.services.fines.register(actor, registration({ observation: `rapport ${i}` }), `req-${i}`)));
    expect(transactions).to.be.within(2, 12);
    expect(fines.map((f) => f.caseNumber).sort()).to.deep.equal(Array.from({ length: 24 }, (_, i) => `BB-2024-${String(i + 1).padStart(6, '0')}`));
    fines.forEach((f, i) => {
      expect(f.observation).to.equal(`rapport ${i}`);
      expect(f.boaUserId).to.equal(actors[i]!.userId);
      expect(f.badgeNumber).to.equal(i % 3 === 0 ? other.user.badgeNumber : t.users.boa.user.badgeNumber);
    });
    expect(await count('offenders')).to.equal(24);
    expect(await count('fine_events')).to.equal(24);
    const audit = await t.db('audit_log').where('id', '>', 0).orderBy('id').offset(before).select('subject_id', 'request_id');
    expect(audit.map((a) => [Number(a.subject_id), a.request_id]).sort((a, b) => Number(a[0]) - Number(b[0]))).to.deep.equal(fines.map((f, i) => [f.id, `req-${i}`]).sort((a, b) => Number(a[0]) - Number(b[0])));
    expect((await verifyAuditChain(t.db)).ok).to.equal(true);
    const next = await register(registration());
    expect(next.body.caseNumber).to.equal('BB-2024-000025');
  });

  it('names each bad field in a 400 and writes nothing', async () => {
    const bad = registration();
    const res = await register({ ...bad, observedAt: '2024-03-01 22:15', location: { ...bad.location, postcode: '12345' }, offender: { ...bad.offender, birthDate: '1990-02-30' }, extra: 1 });
    expect(res.status).to.equal(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).to.deep.equal(['extra', 'location.postcode', 'observedAt', 'offender.birthDate']);
    expect(await count('fines')).to.equal(0);
  });

  it('refuses control characters, but keeps HTML and SQL as literal text', async () => {
    const ctrl = await register(registration({ observation: 'tekst\u0007met bel' }));
    expect(ctrl.status).to.equal(400);
    expect(ctrl.body.errors[0].field).to.equal('observation');
    const literal = registration({ observation: `<script>alert('x')</script> '; DROP TABLE fines;--` });
    literal.offender.surname = "O'Brien <b>";
    const ok = await register(literal);
    expect(ok.status).to.equal(201);
    const detail = await request(t.app).get(`/api/v1/fines/${ok.body.id}`).set('Authorization', t.auth('backoffice'));
    expect(detail.body.observation).to.equal(literal.observation);
    expect(detail.body.offender.surname).to.equal("O'Brien <b>");
  });

  it('survives fuzzed bodies: never a 500, and nothing is stored for a refused request (fast-check)', async () => {
    const nasty = fc.oneof(fc.string({ maxLength: 50 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constant("'; DROP TABLE fines;--"), fc.constant('<img src=x onerror=alert(1)>'), fc.constant('x'.repeat(5000)), fc.integer(), fc.constant(null), fc.constant([]));
    await fc.assert(
      fc.asyncProperty(
        fc.record({ offenceCode: nasty, observedAt: nasty, location: fc.oneof(nasty, fc.record({ street: nasty, district: nasty })), offender: fc.oneof(nasty, fc.record({ givenNames: nasty, surname: nasty, birthDate: nasty })), observation: nasty }, { requiredKeys: [] }),
        async (body) => {
          const before = await count('fines');
          const res = await register(body);
          expect(res.status).to.be.oneOf([400, 422]);
          expect(res.type).to.equal('application/problem+json');
          expect(await count('fines')).to.equal(before);
        },
      ),
      { numRuns: 60 },
    );
    const raw = await request(t.app).post('/api/v1/fines').set('Authorization', t.auth('boa')).set('Content-Type', 'application/json').send('{"offenceCode": "A.31", "observedAt": ');
    expect(raw.status).to.equal(400);
  });
});
