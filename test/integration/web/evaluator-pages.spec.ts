import { expect } from 'chai';
import { Readable } from 'node:stream';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { registration } from '../../helpers/fine-factory.js';
import { camt053 } from '../../helpers/camt053.js';
import { download, makeWebUser, signIn, type WebAgent } from '../../helpers/web.js';

describe(`evaluator pages (${process.env.BBOOR_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestApp;
  let evaluator: WebAgent;
  beforeEach(async () => {
    // Two fines in March, one paid in full in March; the dashboard is looked at on 20 March.
    t = await createTestApp('2024-03-05T10:00:00+01:00');
    const { boa, backoffice, finance } = t.users;
    await t.services.fines.register(boa.actor, registration({ observedAt: '2024-03-04T12:00:00+01:00' }));
    await t.services.fines.register(boa.actor, registration({ observedAt: '2024-03-04T13:00:00+01:00', offenceCode: 'C.4' }));
    const run = await t.services.notices.run(backoffice.actor, {});
    t.clock.set('2024-03-12T20:00:00+01:00');
    const entry = { amountCents: 15000, direction: 'credit' as const, bookingDate: '2024-03-12', bankReference: 'R1', details: [{ endToEndId: 'E1', iban: 'NL02RABO0123456789', structuredReference: run.issued[0]!.paymentReference }] };
    await t.services.imports.importStatement(finance.actor, Readable.from([Buffer.from(camt053([{ account: 'NL91ABNA0417164300', id: 'S1', openingCents: 0, date: '2024-03-12', entries: [entry] }]))]), {});
    t.clock.set('2024-03-20T09:00:00+01:00');
    await makeWebUser(t.services, 'evaluator', 'eva.luator');
    evaluator = await signIn(t.app, 'eva.luator');
  });
  afterEach(async () => t.destroy());

  it('shows the year to date with three SVG charts, each named by its caption and with its figures as a table', async () => {
    const res = await evaluator.get('/app/evaluatie');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('<h1 class="utrecht-heading-1">Evaluatie 2024</h1>').and.contain('tot en met 20 maart 2024');
    const charts = res.text.match(/<svg class="bboor-chart__svg"[^>]*role="img" aria-labelledby="(grafiek-[a-z]+)"/g) ?? [];
    expect(charts).to.have.length(3);
    for (const id of ['grafiek-boetes', 'grafiek-geld', 'grafiek-curve']) expect(res.text).to.contain(`<figcaption id="${id}">`);
    expect(res.text.match(/<details class="bboor-chart__data">/g)).to.have.length(3);
    // March: 2 fines issued, EUR 150 + the C.4 tariff imposed, EUR 150 collected.
    expect(res.text).to.match(/<th class="utrecht-table__header-cell" scope="row">maart<\/th><td[^>]*>2<\/td>/);
    expect(res.text).to.match(/scope="row">maart<\/th><td[^>]*>€\s[\d.,]+<\/td><td[^>]*>€\s150,00<\/td>/);
    expect(res.text).to.match(/<dt>Boetes opgelegd<\/dt><dd>2<\/dd>/);
    expect(res.text).to.contain('A.31 · ').and.not.contain('-0,00');
  });

  it('never shows personal data: no names, addresses, birth dates or IBANs', async () => {
    const res = await evaluator.get('/app/evaluatie');
    expect(res.text).to.not.match(/de Vries|Jan Willem|Dorpsstraat|1990-05-17|NL02RABO/);
  });

  it('offers the pilot years up to this one; a year outside them shows this year', async () => {
    t.clock.set('2025-02-01T09:00:00+01:00');
    evaluator = await signIn(t.app, 'eva.luator'); // yesterday's session has ended
    const last = await evaluator.get('/app/evaluatie?jaar=2024');
    expect(last.text).to.contain('Evaluatie 2024').and.contain('Boetes opgelegd in 2024');
    expect(last.text).to.contain('<option value="2024" selected>2024</option>').and.contain('<option value="2025">2025</option>');
    expect(last.text).to.contain('href="/app/evaluatie/rapport.pdf?jaar=2024"');
    const odd = await evaluator.get('/app/evaluatie?jaar=1999');
    expect(odd.text).to.contain('<h1 class="utrecht-heading-1">Evaluatie 2025</h1>');
  });

  it('streams the report as a PDF, the pseudonymised CSV (audited) and the JSON, each as a named download', async () => {
    const pdf = await download(evaluator, '/app/evaluatie/rapport.pdf?jaar=2024');
    expect(pdf.status).to.equal(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    expect(pdf.headers['content-disposition']).to.equal('attachment; filename="evaluatie-2024.pdf"');
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).to.equal('%PDF-');

    const csv = await download(evaluator, '/app/evaluatie/export.csv?jaar=2024');
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    expect(csv.headers['content-disposition']).to.equal('attachment; filename="evaluatie-2024.csv"');
    const lines = (csv.body as Buffer).toString('utf8').trim().split('\r\n');
    expect(lines).to.have.length(3);
    expect(lines[0]).to.contain('fine_key');
    expect(lines.join('\n')).to.not.match(/de Vries|Dorpsstraat|1990-05-17/);
    expect(await t.db('audit_log').where({ action: 'evaluation.export' }).count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 1);

    const json = await download(evaluator, '/app/evaluatie/rapport.json?jaar=2024');
    expect(json.headers['content-type']).to.match(/^application\/json/);
    expect(json.headers['content-disposition']).to.equal('attachment; filename="evaluatie-2024.json"');
    const report = JSON.parse((json.body as Buffer).toString('utf8'));
    expect(report).to.include({ year: 2024, asOf: '2024-03-20' });
    expect(report.contentHash).to.equal((await t.services.evaluation.evaluation(2024)).contentHash);
  });

  it('refuses the dashboard and its downloads to roles that handle personal data', async () => {
    await makeWebUser(t.services, 'finance', 'fien.finance');
    const finance = await signIn(t.app, 'fien.finance');
    for (const path of ['/app/evaluatie', '/app/evaluatie/rapport.pdf', '/app/evaluatie/export.csv', '/app/evaluatie/rapport.json']) {
      expect((await finance.get(path)).status, path).to.equal(403);
    }
  });
});
