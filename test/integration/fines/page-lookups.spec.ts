import { expect } from 'chai';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { registration } from '../../helpers/fine-factory.js';
import { NotFoundError } from '../../../src/shared/errors.js';

/** The look-ups the web pages need from the services: a page of given fines, one objection, one collection run. */
describe(`look-ups by id for the pages (${testDialect()})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('2024-03-01T09:00:00+01:00');
    for (let i = 0; i < 3; i++) await t.services.fines.register(t.users.boa.actor, registration({ observedAt: '2024-02-26T10:00:00+01:00' }));
  });
  after(async () => t.destroy());

  it('lists only the given fines, with the other filters still applied', async () => {
    const { items, total } = await t.services.fines.list({ fineIds: [1, 3], sort: 'caseNumber', order: 'asc', limit: 50, offset: 0 });
    expect(items.map((f) => f.caseNumber)).to.deep.equal(['BB-2024-000001', 'BB-2024-000003']);
    expect(total).to.equal(2);
    expect((await t.services.fines.list({ fineIds: [], sort: 'caseNumber', order: 'asc', limit: 50, offset: 0 })).total).to.equal(0);
    expect((await t.services.fines.list({ fineIds: [1, 3], status: 'issued', sort: 'caseNumber', order: 'asc', limit: 50, offset: 0 })).total).to.equal(0);
  });

  it('finds one objection by id, and says when there is none', async () => {
    await t.services.fines.issue(t.users.backoffice.actor, 2, {});
    const lodged = await t.services.objections.lodge(t.users.backoffice.actor, 2, { receivedOn: '2024-03-01', summary: 'Ik was er niet.' });
    expect(await t.services.objections.find(lodged.id)).to.deep.include({ id: lodged.id, fineId: 2, status: 'pending', timely: true });
    try {
      await t.services.objections.find(999);
      expect.fail('no objection 999');
    } catch (err) {
      expect(err).to.be.instanceOf(NotFoundError);
    }
  });

  it('finds one collection run by id, as the list shows it, and says when there is none', async () => {
    await t.services.fines.issue(t.users.backoffice.actor, 1, {});
    t.clock.set('2024-04-13T08:00:00+02:00');
    const result = await t.services.collection.run(t.users.backoffice.actor);
    const [listed] = await t.services.collection.listRuns(1, 0);
    expect(await t.services.collection.findRun(result.runId!)).to.deep.equal(listed);
    expect(listed).to.include({ asOf: '2024-04-13', aanmaningen: 1, dwangbevelen: 0 });
    try {
      await t.services.collection.findRun(999);
      expect.fail('no run 999');
    } catch (err) {
      expect(err).to.be.instanceOf(NotFoundError);
    }
  });
});
