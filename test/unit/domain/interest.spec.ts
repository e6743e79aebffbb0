import { expect } from 'chai';
import { chargeableInterestCents, statutoryInterestCents } from '../../../src/domain/interest.js';
import type { PolicyValue } from '../../../src/domain/policy.js';

const rates: PolicyValue[] = [
  { key: 'statutory_interest_rate_bp', validFrom: '2024-01-01', value: 700, unit: 'basis-points', source: 'test' },
  { key: 'statutory_interest_rate_bp', validFrom: '2025-01-01', value: 600, unit: 'basis-points', source: 'test' },
];

describe('statutory interest (Awb 4:98, BW 6:119)', () => {
  it('runs from the day after the last day of payment, per day at the rate in force', () => {
    // EUR 150 at 7% for 366 days of 2024 (a leap year) = EUR 10.50.
    expect(statutoryInterestCents(15000, '2023-12-31', '2024-12-31', rates)).to.equal(1050);
    expect(statutoryInterestCents(15000, '2024-04-12', '2024-04-12', rates)).to.equal(0);
  });

  it('switches rate on the date of a new rate', () => {
    // 31 days of December 2024 at 7% + 31 days of January 2025 at 6% on EUR 10,000.
    const expected = Math.floor((1_000_000 * 700 * 31) / (10_000 * 366) + (1_000_000 * 600 * 31) / (10_000 * 365));
    expect(statutoryInterestCents(1_000_000, '2024-11-30', '2025-01-31', rates)).to.be.within(expected - 1, expected);
  });

  it('charges no interest below EUR 20 (Awb 4:98 lid 2)', () => {
    expect(chargeableInterestCents(1999, 2000)).to.equal(0);
    expect(chargeableInterestCents(2000, 2000)).to.equal(2000);
  });
});
