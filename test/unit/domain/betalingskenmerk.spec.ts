import { expect } from 'chai';
import fc from 'fast-check';
import {
  fineKenmerk,
  formatKenmerk,
  isValidBetalingskenmerk,
  kenmerkCheckDigit,
  makeBetalingskenmerk,
  normalizeKenmerk,
} from '../../../src/domain/betalingskenmerk.js';

// An independent restatement of the Betaalvereniging sum, to reason about the check's blind spot:
// A mod 11 with weights 2, 4, 8, 5, 10, 9, 7, 3, 6, 1 from the right (= 2^i mod 11).
function remainder(body: string): number {
  let a = 0;
  for (let i = 0; i < body.length; i += 1) {
    a += Number(body[body.length - 1 - i]) * 2 ** ((i % 10) + 1);
  }
  return a % 11;
}

const body15 = fc.stringMatching(/^[0-9]{15}$/);
const kenmerk16 = body15.map(makeBetalingskenmerk);

/** A kenmerk of length 9–14: C + L + N with L = (length − 2) mod 10. */
const shortKenmerk = fc.integer({ min: 9, max: 14 }).chain((length) =>
  fc.stringMatching(new RegExp(`^[0-9]{${length - 2}}$`)).map((n) => {
    const body = `${(length - 2) % 10}${n}`;
    return `${kenmerkCheckDigit(body)}${body}`;
  }),
);

describe('betalingskenmerk: check digit (Betaalvereniging weighted mod 11, domain.md §4.1)', () => {
  it('reproduces Betaalvereniging example 5000 0567 8901 2345 (A = 215, C = 5)', () => {
    expect(remainder('000056789012345')).to.equal(215 % 11);
    expect(kenmerkCheckDigit('000056789012345')).to.equal(5);
    expect(makeBetalingskenmerk('000056789012345')).to.equal('5000056789012345');
    expect(isValidBetalingskenmerk('5000 0567 8901 2345')).to.equal(true);
  });

  it('reproduces Betaalvereniging example 12 2345 3462 2567 with L included (A = 263, remainder 10 → C = 1)', () => {
    expect(remainder('2234534622567')).to.equal(10);
    expect(kenmerkCheckDigit('2234534622567')).to.equal(1);
    expect(isValidBetalingskenmerk('12 2345 3462 2567')).to.equal(true);
  });

  it('makes the 9-digit kenmerk 271234567 for N = 1234567, L = 7 (A = 174, C = 2)', () => {
    expect(kenmerkCheckDigit('71234567')).to.equal(2);
    expect(isValidBetalingskenmerk('271234567')).to.equal(true);
  });

  it('makes 6202 4000 0000 1234 for the fine-number body 202400000001234 (A = 93, C = 6)', () => {
    expect(kenmerkCheckDigit('202400000001234')).to.equal(6);
    expect(makeBetalingskenmerk('202400000001234')).to.equal('6202400000001234');
  });

  it('validates the Belastingdienst 16-digit vectors 5010.0021.6701.0010 and 0001.0411.4691.0100', () => {
    expect(isValidBetalingskenmerk('5010.0021.6701.0010')).to.equal(true);
    expect(isValidBetalingskenmerk('0001.0411.4691.0100')).to.equal(true);
    expect(isValidBetalingskenmerk('5010002167010010')).to.equal(true);
    expect(isValidBetalingskenmerk('0001041146910100')).to.equal(true);
  });

  it('maps C = 11 to 0 and C = 10 to 1', () => {
    expect(kenmerkCheckDigit('0')).to.equal(0); // A = 0 → C = 11 → 0
    expect(kenmerkCheckDigit('6')).to.equal(1); // A = 12, remainder 1 → C = 10 → 1
    expect(kenmerkCheckDigit('5')).to.equal(1); // A = 10, remainder 10 → C = 1
  });

  it('refuses a body that is not digits, and a 16-digit body that is not 15 digits long', () => {
    expect(() => kenmerkCheckDigit('')).to.throw(TypeError);
    expect(() => kenmerkCheckDigit('12a4')).to.throw(TypeError);
    expect(() => makeBetalingskenmerk('20240000000123')).to.throw(RangeError);
    expect(() => makeBetalingskenmerk('2024000000012345')).to.throw(RangeError);
  });
});

describe('betalingskenmerk: valid lengths 7, 9–14 and 16 (domain.md §4.1)', () => {
  it('accepts any 7 digits: that length has no check digit', () => {
    expect(isValidBetalingskenmerk('1234567')).to.equal(true);
    expect(isValidBetalingskenmerk('0000000')).to.equal(true);
  });

  it('refuses lengths 8 and 15 even with a consistent check digit, and lengths outside 7–16', () => {
    expect(isValidBetalingskenmerk(`${kenmerkCheckDigit('1234567')}1234567`)).to.equal(false);
    expect(isValidBetalingskenmerk(`${kenmerkCheckDigit('12345678901234')}12345678901234`)).to.equal(false);
    expect(isValidBetalingskenmerk('123456')).to.equal(false);
    expect(isValidBetalingskenmerk('62024000000012340')).to.equal(false);
    expect(isValidBetalingskenmerk('')).to.equal(false);
  });

  it('refuses a short kenmerk whose L does not match the number of digits after it', () => {
    // A consistent check digit over "8" + 7 digits, but 7 digits follow L, not 8.
    expect(isValidBetalingskenmerk(`${kenmerkCheckDigit('81234567')}81234567`)).to.equal(false);
  });

  it('refuses letters and a wrong check digit', () => {
    expect(isValidBetalingskenmerk('620240000000123A')).to.equal(false);
    expect(isValidBetalingskenmerk('7202400000001234')).to.equal(false);
    expect(isValidBetalingskenmerk('371234567')).to.equal(false);
  });

  it('validates every generated kenmerk of 16 and of 9–14 digits (property)', () => {
    fc.assert(fc.property(kenmerk16, (k) => {
      expect(isValidBetalingskenmerk(k)).to.equal(true);
    }));
    fc.assert(fc.property(shortKenmerk, (k) => {
      expect(isValidBetalingskenmerk(k)).to.equal(true);
    }));
  });
});

