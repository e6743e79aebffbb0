// The whole chain as a new user meets it after `npm install && npm start`: the service started as
// `npm start` starts it (migrated, reference data loaded, the first admin printed once), then in
// the browser: the admin creates the staff, a boa registers a rapport on a phone, the back office
// issues the beschikking, finance imports the bank file that pays it and sees it land, and the
// evaluator downloads the evaluation PDF.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { camt053 } from '../helpers/camt053.js';
import { checkPage, logIn, openBrowser, type E2eBrowser, type ViewportName } from './harness.js';

const NOW = '2024-03-05T10:00:00+01:00';
const PASSWORD = 'lange zin als wachtwoord 2024';
const ACCOUNT = 'NL91ABNA0417164300'; // db/reference/municipality.json

interface Started {
  child: ChildProcess;
  baseUrl: string;
  admin: { username: string; password: string };
}

/** `npm start` without the build: src/server.ts on a new SQLite file, the clock fixed at NOW. */
async function startLikeNpmStart(dir: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src', 'server.ts')], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${path.join(dir, 'bboor.sqlite')}`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', BBOOR_NOW: NOW },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /localhost:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
  const username = /gebruikersnaam:\s+(\S+)/.exec(out)?.[1];
  const password = /wachtwoord:\s+(.+)/.exec(out)?.[1]?.trim();
  if (!username || !password) throw new Error(`no first admin printed: ${out}`);
  return { child, baseUrl: `http://127.0.0.1:${port}`, admin: { username, password } };
}

async function logOut(page: Page): Promise<void> {
  await page.click('form[action="/uitloggen"] button');
  await page.waitForURL(/\?uitgelogd=1$/);
}

/** The value of a row of a data list (`<dt>label</dt><dd>value</dd>`) on the page. */
async function rowValue(page: Page, label: string): Promise<string> {
  return (await page.locator(`dt:text-is("${label}") + dd`).first().textContent())?.trim() ?? '';
}

