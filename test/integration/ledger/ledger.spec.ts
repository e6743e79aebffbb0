import { expect } from 'chai';
import { createTestContext, testDialect, type TestContext } from '../../helpers/test-db.js';
import { SYSTEM_ACTOR } from '../../../src/modules/audit/audit.types.js';
import { verifyLedger } from '../../../src/modules/ledger/ledger.verify.js';
import type { EntryInput } from '../../../src/modules/ledger/ledger.types.js';
import { ConflictError, RuleViolationError, ValidationError } from '../../../src/shared/errors.js';

const issue = (fineId: number, cents: number, bookedOn = '2024-03-05', key?: string): EntryInput => ({
  bookedOn,
  kind: 'fine.issue',
  description: `Boete ${fineId} opgelegd`,
  fineId,
  postings: [
    { account: 'receivable:fines', amountCents: cents },
    { account: 'revenue:fines', amountCents: -cents },
  ],
  ...(key ? { idempotencyKey: key } : {}),
});

describe(`ledger core (${testDialect()})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(async () => t.destroy());

  const post = (input: EntryInput) => t.db.transaction((trx) => t.services.ledger.post(trx, SYSTEM_ACTOR, input));
  const reverse = (id: string, reason = 'vergissing', bookedOn?: string) =>
    t.db.transaction((trx) => t.services.ledger.reverse(trx, SYSTEM_ACTOR, id, { reason, ...(bookedOn ? { bookedOn } : {}) }));

  it('books a balanced entry with numbered postings and the fine on each line', async () => {
    const { entry, replayed } = await post(issue(7, 10000));
    expect(replayed).to.equal(false);
    const stored = await t.services.ledger.findEntry(t.db, entry.id);
    expect(stored!.postings).to.deep.equal([
      { lineNo: 1, account: 'receivable:fines', amountCents: 10000, fineId: 7 },
      { lineNo: 2, account: 'revenue:fines', amountCents: -10000, fineId: 7 },
    ]);
    expect(stored!.actor).to.equal('system');
  });

  it('refuses an unbalanced entry in the service, naming the postings field', async () => {
    const bad = issue(1, 100);
    bad.postings[1]!.amountCents = -99;
    const err = await post(bad).catch((e) => e);
    expect(err).to.be.instanceOf(ValidationError);
    expect(err.errors).to.deep.include({ field: 'postings', message: 'debet en credit zijn niet gelijk (verschil 1 cent)' });
  });

  it('refuses accounts outside the chart of accounts and bank accounts with a bad IBAN', async () => {
    const err = await post({ bookedOn: '2024-03-05', kind: 'manual', description: 'x', postings: [{ account: 'bank:NL00ABNA0417164300', amountCents: 5 }, { account: 'cash', amountCents: -5 }] }).catch((e) => e);
    expect(err).to.be.instanceOf(ValidationError);
    expect(err.errors.map((e: { field: string }) => e.field)).to.deep.equal(['postings.0.account', 'postings.1.account']);
  });

  it('accepts a bank account with a valid IBAN', async () => {
    await post({ bookedOn: '2024-03-05', kind: 'bank.receipt', description: 'ontvangst', postings: [{ account: 'bank:NL91ABNA0417164300', amountCents: 10000 }, { account: 'suspense:unallocated', amountCents: -10000 }] });
    const balances = await t.services.ledger.accountBalances(t.db, '2024-03-05');
    expect(balances.find((b) => b.account === 'bank:NL91ABNA0417164300')!.balanceCents).to.equal(10000);
  });

  it('returns the first entry for the same idempotency key and content (idempotency)', async () => {
    const first = await post(issue(3, 15000, '2024-03-05', 'fine:3:issue'));
    const second = await post(issue(3, 15000, '2024-03-05', 'fine:3:issue'));
    expect(second.replayed).to.equal(true);
    expect(second.entry.id).to.equal(first.entry.id);
    expect(await t.db('journal_entries').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 1);
  });

  it('refuses the same idempotency key with other content as a conflict', async () => {
    await post(issue(3, 15000, '2024-03-05', 'fine:3:issue'));
    const err = await post(issue(3, 20000, '2024-03-05', 'fine:3:issue')).catch((e) => e);
    expect(err).to.be.instanceOf(ConflictError);
  });

  it('reverses an entry with the mirror postings, pointing at the original', async () => {
    const { entry } = await post(issue(4, 26000));
    const { entry: rev } = await reverse(entry.id, 'verkeerd bedrag', '2024-03-06');
    expect(rev.reversesEntryId).to.equal(entry.id);
    expect(rev.kind).to.equal('reversal');
    expect(rev.postings.map((p) => p.amountCents)).to.deep.equal([-26000, 26000]);
    expect(await t.services.ledger.fineOutstandingCents(t.db, 4, '2024-03-05')).to.equal(26000);
    expect(await t.services.ledger.fineOutstandingCents(t.db, 4, '2024-03-06')).to.equal(0);
  });

  it('reverses an entry only once; asking again returns the same reversal', async () => {
    const { entry } = await post(issue(4, 26000));
    const first = await reverse(entry.id);
    const again = await reverse(entry.id);
    expect(again.replayed).to.equal(true);
    expect(again.entry.id).to.equal(first.entry.id);
  });

  it('does not reverse a reversal', async () => {
    const { entry } = await post(issue(4, 26000));
    const { entry: rev } = await reverse(entry.id);
    const err = await reverse(rev.id).catch((e) => e);
    expect(err).to.be.instanceOf(RuleViolationError);
  });

  it('gives balances per account and per fine as of a date', async () => {
    await post(issue(1, 10000, '2024-01-10'));
    await post(issue(2, 15000, '2024-02-10'));
    const jan = await t.services.ledger.accountBalances(t.db, '2024-01-31');
    expect(jan).to.deep.equal([
      { account: 'receivable:fines', balanceCents: 10000, debitCents: 10000, creditCents: 0 },
      { account: 'revenue:fines', balanceCents: -10000, debitCents: 0, creditCents: 10000 },
    ]);
    const feb = await t.services.ledger.accountBalances(t.db, '2024-02-29');
    expect(feb.find((b) => b.account === 'receivable:fines')!.balanceCents).to.equal(25000);
    expect(await t.services.ledger.fineOutstandingCents(t.db, 2, '2024-02-29')).to.equal(15000);
    expect(await t.services.ledger.fineOutstandingCents(t.db, 2, '2024-01-31')).to.equal(0);
  });

  it('posts a batch in one transaction, and nothing when one entry in it is bad', async () => {
    const bad = issue(9, 100);
    bad.postings[0]!.amountCents = 0;
    const err = await t.db.transaction((trx) => t.services.ledger.postMany(trx, SYSTEM_ACTOR, [issue(8, 100), bad])).catch((e) => e);
    expect(err).to.be.instanceOf(ValidationError);
    expect(Number((await t.db('journal_entries').count({ n: '*' }).first())!.n)).to.equal(0);
    const results = await t.db.transaction((trx) => t.services.ledger.postMany(trx, SYSTEM_ACTOR, [issue(8, 100), issue(9, 200)]));
    expect(results).to.have.length(2);
  });

  it('books 500 entries (1,000 postings) in one transaction', async () => {
    const batch = Array.from({ length: 500 }, (_, i) => issue(i + 1, 10000 + i));
    const results = await t.db.transaction((trx) => t.services.ledger.postMany(trx, SYSTEM_ACTOR, batch));
    expect(results.every((r) => !r.replayed)).to.equal(true);
    expect(Number((await t.db('postings').count({ n: '*' }).first())!.n)).to.equal(1000);
    expect((await verifyLedger(t.db)).ok).to.equal(true);
  });

  it('verifies a healthy ledger as ok', async () => {
    const { entry } = await post(issue(1, 10000));
    await reverse(entry.id);
    const report = await verifyLedger(t.db);
    expect(report.ok, JSON.stringify(report)).to.equal(true);
    expect(report.entries).to.equal(2);
    expect(report.postings).to.equal(4);
  });

  it('reports a posting changed behind the ledger’s back, and the missing guard that allowed it', async () => {
    const { entry } = await post(issue(1, 10000));
    // Simulate a database administrator who drops the guard and edits an amount.
    if (testDialect() === 'postgres') await t.db.raw('DROP TRIGGER postings_append_only ON postings');
    else await t.db.raw('DROP TRIGGER postings_no_update');
    await t.db.raw('UPDATE postings SET amount_cents = amount_cents * 2 WHERE entry_id = ?', [entry.id]);
    const report = await verifyLedger(t.db);
    expect(report.ok).to.equal(false);
    const failed = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(failed['postings-unchanged-and-reversals-mirror']!.examples).to.deep.equal([{ entryId: entry.id, problem: 'content changed since booking' }]);
    expect(failed['append-only-guards']!.ok).to.equal(false);
    expect(failed['entries-balance']!.ok).to.equal(true); // still balanced: only the hash catches it
  });
});
