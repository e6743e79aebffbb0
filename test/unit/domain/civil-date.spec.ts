import { expect } from 'chai';
import fc from 'fast-check';
import {
  InvalidCivilDateError,
  addDays,
  addWeeks,
  amsterdamDateOf,
  assertCivilDate,
  compareDates,
  dayOfWeek,
  daysBetween,
  isCivilDate,
} from '../../../src/domain/civil-date.js';

// Any date from 2000 to 2099, as a civil date string.
const civilDate = fc.integer({ min: 0, max: 36524 }).map((n) => addDays('2000-01-01', n));

describe('civil-date: YYYY-MM-DD on the Europe/Amsterdam calendar (design.md §4)', () => {
  it('isCivilDate accepts real dates only, including 29 February in a leap year', () => {
    for (const ok of ['2024-01-01', '2024-02-29', '2000-02-29', '2024-12-31']) expect(isCivilDate(ok), ok).to.equal(true);
    for (const bad of ['2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-2-1', '20240101',
      '2024-01-01T00:00:00Z', ' 2024-01-01', '', 20240101, null, undefined]) {
      expect(isCivilDate(bad), String(bad)).to.equal(false);
    }
  });

  it('assertCivilDate throws InvalidCivilDateError carrying the text', () => {
    expect(() => assertCivilDate('2024-02-29')).not.to.throw();
    try {
      assertCivilDate('2023-02-29');
      expect.fail('should have thrown');
    } catch (err) {
      expect(err).to.be.instanceOf(InvalidCivilDateError);
      expect((err as InvalidCivilDateError).text).to.equal('2023-02-29');
    }
  });

  it('addDays crosses month, year, leap day and both DST changes without drifting', () => {
    expect(addDays('2024-01-31', 1)).to.equal('2024-02-01');
    expect(addDays('2024-02-28', 1)).to.equal('2024-02-29');
    expect(addDays('2023-02-28', 1)).to.equal('2023-03-01');
    expect(addDays('2024-12-31', 1)).to.equal('2025-01-01');
    expect(addDays('2024-03-30', 1)).to.equal('2024-03-31'); // CET → CEST on 31 March 2024
    expect(addDays('2024-03-31', 1)).to.equal('2024-04-01');
    expect(addDays('2024-10-27', 1)).to.equal('2024-10-28'); // CEST → CET on 27 October 2024
    expect(addDays('2024-03-01', -1)).to.equal('2024-02-29');
    expect(addDays('2024-05-09', 0)).to.equal('2024-05-09');
  });

  it('addWeeks: six weeks from Thursday 28 March 2024 is Thursday 9 May 2024 (domain.md §3)', () => {
    expect(addWeeks('2024-03-28', 6)).to.equal('2024-05-09');
    expect(addWeeks('2024-05-09', -6)).to.equal('2024-03-28');
    expect(addWeeks('2024-12-13', 2)).to.equal('2024-12-27');
  });

  it('refuses fractional day and week counts and invalid dates', () => {
    expect(() => addDays('2024-01-01', 1.5)).to.throw(RangeError);
    expect(() => addWeeks('2024-01-01', Number.NaN)).to.throw(RangeError);
    expect(() => addDays('2024-02-30', 1)).to.throw(InvalidCivilDateError);
  });

  it('dayOfWeek is ISO: 1 = Monday … 7 = Sunday', () => {
    expect(dayOfWeek('2024-04-01')).to.equal(1);
    expect(dayOfWeek('2024-03-28')).to.equal(4);
    expect(dayOfWeek('2024-03-30')).to.equal(6);
    expect(dayOfWeek('2024-03-31')).to.equal(7);
    expect(dayOfWeek('2025-04-27')).to.equal(7);
  });

  it('daysBetween counts calendar days, signed, also across DST', () => {
    expect(daysBetween('2024-03-30', '2024-04-01')).to.equal(2);
    expect(daysBetween('2024-10-26', '2024-10-28')).to.equal(2);
    expect(daysBetween('2024-04-01', '2024-03-30')).to.equal(-2);
    expect(daysBetween('2024-01-01', '2025-01-01')).to.equal(366);
    expect(daysBetween('2024-05-09', '2024-05-09')).to.equal(0);
  });

  it('daysBetween(d, addDays(d, n)) is n, and a week is 7 days (property)', () => {
    fc.assert(
      fc.property(civilDate, fc.integer({ min: -1000, max: 1000 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).to.equal(n);
        expect(addWeeks(d, n)).to.equal(addDays(d, 7 * n));
        expect(dayOfWeek(addDays(d, 7 * n))).to.equal(dayOfWeek(d));
      }),
    );
  });

  it('amsterdamDateOf gives the Amsterdam day of an instant: 23:30 UTC is already tomorrow', () => {
    expect(amsterdamDateOf('2024-03-31T22:30:00Z')).to.equal('2024-04-01'); // CEST, UTC+2
    expect(amsterdamDateOf('2024-03-31T21:59:59Z')).to.equal('2024-03-31');
    expect(amsterdamDateOf('2023-12-31T23:00:00Z')).to.equal('2024-01-01'); // CET, UTC+1
    expect(amsterdamDateOf('2023-12-31T22:59:59.999Z')).to.equal('2023-12-31');
    expect(amsterdamDateOf('2024-03-05T10:00:00+01:00')).to.equal('2024-03-05');
    expect(amsterdamDateOf('2024-03-05T23:30:00-05:00')).to.equal('2024-03-06');
    expect(amsterdamDateOf('2024-07-01T00:30:00+02:00')).to.equal('2024-07-01');
  });

  it('amsterdamDateOf refuses a timestamp without offset (whose local time?) and garbage', () => {
    for (const bad of ['2024-03-05T10:00:00', '2024-03-05', 'yesterday', '2024-02-30T10:00:00Z']) {
      expect(() => amsterdamDateOf(bad), bad).to.throw(InvalidCivilDateError);
    }
  });

  it('compareDates orders dates and validates both', () => {
    expect(compareDates('2024-05-09', '2024-05-13')).to.equal(-1);
    expect(compareDates('2024-05-13', '2024-05-09')).to.equal(1);
    expect(compareDates('2024-05-13', '2024-05-13')).to.equal(0);
    expect(compareDates('2023-12-31', '2024-01-01')).to.equal(-1);
    expect(() => compareDates('2024-05-13', '2024-5-9')).to.throw(InvalidCivilDateError);
  });

  it('compareDates(a, b) is −1 exactly when b lies after a (daysBetween > 0) (property)', () => {
    fc.assert(
      fc.property(civilDate, civilDate, (a, b) => {
        expect(compareDates(a, b)).to.equal(-Math.sign(daysBetween(a, b)) || 0);
      }),
    );
  });
});
