import { expect } from 'chai';
import { actorFor } from '../../src/modules/auth/auth.service.js';
import { registration } from '../helpers/fine-factory.js';
import { checkPage, logIn, openBrowser, startE2eServer, tabTo, type E2eBrowser, type E2eServer, type ViewportName } from './harness.js';

async function logInBackoffice(b: E2eBrowser, server: E2eServer, viewport: ViewportName) {
  await logIn(b.page, server.baseUrl, 'bo.backoffice');
  await checkPage(b.page, viewport, 'bo-01-overzicht');
}

/** Three rapports of a boa: two within eight weeks, one from early January (late on 1 March). */
async function seed(server: E2eServer) {
  const boa = actorFor(await server.user('boa', 'bea.boa'));
  await server.user('backoffice', 'bo.backoffice');
  await server.services.fines.register(boa, registration({ observedAt: '2024-02-20T10:00:00+01:00' }));
  await server.services.fines.register(boa, registration({ offenceCode: 'C.2', observedAt: '2024-02-26T22:10:00+01:00' }));
  await server.services.fines.register(boa, registration({ observedAt: '2024-01-02T10:00:00+01:00' }));
}

describe('e2e: the back office issues, handles an objection and runs collection', function () {
  this.timeout(180_000);

  it('on a desktop, forms by keyboard: notice run, late beschikking with a reason, search, objection, decision, collection run', async () => {
    const server = await startE2eServer('2024-03-01T09:00:00+01:00');
    const b = await openBrowser('desktop');
    try {
      await seed(server);
      const { page } = b;
      await logInBackoffice(b, server, 'desktop');

      await page.goto(`${server.baseUrl}/app/beschikkingen`);
      await checkPage(page, 'desktop', 'bo-02-beschikkingen');
      await tabTo(page, 'form[action="/app/beschikkingen/verzendrun"] button');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/app\/beschikkingen\/verzendrun\/\d+\?overgeslagen=1$/);
      expect(await page.textContent('main')).to.contain('2 beschikkingen opgelegd');
      await checkPage(page, 'desktop', 'bo-03-verzendrun');
      const pdf = await page.request.get(`${server.baseUrl}/app/beschikkingen/verzendrun/1/beschikkingen.pdf`);
      expect(pdf.headers()['content-type']).to.equal('application/pdf');

      // The late rapport: its page asks for the reason; filled in with the keyboard.
      await page.goto(`${server.baseUrl}/app/boetes/3`);
      await tabTo(page, '#f-lateReason');
      await page.keyboard.type('Adres pas na navraag bij de BRP bekend.');
      await tabTo(page, 'form[action="/app/boetes/3/opleggen"] button');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/app\/boetes\/3\?gedaan=opgelegd$/);
      await checkPage(page, 'desktop', 'bo-04-boete');

      await page.goto(`${server.baseUrl}/app/boetes`);
      await checkPage(page, 'desktop', 'bo-05-boetes');
      await tabTo(page, '#f-zoek');
      await page.keyboard.type('BB-2024-000002');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.baseUrl}/app/boetes?zoek=BB-2024-000002`);
      expect(await page.textContent('main')).to.contain('1 boete gevonden');
      await checkPage(page, 'desktop', 'bo-06-boetes-gezocht');

      await page.goto(`${server.baseUrl}/app/bezwaren/nieuw?boete=2`);
      await tabTo(page, '#f-summary');
      await page.keyboard.type('Ik was die avond niet in Zoetermeer.');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/app\/bezwaren\/\d+\?gedaan=geregistreerd$/);
      await checkPage(page, 'desktop', 'bo-07-bezwaar');
      await tabTo(page, '#uitkomst-rejected');
      await page.keyboard.press('Space');
      await tabTo(page, '#f-reason');
      await page.keyboard.type('De waarneming van de boa is eenduidig.');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.baseUrl}/app/bezwaren?gedaan=beslist`);
      expect(await page.textContent('main')).to.contain('Ongegrond');
      await checkPage(page, 'desktop', 'bo-08-bezwaren');

      server.clock.set('2024-04-13T08:00:00+02:00');
      await logInBackoffice(b, server, 'desktop');
      await page.goto(`${server.baseUrl}/app/invordering`);
      await checkPage(page, 'desktop', 'bo-09-invordering');
      await tabTo(page, 'form[action="/app/invordering"] button');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/app\/invordering\/\d+$/);
      expect(await page.textContent('main')).to.match(/Aanmaningen verstuurd\s*3/);
      await checkPage(page, 'desktop', 'bo-10-invorderingsrun');
      expect(b.problems).to.deep.equal([]);
    } finally {
      await b.close();
      await server.close();
    }
  });

  it('on a phone: the same pages, checked and photographed', async () => {
    const server = await startE2eServer('2024-03-01T09:00:00+01:00');
    const b = await openBrowser('phone');
    try {
      await seed(server);
      const { page } = b;
      await logInBackoffice(b, server, 'phone');
      await page.goto(`${server.baseUrl}/app/beschikkingen`);
      await checkPage(page, 'phone', 'bo-02-beschikkingen');
      await page.click('form[action="/app/beschikkingen/verzendrun"] button');
      await page.waitForURL(/verzendrun\/\d+/);
      await checkPage(page, 'phone', 'bo-03-verzendrun');
      await page.goto(`${server.baseUrl}/app/boetes/3`);
      await page.click('form[action="/app/boetes/3/opleggen"] button');
      await page.waitForSelector('#f-lateReason-error');
      await checkPage(page, 'phone', 'bo-04-boete-fout');
      await page.goto(`${server.baseUrl}/app/boetes/1`);
      await checkPage(page, 'phone', 'bo-04-boete');
      await page.goto(`${server.baseUrl}/app/boetes`);
      await checkPage(page, 'phone', 'bo-05-boetes');
      await page.goto(`${server.baseUrl}/app/bezwaren/nieuw`);
      await page.click('button[type=submit].utrecht-button--primary-action');
      await page.waitForSelector('.bboor-error-summary');
      await checkPage(page, 'phone', 'bo-07-bezwaar-fout');
      await server.services.objections.lodge(actorFor((await server.services.auth.listUsers()).find((u) => u.username === 'bo.backoffice')!), 1, { receivedOn: '2024-03-01', summary: 'Ik was er niet.' });
      await page.goto(`${server.baseUrl}/app/bezwaren/1`);
      await checkPage(page, 'phone', 'bo-07-bezwaar');
      await page.goto(`${server.baseUrl}/app/bezwaren`);
      await checkPage(page, 'phone', 'bo-08-bezwaren');
      server.clock.set('2024-04-13T08:00:00+02:00');
      await logInBackoffice(b, server, 'phone');
      await page.goto(`${server.baseUrl}/app/invordering`);
      await page.click('form[action="/app/invordering"] button');
      await page.waitForURL(/\/app\/invordering\/\d+$/);
      await checkPage(page, 'phone', 'bo-10-invorderingsrun');
      await page.goto(`${server.baseUrl}/app/invordering`);
      await checkPage(page, 'phone', 'bo-09-invordering');
      expect(b.problems).to.deep.equal([]);
    } finally {
      await b.close();
      await server.close();
    }
  });
});
