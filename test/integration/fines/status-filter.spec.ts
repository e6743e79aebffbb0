import { expect } from 'chai';
import { simulateYear } from '../../sim/simulator.js';
import { testDialect, type TestContext } from '../../helpers/test-db.js';
import { STATUS_LABELS } from '../../../src/web/labels.js';
import type { FineStatus } from '../../../src/domain/fine-status.js';

/** Filtering by each status gives exactly the fines the list shows with that status. */
async function expectFilterAgrees(t: TestContext, day: string, seen: Set<FineStatus>) {
  const { fines } = t.services;
  const all = await fines.list({ sort: 'caseNumber', order: 'asc', limit: 10_000, offset: 0 });
  for (const f of all.items) seen.add(f.status);
  for (const status of Object.keys(STATUS_LABELS) as FineStatus[]) {
    const filtered = await fines.list({ status, sort: 'caseNumber', order: 'asc', limit: 10_000, offset: 0 });
    const expected = all.items.filter((f) => f.status === status).map((f) => f.caseNumber);
    expect(filtered.items.map((f) => f.caseNumber), `${status} on ${day}`).to.deep.equal(expected);
    expect(filtered.total, `${status} total on ${day}`).to.equal(expected.length);
  }
}

/**
 * The status filter of the fines list is the status rule in SQL; the list shows each fine's status
 * from deriveStatus. Through a simulated half year (payments on time, late, partly and twice,
 * aanmaningen, dwangbevelen, objections, refunds), both agree for every status.
 */
describe(`the status filter agrees with the derived status (${testDialect()})`, function () {
  this.timeout(600_000);

  it('for every status, on every day of a simulated spring', async () => {
    const seen = new Set<FineStatus>();
    await simulateYear(2, {
      to: '2024-06-30',
      afterDay: async (t, day) => {
        // Every day from April: a fine is overdue only until the next collection run.
        if (day >= '2024-04-01' || day.endsWith('-15')) await expectFilterAgrees(t, day, seen);
      },
    });
    expect([...seen].sort()).to.include.members(['cancelled', 'enforcement', 'issued', 'objection_pending', 'overdue', 'paid', 'partially_paid', 'refund_due', 'registered', 'reminded']);
  });
});