describe('betalingskenmerk: what the mod-11 check detects (property)', () => {
  // Every weight is non-zero mod 11 and 11 is prime, so changing one body digit by 1–9 always
  // changes A mod 11. But remainders 1 and 10 both give C = 1, so such a change goes unnoticed
  // exactly when C = 1 and the new remainder is the other of {1, 10}. Example: 1202400000000001
  // → 1002400000000001 (body remainders 10 and 1). Changing C itself is always detected.
  it('detects every single-digit substitution except a swap between remainders 1 and 10 under C = 1', () => {
    fc.assert(
      fc.property(kenmerk16, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 9 }), (k, pos, delta) => {
        const digit = (Number(k[pos]) + delta) % 10;
        const mutated = `${k.slice(0, pos)}${digit}${k.slice(pos + 1)}`;
        const blindSpot = pos > 0 && k[0] === '1' && [1, 10].includes(remainder(mutated.slice(1)));
        expect(isValidBetalingskenmerk(mutated), mutated).to.equal(blindSpot);
      }),
    );
    expect(isValidBetalingskenmerk('1202400000000001')).to.equal(true);
    expect(isValidBetalingskenmerk('1002400000000001')).to.equal(true);
  });

  // Adjacent weights w and 2w (mod 11) differ by w ≠ 0, so swapping two different adjacent body
  // digits also changes A mod 11: detected, with the same 1-or-10 blind spot under C = 1
  // (e.g. 1202400000000001 → 1202400000000010).
  it('detects swapping two different adjacent body digits except the same 1-or-10 blind spot', () => {
    fc.assert(
      fc.property(kenmerk16, fc.integer({ min: 1, max: 14 }), (k, pos) => {
        fc.pre(k[pos] !== k[pos + 1]);
        const mutated = `${k.slice(0, pos)}${k[pos + 1]}${k[pos]}${k.slice(pos + 2)}`;
        const blindSpot = k[0] === '1' && [1, 10].includes(remainder(mutated.slice(1)));
        expect(isValidBetalingskenmerk(mutated), mutated).to.equal(blindSpot);
      }),
    );
    expect(isValidBetalingskenmerk('1202400000000010')).to.equal(true);
  });

  it('does not always detect swapping the check digit with the first body digit (C is not weighted)', () => {
    expect(isValidBetalingskenmerk('1000000000000006')).to.equal(true);
    expect(isValidBetalingskenmerk('0100000000000006')).to.equal(true);
  });
});

describe('betalingskenmerk: normalising, formatting and the fine-number scheme', () => {
  it('strips spaces, no-break spaces, dots and dashes', () => {
    expect(normalizeKenmerk(' 5010.0021.6701.0010 ')).to.equal('5010002167010010');
    expect(normalizeKenmerk('6202-4000\u00a00000 1234')).to.equal('6202400000001234');
    expect(isValidBetalingskenmerk('6202-4000-0000-1234')).to.equal(true);
  });

  it('formats in groups of four from the right: 6202 4000 0000 1234 and 12 2345 3462 2567', () => {
    expect(formatKenmerk('6202400000001234')).to.equal('6202 4000 0000 1234');
    expect(formatKenmerk('12234534622567')).to.equal('12 2345 3462 2567');
    expect(formatKenmerk('6202.4000.0000.1234')).to.equal('6202 4000 0000 1234');
    expect(() => formatKenmerk('6202 4000 0000 123X')).to.throw(TypeError);
  });

  it('makes the fine kenmerk 6202400000001234 for year 2024, sequence 1234 (domain.md §4.1)', () => {
    expect(fineKenmerk(2024, 1234)).to.equal('6202400000001234');
    expect(fineKenmerk(2024, 0)).to.equal(makeBetalingskenmerk('202400000000000'));
    expect(fineKenmerk(2099, 99_999_999_999)).to.equal(makeBetalingskenmerk('209999999999999'));
  });

  it('gives every (year, sequence) its own valid kenmerk that reads back (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 0, max: 99_999_999_999 }), (year, seq) => {
        const k = fineKenmerk(year, seq);
        expect(k).to.have.length(16);
        expect(isValidBetalingskenmerk(k)).to.equal(true);
        expect(Number(k.slice(1, 5))).to.equal(year);
        expect(Number(k.slice(5))).to.equal(seq);
      }),
    );
  });

  it('refuses a year that is not four digits and a sequence outside 0–99999999999', () => {
    expect(() => fineKenmerk(999, 1)).to.throw(RangeError);
    expect(() => fineKenmerk(2024, -1)).to.throw(RangeError);
    expect(() => fineKenmerk(2024, 100_000_000_000)).to.throw(RangeError);
    expect(() => fineKenmerk(2024, 1.5)).to.throw(RangeError);
  });
});
