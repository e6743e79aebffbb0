import { expect } from 'chai';
import { Readable } from 'node:stream';
import { createTestContext, testDialect, type TestContext } from '../../helpers/test-db.js';
import { makeUser } from '../../helpers/factories.js';
import { registration } from '../../helpers/fine-factory.js';
import { camt053, type CamtEntry } from '../../helpers/camt053.js';
import type { Actor } from '../../../src/modules/audit/audit.types.js';

/**
 * A small pilot year built by hand, every figure computed by hand (A.31 is EUR 150):
 * F1 Jan, paid in full on 20 Jan within the term;
 * F2 Jan, a 13-year-old (EUR 75), aanmaning 20 Feb (+EUR 8), paid EUR 83 on 25 Feb;
 * F3 Jan, objection 15 Jan, upheld 30 Jan (cancelled);
 * F4 Feb, never paid: aanmaning 19 Mar (+8), dwangbevel 3 Apr (+45), written off 1 Jun;
 * F5 Feb, district Meerzicht, paid EUR 50 on 10 Feb: aanmaning (+8), dwangbevel (+45), open;
 * and an unknown payment of EUR 42.
 */
describe(`the evaluation report on a hand-computed year (${testDialect()})`, () => {
  let t: TestContext;
  let actors: Record<'boa' | 'backoffice' | 'finance' | 'finance2', Actor>;
  const at = (date: string, time = '10:00') => t.clock.set(`${date}T${time}:00+01:00`);
  let seq = 0;
  const pay = async (date: string, cents: number, reference: string | null) => {
    at(date, '20:00');
    const entry: CamtEntry = { amountCents: cents, direction: 'credit', bookingDate: date, bankReference: `R${++seq}`, details: [{ endToEndId: `E${seq}`, iban: 'NL02RABO0123456789', ...(reference ? { structuredReference: reference } : { text: 'gift' }) }] };
    await t.services.imports.importStatement(actors.finance, Readable.from([Buffer.from(camt053([{ account: 'NL91ABNA0417164300', id: `S${seq}`, openingCents: 0, date, entries: [entry] }]))]), {});
  };
  const register = async (observedAt: string, overrides: { birthDate?: string; district?: string } = {}) => {
    const body = registration({ observedAt, ...(overrides.birthDate ? { birthDate: overrides.birthDate } : {}) });
    if (overrides.district) body.location.district = overrides.district;
    return t.services.fines.register(actors.boa, body);
  };

  before(async () => {
    t = await createTestContext('2024-01-03T18:00:00+01:00');
    actors = { boa: (await makeUser(t.services, 'boa')).actor, backoffice: (await makeUser(t.services, 'backoffice')).actor, finance: (await makeUser(t.services, 'finance')).actor, finance2: (await makeUser(t.services, 'finance')).actor };
    const f1 = await register('2024-01-03T12:00:00+01:00');
    const f2 = await register('2024-01-03T12:10:00+01:00', { birthDate: '2010-06-01' });
    const f3 = await register('2024-01-03T12:20:00+01:00');
    at('2024-01-08');
    const jan = await t.services.notices.run(actors.backoffice, {});
    expect(jan.count).to.equal(3);
    const ref = (id: number) => jan.issued.find((x) => x.id === id)!.paymentReference;
    at('2024-01-15');
    const objection = await t.services.objections.lodge(actors.backoffice, f3.id, { receivedOn: '2024-01-15', summary: 'niet ik' });
    await pay('2024-01-20', 15000, ref(f1.id));
    at('2024-01-30');
    await t.services.objections.decide(actors.backoffice, objection.id, { outcome: 'upheld', reason: 'identiteit onzeker' });
    at('2024-02-03', '18:00');
    const f4 = await register('2024-02-03T12:00:00+01:00');
    const f5 = await register('2024-02-03T12:10:00+01:00', { district: 'Meerzicht' });
    at('2024-02-05');
    const feb = await t.services.notices.run(actors.backoffice, {});
    const ref5 = feb.issued.find((x) => x.id === f5.id)!.paymentReference;
    await pay('2024-02-10', 5000, ref5);
    at('2024-02-20');
    await t.services.collection.run(actors.backoffice, { asOf: '2024-02-20' });
    await pay('2024-02-25', 8300, ref(f2.id));
    await pay('2024-02-26', 4200, null);
    at('2024-03-19');
    await t.services.collection.run(actors.backoffice, { asOf: '2024-03-19' });
    at('2024-04-03');
    await t.services.collection.run(actors.backoffice, { asOf: '2024-04-03' });
    at('2024-06-01');
    const w = await t.services.writeOffs.request(actors.finance, f4.id, { kind: 'uncollectable', reason: 'deurwaarder: geen verhaal' });
    await t.services.writeOffs.decide(actors.finance2, w.id, true, 'akkoord');
    at('2025-01-15');
  });
  after(async () => t.destroy());

  it('counts the cohort: issued, cancelled, minors, per month, offence and district', async () => {
    const r = await t.services.evaluation.evaluation(2024, '2024-12-31');
    expect(r.fines).to.deep.include({ issued: 5, cancelled: 1, minors: 1 });
    expect(r.fines.byMonth[0]).to.deep.equal({ month: '2024-01', issued: 3, imposedCents: 37500, collectedCents: 15000 });
    expect(r.fines.byMonth[1]).to.deep.equal({ month: '2024-02', issued: 2, imposedCents: 30000, collectedCents: 12500 });
    expect(r.fines.byMonth.slice(2).every((m) => m.issued === 0 && m.collectedCents === 0)).to.equal(true);
    expect(r.fines.byOffence).to.deep.equal([{ offenceCode: 'A.31', issued: 5, imposedCents: 67500, collectedCents: 27500 }]);
    expect(r.fines.byDistrict).to.deep.equal([{ district: 'Centrum', issued: 4 }, { district: 'Meerzicht', issued: 1 }]);
  });

  it('accounts for every cent: imposed, cancelled, collected, outstanding, written off, costs, unallocated', async () => {
    const r = await t.services.evaluation.evaluation(2024, '2024-12-31');
    expect(r.money).to.deep.equal({
      imposedCents: 67500,
      cancelledCents: 15000,
      netImposedCents: 52500,
      collectedCents: 27500,
      outstandingCents: 15300, // F5: 100 + 8 + 45
      writtenOffCents: 20300, // F4: 150 + 8 + 45
      refundedCents: 0,
      costsImposedCents: 11400, // 8 (F2) + 8 + 45 (F4) + 8 + 45 (F5)
      costsCollectedCents: 800,
      unallocatedReceiptsCents: 4200,
      collectionRate: 0.5238,
    });
  });

  it('measures timeliness, collection steps and objections', async () => {
    const r = await t.services.evaluation.evaluation(2024, '2024-12-31');
    expect(r.timeliness).to.deep.equal({ paidInFull: 2, paidWithinTerm: 1, paidWithinTermShare: 0.25, medianDaysToFullPayment: 30, paidAfterReminder: 1, paidAfterEnforcement: 0 });
    expect(r.collection).to.deep.equal({ reminders: 3, enforcementHandOffs: 2, paymentPlans: 0 });
    expect(r.objections).to.deep.equal({ received: 1, upheld: 1, reduced: 0, rejected: 0, pending: 0, medianDaysToDecision: 15 });
  });

  it('draws the collection curve: the share of standing fines paid in full by days since the beschikking', async () => {
    const curve = await t.services.evaluation.collectionCurve(2024, '2024-12-31');
    expect(curve).to.have.length(366);
    // 4 standing fines; F1 paid after 12 days, F2 after 48.
    expect(curve[11]!.share).to.equal(0);
    expect(curve[12]!.share).to.equal(0.25);
    expect(curve[48]!.share).to.equal(0.5);
    expect(curve[365]!.share).to.equal(0.5);
  });

  it('exports one pseudonymised row per fine: keyed hashes, bands, no names, addresses, IBANs or birth dates', async () => {
    const { evaluatorCsv, EXPORT_COLUMNS } = await import('../../../src/modules/reports/evaluator-export.js');
    const collect = async () => {
      let text = '';
      for await (const line of evaluatorCsv(t.db, t.clock, 2024, '2024-12-31')) text += line;
      return text;
    };
    const text = await collect();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).to.equal(EXPORT_COLUMNS.join(';'));
    expect(lines).to.have.length(6);
    expect(text).to.not.match(/Vries|Dorpsstraat|NL02RABO|1990-05-17|2010-06-01/);
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(';').map((v, i) => [EXPORT_COLUMNS[i], v])));
    expect(rows[1]).to.include({ age_band: '12-15', birth_year_band: '2010-2014', reduced_for_minor: 'ja', amount_cents: '7500', paid_cents: '7500', reminded: 'ja' });
    expect(rows[0]).to.include({ paid_within_term: 'ja', days_to_full_payment: '12' });
    expect(rows[3]).to.include({ handed_off: 'ja', written_off_cents: '20300', outstanding_cents: '0' });
    expect(rows[2]).to.include({ cancelled: 'ja', objection_outcome: 'upheld' });
    // The same offender (same name and birth date) gets the same key in every export.
    expect(rows[0]!.offender_key).to.equal(rows[2]!.offender_key);
    expect(await collect()).to.equal(text);
  });

  it('imports the CJIB baseline and shows it beside the pilot year (revenue to the municipality: nothing since 2015)', async () => {
    const { fromRoot } = await import('../../../src/shared/paths.js');
    const result = await t.services.baseline.importFile(actors.finance, fromRoot('fixtures', 'cjib-baseline-sample.csv'));
    expect(result).to.deep.equal({ rows: 11, years: [2021, 2022, 2023] });
    const again = await t.services.baseline.importFile(actors.finance, fromRoot('fixtures', 'cjib-baseline-sample.csv'));
    expect(again.rows).to.equal(11);
    const r = await t.services.evaluation.evaluation(2024, '2024-12-31');
    expect(r.baseline).to.deep.equal([
      { year: 2021, finesIssued: 697, imposedCents: 8515000, revenueToMunicipalityCents: 0 },
      { year: 2022, finesIssued: 807, imposedCents: 9865000, revenueToMunicipalityCents: 0 },
      { year: 2023, finesIssued: 887, imposedCents: 10790000, revenueToMunicipalityCents: 0 },
    ]);
  });

  it('refuses a baseline file with a bad row, naming the line, and imports nothing of it', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'baseline-')), 'bad.csv');
    fs.writeFileSync(file, 'jaar;feitcode;aantal;opgelegd_bedrag\n2014;A.31;10;1500,00\n2024;A.31;x;abc\n');
    const err = await t.services.baseline.importFile(actors.finance, file).catch((e) => e);
    expect(err.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).to.deep.equal(['3:jaar', '3:aantal', '3:opgelegd_bedrag']);
    expect(await t.db('cjib_baseline').where({ year: 2014 })).to.have.length(0);
  });

  it('counts money as of the cut-off date', async () => {
    const r = await t.services.evaluation.evaluation(2024, '2024-01-31');
    expect(r.fines.issued).to.equal(3);
    expect(r.money).to.include({ collectedCents: 15000, cancelledCents: 15000, unallocatedReceiptsCents: 0 });
  });

  it('gives byte-identical JSON and the same content hash for the same ledger and date', async () => {
    const a = await t.services.evaluation.evaluation(2024, '2024-12-31');
    t.clock.set('2025-02-01T10:00:00+01:00');
    const b = await t.services.evaluation.evaluation(2024, '2024-12-31');
    expect(a.generatedAt).to.not.equal(b.generatedAt);
    const strip = (x: typeof a) => JSON.stringify({ ...x, generatedAt: undefined });
    expect(strip(a)).to.equal(strip(b));
    expect(a.contentHash).to.equal(b.contentHash).and.to.match(/^[0-9a-f]{64}$/);
  });
});

