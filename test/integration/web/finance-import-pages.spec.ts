import fs from 'node:fs';
import { expect } from 'chai';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { csrfFrom, makeWebUser, signIn, type WebAgent } from '../../helpers/web.js';
import { camt053 } from '../../helpers/camt053.js';
import { fineDetail, issuedFine, OWN_IBAN, PAYER_IBAN } from '../../helpers/payments-scenario.js';

const count = async (t: TestApp, table: string) => Number(((await t.db(table).count({ n: '*' }).first()) as { n: unknown }).n);

describe(`finance: reading a bank statement on the web page (${process.env.BBOOR_TEST_DIALECT ?? 'sqlite'})`, () => {
  let t: TestApp;
  let finance: WebAgent;
  beforeEach(async () => {
    t = await createTestApp('2024-03-20T09:00:00+01:00');
    await makeWebUser(t.services, 'finance', 'fien.finance');
    finance = await signIn(t.app, 'fien.finance');
  });
  afterEach(async () => t.destroy());

  /** Statements arrive after the payments on them; a web session does not live that long, so sign in again. */
  async function statementDay() {
    t.clock.set('2024-04-02T09:00:00+02:00');
    finance = await signIn(t.app, 'fien.finance');
  }

  /** The statement of a day on which the payer paid the fine with its betalingskenmerk. */
  async function paidStatement() {
    const fine = await issuedFine(t);
    await statementDay();
    const xml = camt053([{ account: OWN_IBAN, id: 'STMT-0401', openingCents: 0, date: '2024-04-01', entries: [{ amountCents: fine.amountCents, direction: 'credit', bookingDate: '2024-04-01', bankReference: 'ACSR-1', details: [{ endToEndId: 'E2E-1', name: 'J.W. de Vries', iban: PAYER_IBAN, structuredReference: fine.paymentReference }] }] }]);
    return { fine, xml };
  }

  /** Posts the upload form as a browser does: the token and the choices first, the file last. */
  async function upload(content: string | Buffer, fields: Record<string, string> = {}, fileName = 'afschrift.xml') {
    const token = csrfFrom((await finance.get('/app/afschriften')).text);
    let req = finance.post('/app/afschriften').field('_csrf', token).field('formaat', 'auto');
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('bestand', Buffer.isBuffer(content) ? content : Buffer.from(content), fileName);
  }

  it('shows the upload form with the size limit, a dry-run checkbox and the file input last', async () => {
    const page = await finance.get('/app/afschriften');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('enctype="multipart/form-data"').and.contain('hoogstens 20 MB').and.contain('name="proefimport"');
    expect(page.text.indexOf('name="proefimport"')).to.be.lessThan(page.text.indexOf('name="bestand"'));
    expect(page.text).to.contain('/assets/js/upload-progress.js');
  });

  it('imports a camt.053 that pays an issued fine, then shows the summary of the stored import', async () => {
    const { fine, xml } = await paidStatement();
    const res = await upload(xml);
    expect(res.status, res.text).to.equal(303);
    expect(res.headers.location).to.match(/^\/app\/afschriften\/\d+$/);
    const result = await finance.get(res.headers.location!);
    expect(result.text).to.contain('Afschrift ingelezen').and.contain('afschrift.xml').and.contain('CAMT.053 (XML)');
    expect(result.text).to.match(/Bijschrijvingen<\/dt><dd[^>]*>1 · €\s150,00/);
    expect(result.text).to.contain('href="/app/betalingen?status=allocated">Toegewezen: 1</a>');
    expect((await fineDetail(t, fine.id)).status).to.equal('paid');
    const again = await upload(xml);
    const second = await finance.get(again.headers.location!);
    expect(second.text).to.match(/Al eerder ingelezen \(overgeslagen\)<\/dt><dd[^>]*>1</);
    expect(second.text).to.contain('Dit bestand bevatte geen nieuwe regels.');
  });

  it('runs a dry run: the summary is shown, nothing is stored', async () => {
    const { fine, xml } = await paidStatement();
    const res = await upload(xml, { proefimport: 'ja' });
    expect(res.status, res.text).to.equal(200);
    expect(res.text).to.contain('Proefimport: niets opgeslagen').and.match(/Toegewezen aan een boete<\/dt><dd[^>]*>1</);
    expect(await count(t, 'bank_transactions')).to.equal(0);
    expect((await fineDetail(t, fine.id)).status).to.equal('issued');
  });

  it('refuses a file with a bad line and lists each bad line with its line number, field and reason', async () => {
    await statementDay();
    const res = await upload(fs.readFileSync('fixtures/bank-statements/ing-csv-ragged-row.csv'), {}, 'ing.csv');
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('Het bestand is geweigerd').and.contain('Er is niets opgeslagen');
    expect(res.text).to.match(/<td[^>]*>3<\/td>\s*<td[^>]*><code class="utrecht-code">row<\/code><\/td>\s*<td[^>]*>expected 11 columns, found 10<\/td>/);
    expect(await count(t, 'bank_transactions')).to.equal(0);
  });

  it('shows the warnings of a statement whose balances do not add up', async () => {
    const { xml } = await paidStatement();
    const res = await upload(xml.replace(/(<Cd>CLBD<\/Cd><\/CdOrPrtry><\/Tp><Amt Ccy="EUR">)[\d.]+/, '$1999.00'));
    const result = await finance.get(res.headers.location!);
    expect(result.text).to.contain('Waarschuwing').and.contain('het afschrift is onvolledig');
  });

  it('asks for a file when none was chosen, and refuses one over 20 MB', async () => {
    const token = csrfFrom((await finance.get('/app/afschriften')).text);
    const none = await finance.post('/app/afschriften').field('_csrf', token).field('formaat', 'auto').attach('bestand', Buffer.alloc(0), '');
    expect(none.status).to.equal(400);
    expect(none.text).to.contain('Kies het bestand van de bank.').and.contain('href="#f-bestand"');
    const big = await upload(Buffer.alloc(20 * 1024 * 1024 + 100 * 1024, 'a'));
    expect(big.status).to.equal(413);
    expect(big.text).to.contain('hoogstens 20 MB');
  });

  it('stops reading a file that passes 20 MB while it is read, and stores nothing', async () => {
    const { xml } = await paidStatement();
    // Just under the declared-size check, just over the limit: refused by the counting stream.
    const padded = Buffer.concat([Buffer.from(xml), Buffer.alloc(20 * 1024 * 1024 - xml.length + 10, ' ')]);
    const res = await upload(padded);
    expect(res.status).to.equal(413);
    expect(res.text).to.contain('Het bestand is geweigerd').and.contain('hoogstens 20 MB');
    expect(await count(t, 'bank_transactions')).to.equal(0);
  });

  it('reads no file without the form’s token, and not for another role', async () => {
    const { xml } = await paidStatement();
    const forged = await finance.post('/app/afschriften').field('_csrf', 'vals').attach('bestand', Buffer.from(xml), 'a.xml');
    expect(forged.status).to.equal(403);
    await makeWebUser(t.services, 'backoffice', 'bo.backoffice');
    const backoffice = await signIn(t.app, 'bo.backoffice');
    expect((await backoffice.get('/app/afschriften')).status).to.equal(403);
    expect(await count(t, 'bank_transactions')).to.equal(0);
  });
});
