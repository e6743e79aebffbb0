import { expect } from 'chai';
import { WEB_PASSWORD } from '../helpers/web.js';
import { checkPage, openBrowser, startE2eServer, tabTo, type E2eServer, type ViewportName } from './harness.js';

const NEW_PASSWORD = 'fietsen langs de singel';

describe('e2e: an admin adds a boa and a dated tariff in the browser', function () {
  this.timeout(120_000);
  let server: E2eServer;
  before(async () => {
    server = await startE2eServer();
    await server.user('admin', 'ada.admin');
  });
  after(async () => server?.close());

  for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
    it(`on a ${viewport}, with the keyboard: creates a boa with a password, who can log in; adds a tariff after fixing a mistake`, async () => {
      const b = await openBrowser(viewport);
      const shot = (name: string) => checkPage(b.page, viewport, `admin-${name}`);
      const boa = `bram.${viewport}`;
      try {
        const { page } = b;
        await page.goto(`${server.baseUrl}/`);
        await tabTo(page, '#gebruikersnaam');
        await page.keyboard.type('ada.admin');
        await page.keyboard.press('Tab');
        await page.keyboard.type(WEB_PASSWORD);
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.baseUrl}/app`);
        await shot('01-overzicht');

        await tabTo(page, 'nav a[href="/app/gebruikers"]');
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.baseUrl}/app/gebruikers`);
        await shot('02-gebruikers');

        await tabTo(page, 'a[href="/app/gebruikers/nieuw"]');
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.baseUrl}/app/gebruikers/nieuw`);
        await tabTo(page, '#f-name');
        await page.keyboard.type('Bram de Boa');
        await page.keyboard.press('Tab');
        await page.keyboard.type(boa);
        await page.keyboard.press('Tab');
        await page.keyboard.type('Boa');
        expect(await page.inputValue('#f-role')).to.equal('boa');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab'); // the badge number is forgotten
        await page.keyboard.type(NEW_PASSWORD);
        await page.keyboard.press('Enter');
        await page.waitForSelector('#f-badgeNumber-error');
        expect(await page.textContent('#f-badgeNumber-error')).to.contain('Nodig voor een boa.');
        expect(await page.inputValue('#f-password')).to.equal('');
        await shot('03-gebruiker-fout');
        await tabTo(page, 'a[href="#f-badgeNumber"]');
        await page.keyboard.press('Enter');
        await tabTo(page, '#f-badgeNumber');
        await page.keyboard.type(`BOA-${viewport === 'phone' ? 1 : 2}234`);
        await page.keyboard.press('Tab');
        await page.keyboard.type(NEW_PASSWORD);
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/app\/gebruikers\/\d+$/);
        expect(await page.textContent('#nieuw-token')).to.match(/^bboor_/);
        await shot('04-gebruiker-aangemaakt');

        await tabTo(page, 'nav a[href="/app/catalogus"]');
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.baseUrl}/app/catalogus`);
        await shot('05-catalogus');
        await tabTo(page, 'a[href="/app/catalogus/A.31"]');
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.baseUrl}/app/catalogus/A.31`);
        await tabTo(page, '#f-validFrom');
        await page.keyboard.type(viewport === 'phone' ? '01012025' : '01072025');
        expect(await page.inputValue('#f-validFrom')).to.equal(viewport === 'phone' ? '2025-01-01' : '2025-07-01');
        await tabTo(page, '#f-amount');
        await page.keyboard.type('honderdvijftig');
        await tabTo(page, '#f-source');
        await page.keyboard.type('Besluit tarieven 2025, Gemeenteblad 2024, 4711');
        await tabTo(page, 'button[type=submit].utrecht-button--primary-action');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#f-amount-error');
        await shot('06-tarief-fout');
        await tabTo(page, '#f-amount');
        await page.keyboard.press('Control+A');
        await page.keyboard.type('175,00');
        expect(await page.inputValue('#f-source')).to.contain('Besluit tarieven 2025');
        await page.keyboard.press('Enter');
        await page.waitForSelector('.bboor-flash');
        expect(await page.textContent('.bboor-flash')).to.contain('Het nieuwe tarief is toegevoegd.');
        expect(await page.textContent('tbody')).to.match(/€\s175,00/);
        await shot('07-tarief-toegevoegd');

        await tabTo(page, 'form[action="/uitloggen"] button');
        await page.keyboard.press('Enter');
        await page.waitForURL(`${server.baseUrl}/?uitgelogd=1`);
        await page.fill('#gebruikersnaam', boa);
        await page.fill('#wachtwoord', NEW_PASSWORD);
        await page.click('button[type=submit]');
        await page.waitForURL(`${server.baseUrl}/app`);
        expect(await page.textContent('nav')).to.contain('Rapport opmaken');
        expect(b.problems).to.deep.equal([]);
      } finally {
        await b.close();
      }
    });
  }
});
