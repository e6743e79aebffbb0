import { expect } from 'chai';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { camt053, type CamtEntry } from '../../helpers/camt053.js';
import { importFile, issuedFine, OWN_IBAN, PAYER_IBAN } from '../../helpers/payments-scenario.js';
import type { BankTransactionStatus } from '../../../src/modules/payments/bank.types.js';

/** The queue selects lines by status in the database: it must agree with the status of each line's view. */
describe(`the bank-line queue by status (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp('2024-03-20T09:00:00+01:00');
  });
  afterEach(async () => t.destroy());

  let n = 0;
  const credit = (amountCents: number, d: { ref?: string; name?: string; e2e?: string; iban?: string } = {}): CamtEntry => ({
    amountCents, direction: 'credit', bookingDate: '2024-03-25', bankReference: `Q-${++n}`,
    details: [{ endToEndId: d.e2e ?? `QE-${n}`, name: d.name ?? 'Onbekende Betaler', iban: d.iban ?? PAYER_IBAN, ...(d.ref ? { structuredReference: d.ref } : {}) }],
  });
  const file = (id: string, date: string, entries: CamtEntry[]) => camt053([{ account: OWN_IBAN, id, openingCents: 0, date, entries }]);

  /** Lines of every status: unmatched, suggested, allocated, refund, refund paid and returned. */
  async function linesOfEveryStatus() {
    const paid = await issuedFine(t);
    const over = await issuedFine(t);
    const named = await issuedFine(t, { surname: 'Jansen' });
    const returned = await issuedFine(t);
    const twice = await issuedFine(t);
    await importFile(t, file('S-25', '2024-03-25', [
      credit(paid.amountCents, { ref: paid.paymentReference }),
      credit(over.amountCents + 2500, { ref: over.paymentReference, iban: 'NL18RABO0300000001' }),
      credit(named.amountCents, { name: 'P. Jansen', iban: 'NL44RABO0123456781' }),
      credit(1234, { iban: 'NL69INGB0123456789' }),
      credit(returned.amountCents, { ref: returned.paymentReference, e2e: 'TO-RETURN' }),
      credit(twice.amountCents, { ref: twice.paymentReference, iban: 'NL27INGB0000026500' }),
      credit(twice.amountCents, { ref: twice.paymentReference, iban: 'NL27INGB0000026500' }),
    ]));
    const storno: CamtEntry = { amountCents: returned.amountCents, direction: 'debit', reversal: true, bookingDate: '2024-03-27', bankReference: 'STORNO', details: [{ endToEndId: 'TO-RETURN', iban: PAYER_IBAN, returnReason: 'MD07' }] };
    const payout: CamtEntry = { amountCents: twice.amountCents, direction: 'debit', bookingDate: '2024-03-27', bankReference: 'OUT', details: [{ iban: 'NL27INGB0000026500', endToEndId: 'REFUND' }] };
    await importFile(t, file('S-27', '2024-03-27', [storno, payout]));
  }

  it('selects, counts and pages lines by status exactly as each line’s own view derives it', async () => {
    await linesOfEveryStatus();
    const actor = t.users.finance.actor;
    const all = await t.services.payments.list(actor, { limit: 200, offset: 0 });
    expect(all).to.have.length(9);
    const counts = await t.services.payments.countByStatus();
    const expected: Record<BankTransactionStatus, number> = { unmatched: 0, suggested: 0, allocated: 0, refund: 0, 'refund-paid': 0, returned: 0 };
    for (const line of all) expected[line.status] += 1;
    expect(counts).to.deep.equal(expected);
    expect(Object.values(counts).every((c) => c > 0), JSON.stringify(counts)).to.equal(true);
    for (const status of Object.keys(expected) as BankTransactionStatus[]) {
      const selected = await t.services.payments.list(actor, { status, limit: 200, offset: 0 });
      expect(selected.map((l) => l.status), status).to.deep.equal(Array(expected[status]).fill(status));
    }
    // Newest first, then by id; a page is a slice of the whole list.
    const page = await t.services.payments.list(actor, { limit: 3, offset: 2 });
    expect(page.map((l) => l.id)).to.deep.equal(all.slice(2, 5).map((l) => l.id));
    expect(all[0]!.bookingDate).to.equal('2024-03-27');
  });
});
