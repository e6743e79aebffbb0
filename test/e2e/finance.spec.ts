import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { actorFor } from '../../src/modules/auth/auth.service.js';
import { registration } from '../helpers/fine-factory.js';
import { camt053, type CamtEntry } from '../helpers/camt053.js';
import { OWN_IBAN } from '../helpers/payments-scenario.js';
import { checkPage, logIn, openBrowser, startE2eServer, tabTo, type E2eServer, type ViewportName } from './harness.js';

/**
 * Four issued fines (150 euro each) and the bank's statement of 1 April: one fine paid with its
 * betalingskenmerk, one by a payer named like the offender (a suggestion), and one payment of
 * 300 euro for two fines that names neither.
 */
async function seed(server: E2eServer): Promise<{ file: string; badFile: string; cases: string[] }> {
  const boa = actorFor(await server.user('boa', 'bea.boa'));
  const backoffice = actorFor(await server.user('backoffice', 'bo.backoffice'));
  await server.user('finance', 'fien.finance');
  await server.user('finance', 'frits.finance');
  const fines = [];
  for (const surname of ['de Vries', 'Jansen', 'Bakker', 'Bakker']) {
    const input = registration({ observedAt: '2024-03-01T22:15:00+01:00' });
    input.offender.surname = surname;
    const fine = await server.services.fines.register(boa, input);
    await server.services.fines.issue(backoffice, fine.id, {});
    fines.push((await server.services.fines.find(fine.id))!);
  }
  server.clock.set('2024-04-02T09:00:00+02:00');
  const credit = (n: number, amountCents: number, name: string, ref?: string): CamtEntry => ({
    amountCents, direction: 'credit', bookingDate: '2024-04-01', bankReference: `ACSR-${n}`,
    details: [{ endToEndId: `E2E-${n}`, name, iban: `NL${String(10 + n)}RABO012345678${n}`, ...(ref ? { structuredReference: ref } : {}), text: 'boete' }],
  });
  const xml = camt053([{ account: OWN_IBAN, id: 'STMT-20240401', openingCents: 0, date: '2024-04-01', entries: [
    credit(1, 15000, 'J.W. de Vries', fines[0]!.paymentReference!),
    credit(2, 15000, 'P. Jansen'),
    credit(3, 30000, 'Fam. Bakker'),
  ] }]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bboor-e2e-finance-'));
  const file = path.join(dir, 'afschrift-2024-04-01.xml');
  fs.writeFileSync(file, xml);
  return { file, badFile: path.resolve('fixtures/bank-statements/ing-csv-ragged-row.csv'), cases: fines.map((f) => f.caseNumber) };
}

describe('e2e: finance reads a statement and works the queue of payments', function () {
  this.timeout(180_000);
  let server: E2eServer;
  let files: Awaited<ReturnType<typeof seed>>;
  before(async () => {
    server = await startE2eServer('2024-03-20T09:00:00+01:00');
    files = await seed(server);
  });
  after(async () => server?.close());

  it('on a desktop, by keyboard: upload with progress, see the payment land, confirm a suggestion, split a payment and undo it', async () => {
    const b = await openBrowser('desktop');
    try {
      const { page } = b;
      await logIn(b.page, server.baseUrl, 'fien.finance');
      await checkPage(page, 'desktop', 'fin-01-overzicht');

      // A refused file: every bad line with its number, field and reason.
      await page.goto(`${server.baseUrl}/app/afschriften`);
      await checkPage(page, 'desktop', 'fin-02-afschrift');
      await page.setInputFiles('#f-bestand', files.badFile);
      await tabTo(page, 'form[data-upload-progress] button[type=submit]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#foute-regels');
      expect(await page.textContent('table')).to.contain('expected 11 columns, found 10');
      await checkPage(page, 'desktop', 'fin-03-geweigerd');

      // The real statement, sent by the progress script (XMLHttpRequest), lands on the import's result.
      const xhr: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'xhr') xhr.push(`${r.method()} ${new URL(r.url()).pathname}`);
      });
      await page.setInputFiles('#f-bestand', files.file);
      await tabTo(page, 'form[data-upload-progress] button[type=submit]');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/app\/afschriften\/\d+$/);
      expect(xhr).to.deep.equal(['POST /app/afschriften']);
      const summary = await page.textContent('main');
      expect(summary).to.contain('Afschrift ingelezen').and.contain('Toegewezen: 1').and.contain('Voorstel: 1').and.contain('Niet herkend: 1');
      await checkPage(page, 'desktop', 'fin-04-ingelezen');
      expect((await server.services.fines.detail(actorFor((await server.services.auth.listUsers()).find((u) => u.username === 'fien.finance')!), 1)).status).to.equal('paid');

      // The suggestion, with its evidence, confirmed with a reason typed on the keyboard.
      await page.goto(`${server.baseUrl}/app/betalingen?status=suggested`);
      expect(await page.textContent('tbody')).to.contain(files.cases[1]!);
      await checkPage(page, 'desktop', 'fin-05-voorstellen');
      await page.click('tbody a');
      await checkPage(page, 'desktop', 'fin-06-voorstel');
      await tabTo(page, 'form[action$="/voorstel"] input[name=reason]');
      await page.keyboard.type('Naam en bedrag kloppen');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\?gedaan=toegewezen$/);

      // The payment for two fines: split by hand, by keyboard.
      await page.goto(`${server.baseUrl}/app/betalingen`);
      await checkPage(page, 'desktop', 'fin-07-niet-herkend');
      await page.click('tbody a');
      await tabTo(page, '#f-regel-0-boete');
      await page.keyboard.type(files.cases[2]!);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('150');
      await page.keyboard.press('Tab');
      await page.keyboard.type(files.cases[3]!);
      await page.keyboard.press('Tab');
      await page.keyboard.type('100');
      await tabTo(page, '#f-reason-toewijzen');
      await page.keyboard.type('Twee boetes van de familie');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.bboor-error-summary');
      expect(await page.textContent('.bboor-error-summary')).to.match(/tellen op tot €\s250,00/);
      await checkPage(page, 'desktop', 'fin-08-toewijzen-fout');
      await tabTo(page, '#f-regel-1-bedrag');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('150,00');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\?gedaan=toegewezen$/);
      await checkPage(page, 'desktop', 'fin-09-toegewezen');

      // Undone with a reason: the fines reopen.
      await tabTo(page, '#f-reason-terugdraaien');
      await page.keyboard.type('Verkeerd verdeeld');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\?gedaan=teruggedraaid$/);
      await page.goto(`${server.baseUrl}/app/goedkeuringen`);
      await checkPage(page, 'desktop', 'fin-10-goedkeuringen');
      await page.goto(`${server.baseUrl}/app/terugbetalingen`);
      await checkPage(page, 'desktop', 'fin-11-terugbetalingen');
      await page.goto(`${server.baseUrl}/app/financien/proefbalans`);
      await checkPage(page, 'desktop', 'fin-12-proefbalans');
      const csv = await page.request.get(`${server.baseUrl}/app/financien/proefbalans?formaat=csv`);
      expect(csv.headers()['content-disposition']).to.equal('attachment; filename="proefbalans-2024-04-02.csv"');
      await page.goto(`${server.baseUrl}/app/financien/ouderdom`);
      await checkPage(page, 'desktop', 'fin-13-ouderdom');
      // The one answer of 400: the refused file, sent by the script and shown on purpose.
      expect(b.problems).to.deep.equal([`400 ${server.baseUrl}/app/afschriften`]);
    } finally {
      await b.close();
    }
  });

  it('on a phone: the queue, a line, a dry run and the reports, checked and photographed', async () => {
    const b = await openBrowser('phone');
    try {
      const { page } = b;
      await logIn(b.page, server.baseUrl, 'frits.finance');
      const viewport: ViewportName = 'phone';
      await checkPage(page, viewport, 'fin-01-overzicht');
      await page.goto(`${server.baseUrl}/app/afschriften`);
      await checkPage(page, viewport, 'fin-02-afschrift');
      await page.check('#f-proefimport');
      await page.setInputFiles('#f-bestand', files.file);
      await page.click('form[data-upload-progress] button[type=submit]');
      await page.waitForSelector('text=Proefimport: niets opgeslagen');
      expect(await page.textContent('main')).to.match(/Al eerder ingelezen \(overgeslagen\)\s*3/);
      await checkPage(page, viewport, 'fin-03-proefimport');
      await page.goto(`${server.baseUrl}/app/betalingen?status=unmatched`);
      await checkPage(page, viewport, 'fin-07-niet-herkend');
      await page.click('tbody a');
      await checkPage(page, viewport, 'fin-08-regel');
      await page.goto(`${server.baseUrl}/app/betalingen?status=allocated`);
      await checkPage(page, viewport, 'fin-09-toegewezen');
      await page.goto(`${server.baseUrl}/app/goedkeuringen`);
      await checkPage(page, viewport, 'fin-10-goedkeuringen');
      await page.goto(`${server.baseUrl}/app/financien/proefbalans`);
      await checkPage(page, viewport, 'fin-12-proefbalans');
      await page.goto(`${server.baseUrl}/app/financien/ouderdom`);
      await checkPage(page, viewport, 'fin-13-ouderdom');
      expect(b.problems).to.deep.equal([]);
    } finally {
      await b.close();
    }
  });
});
