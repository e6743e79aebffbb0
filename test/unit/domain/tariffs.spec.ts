import { expect } from 'chai';
import fc from 'fast-check';
import { ageOn, caseNumber, fineAmountFor, parseCaseNumber } from '../../../src/domain/tariffs.js';
import { deriveStatus } from '../../../src/domain/fine-status.js';

const policy = { minimumAgeYears: 12, reducedBelowAgeYears: 16, reducedPercent: 50 };

describe('age and tariff rules (Gemeentewet 154b lid 7)', () => {
  it('counts age in whole years on the offence date', () => {
    expect(ageOn('2012-03-01', '2024-02-29')).to.equal(11);
    expect(ageOn('2012-03-01', '2024-03-01')).to.equal(12);
    expect(ageOn('2008-12-31', '2024-12-30')).to.equal(15);
  });

  it('lets someone born on 29 February turn a year older on 1 March in a common year', () => {
    expect(ageOn('2012-02-29', '2025-02-28')).to.equal(12);
    expect(ageOn('2012-02-29', '2025-03-01')).to.equal(13);
    expect(ageOn('2012-02-29', '2024-02-29')).to.equal(12);
  });

  it('refuses under 12, halves from 12 to 15, charges the full tariff from 16', () => {
    expect(fineAmountFor(15000, 11, policy)).to.deep.equal({ ok: false, reason: 'too-young', age: 11 });
    expect(fineAmountFor(15000, 12, policy)).to.deep.equal({ ok: true, amountCents: 7500, reducedForMinor: true, age: 12 });
    expect(fineAmountFor(15000, 15, policy)).to.deep.equal({ ok: true, amountCents: 7500, reducedForMinor: true, age: 15 });
    expect(fineAmountFor(15000, 16, policy)).to.deep.equal({ ok: true, amountCents: 15000, reducedForMinor: false, age: 16 });
  });

  it('rounds a halved odd amount down to whole cents, in the offender’s favour', () => {
    expect(fineAmountFor(10001, 13, policy)).to.include({ amountCents: 5000 });
  });

  it('never charges a minor more than half, nor an adult less than the tariff (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 225_000 }), fc.integer({ min: 12, max: 120 }), (tariff, age) => {
        const r = fineAmountFor(tariff, age, policy);
        if (!r.ok) return false;
        return age < 16 ? r.amountCents * 2 <= tariff && r.amountCents * 2 >= tariff - 1 : r.amountCents === tariff;
      }),
    );
  });

  it('writes and reads case numbers BB-2024-000123', () => {
    expect(caseNumber(2024, 123)).to.equal('BB-2024-000123');
    expect(parseCaseNumber(' bb-2024-000123 ')).to.deep.equal({ year: 2024, sequence: 123 });
    expect(parseCaseNumber('BB-24-1')).to.equal(null);
  });
});

describe('derived fine status', () => {
  const base = { withdrawn: false, issuedOn: '2024-03-01', dueOn: '2024-04-12', cancelledOn: null, amountCents: 10000, outstandingCents: 10000, today: '2024-04-01' };
  it('derives registered, withdrawn, issued, overdue, partially paid, paid and cancelled from the facts', () => {
    expect(deriveStatus({ ...base, issuedOn: null, dueOn: null })).to.equal('registered');
    expect(deriveStatus({ ...base, withdrawn: true, issuedOn: null })).to.equal('withdrawn');
    expect(deriveStatus(base)).to.equal('issued');
    expect(deriveStatus({ ...base, today: '2024-04-12' })).to.equal('issued'); // the last day itself is on time
    expect(deriveStatus({ ...base, today: '2024-04-13' })).to.equal('overdue');
    expect(deriveStatus({ ...base, outstandingCents: 4000 })).to.equal('partially_paid');
    expect(deriveStatus({ ...base, outstandingCents: 0 })).to.equal('paid');
    expect(deriveStatus({ ...base, cancelledOn: '2024-03-10', outstandingCents: 0 })).to.equal('cancelled');
  });
});

describe('prescription of the claim (Awb 4:104, 4:106)', () => {
  it('bars collection from the day after five years past the last day of payment', async () => {
    const { timeBarredFrom } = await import('../../../src/domain/collection.js');
    expect(timeBarredFrom('2024-04-12', null, 5)).to.equal('2029-04-13');
  });

  it('starts a new five-year term from an aanmaning (stuiting, Awb 4:106)', async () => {
    const { timeBarredFrom } = await import('../../../src/domain/collection.js');
    expect(timeBarredFrom('2024-04-12', '2024-04-13', 5)).to.equal('2029-04-14');
  });

  it('moves a term ending on 29 February to 28 February in a common year', async () => {
    const { timeBarredFrom } = await import('../../../src/domain/collection.js');
    expect(timeBarredFrom('2024-02-29', null, 5)).to.equal('2029-03-01');
  });
});

describe('the next collection step (Awb 4:112, 4:117)', () => {
  const base = { dueOn: '2024-04-12', cancelled: false, writtenOff: false, outstandingCents: 15000, aanmaning: null, dwangbevel: null, hold: null } as const;
  it('sends an aanmaning only after the last day, then the dwangbevel stage only after the aanmaning term', async () => {
    const { nextCollectionStep } = await import('../../../src/domain/collection.js');
    expect(nextCollectionStep(base, '2024-04-12')).to.deep.equal({ step: null, reason: 'not-yet-due' });
    expect(nextCollectionStep(base, '2024-04-13')).to.deep.equal({ step: 'aanmaning' });
    const reminded = { ...base, aanmaning: { sentOn: '2024-04-13', termEndsOn: '2024-04-29' } };
    expect(nextCollectionStep(reminded, '2024-04-29')).to.deep.equal({ step: null, reason: 'term-running' });
    expect(nextCollectionStep(reminded, '2024-04-30')).to.deep.equal({ step: 'dwangbevel' });
    expect(nextCollectionStep({ ...reminded, dwangbevel: { on: '2024-04-30' } }, '2024-06-01')).to.deep.equal({ step: null, reason: 'handed-off' });
  });
  it('holds for an objection or a payment plan, and does nothing for a settled fine', async () => {
    const { nextCollectionStep } = await import('../../../src/domain/collection.js');
    expect(nextCollectionStep({ ...base, hold: 'objection' }, '2024-05-01')).to.deep.equal({ step: null, reason: 'objection' });
    expect(nextCollectionStep({ ...base, hold: 'payment-plan' }, '2024-05-01')).to.deep.equal({ step: null, reason: 'payment-plan' });
    expect(nextCollectionStep({ ...base, outstandingCents: 0 }, '2024-05-01')).to.deep.equal({ step: null, reason: 'settled' });
  });
});
