import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import fc from 'fast-check';
import { addDays, dayOfWeek, InvalidCivilDateError } from '../../../src/domain/civil-date.js';
import {
  atwHolidays,
  easterSunday,
  endOfTerm,
  endOfTermUnextended,
  extendToWorkingDay,
  isAtwRestDay,
  parseEquatedDays,
  type EquatedDay,
} from '../../../src/domain/deadlines.js';

const equated: EquatedDay[] = parseEquatedDays(
  JSON.parse(readFileSync(new URL('../../../db/reference/atw-equated-days.json', import.meta.url), 'utf8')),
);

function holidaysOf(year: number): [string, string][] {
  return atwHolidays(year).map((h) => [h.date, h.name]);
}

describe('deadlines: Atw holidays (Atw art. 3 lid 1 and 2, domain.md §3)', () => {
  it('computes Easter Sunday by the anonymous Gregorian algorithm, incl. the earliest and latest possible dates', () => {
    expect(easterSunday(2024)).to.equal('2024-03-31');
    expect(easterSunday(2025)).to.equal('2025-04-20');
    expect(easterSunday(2026)).to.equal('2026-04-05');
    expect(easterSunday(2008)).to.equal('2008-03-23');
    expect(easterSunday(2038)).to.equal('2038-04-25');
    expect(easterSunday(2285)).to.equal('2285-03-22');
    expect(easterSunday(1961)).to.equal('1961-04-02');
  });

  it('lists every Atw holiday of 2024, with Koningsdag on Saturday 27 April and 5 May on a Sunday', () => {
    expect(holidaysOf(2024)).to.deep.equal([
      ['2024-01-01', 'Nieuwjaarsdag'],
      ['2024-03-29', 'Goede Vrijdag'],
      ['2024-04-01', 'Tweede Paasdag'],
      ['2024-04-27', 'Koningsdag'],
      ['2024-05-05', 'Bevrijdingsdag'],
      ['2024-05-09', 'Hemelvaartsdag'],
      ['2024-05-20', 'Tweede Pinksterdag'],
      ['2024-12-25', 'Eerste Kerstdag'],
      ['2024-12-26', 'Tweede Kerstdag'],
    ]);
  });

  it('lists every Atw holiday of 2025, with Koningsdag on Saturday 26 April because 27 April is a Sunday', () => {
    expect(holidaysOf(2025)).to.deep.equal([
      ['2025-01-01', 'Nieuwjaarsdag'],
      ['2025-04-18', 'Goede Vrijdag'],
      ['2025-04-21', 'Tweede Paasdag'],
      ['2025-04-26', 'Koningsdag'],
      ['2025-05-05', 'Bevrijdingsdag'],
      ['2025-05-29', 'Hemelvaartsdag'],
      ['2025-06-09', 'Tweede Pinksterdag'],
      ['2025-12-25', 'Eerste Kerstdag'],
      ['2025-12-26', 'Tweede Kerstdag'],
    ]);
  });

  it('lists every Atw holiday of 2026, with Koningsdag on Monday 27 April and 5 May on a Tuesday', () => {
    expect(holidaysOf(2026)).to.deep.equal([
      ['2026-01-01', 'Nieuwjaarsdag'],
      ['2026-04-03', 'Goede Vrijdag'],
      ['2026-04-06', 'Tweede Paasdag'],
      ['2026-04-27', 'Koningsdag'],
      ['2026-05-05', 'Bevrijdingsdag'],
      ['2026-05-14', 'Hemelvaartsdag'],
      ['2026-05-25', 'Tweede Pinksterdag'],
      ['2026-12-25', 'Eerste Kerstdag'],
      ['2026-12-26', 'Tweede Kerstdag'],
    ]);
    expect(dayOfWeek('2026-05-05')).to.equal(2);
  });

  it('moves Koningsdag to Saturday 26 April exactly in the Sunday years 2014, 2025, 2031, 2036, 2042 (2014–2050)', () => {
    const moved: number[] = [];
    for (let year = 2014; year <= 2050; year += 1) {
      const koningsdag = atwHolidays(year).find((h) => h.name === 'Koningsdag');
      if (koningsdag?.date === `${year}-04-26`) moved.push(year);
      expect(dayOfWeek(koningsdag?.date ?? '')).not.to.equal(7);
    }
    expect(moved).to.deep.equal([2014, 2025, 2031, 2036, 2042]);
  });

  it('keeps the Easter-based holidays on their weekdays and 5 May on 5 May, every year 2014–2200 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2014, max: 2200 }), (year) => {
        const byName = new Map(atwHolidays(year).map((h) => [h.name, h.date]));
        expect(byName.size).to.equal(9);
        expect(dayOfWeek(byName.get('Goede Vrijdag') ?? '')).to.equal(5);
        expect(dayOfWeek(byName.get('Tweede Paasdag') ?? '')).to.equal(1);
        expect(dayOfWeek(byName.get('Hemelvaartsdag') ?? '')).to.equal(4);
        expect(dayOfWeek(byName.get('Tweede Pinksterdag') ?? '')).to.equal(1);
        expect(byName.get('Bevrijdingsdag')).to.equal(`${year}-05-05`);
      }),
    );
  });

  it('refuses years before Koningsdag existed (2014)', () => {
    expect(() => atwHolidays(2013)).to.throw(RangeError);
    expect(() => atwHolidays(2024.5)).to.throw(RangeError);
  });
});

