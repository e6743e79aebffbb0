import fs from 'node:fs';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { WEB_PASSWORD } from '../helpers/web.js';
import { makeUser } from '../helpers/factories.js';
import { registration } from '../helpers/fine-factory.js';
import { camt053 } from '../helpers/camt053.js';
import { checkPage, openBrowser, startE2eServer, tabTo, type E2eServer, type ViewportName } from './harness.js';

/** A small pilot year so far: fines in January, February and March, most of January's paid. */
async function seedYear(server: E2eServer): Promise<void> {
  const { services, clock } = server;
  const boa = (await makeUser(services, 'boa')).actor;
  const backoffice = (await makeUser(services, 'backoffice')).actor;
  const finance = (await makeUser(services, 'finance')).actor;
  const offences = ['A.31', 'C.4', 'A.31', 'A.24.1'];
  let seq = 0;
  for (const [month, fines, paid] of [['01', 6, 5], ['02', 4, 2], ['03', 3, 0]] as const) {
    clock.set(`2024-${month}-02T18:00:00+01:00`);
    for (let i = 0; i < fines; i++) await services.fines.register(boa, registration({ observedAt: `2024-${month}-02T1${i % 8}:00:00+01:00`, offenceCode: offences[i % offences.length]! }));
    clock.set(`2024-${month}-03T10:00:00+01:00`);
    const run = await services.notices.run(backoffice, {});
    if (month === '03') continue;
    const date = `2024-${month}-20`;
    clock.set(`${date}T20:00:00+01:00`);
    const entries = run.issued.slice(0, paid).map((f) => ({ amountCents: f.amountCents, direction: 'credit' as const, bookingDate: date, bankReference: `R${++seq}`, details: [{ endToEndId: `E${seq}`, iban: 'NL02RABO0123456789', structuredReference: f.paymentReference }] }));
    await services.imports.importStatement(finance, Readable.from([Buffer.from(camt053([{ account: 'NL91ABNA0417164300', id: `S${month}`, openingCents: 0, date, entries }]))]), {});
  }
  clock.set('2024-03-05T10:00:00+01:00');
}

describe('e2e: an evaluator looks at the year so far and downloads the report', function () {
  this.timeout(120_000);
  let server: E2eServer;
  before(async () => {
    server = await startE2eServer();
    await seedYear(server);
    await server.user('evaluator', 'eva.luator');
  });
  after(async () => server?.close());

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`on a ${viewport}: logs in with the keyboard, reads the dashboard and its tables, downloads the PDF`, async () => {
      const b = await openBrowser(viewport);
      try {
        const { page } = b;
        await page.goto(`${server.baseUrl}/`);
        await tabTo(page, '#gebruikersnaam');
        await page.keyboard.type('eva.luator');
        await page.keyboard.press('Tab');
        await page.keyboard.type(WEB_PASSWORD);
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.baseUrl}/app`);
        await tabTo(page, 'nav a[href="/app/evaluatie"]');
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.baseUrl}/app/evaluatie`);
        expect(await page.textContent('h1')).to.equal('Evaluatie 2024');
        expect(await page.locator('svg[role="img"]').count()).to.equal(3);
        expect(await page.textContent('.bboor-figures')).to.match(/Boetes opgelegd\s*13/);
        await checkPage(page, viewport, 'evaluator-01-dashboard');

        // The figures behind a chart, opened with the keyboard.
        await tabTo(page, '#grafiek-geld ~ details summary');
        await page.keyboard.press('Enter');
        expect(await page.isVisible('#grafiek-geld ~ details table')).to.equal(true);
        await checkPage(page, viewport, 'evaluator-02-tabel-open');

        // The year selector, by keyboard (only 2024 so far).
        await tabTo(page, '#jaar');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.baseUrl}/app/evaluatie?jaar=2024`);

        const download = page.waitForEvent('download');
        await tabTo(page, 'a[href="/app/evaluatie/rapport.pdf?jaar=2024"]');
        await page.keyboard.press('Enter');
        const pdf = await download;
        expect(pdf.suggestedFilename()).to.equal('evaluatie-2024.pdf');
        const bytes = fs.readFileSync((await pdf.path())!);
        expect(bytes.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
        const res = await b.context.request.get(`${server.baseUrl}/app/evaluatie/rapport.pdf?jaar=2024`);
        expect(res.headers()['content-type']).to.equal('application/pdf');
        expect(res.headers()['content-disposition']).to.equal('attachment; filename="evaluatie-2024.pdf"');
        expect(b.problems).to.deep.equal([]);
      } finally {
        await b.close();
      }
    });
  }
});