/** The amount in a row of the fine's balance table (`<th>label</th><td>€ 1,00</td>`), in cents. */
async function balanceCents(page: Page, label: string): Promise<number> {
  const text = (await page.locator(`.bboor-balance th:text-is("${label}") + td`).textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

describe('e2e: from `npm start` to the evaluation PDF, every role in the browser', function () {
  this.timeout(240_000);
  let dir: string;
  let server: Started;
  const browsers: E2eBrowser[] = [];
  const open = async (viewport: ViewportName) => {
    const b = await openBrowser(viewport);
    browsers.push(b);
    return b;
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bboor-journey-'));
    server = await startLikeNpmStart(dir);
  });
  after(async () => {
    for (const b of browsers) await b.close();
    if (server) {
      const exited = new Promise((resolve) => server.child.on('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('admin creates the staff; a boa registers; the back office issues; finance sees the payment land; the evaluator downloads the PDF', async () => {
    const { baseUrl } = server;

    // The admin logs in with the login `npm start` printed and creates one user per role.
    const desk = await open('desktop');
    const page = desk.page;
    await logIn(page, baseUrl, server.admin.username, server.admin.password);
    const staff = [
      { username: 'bas.boa', name: 'Bas de Boa', role: 'boa', badge: 'BOA-2041' },
      { username: 'bo.backoffice', name: 'Bo Backoffice', role: 'backoffice' },
      { username: 'fien.finance', name: 'Fien Financiën', role: 'finance' },
      { username: 'eva.evaluator', name: 'Eva Evaluator', role: 'evaluator' },
    ];
    for (const s of staff) {
      await page.goto(`${baseUrl}/app/gebruikers/nieuw`);
      await page.fill('#f-name', s.name);
      await page.fill('#f-username', s.username);
      await page.selectOption('#f-role', s.role);
      if (s.badge) await page.fill('#f-badgeNumber', s.badge);
      await page.fill('#f-password', PASSWORD);
      if (s.role === 'boa') await checkPage(page, 'desktop', 'journey-01-admin-nieuwe-boa');
      await page.click('button[type=submit].utrecht-button--primary-action');
      await page.waitForURL(/\/app\/gebruikers\/\d+/);
    }
    await page.goto(`${baseUrl}/app/gebruikers`);
    for (const s of staff) expect(await page.textContent('main')).to.contain(s.username);
    await logOut(page);

    // The boa, on a phone: a rapport for wildplassen on the Stadhuisplein.
    const phone = await open('phone');
    await logIn(phone.page, baseUrl, 'bas.boa', PASSWORD);
    await phone.page.goto(`${baseUrl}/app/rapporten/nieuw`);
    await phone.page.selectOption('#f-offenceCode', 'A.31');
    await phone.page.fill('#f-location-street', 'Stadhuisplein');
    await phone.page.fill('#f-location-houseNumber', '1');
    await phone.page.fill('#f-location-postcode', '2711 EC');
    await phone.page.fill('#f-location-district', 'Centrum');
    await phone.page.fill('#f-offender-givenNames', 'Jan');
    await phone.page.fill('#f-offender-surname', 'de Vries');
    await phone.page.fill('#f-offender-birthDate', '1990-05-17');
    await phone.page.fill('#f-offender-address-street', 'Dorpsstraat');
    await phone.page.fill('#f-offender-address-houseNumber', '12');
    await phone.page.fill('#f-offender-address-postcode', '2712 AB');
    await phone.page.fill('#f-offender-address-city', 'Zoetermeer');
    await phone.page.fill('#f-observation', 'Betrokkene urineerde tegen de gevel van het stadhuis.');
    await phone.page.click('button[type=submit].utrecht-button--primary-action');
    await phone.page.waitForURL(/\/app\/rapporten\/\d+\/bevestiging$/);
    const caseNumber = (await phone.page.textContent('.bboor-case-number'))?.trim();
    expect(caseNumber).to.equal('BB-2024-000001');
    await checkPage(phone.page, 'phone', 'journey-02-boa-bevestiging');
    await logOut(phone.page);

    // The back office issues the beschikking in a notice run and downloads the print PDF.
    await logIn(page, baseUrl, 'bo.backoffice', PASSWORD);
    await page.goto(`${baseUrl}/app/beschikkingen`);
    expect(await page.textContent('main')).to.contain(caseNumber!);
    await checkPage(page, 'desktop', 'journey-03-backoffice-wachtrij');
    await page.click('form[action="/app/beschikkingen/verzendrun"] button[type=submit]');
    await page.waitForURL(/\/app\/beschikkingen\/verzendrun\/\d+(\?.*)?$/);
    expect(await page.textContent('main')).to.contain(caseNumber!);
    await checkPage(page, 'desktop', 'journey-04-backoffice-verzendrun');
    const runPdf = await page.context().request.get(`${baseUrl}${new URL(page.url()).pathname}/beschikkingen.pdf`);
    expect(runPdf.status()).to.equal(200);
    expect(runPdf.headers()['content-type']).to.contain('application/pdf');
    expect((await runPdf.body()).subarray(0, 5).toString()).to.equal('%PDF-');
    await page.goto(`${baseUrl}/app/boetes?zoek=${caseNumber}`);
    await page.click(`a:text-is("${caseNumber}")`);
    await page.waitForURL(/\/app\/boetes\/\d+$/);
    const fineUrl = page.url();
    const reference = (await rowValue(page, 'Betalingskenmerk')).replace(/\s/g, '');
    expect(reference).to.match(/^\d{16}$/);
    const amountCents = await balanceCents(page, 'Openstaand');
    expect(amountCents).to.be.greaterThan(0);
    await logOut(page);

    // Finance imports the day's camt.053: the offender paid with the betalingskenmerk.
    const statement = path.join(dir, 'afschrift-2024-03-05.xml');
    fs.writeFileSync(
      statement,
      camt053([{ account: ACCOUNT, id: 'AFS-2024-03-05', openingCents: 0, date: '2024-03-05', entries: [{ amountCents, direction: 'credit', bookingDate: '2024-03-05', bankReference: 'BANKREF-1', details: [{ endToEndId: 'E2E-1', name: 'J de Vries', iban: 'NL02RABO0123456789', structuredReference: reference }] }] }]),
    );
    await logIn(page, baseUrl, 'fien.finance', PASSWORD);
    await page.goto(`${baseUrl}/app/afschriften`);
    await page.setInputFiles('input[name=bestand]', statement);
    await page.click('form button[type=submit].utrecht-button--primary-action');
    await page.waitForSelector('h1:text-is("Afschrift ingelezen")');
    await checkPage(page, 'desktop', 'journey-05-finance-import');
    expect(await rowValue(page, 'Nieuwe regels')).to.equal('1');
    await page.goto(`${baseUrl}/app/betalingen?status=allocated`);
    expect(await page.textContent('main')).to.contain(caseNumber!);
    await checkPage(page, 'desktop', 'journey-06-finance-toegewezen');
    await logOut(page);

    // Back on the fine: paid, nothing outstanding.
    await logIn(page, baseUrl, 'bo.backoffice', PASSWORD);
    await page.goto(fineUrl);
    expect(await balanceCents(page, 'Betaald')).to.equal(amountCents);
    expect(await balanceCents(page, 'Openstaand')).to.equal(0);
    await checkPage(page, 'desktop', 'journey-07-boete-betaald');
    await logOut(page);

    // The evaluator downloads the evaluation report as PDF.
    await logIn(page, baseUrl, 'eva.evaluator', PASSWORD);
    await page.goto(`${baseUrl}/app/evaluatie`);
    await checkPage(page, 'desktop', 'journey-08-evaluatie');
    const href = await page.getAttribute('a[href^="/app/evaluatie/rapport.pdf"]', 'href');
    const pdf = await page.context().request.get(`${baseUrl}${href}`);
    expect(pdf.status()).to.equal(200);
    expect(pdf.headers()['content-type']).to.contain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).to.equal('%PDF-');
    await logOut(page);

    for (const b of browsers) expect(b.problems).to.deep.equal([]);
  });
});
