import { expect } from 'chai';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { camt053, type CamtEntry } from '../../helpers/camt053.js';
import { importFile, issuedFine, OWN_IBAN } from '../../helpers/payments-scenario.js';
import * as batch from '../../../src/modules/payments/import-batch.repository.js';
import { IMPORT_BATCH_LINES as PAGE } from '../../../src/modules/payments/import.service.js';
import { SUGGESTION_PAGE } from '../../../src/modules/payments/page-matching.js';

/** The set-based reads the import's matching makes once per page (or per import) instead of per line. */
describe(`the import's page lookups (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp('2024-03-20T09:00:00+01:00');
  });
  afterEach(async () => t.destroy());

  let n = 0;
  const credit = (amountCents: number, d: { ref?: string; name?: string; iban: string; text?: string }): CamtEntry => ({
    amountCents, direction: 'credit', bookingDate: '2024-03-25', bankReference: `B-${++n}`,
    details: [{ endToEndId: `BE-${n}`, name: d.name ?? 'Onbekende Betaler', iban: d.iban, ...(d.ref ? { structuredReference: d.ref } : {}), ...(d.text ? { text: d.text } : {}) }],
  });
  const file = (entries: CamtEntry[]) => camt053([{ account: OWN_IBAN, id: `S-${++n}`, openingCents: 0, date: '2024-03-25', entries }]);

  it('reads fines by kenmerk or case number, their open debts, the IBANs that paid them, the offenders and the import’s dates', async () => {
    const a = await issuedFine(t, { surname: 'Jansen' });
    const b = await issuedFine(t, { surname: 'de Vries' });
    const found = await batch.issuedFinesByReferences(t.db, [a.paymentReference, '0000000000000000'], [b.caseNumber]);
    expect(found.map((f) => f.id).sort()).to.deep.equal([a.id, b.id].sort());
    expect(found.find((f) => f.id === b.id)!.paymentReference).to.equal(b.paymentReference);

    const res = await importFile(t, file([credit(1000, { ref: a.paymentReference, iban: 'NL18RABO0300000001' })]));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const debts = await batch.openDebts(t.db, [a.id, b.id]);
    expect(debts.get(a.id)!.principalCents).to.equal(a.amountCents - 1000);
    expect(debts.get(b.id)!.principalCents).to.equal(b.amountCents);

    const paid = await batch.finesPaidFromIbans(t.db, ['NL18RABO0300000001', 'NL69INGB0123456789']);
    expect([...paid.get('NL18RABO0300000001')!]).to.deep.equal([a.id]);
    expect([...paid.get('NL69INGB0123456789')!]).to.deep.equal([]);

    const surnames = await batch.offenderSurnames(t.db, [a.id, b.id, a.id]);
    expect(surnames.get(a.id)).to.equal('Jansen');
    expect(surnames.get(b.id)).to.equal('de Vries');

    const open = await batch.openFinesIssuedBetween(t.db, '2024-01-01', '2024-12-31');
    expect(open.find((f) => f.id === a.id)!.openCents).to.equal(a.amountCents - 1000);
    expect(open.find((f) => f.id === b.id)).to.include({ caseNumber: b.caseNumber, surname: 'de Vries', openCents: b.amountCents });
    expect(await batch.openFinesIssuedBetween(t.db, '2030-01-01', '2030-12-31')).to.deep.equal([]);

    expect(await batch.bookingDateRange(t.db, res.body.statementId)).to.deep.equal({ first: '2024-03-25', last: '2024-03-25' });
    expect(await batch.bookingDateRange(t.db, 999_999)).to.equal(null);
  });

  it('decides a line on what the lines before it in the same file booked: a suggestion sees an IBAN that paid by free text just before', async () => {
    const fine = await issuedFine(t, { surname: 'Bakker' });
    const other = await issuedFine(t, { surname: 'Bakker' });
    const iban = 'NL44RABO0123456781';
    const res = await importFile(t, file([
      credit(1000, { iban, text: `Boete ${fine.caseNumber}` }),
      // No reference, a name that does not match: suggested only because this IBAN paid a Bakker above.
      credit(other.amountCents, { iban, name: 'X. Onbekend' }),
    ]));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ partiallyMatched: 1, suggested: 1 });
    const decisions = await t.db('match_decisions').orderBy('id');
    expect(decisions.map((d) => [d.rule, d.outcome, d.fine_id])).to.deep.equal([['free-text-reference', 'booked', fine.id], ['suggestion', 'suggested', other.id]]);
    expect(JSON.parse(decisions[1].evidence)).to.include({ payerIbanPaidThisOffenderBefore: true, payerNameMatchesOffender: false });
  });

  it('decides a fine paid on three pages of one file, with a storno between, as booking the lines one by one would (pipelined pages)', async () => {
    const fine = await issuedFine(t, { surname: 'Smit' });
    const payer = 'NL18RABO0300000001';
    const filler = (i: number) => credit(1234, { iban: `NL${String(10 + (i % 80)).padStart(2, '0')}TEST${String(i).padStart(10, '0')}`, name: 'X. Onbekend' });
    const entries: CamtEntry[] = [];
    entries.push({ ...credit(1000, { ref: fine.paymentReference, iban: payer }), details: [{ endToEndId: 'PAID-FIRST', iban: payer, name: 'A. Smit', structuredReference: fine.paymentReference }] }); // line 1, page 1
    while (entries.length < PAGE) entries.push(filler(entries.length + 1));
    entries.push(credit(1500, { iban: payer, text: `Boete ${fine.caseNumber}` })); // page 2, first line: free text
    entries.push(credit(fine.amountCents, { ref: fine.paymentReference, iban: payer })); // page 2: pass 1 goes first
    while (entries.length < PAGE + 200) entries.push(filler(entries.length + 1));
    entries.push({ amountCents: 1000, direction: 'debit', reversal: true, bookingDate: '2024-03-25', bankReference: 'STORNO-1', details: [{ endToEndId: 'PAID-FIRST', iban: payer, returnReason: 'MD06' }] }); // page 2: storno of line 1
    while (entries.length < 2 * PAGE) entries.push(filler(entries.length + 1));
    entries.push(credit(700, { ref: fine.paymentReference, iban: payer })); // page 3, first line
    const res = await importFile(t, file(entries));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ transactions: 2 * PAGE + 1, matched: 3, partiallyMatched: 2, unmatched: 2 * PAGE - 4 });
    // Page 1: 1000 paid. Page 2: its second line pays the rest (amount − 1000) and 1000 goes back; its first finds
    // the fine paid, all 1500 goes back; the storno reopens the 1000 of line 1. Page 3: 700 of those 1000.
    const debts = await batch.openDebts(t.db, [fine.id]);
    expect(debts.get(fine.id)!.principalCents).to.equal(300);
    const refunds = await t.db('refund_proposals').orderBy('amount_cents').select('amount_cents', 'status');
    expect(refunds.map((r) => [Number(r.amount_cents), r.status])).to.deep.equal([[1000, 'proposed'], [1500, 'proposed']]);
    const allocated = await t.db('allocations').where('fine_id', fine.id).sum({ s: 'amount_cents' });
    expect(Number(allocated[0]!.s)).to.equal(fine.amountCents - 300);
  });

  it('suggests a page of lines at a time once the file is booked (pass 3), lines on both sides of a page boundary alike', async () => {
    const first = await issuedFine(t, { surname: 'Visser' });
    const second = await issuedFine(t, { surname: 'Mulder' });
    const filler = (i: number) => credit(1234, { iban: `NL${String(10 + (i % 80)).padStart(2, '0')}TEST${String(i).padStart(10, '0')}`, name: 'X. Onbekend' });
    const entries: CamtEntry[] = [credit(first.amountCents, { iban: 'NL18RABO0300000002', name: 'K. Visser' })]; // pass 3, page 1
    while (entries.length < SUGGESTION_PAGE + 5) entries.push(filler(entries.length + 1));
    entries.push(credit(second.amountCents, { iban: 'NL18RABO0300000003', name: 'A. Mulder' })); // pass 3, page 2
    const res = await importFile(t, file(entries));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ transactions: SUGGESTION_PAGE + 6, matched: 0, suggested: 2, unmatched: SUGGESTION_PAGE + 4 });
    const decisions = await t.db('match_decisions as d').join('bank_transactions as b', 'b.id', 'd.bank_transaction_id').orderBy('d.id').select('d.rule', 'd.outcome', 'd.fine_id', 'b.counterparty_name');
    expect(decisions.map((d) => [d.rule, d.outcome, Number(d.fine_id), d.counterparty_name])).to.deep.equal([
      ['suggestion', 'suggested', first.id, 'K. Visser'],
      ['suggestion', 'suggested', second.id, 'A. Mulder'],
    ]);
  });
});
