import { expect } from 'chai';
import fc from 'fast-check';
import { allocatePayment, splitOverDebts } from '../../../src/domain/allocation.js';
import { caseNumbersInText, kenmerkenInText } from '../../../src/domain/payment-references.js';
import { fineKenmerk, formatKenmerk } from '../../../src/domain/betalingskenmerk.js';

const debt = (costs: number, interest: number, principal: number) => ({ costsCents: costs, interestCents: interest, principalCents: principal });

describe('allocation of a payment (Awb 4:92)', () => {
  it('pays costs first, then interest, then the fine (Awb 4:92 lid 1)', () => {
    expect(allocatePayment(1000, debt(800, 300, 10000))).to.deep.equal({ costsCents: 800, interestCents: 200, principalCents: 0, excessCents: 0 });
    expect(allocatePayment(11100, debt(800, 300, 10000))).to.deep.equal({ costsCents: 800, interestCents: 300, principalCents: 10000, excessCents: 0 });
  });

  it('leaves the rest open after a partial payment', () => {
    expect(allocatePayment(6000, debt(0, 0, 10000))).to.deep.equal({ costsCents: 0, interestCents: 0, principalCents: 6000, excessCents: 0 });
  });

  it('keeps an overpayment apart as excess, to be refunded', () => {
    expect(allocatePayment(12500, debt(0, 0, 10000)).excessCents).to.equal(2500);
    expect(allocatePayment(5000, debt(0, 0, 0)).excessCents).to.equal(5000);
  });

  it('splits one payment over several designated fines in the given order (Awb 4:92 lid 2)', () => {
    expect(splitOverDebts(25000, [debt(0, 0, 10000), debt(800, 0, 15000)])).to.deep.equal({ allocations: [debt(0, 0, 10000), debt(800, 0, 14200)], excessCents: 0 });
  });

  it('never allocates more than the payment, never more than owed, and loses no cent (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.tuple(fc.nat(5000), fc.nat(5000), fc.nat(1_000_000)), { minLength: 1, maxLength: 5 }), (amount, raw) => {
        const debts = raw.map(([c, i, p]) => debt(c, i, p));
        const { allocations, excessCents } = splitOverDebts(amount, debts);
        const allocated = allocations.reduce((s, a) => s + a.costsCents + a.interestCents + a.principalCents, 0);
        const owed = debts.reduce((s, d) => s + d.costsCents + d.interestCents + d.principalCents, 0);
        expect(allocated + excessCents).to.equal(amount);
        expect(allocated).to.equal(Math.min(amount, owed));
        allocations.forEach((a, i) => {
          const d = debts[i]!;
          expect(a.costsCents).to.be.at.most(d.costsCents);
          expect(a.principalCents).to.be.at.most(d.principalCents);
          // Awb 4:92: the principal gets nothing while costs are still open.
          if (a.principalCents > 0) expect(a.costsCents).to.equal(d.costsCents);
        });
      }),
    );
  });
});

describe('payment references in free text', () => {
  const k1 = fineKenmerk(2024, 1234);
  const k2 = fineKenmerk(2024, 99);

  it('finds a betalingskenmerk typed with spaces, dots or dashes', () => {
    expect(kenmerkenInText(`boete ${formatKenmerk(k1)} wildplassen`)).to.deep.equal([k1]);
    expect(kenmerkenInText(`kenmerk ${k1.replace(/(\d{4})(?=\d)/g, '$1.')}`)).to.deep.equal([k1]);
    expect(kenmerkenInText(`ref ${k1.slice(0, 8)}-${k1.slice(8)}`)).to.deep.equal([k1]);
  });

  it('ignores a number whose check digit fails (a typo)', () => {
    const typo = k1.slice(0, 10) + String((Number(k1[10]) + 1) % 10) + k1.slice(11);
    expect(kenmerkenInText(`boete ${typo}`)).to.deep.equal([]);
  });

  it('finds several kenmerken in one payment, in order, each once', () => {
    expect(kenmerkenInText(`${k2} en ${k1} en nogmaals ${k2}`)).to.deep.equal([k2, k1]);
  });

  it('does not take a kenmerk out of a longer run of digits', () => {
    expect(kenmerkenInText(`rekening 9${k1}`)).to.deep.equal([]);
  });

  it('finds case numbers in several spellings', () => {
    expect(caseNumbersInText('betreft BB-2024-000123 en bb 2024 45, BB2024000007')).to.deep.equal(['BB-2024-000123', 'BB-2024-000045', 'BB-2024-000007']);
  });
});
