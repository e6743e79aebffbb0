import { expect } from 'chai';
import { fixedClock, manualClock } from '../../src/shared/clock.js';

describe('the injected clock (BBOOR_NOW)', () => {
  it('stands still at the given instant and gives its Amsterdam date', () => {
    const clock = fixedClock('2024-03-05T10:00:00+01:00');
    expect(clock.now().toISOString()).to.equal('2024-03-05T09:00:00.000Z');
    expect(clock.today()).to.equal('2024-03-05');
  });

  it('gives the Amsterdam date, not the UTC date, just after midnight in summer time', () => {
    expect(fixedClock('2024-06-30T22:30:00Z').today()).to.equal('2024-07-01');
  });

  it('moves only when told to', () => {
    const clock = manualClock('2024-01-01T00:00:00+01:00');
    clock.set('2024-12-31T23:59:00+01:00');
    expect(clock.today()).to.equal('2024-12-31');
  });

  it('refuses a BBOOR_NOW that is not an ISO timestamp', () => {
    expect(() => fixedClock('5 maart')).to.throw(/ISO/);
  });
});
