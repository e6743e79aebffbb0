import { expect } from 'chai';
import fc from 'fast-check';
import {
  IBAN_LENGTHS,
  formatIban,
  isValidIban,
  makeIban,
  mod97,
  normalizeIban,
} from '../../../src/domain/iban.js';

const nlBban = fc.tuple(fc.stringMatching(/^[A-Z]{4}$/), fc.stringMatching(/^[0-9]{10}$/)).map(([bank, account]) => `${bank}${account}`);

describe('iban: ISO 13616 mod-97 validation (domain.md §4.3)', () => {
  it('validates NL91ABNA0417164300 (101123100417164300232191 mod 97 = 1)', () => {
    expect(mod97('101123100417164300232191')).to.equal(1);
    expect(isValidIban('NL91ABNA0417164300')).to.equal(true);
  });

  it('accepts lower case with spaces, as payers type it', () => {
    expect(normalizeIban(' nl91 abna 0417 1643 00 ')).to.equal('NL91ABNA0417164300');
    expect(isValidIban('nl91 abna 0417 1643 00')).to.equal(true);
  });

  it('refuses a changed digit, swapped digits and a changed check digit', () => {
    expect(isValidIban('NL91ABNA0417164301')).to.equal(false);
    expect(isValidIban('NL91ABNA0417164030')).to.equal(false);
    expect(isValidIban('NL92ABNA0417164300')).to.equal(false);
  });

  it('refuses a wrong length for the country (NL is 18)', () => {
    expect(isValidIban('NL91ABNA041716430')).to.equal(false);
    expect(isValidIban('NL91ABNA04171643000')).to.equal(false);
    expect(isValidIban(makeIban('NL', 'ABNA041716430'))).to.equal(false);
  });

  it('refuses an NL IBAN whose bank code is not four letters, even with valid check digits', () => {
    expect(isValidIban(makeIban('NL', '12340417164300'))).to.equal(false);
  });

  it('refuses an unknown country, non-alphanumerics and empty input', () => {
    expect(isValidIban(makeIban('XX', 'ABNA0417164300'))).to.equal(false);
    expect(isValidIban('NL91-ABNA-0417-1643-00')).to.equal(false);
    expect(isValidIban('')).to.equal(false);
  });

  it('validates published examples from other SEPA countries (DE, GB, BE, FR)', () => {
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).to.equal(true);
    expect(isValidIban('GB29 NWBK 6016 1331 9268 19')).to.equal(true);
    expect(isValidIban('BE68 5390 0754 7034')).to.equal(true);
    expect(isValidIban('FR14 2004 1010 0505 0001 3M02 606')).to.equal(true);
  });

  it('knows the lengths of NL (18), BE (16), DE (22), NO (15) and MT (31)', () => {
    expect(IBAN_LENGTHS).to.include({ NL: 18, BE: 16, DE: 22, NO: 15, MT: 31 });
  });

  it('refuses the check-digit alias 99 for a true 02 (99 ≡ 2 mod 97)', () => {
    let iban = '';
    for (let n = 0; n < 100_000 && !iban.startsWith('NL02'); n += 1) iban = makeIban('NL', `ABNA${String(n).padStart(10, '0')}`);
    expect(iban.startsWith('NL02')).to.equal(true);
    expect(isValidIban(iban)).to.equal(true);
    expect(isValidIban(`NL99${iban.slice(4)}`)).to.equal(false);
  });

  it('formats in groups of four: NL91 ABNA 0417 1643 00', () => {
    expect(formatIban('nl91abna0417164300')).to.equal('NL91 ABNA 0417 1643 00');
  });

  it('computes mod 97 exactly on numbers far beyond float precision, as BigInt does (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,60}$/), (digits) => {
        expect(mod97(digits)).to.equal(Number(BigInt(digits) % 97n));
      }),
    );
    expect(() => mod97('ab')).to.throw(TypeError);
  });

  it('validates a generated NL IBAN with computed check digits, formatted or not (property)', () => {
    fc.assert(
      fc.property(nlBban, (bban) => {
        const iban = makeIban('NL', bban);
        expect(iban).to.have.length(18);
        expect(isValidIban(iban)).to.equal(true);
        expect(isValidIban(formatIban(iban).toLowerCase())).to.equal(true);
      }),
    );
  });

  it('detects any single-digit change in the account number of a generated NL IBAN (property)', () => {
    fc.assert(
      fc.property(nlBban, fc.integer({ min: 8, max: 17 }), fc.integer({ min: 1, max: 9 }), (bban, pos, delta) => {
        const iban = makeIban('NL', bban);
        const digit = (Number(iban[pos]) + delta) % 10;
        expect(isValidIban(`${iban.slice(0, pos)}${digit}${iban.slice(pos + 1)}`)).to.equal(false);
      }),
    );
  });
});
