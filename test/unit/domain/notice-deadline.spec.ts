import { expect } from 'chai';
import { noticeIsLate } from '../../../src/domain/notice-deadline.js';
import type { PolicyValue } from '../../../src/domain/policy.js';

const EIGHT_WEEKS: PolicyValue[] = [{ key: 'notice_deadline_weeks', validFrom: '2020-01-01', value: 8, unit: 'weeks', source: 'Gemeentewet 154c' }];

describe('notice deadline (Gemeentewet 154c: eight weeks after the offence)', () => {
  it('is on time up to and including the day eight weeks after the offence', () => {
    expect(noticeIsLate(EIGHT_WEEKS, '2024-03-01', '2024-04-26')).to.equal(false);
  });

  it('is late from the day after', () => {
    expect(noticeIsLate(EIGHT_WEEKS, '2024-03-01', '2024-04-27')).to.equal(true);
  });

  it('names the missing policy value rather than guessing one', () => {
    expect(() => noticeIsLate([], '2024-03-01', '2024-04-27')).to.throw(/notice_deadline_weeks/);
  });
});
