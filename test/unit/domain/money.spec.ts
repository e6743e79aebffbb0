import { expect } from 'chai';
import fc from 'fast-check';
import {
  InvalidAmountError,
  assertCents,
  centsToDecimalString,
  formatCents,
  parseAmountToCents,
  sumCents,
  tryParseAmountToCents,
} from '../../../src/domain/money.js';

const NBSP = '\u00a0';

describe('money: parseAmountToCents (bank text straight to integer cents, design.md §4)', () => {
  const accepted: [string, number][] = [
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['+12,50', 1250],
    ['-12,50', -1250],
    ['12.50', 1250],
    ['1,234.56', 123456],
    ['0,5', 50],
    ['12', 1200],
    ['€ 12,50', 1250],
    ['€12,50', 1250],
    [`€${NBSP}12,50`, 1250],
    ['  12,50  ', 1250],
    ['12,50-', -1250],
    ['12,50+', 1250],
    ['-€ 12,50', -1250],
    [`€${NBSP}-12,50`, -1250],
    ['12,50 EUR', 1250],
    ['eur 12,50', 1250],
    ['\u221212,50', -1250],
    ['1.234.567,89', 123456789],
    ['1,234,567.89', 123456789],
    ['1.234.567', 123456700],
    ['1,234,567', 123456700],
    ['0,00', 0],
    ['-0,00', 0],
    ['0,01', 1],
    ['007,50', 750],
    ['90071992547409,91', 9007199254740991],
  ];
  for (const [text, cents] of accepted) {
    it(`reads ${JSON.stringify(text)} as ${cents} cents`, () => {
      expect(parseAmountToCents(text)).to.equal(cents);
    });
  }

  it('reads 1.234 as thousands (123400 cents): Dutch bank files never write a decimal dot before three digits', () => {
    expect(parseAmountToCents('1.234')).to.equal(123400);
    expect(parseAmountToCents('-1.234')).to.equal(-123400);
  });

  it('refuses a lone comma before three digits (1,234 / 12,345): three Dutch decimals or English thousands, a factor 1000 apart', () => {
    expect(() => parseAmountToCents('1,234')).to.throw(InvalidAmountError, /ambiguous/);
    expect(() => parseAmountToCents('12,345')).to.throw(InvalidAmountError);
  });

  const refused = [
    '', '   ', 'abc', '12,5a', 'twelve', '€', '-', '12,', ',50', '.5', '1,2345', '12.345,6789', '1.234.56',
    '1,234,56', '1.234,567', '1.23.456,00', '12.34.567', '1234.567', '0.123', '1 234,56', '--12', '+-12',
    '-12,50-', '- €12,50 -', '12,50 USD', '$12.50', '1e3', '0x10', 'Infinity', 'NaN', '12..50', '12,,50',
    '90071992547409,92', '99999999999999999999',
  ];
  for (const text of refused) {
    it(`refuses ${JSON.stringify(text)} with InvalidAmountError`, () => {
      expect(() => parseAmountToCents(text)).to.throw(InvalidAmountError);
      expect(tryParseAmountToCents(text)).to.equal(null);
    });
  }

  it('puts the offending text on the error, which is an Error with a code', () => {
    try {
      parseAmountToCents('12,345.6x');
      expect.fail('should have thrown');
    } catch (err) {
      expect(err).to.be.instanceOf(InvalidAmountError).and.instanceOf(Error);
      const e = err as InvalidAmountError;
      expect(e.text).to.equal('12,345.6x');
      expect(e.code).to.equal('INVALID_AMOUNT');
      expect(e.name).to.equal('InvalidAmountError');
      expect(e.message).to.contain('12,345.6x');
    }
  });

  it('tryParseAmountToCents returns the cents for valid text', () => {
    expect(tryParseAmountToCents('1.234,56')).to.equal(123456);
  });

  it('reads back every amount it formats, in nl-NL display and dot-decimal form (property)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.boolean(), (c, negative) => {
        const cents = negative ? -c : c;
        expect(parseAmountToCents(formatCents(cents))).to.equal(cents);
        expect(parseAmountToCents(centsToDecimalString(cents))).to.equal(cents);
      }),
    );
  });

  it('reads Dutch (1.234,56) and English (1,234.56) grouping of the same amount alike (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), fc.constantFrom('+', '-', ''), (c, sign) => {
        const euros = String(Math.trunc(c / 100));
        const cents = String(c % 100).padStart(2, '0');
        const dutch = `${euros.replace(/\B(?=([0-9]{3})+$)/g, '.')},${cents}`;
        const english = `${euros.replace(/\B(?=([0-9]{3})+$)/g, ',')}.${cents}`;
        const expected = sign === '-' && c !== 0 ? -c : c;
        expect(parseAmountToCents(`${sign}${dutch}`)).to.equal(expected);
        expect(parseAmountToCents(`${english}${sign}`)).to.equal(expected);
      }),
    );
  });

  it('either returns a safe integer or throws InvalidAmountError, for any text (property)', () => {
    const amountish = fc.string({ unit: fc.constantFrom(...'0123456789.,+- €Ee'.split('')), maxLength: 20 });
    fc.assert(
      fc.property(fc.oneof(amountish, fc.string()), (text) => {
        const result = tryParseAmountToCents(text);
        if (result !== null) expect(Number.isSafeInteger(result)).to.equal(true);
      }),
    );
  });
});

