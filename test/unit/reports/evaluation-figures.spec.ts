import { expect } from 'chai';
import { composeReport, type EvaluationData } from '../../../src/modules/reports/evaluation.figures.js';

/** What the queries would return for a tiny year: three issue days, two offences, a few payments. */
function data(): EvaluationData {
  const money = (issuedOn: string, offenceCode: string, m: Partial<Record<'imposed' | 'cancelled' | 'collected' | 'costsImposed' | 'costsCollected' | 'writtenOff' | 'outstanding', number>>) => ({
    issuedOn, offenceCode,
    imposedCents: m.imposed ?? 0, cancelledCents: m.cancelled ?? 0, collectedCents: m.collected ?? 0,
    costsImposedCents: m.costsImposed ?? 0, costsCollectedCents: m.costsCollected ?? 0, writtenOffCents: m.writtenOff ?? 0, outstandingCents: m.outstanding ?? 0,
  });
  return {
    counts: [
      { issuedOn: '2024-01-10', offenceCode: 'C.2', issued: 2, cancelled: 1, minors: 0, uncancelled: 1 },
      { issuedOn: '2024-01-10', offenceCode: 'A.18', issued: 1, cancelled: 0, minors: 1, uncancelled: 1 },
      { issuedOn: '2024-03-05', offenceCode: 'C.2', issued: 1, cancelled: 0, minors: 0, uncancelled: 1 },
    ],
    money: [
      money('2024-01-10', 'C.2', { imposed: 22000, cancelled: 11000, collected: 11000 }),
      money('2024-01-10', 'A.18', { imposed: 4500, costsImposed: 1600, outstanding: 6100 }),
      money('2024-03-05', 'C.2', { imposed: 11000, collected: 5000, writtenOff: 6000 }),
    ],
    collectedIn: new Map([['2024-02', 11000], ['2024-04', 5000], ['2025-01', 0]]),
    paid: [{ days: 20, withinTerm: true, after: 'none', fines: 1 }],
    districts: [{ district: 'Centrum', issued: 4 }],
    refundedCents: 0,
    suspenseCents: -2500,
    steps: new Map([['aanmaning', 1]]),
    objections: [{ receivedOn: '2024-01-20', outcome: 'upheld', decidedOn: '2024-02-19' }],
    paymentPlans: 0,
    baseline: [],
  };
}

describe('evaluation figures composed from the gathered rows (evaluation.figures.ts)', () => {
  it('adds issue days up to months and offences, and takes what was paid per month from the booking months', () => {
    const { body } = composeReport(2024, '2025-03-31', 'Zoetermeer', data());
    expect(body.fines).to.include({ issued: 4, cancelled: 1, minors: 1 });
    expect(body.fines.byMonth.slice(0, 4)).to.deep.equal([
      { month: '2024-01', issued: 3, imposedCents: 26500, collectedCents: 0 },
      { month: '2024-02', issued: 0, imposedCents: 0, collectedCents: 11000 },
      { month: '2024-03', issued: 1, imposedCents: 11000, collectedCents: 0 },
      { month: '2024-04', issued: 0, imposedCents: 0, collectedCents: 5000 },
    ]);
    expect(body.fines.byMonth).to.have.length(12);
    // Offence codes in code-point order on every database.
    expect(body.fines.byOffence).to.deep.equal([
      { offenceCode: 'A.18', issued: 1, imposedCents: 4500, collectedCents: 0 },
      { offenceCode: 'C.2', issued: 3, imposedCents: 33000, collectedCents: 16000 },
    ]);
  });

  it('sums the money figures and takes the collection rate of the net imposed amount', () => {
    const { body } = composeReport(2024, '2025-03-31', 'Zoetermeer', data());
    expect(body.money).to.deep.equal({
      imposedCents: 37500, cancelledCents: 11000, netImposedCents: 26500, collectedCents: 16000,
      outstandingCents: 6100, writtenOffCents: 6000, refundedCents: 0, costsImposedCents: 1600, costsCollectedCents: 0,
      unallocatedReceiptsCents: 2500, collectionRate: 0.6038,
    });
    expect(body.timeliness).to.include({ paidInFull: 1, paidWithinTerm: 1, paidWithinTermShare: 0.3333, medianDaysToFullPayment: 20 });
    expect(body.objections).to.include({ received: 1, upheld: 1, pending: 0, medianDaysToDecision: 30 });
    expect(body.collection).to.deep.equal({ reminders: 1, enforcementHandOffs: 0, paymentPlans: 0 });
  });
});
