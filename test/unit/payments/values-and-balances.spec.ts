// The small readers under the parsers, and the CSV balance derivation.
import { expect } from 'chai';
import { civilDate, dateFromDateTime, dateFromText, ibanOrNull, structuredReferenceValue, swiftAmountToCents, xmlDecimalToCents } from '../../../src/modules/payments/parsers/values.js';
import { BalanceTracker, type BalanceRow } from '../../../src/modules/payments/parsers/csv-balance.js';
import { summarize, summaryRows } from '../../../src/modules/payments/parsers/summarize.js';
import fs from 'node:fs';
import { sample } from './statement-helpers.js';

const row = (balanceCents: number | null, signedCents: number, date: string, sequence: bigint | null = null): BalanceRow => ({ balanceCents, signedCents, date, sequence });

describe('statement values', () => {
  it('knows the calendar: leap years, month lengths', () => {
    expect([civilDate(2024, 2, 29), civilDate(2023, 2, 29), civilDate(1900, 2, 29), civilDate(2000, 2, 29), civilDate(2024, 4, 31), civilDate(2024, 13, 1)])
      .to.deep.equal(['2024-02-29', null, null, '2000-02-29', null, null]);
    expect([dateFromText('05-03-2024'), dateFromText('05/03/2024'), dateFromText('2024-03-05'), dateFromText('2024-3-5')]).to.deep.equal(['2024-03-05', '2024-03-05', '2024-03-05', null]);
  });

  it('takes the Amsterdam day of a camt DtTm in UTC, and the written day of a local one', () => {
    expect(dateFromDateTime('2024-03-31T22:30:00Z')).to.equal('2024-04-01');
    expect(dateFromDateTime('2024-03-05T23:30:00+01:00')).to.equal('2024-03-05');
    expect(dateFromDateTime('2024-03-05T10:00:00')).to.equal('2024-03-05');
  });

  it('reads XML decimals exactly ("1.230" is one euro 23, never thousands), refusing cents it would have to round', () => {
    expect([xmlDecimalToCents('1405.31'), xmlDecimalToCents('3294.00000'), xmlDecimalToCents('1.230'), xmlDecimalToCents('7'), xmlDecimalToCents('0.5')]).to.deep.equal([140531, 329400, 123, 700, 50]);
    expect(() => xmlDecimalToCents('1.005')).to.throw(/two decimals/);
    expect(() => xmlDecimalToCents('1,00')).to.throw();
  });

  it('reads SWIFT amounts: decimal comma, zero padding, no decimals after the comma', () => {
    expect([swiftAmountToCents('000000004433,52'), swiftAmountToCents('100,'), swiftAmountToCents('1,5')]).to.deep.equal([443352, 10000, 150]);
    expect(() => swiftAmountToCents('1.234,56')).to.throw();
  });

  it('keeps IBAN-shaped accounts (check digits are the matcher\'s business) and drops BBANs', () => {
    expect([ibanOrNull('nl91 abna 0417 1643 00'), ibanOrNull('3114904483'), ibanOrNull(''), ibanOrNull('NL99INGB9999999999')]).to.deep.equal(['NL91ABNA0417164300', null, null, 'NL99INGB9999999999']);
  });

  it('writes a valid betalingskenmerk as plain digits and leaves other references as they are', () => {
    expect([structuredReferenceValue('1202 4000 0000 0001'), structuredReferenceValue('RF18 5390 0754 7034'), structuredReferenceValue('  ')]).to.deep.equal(['1202400000000001', 'RF18 5390 0754 7034', null]);
  });
});

describe('CSV balances (BalanceTracker)', () => {
  it('derives newest-first balances (ING) from the first and last rows', () => {
    const sut = new BalanceTracker();
    [row(2347_50, -2_50, '2024-03-08'), row(2350_00, 1250_00, '2024-03-07'), row(1100_00, 100_00, '2024-03-07')].forEach((r) => sut.add(r));
    expect(sut.result()).to.deep.equal({ openingBalanceCents: 1000_00, openingBalanceDate: '2024-03-07', closingBalanceCents: 2347_50, closingBalanceDate: '2024-03-08' });
  });

  it('orders by the bank\'s sequence number first (Rabobank Volgnr), even within one day', () => {
    const sut = new BalanceTracker();
    [row(1100_00, 100_00, '2024-03-05', 101n), row(1000_00, -100_00, '2024-03-05', 102n)].forEach((r) => sut.add(r));
    expect(sut.result()).to.deep.include({ openingBalanceCents: 1000_00, closingBalanceCents: 1000_00 });
  });

  it('uses the balance chain when all rows share one date', () => {
    const sut = new BalanceTracker();
    [row(1250_00, 150_00, '2024-03-05'), row(1100_00, 100_00, '2024-03-05')].forEach((r) => sut.add(r));
    expect(sut.result()).to.deep.include({ openingBalanceCents: 1000_00, closingBalanceCents: 1250_00 });
  });

  it('gives no balances when it cannot tell the order or a row has no balance', () => {
    const ambiguous = new BalanceTracker();
    [row(10_00, 10_00, '2024-03-05'), row(0, -10_00, '2024-03-05'), row(10_00, 10_00, '2024-03-05')].forEach((r) => ambiguous.add(r));
    expect(ambiguous.result().closingBalanceCents).to.equal(null);
    const missing = new BalanceTracker();
    [row(10_00, 10_00, '2024-03-06'), row(null, 5_00, '2024-03-05')].forEach((r) => missing.add(r));
    expect(missing.result()).to.deep.equal({ openingBalanceCents: null, openingBalanceDate: null, closingBalanceCents: null, closingBalanceDate: null });
  });
});

describe('summarize (the README table)', () => {
  it('prints one row per own account with lines, credits, debits and balances', async () => {
    const summary = await summarize(fs.createReadStream(sample('ing-mt940-structured-sample.940')));
    expect(summaryRows('ing-mt940-structured-sample.940', summary)).to.deep.equal([
      '| ing-mt940-structured-sample.940 | mt940 | NL77INGB0574908765 | 1 | 8 | 4 (36.58) | 4 (134.46) | 662.23 | 564.35 | 0 |',
    ]);
  });
});