describe('deadlines: the table of gelijkgestelde dagen (Atw art. 3 lid 3, db/reference/atw-equated-days.json)', () => {
  it('holds the eleven days of the 2022 notice and the two besluiten for 2023–2028, each with its source', () => {
    expect(equated.map((e) => e.date)).to.deep.equal([
      '2022-05-27', '2023-04-28', '2023-05-19', '2024-05-10', '2024-12-27', '2025-05-30',
      '2026-01-02', '2026-05-15', '2027-05-07', '2028-04-28', '2028-05-26',
    ]);
    expect(equated.find((e) => e.date === '2024-05-10')?.source).to.match(/^Besluit gelijkstelling van 28 april 2023/);
    expect(equated.find((e) => e.date === '2026-01-02')?.source).to.match(/^Besluit gelijkstelling van 2 januari 2026/);
  });

  it('contains only bridge days: a weekday, itself no holiday, next to a holiday', () => {
    for (const { date } of equated) {
      expect(dayOfWeek(date), date).to.be.within(1, 5);
      expect(isAtwRestDay(date, []), date).to.equal(false);
      expect(isAtwRestDay(addDays(date, -1), []) || isAtwRestDay(addDays(date, 1), []), date).to.equal(true);
    }
  });

  it('parseEquatedDays refuses a table that is not an array, a bad date or a missing source', () => {
    expect(() => parseEquatedDays({})).to.throw(TypeError);
    expect(() => parseEquatedDays([{ date: '2024-5-10', source: 'x' }])).to.throw(TypeError, /#0/);
    expect(() => parseEquatedDays([{ date: '2024-05-10', source: ' ' }])).to.throw(TypeError, /source/);
    expect(() => parseEquatedDays([null])).to.throw(TypeError);
  });
});

describe('deadlines: rest days and Atw art. 1 lid 1 extension', () => {
  it('treats Saturday, Sunday, holidays, Goede Vrijdag and gelijkgestelde dagen as rest days, and nothing else', () => {
    expect(isAtwRestDay('2024-05-11', equated)).to.equal(true); // Saturday
    expect(isAtwRestDay('2024-05-12', equated)).to.equal(true); // Sunday
    expect(isAtwRestDay('2024-05-09', equated)).to.equal(true); // Hemelvaartsdag
    expect(isAtwRestDay('2024-03-29', equated)).to.equal(true); // Goede Vrijdag, art. 3 lid 2
    expect(isAtwRestDay('2024-05-10', equated)).to.equal(true); // gelijkgesteld
    expect(isAtwRestDay('2024-05-13', equated)).to.equal(false);
    expect(isAtwRestDay('2024-05-10', [])).to.equal(false); // only the besluit makes it a rest day
  });

  it('extends a term ending on a Saturday to the Monday (Atw art. 1 lid 1)', () => {
    expect(extendToWorkingDay('2024-03-16', equated)).to.equal('2024-03-18');
    expect(endOfTerm({ from: '2024-02-03', weeks: 6, equated })).to.equal('2024-03-18');
  });

  it('leaves a term ending on a working day alone (Atw art. 1 lid 1)', () => {
    expect(extendToWorkingDay('2024-05-13', equated)).to.equal('2024-05-13');
  });

  it('extends a term ending on Eerste Kerstdag 2024 past Tweede Kerstdag and the equated 27th to Monday 30 December (Atw art. 1, 3)', () => {
    expect(extendToWorkingDay('2024-12-25', equated)).to.equal('2024-12-30');
  });

  it('extends a term ending on Eerste Kerstdag 2025 (Thursday) past Tweede Kerstdag to Monday 29 December (Atw art. 1, 3)', () => {
    expect(extendToWorkingDay('2025-12-25', equated)).to.equal('2025-12-29');
  });

  it('extends a term ending on Goede Vrijdag 2024 past Easter Monday to Tuesday 2 April (Atw art. 1, art. 3 lid 2)', () => {
    expect(endOfTerm({ from: '2024-02-16', weeks: 6, equated })).to.equal('2024-04-02');
  });

  it('extends a term ending on 5 May 2026 (Tuesday) to Wednesday 6 May: 5 May counts every year (Atw art. 3 lid 1)', () => {
    expect(endOfTerm({ from: '2026-03-24', weeks: 6, equated })).to.equal('2026-05-06');
  });

  it('extends a term ending on Koningsdag 2026 (Monday 27 April) to Tuesday 28 April (Atw art. 3 lid 1)', () => {
    expect(endOfTerm({ from: '2026-03-16', weeks: 6, equated })).to.equal('2026-04-28');
  });

  it('extends a term ending on Nieuwjaarsdag 2026 past the equated Friday 2 January to Monday 5 January (Atw art. 1, art. 3)', () => {
    expect(endOfTerm({ from: '2025-11-20', weeks: 6, equated })).to.equal('2026-01-05');
  });
});

describe('deadlines: endOfTerm (counted from the day after, then Atw art. 1 and 2)', () => {
  it('ends six weeks from Thursday 28 March 2024 on Thursday 9 May before extension (Awb 6:8)', () => {
    expect(endOfTermUnextended({ from: '2024-03-28', weeks: 6 })).to.equal('2024-05-09');
  });

  it('extends a term ending on Hemelvaartsdag 2024 past the equated Friday to Monday 13 May (Atw art. 1, art. 3)', () => {
    expect(endOfTerm({ from: '2024-03-28', weeks: 6, equated })).to.equal('2024-05-13');
  });

  it('would end on Friday 10 May 2024 without the besluit gelijkstelling (why the table matters)', () => {
    expect(endOfTerm({ from: '2024-03-28', weeks: 6, equated: [] })).to.equal('2024-05-10');
  });

  it('ends a two-week aanmaning term sent Friday 13 December 2024 on Monday 30 December (Awb 4:112; Atw art. 1, 3)', () => {
    expect(endOfTermUnextended({ from: '2024-12-13', weeks: 2 })).to.equal('2024-12-27');
    expect(endOfTerm({ from: '2024-12-13', weeks: 2, equated })).to.equal('2024-12-30');
  });

  it('ends a two-week aanmaning term on a plain working day unchanged (Awb 4:112)', () => {
    expect(endOfTerm({ from: '2024-03-05', weeks: 2, equated })).to.equal('2024-03-19');
  });

  it('extends a 3-day term from 24 December 2024 to Tuesday 31 December so it holds two working days (Atw art. 2)', () => {
    // Art. 1 alone gives Monday 30 December: the only working day in 25–30 December.
    expect(extendToWorkingDay(endOfTermUnextended({ from: '2024-12-24', days: 3 }), equated)).to.equal('2024-12-30');
    expect(endOfTerm({ from: '2024-12-24', days: 3, equated })).to.equal('2024-12-31');
  });

  it('extends a 3-day term from Wednesday 8 May 2024 (Hemelvaart, equated Friday, weekend) to Tuesday 14 May (Atw art. 2)', () => {
    expect(endOfTerm({ from: '2024-05-08', days: 3, equated })).to.equal('2024-05-14');
  });

  it('does not apply the two-working-day rule to a term shorter than three days (Atw art. 2)', () => {
    expect(endOfTerm({ from: '2024-12-24', days: 2, equated })).to.equal('2024-12-30');
  });

  it('adds weeks and days together', () => {
    expect(endOfTermUnextended({ from: '2024-03-28', weeks: 1, days: 2 })).to.equal('2024-04-06');
    expect(endOfTerm({ from: '2024-03-28', weeks: 1, days: 2, equated })).to.equal('2024-04-08');
  });

  it('refuses an empty, negative or fractional term and an invalid start date', () => {
    expect(() => endOfTerm({ from: '2024-03-28', equated })).to.throw(RangeError);
    expect(() => endOfTerm({ from: '2024-03-28', weeks: -1, days: 8, equated })).to.throw(RangeError);
    expect(() => endOfTerm({ from: '2024-03-28', weeks: 1.5, equated })).to.throw(RangeError);
    expect(() => endOfTerm({ from: '2024-02-30', weeks: 6, equated })).to.throw(InvalidCivilDateError);
  });

  it('returns the earliest working day on or after the plain end that satisfies Atw art. 1 and 2 (property, 2024–2028)', () => {
    const workingDays = (from: string, end: string): number => {
      let n = 0;
      for (let d = addDays(from, 1); d <= end; d = addDays(d, 1)) if (!isAtwRestDay(d, equated)) n += 1;
      return n;
    };
    const satisfies = (from: string, end: string, length: number): boolean =>
      !isAtwRestDay(end, equated) && (length < 3 || workingDays(from, end) >= 2);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 * 365 }), fc.integer({ min: 1, max: 60 }), (offset, length) => {
        const from = addDays('2024-01-01', offset);
        const plain = endOfTermUnextended({ from, days: length });
        const end = endOfTerm({ from, days: length, equated });
        expect(end >= plain).to.equal(true);
        expect(satisfies(from, end, length)).to.equal(true);
        for (let d = plain; d < end; d = addDays(d, 1)) expect(satisfies(from, d, length), d).to.equal(false);
      }),
    );
  });
});
