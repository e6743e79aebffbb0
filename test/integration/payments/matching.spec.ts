import { expect } from 'chai';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { testDialect } from '../../helpers/test-db.js';
import { camt053, type CamtEntry } from '../../helpers/camt053.js';
import { fineDetail, importFile, issuedFine, OWN_IBAN, PAYER_IBAN } from '../../helpers/payments-scenario.js';
import { formatKenmerk } from '../../../src/domain/betalingskenmerk.js';
import { verifyLedger } from '../../../src/modules/ledger/ledger.verify.js';

describe(`matching and allocating payments (${testDialect()})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp('2024-03-20T09:00:00+01:00');
  });
  afterEach(async () => {
    // Every scenario leaves books that verify (issue: ledger verify holds after every scenario).
    const report = await verifyLedger(t.db, t.services.ledgerChecks);
    expect(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok))).to.equal(true);
    await t.destroy();
  });

  let n = 0;
  const credit = (amountCents: number, d: { ref?: string; text?: string; name?: string; iban?: string; e2e?: string; date?: string } = {}): CamtEntry => ({
    amountCents, direction: 'credit', bookingDate: d.date ?? '2024-03-25', bankReference: `ACSR-${++n}`,
    details: [{ endToEndId: d.e2e ?? `E2E-${n}`, name: d.name ?? 'J.W. de Vries', iban: d.iban ?? PAYER_IBAN, ...(d.ref ? { structuredReference: d.ref } : {}), ...(d.text ? { text: d.text } : {}) }],
  });
  const statement = (entries: CamtEntry[], id = 'STMT-1', openingCents = 0, date = '2024-03-25') => camt053([{ account: OWN_IBAN, id, openingCents, date, entries }]);

  it('books a payment whose structured reference is a fine’s betalingskenmerk (pass 1)', async () => {
    const fine = await issuedFine(t);
    const res = await importFile(t, statement([credit(fine.amountCents, { ref: fine.paymentReference })]));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.include({ format: 'camt053', account: OWN_IBAN, transactions: 1, duplicates: 0, credits: 1, debits: 0, matched: 1, unmatched: 0, totalCreditCents: fine.amountCents });
    const detail = await fineDetail(t, fine.id);
    expect(detail.status).to.equal('paid');
    expect(detail.balance).to.deep.include({ paidCents: fine.amountCents, outstandingCents: 0 });
    const line = (await request(t.app).get('/api/v1/bank-transactions?status=allocated').set('Authorization', t.auth('finance'))).body.items[0];
    expect(line.decisions[0]).to.deep.include({ rule: 'structured-reference', outcome: 'booked', fineId: fine.id, decidedBy: t.users.finance.actor.label });
    expect(line.decisions[0].evidence).to.include({ reference: fine.paymentReference });
  });

  it('finds a kenmerk typed in the free text with spaces (pass 2)', async () => {
    const fine = await issuedFine(t);
    const res = await importFile(t, statement([credit(fine.amountCents, { text: `boete ${formatKenmerk(fine.paymentReference)} wildplassen` })]));
    expect(res.body.matched).to.equal(1);
    expect((await fineDetail(t, fine.id)).status).to.equal('paid');
  });

  it('finds a case number in the free text (pass 2)', async () => {
    const fine = await issuedFine(t);
    await importFile(t, statement([credit(fine.amountCents, { text: `zaak ${fine.caseNumber}` })]));
    expect((await fineDetail(t, fine.id)).status).to.equal('paid');
  });

  it('does not book a kenmerk with a typo (the check digit fails): the line waits in the queue', async () => {
    const fine = await issuedFine(t);
    const typo = fine.paymentReference.slice(0, 12) + String((Number(fine.paymentReference[12]) + 1) % 10) + fine.paymentReference.slice(13);
    const res = await importFile(t, statement([credit(fine.amountCents, { text: `betaling ${typo}`, name: 'Onbekende Betaler' })]));
    expect(res.body).to.include({ matched: 0, unmatched: 1 });
    expect((await fineDetail(t, fine.id)).status).to.equal('issued');
    const queue = await request(t.app).get('/api/v1/bank-transactions?status=unmatched').set('Authorization', t.auth('finance'));
    expect(queue.body.items).to.have.length(1);
    expect(queue.body.items[0].openCents).to.equal(fine.amountCents);
  });

  it('leaves the rest open after a partial payment (Awb 4:92)', async () => {
    const fine = await issuedFine(t);
    const res = await importFile(t, statement([credit(5000, { ref: fine.paymentReference })]));
    expect(res.body.partiallyMatched).to.equal(1);
    const detail = await fineDetail(t, fine.id);
    expect(detail.status).to.equal('partially_paid');
    expect(detail.balance.outstandingCents).to.equal(fine.amountCents - 5000);
  });

  it('turns an overpayment into a refund proposal to the payer’s IBAN', async () => {
    const fine = await issuedFine(t);
    await importFile(t, statement([credit(fine.amountCents + 2500, { ref: fine.paymentReference })]));
    const detail = await fineDetail(t, fine.id);
    expect(detail.balance).to.deep.include({ paidCents: fine.amountCents, outstandingCents: 0 });
    expect(detail.status).to.equal('refund_due');
    const refunds = (await request(t.app).get('/api/v1/refunds?status=proposed').set('Authorization', t.auth('finance'))).body.items;
    expect(refunds).to.have.length(1);
    expect(refunds[0]).to.include({ amountCents: 2500, payerIban: PAYER_IBAN, fineId: fine.id });
  });

  it('refunds a second payment of a fine already paid', async () => {
    const fine = await issuedFine(t);
    await importFile(t, statement([credit(fine.amountCents, { ref: fine.paymentReference }), credit(fine.amountCents, { ref: fine.paymentReference })]));
    const refunds = (await request(t.app).get('/api/v1/refunds').set('Authorization', t.auth('finance'))).body.items;
    expect(refunds.map((r: { amountCents: number }) => r.amountCents)).to.deep.equal([fine.amountCents]);
    expect((await fineDetail(t, fine.id)).balance.paidCents).to.equal(fine.amountCents);
  });

  it('refunds a payment on a cancelled fine', async () => {
    const fine = await issuedFine(t);
    await request(t.app).post(`/api/v1/fines/${fine.id}/cancel`).set('Authorization', t.auth('backoffice')).send({ reason: 'vernietigd' });
    await importFile(t, statement([credit(fine.amountCents, { ref: fine.paymentReference })]));
    const refunds = (await request(t.app).get('/api/v1/refunds').set('Authorization', t.auth('finance'))).body.items;
    expect(refunds).to.have.length(1);
    expect(refunds[0].amountCents).to.equal(fine.amountCents);
  });

  it('splits one payment over two fines named in it, in the order written (Awb 4:92 lid 2)', async () => {
    const a = await issuedFine(t);
    const b = await issuedFine(t);
    const res = await importFile(t, statement([credit(a.amountCents + b.amountCents, { text: `${b.paymentReference} en ${a.paymentReference}` })]));
    expect(res.body.matched).to.equal(1);
    expect((await fineDetail(t, a.id)).status).to.equal('paid');
    expect((await fineDetail(t, b.id)).status).to.equal('paid');
  });

  it('reverses the allocation and reopens the fine when the payment is returned (storno)', async () => {
    const fine = await issuedFine(t);
    await importFile(t, statement([credit(fine.amountCents, { ref: fine.paymentReference, e2e: 'E2E-PAY-1' })]));
    expect((await fineDetail(t, fine.id)).status).to.equal('paid');
    const storno: CamtEntry = { amountCents: fine.amountCents, direction: 'debit', reversal: true, bookingDate: '2024-03-27', bankReference: 'ACSR-STORNO', details: [{ endToEndId: 'E2E-PAY-1', iban: PAYER_IBAN, returnReason: 'MD07' }] };
    const res = await importFile(t, camt053([{ account: OWN_IBAN, id: 'STMT-2', openingCents: fine.amountCents, date: '2024-03-27', entries: [storno] }]));
    expect(res.body.matched).to.equal(1);
    const detail = await fineDetail(t, fine.id);
    expect(detail.status).to.equal('issued');
    expect(detail.balance.paidCents).to.equal(0);
    const returned = (await request(t.app).get('/api/v1/bank-transactions?status=returned').set('Authorization', t.auth('finance'))).body.items;
    expect(returned).to.have.length(2);
  });

  it('leaves a storno of a payment whose refund was already paid out in the queue, with why', async () => {
    const fine = await issuedFine(t);
    await importFile(t, statement([credit(fine.amountCents, { ref: fine.paymentReference, e2e: 'FIRST' }), credit(fine.amountCents, { ref: fine.paymentReference, e2e: 'SECOND' })]));
    const payout: CamtEntry = { amountCents: fine.amountCents, direction: 'debit', bookingDate: '2024-03-27', bankReference: 'OUT-1', details: [{ iban: PAYER_IBAN, endToEndId: 'REFUND' }] };
    const storno: CamtEntry = { amountCents: fine.amountCents, direction: 'debit', reversal: true, bookingDate: '2024-03-28', bankReference: 'STORNO-2', details: [{ endToEndId: 'SECOND', iban: PAYER_IBAN, returnReason: 'MD06' }] };
    await importFile(t, camt053([{ account: OWN_IBAN, id: 'S-27', openingCents: 0, date: '2024-03-27', entries: [payout] }]));
    const res = await importFile(t, camt053([{ account: OWN_IBAN, id: 'S-28', openingCents: 0, date: '2024-03-28', entries: [storno] }]));
    expect(res.body).to.include({ unmatched: 1 });
    const queue = (await request(t.app).get('/api/v1/bank-transactions?status=unmatched').set('Authorization', t.auth('finance'))).body.items;
    expect(queue[0].decisions[0]).to.deep.include({ rule: 'return', outcome: 'rejected' });
    expect(queue[0].decisions[0].evidence.problem).to.match(/terugbetaald/);
  });

  it('imports each detail of a batch entry as its own line', async () => {
    const a = await issuedFine(t);
    const b = await issuedFine(t);
    const batch: CamtEntry = { amountCents: a.amountCents + b.amountCents, direction: 'credit', bookingDate: '2024-03-25', bankReference: 'BATCH-1', details: [
      { amountCents: a.amountCents, endToEndId: 'B1', iban: PAYER_IBAN, structuredReference: a.paymentReference },
      { amountCents: b.amountCents, endToEndId: 'B2', iban: 'NL86INGB0002445588', structuredReference: b.paymentReference },
    ] };
    const res = await importFile(t, statement([batch]));
    expect(res.body).to.include({ transactions: 2, matched: 2 });
  });

  it('adds nothing when the same file is imported twice', async () => {
    const fine = await issuedFine(t);
    const file = statement([credit(fine.amountCents, { ref: fine.paymentReference }), credit(1234, { text: 'gift' })]);
    await importFile(t, file);
    const again = await importFile(t, file);
    expect(again.body).to.include({ transactions: 2, duplicates: 2, matched: 0, unmatched: 0 });
    expect(Number((await t.db('bank_transactions').count({ n: '*' }).first())!.n)).to.equal(2);
  });

  it('adds only the new lines of an overlapping download', async () => {
    const e1 = credit(1000, { text: 'a' });
    const e2 = credit(2000, { text: 'b' });
    const e3 = credit(3000, { text: 'c' });
    await importFile(t, statement([e1, e2], 'DL-1'));
    const res = await importFile(t, statement([e1, e2, e3], 'DL-2'));
    expect(res.body).to.include({ transactions: 3, duplicates: 2 });
    expect(Number((await t.db('bank_transactions').count({ n: '*' }).first())!.n)).to.equal(3);
  });

  it('keeps two files that reuse a statement id but hold other lines', async () => {
    await importFile(t, statement([credit(1000, { text: 'x' })], 'REUSED-1'));
    const res = await importFile(t, statement([credit(1100, { text: 'y' })], 'REUSED-1', 1000));
    expect(res.body.duplicates).to.equal(0);
  });

  it('refuses a statement of another account than the municipality’s, writing nothing', async () => {
    const res = await importFile(t, camt053([{ account: 'NL86INGB0002445588', id: 'X', openingCents: 0, date: '2024-03-25', entries: [credit(1000)] }]));
    expect(res.status).to.equal(400);
    expect(res.body.errors[0]).to.include({ field: 'account' });
    expect(Number((await t.db('bank_transactions').count({ n: '*' }).first())!.n)).to.equal(0);
    expect(Number((await t.db('bank_imports').count({ n: '*' }).first())!.n)).to.equal(0);
  });

  it('warns loudly when a statement does not continue the previous one (a gap)', async () => {
    await importFile(t, camt053([{ account: OWN_IBAN, id: 'S1', openingCents: 0, date: '2024-03-25', entries: [credit(1000)] }]));
    const res = await importFile(t, camt053([{ account: OWN_IBAN, id: 'S2', openingCents: 5000, date: '2024-03-26', entries: [credit(700, { date: '2024-03-26' })] }]));
    expect(res.body.warnings.join(' ')).to.match(/GAT/);
  });

  it('stores nothing on a dry run but reports what would happen', async () => {
    const fine = await issuedFine(t);
    const res = await importFile(t, statement([credit(fine.amountCents, { ref: fine.paymentReference })]), '?dryRun=true');
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ dryRun: true, matched: 1, statementId: null });
    expect(Number((await t.db('bank_transactions').count({ n: '*' }).first())!.n)).to.equal(0);
    expect((await fineDetail(t, fine.id)).status).to.equal('issued');
  });
});