describe('money: formatCents (exact nl-NL display)', () => {
  const nl = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

  it('formats as Intl nl-NL does: € 1.234,56 and € -12,50 with a no-break space', () => {
    expect(formatCents(123456)).to.equal(`€${NBSP}1.234,56`);
    expect(formatCents(-1250)).to.equal(`€${NBSP}-12,50`);
    expect(formatCents(0)).to.equal(`€${NBSP}0,00`);
    expect(formatCents(5)).to.equal(`€${NBSP}0,05`);
    expect(formatCents(-5)).to.equal(`€${NBSP}-0,05`);
    expect(formatCents(100)).to.equal(`€${NBSP}1,00`);
    expect(formatCents(123456789)).to.equal(`€${NBSP}1.234.567,89`);
  });

  it('matches Intl.NumberFormat nl-NL EUR for every amount up to 100 billion euro (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (c) => {
        expect(formatCents(c)).to.equal(nl.format(c / 100));
      }),
    );
  });

  it('formats amounts beyond float-exact euros digit for digit', () => {
    expect(formatCents(Number.MAX_SAFE_INTEGER)).to.equal(`€${NBSP}90.071.992.547.409,91`);
  });

  it('refuses non-integer cents', () => {
    expect(() => formatCents(12.5)).to.throw(RangeError);
    expect(() => formatCents(Number.NaN)).to.throw(RangeError);
  });
});

describe('money: centsToDecimalString (dot decimal for EPC QR and CSV)', () => {
  it('writes 1234.56, -12.50, 0.05 and 0.00', () => {
    expect(centsToDecimalString(123456)).to.equal('1234.56');
    expect(centsToDecimalString(-1250)).to.equal('-12.50');
    expect(centsToDecimalString(5)).to.equal('0.05');
    expect(centsToDecimalString(0)).to.equal('0.00');
    expect(centsToDecimalString(100000000)).to.equal('1000000.00');
  });

  it('refuses non-integer cents', () => {
    expect(() => centsToDecimalString(0.1)).to.throw(RangeError);
  });
});

describe('money: assertCents and sumCents (safe integers only)', () => {
  it('accepts safe integers and refuses fractions, NaN, Infinity, unsafe integers and non-numbers', () => {
    expect(() => assertCents(0)).not.to.throw();
    expect(() => assertCents(-Number.MAX_SAFE_INTEGER)).not.to.throw();
    for (const bad of [0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, '12', null, undefined]) {
      expect(() => assertCents(bad)).to.throw(RangeError);
    }
  });

  it('adds cents exactly: 10 + 20 cents is 30, where 0.1 + 0.2 is not 0.3', () => {
    expect(sumCents([10, 20])).to.equal(30);
    expect(sumCents([])).to.equal(0);
    expect(sumCents([12500, -2500, 1])).to.equal(10001);
  });

  it('refuses a sum that leaves the safe-integer range, and non-integer terms', () => {
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).to.throw(RangeError);
    expect(() => sumCents([1, 0.5])).to.throw(RangeError);
  });

  it('equals the BigInt sum for safe inputs whose sum is safe (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 }), { maxLength: 50 }), (values) => {
        const exact = values.reduce((acc, v) => acc + BigInt(v), 0n);
        expect(BigInt(sumCents(values))).to.equal(exact);
      }),
    );
  });
});
