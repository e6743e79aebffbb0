import { expect } from 'chai';
import { WEB_PASSWORD } from '../helpers/web.js';
import { checkPage, logIn, openBrowser, startE2eServer, tabTo, type E2eBrowser, type E2eServer, type ViewportName } from './harness.js';

async function logInChecked(b: E2eBrowser, server: E2eServer, username: string, viewport: ViewportName) {
  await b.page.goto(`${server.baseUrl}/`);
  await checkPage(b.page, viewport, '01-inloggen');
  await logIn(b.page, server.baseUrl, username);
}

describe('e2e: a boa registers a rapport in the browser', function () {
  this.timeout(120_000);
  let server: E2eServer;
  before(async () => {
    server = await startE2eServer();
    await server.user('boa', 'bea.boa');
  });
  after(async () => server?.close());

  it('on a phone, with the keyboard alone: search an offence, use my location, fix a mistake, see the case number', async () => {
    const b = await openBrowser('phone');
    try {
      await b.context.grantPermissions(['geolocation'], { origin: server.baseUrl });
      await b.context.setGeolocation({ latitude: 52.057483, longitude: 4.493149, accuracy: 12 });
      const { page } = b;

      await page.goto(`${server.baseUrl}/`);
      await tabTo(page, '#gebruikersnaam');
      await page.keyboard.type('bea.boa');
      await page.keyboard.press('Tab');
      await page.keyboard.type('niet goed');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#login-fout');
      await checkPage(page, 'phone', '02-inloggen-fout');
      await tabTo(page, '#wachtwoord');
      await page.keyboard.type(WEB_PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.baseUrl}/app`);
      await checkPage(page, 'phone', '03-overzicht');

      await page.goto(`${server.baseUrl}/app/rapporten/nieuw`);
      expect(await page.inputValue('#f-observedAt')).to.equal('2024-03-05T10:00');
      await checkPage(page, 'phone', '04-rapport-leeg');

      await tabTo(page, '#feit-zoeken');
      await page.keyboard.type('wildpl');
      expect(await page.textContent('[data-offence-count]')).to.equal('2 feiten gevonden');
      await page.keyboard.type('as');
      expect(await page.inputValue('#f-offenceCode')).to.equal('A.31');
      await tabTo(page, '#f-location-street');
      await page.keyboard.type('Stadhuisplein');
      await page.keyboard.press('Tab');
      await page.keyboard.type('1');
      await page.keyboard.press('Tab');
      await page.keyboard.type('2711 EC');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Centrum');
      await tabTo(page, '[data-geolocate]');
      await page.keyboard.press('Enter');
      // A locator wait, not waitForFunction: that polls by evaluating a string in the page, which the
      // page's Content-Security-Policy refuses whenever the first check is too early.
      await page.locator('[data-geolocate-status]', { hasText: /ingevuld|niet/ }).waitFor();
      expect(await page.textContent('[data-geolocate-status]')).to.match(/^Locatie ingevuld/);
      expect(await page.inputValue('#f-location-lat')).to.equal('52.057483');
      expect(await page.inputValue('#f-location-lon')).to.equal('4.493149');
      await tabTo(page, '#f-offender-givenNames');
      await page.keyboard.type('Jan Willem');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab'); // the surname is forgotten
      await page.keyboard.type('17051990');
      expect(await page.inputValue('#f-offender-birthDate')).to.equal('1990-05-17');
      await tabTo(page, '#f-offender-address-street');
      await page.keyboard.type('Dorpsstraat');
      await page.keyboard.press('Tab');
      await page.keyboard.type('12a');
      await page.keyboard.press('Tab');
      await page.keyboard.type('2712 AB');
      await tabTo(page, '#f-observation');
      await page.keyboard.type('Betrokkene urineerde tegen de gevel van het stadhuis.');
      await tabTo(page, 'button[type=submit].utrecht-button--primary-action');
      await page.keyboard.press('Enter');

      await page.waitForSelector('#f-offender-surname-error');
      expect(await page.textContent('#f-offender-surname-error')).to.contain('Vul dit veld in.');
      await checkPage(page, 'phone', '05-rapport-fout');
      await tabTo(page, 'a[href="#f-offender-surname"]');
      await page.keyboard.press('Enter');
      await tabTo(page, '#f-offender-surname');
      await page.keyboard.type('de Vries');
      await page.keyboard.press('Enter');

      await page.waitForURL(/\/app\/rapporten\/\d+\/bevestiging$/);
      expect(await page.textContent('.bboor-case-number')).to.equal('BB-2024-000001');
      await checkPage(page, 'phone', '06-bevestiging');
      const fine = await server.db('fines').first();
      expect(Number(fine.lat)).to.equal(52.057483);

      await page.goto(`${server.baseUrl}/app/rapporten`);
      expect(await page.textContent('tbody')).to.contain('BB-2024-000001');
      await checkPage(page, 'phone', '07-mijn-rapporten');

      await tabTo(page, 'form[action="/uitloggen"] button');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.baseUrl}/?uitgelogd=1`);
      expect(b.problems).to.deep.equal([]);
    } finally {
      await b.close();
    }
  });

  it('on a desktop: the same pages, checked and photographed', async () => {
    const b = await openBrowser('desktop');
    try {
      const { page } = b;
      await logInChecked(b, server, 'bea.boa', 'desktop');
      await checkPage(page, 'desktop', '03-overzicht');
      await page.goto(`${server.baseUrl}/app/rapporten/nieuw`);
      await checkPage(page, 'desktop', '04-rapport-leeg');
      await page.selectOption('#f-offenceCode', 'C.4');
      await page.fill('#f-location-street', 'Markt');
      await page.fill('#f-location-district', 'Centrum');
      await page.click('button[type=submit].utrecht-button--primary-action');
      await page.waitForSelector('.bboor-error-summary');
      await checkPage(page, 'desktop', '05-rapport-fout');
      await page.goto(`${server.baseUrl}/app/rapporten/1/bevestiging`);
      await checkPage(page, 'desktop', '06-bevestiging');
      await page.goto(`${server.baseUrl}/app/rapporten`);
      await checkPage(page, 'desktop', '07-mijn-rapporten');
      expect(b.problems).to.deep.equal([]);
    } finally {
      await b.close();
    }
  });
});