describe(`the evaluation over HTTP (${testDialect()})`, () => {
  it('is for evaluators and admins only, and holds no personal data', async () => {
    const { createTestApp } = await import('../../helpers/test-app.js');
    const request = (await import('supertest')).default;
    const app = await createTestApp('2024-03-20T09:00:00+01:00');
    try {
      const body = registration({ observedAt: '2024-03-15T12:00:00+01:00' });
      await request(app.app).post('/api/v1/fines').set('Authorization', app.auth('boa')).send(body);
      await request(app.app).post('/api/v1/notice-runs').set('Authorization', app.auth('backoffice')).send({});
      const res = await request(app.app).get('/api/v1/reports/evaluation?year=2024').set('Authorization', app.auth('evaluator'));
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ year: 2024, asOf: '2024-03-20', municipality: 'Gemeente Zoetermeer' });
      expect(JSON.stringify(res.body)).to.not.match(/de Vries|Dorpsstraat|1990-05-17/);
      expect((await request(app.app).get('/api/v1/reports/evaluation?year=2024').set('Authorization', app.auth('finance'))).status).to.equal(403);
      const pdf = await request(app.app).get('/api/v1/reports/evaluation?year=2024&format=pdf').set('Authorization', app.auth('evaluator')).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(pdf.status).to.equal(200);
      const { pdfText } = await import('../../helpers/pdf.js');
      expect(await pdfText(pdf.body as Buffer)).to.contain(res.body.contentHash);
      const dash = await request(app.app).get('/api/v1/reports/dashboard').set('Authorization', app.auth('admin'));
      expect(dash.body.fines.issued).to.equal(1);
    } finally {
      await app.destroy();
    }
  });
});
