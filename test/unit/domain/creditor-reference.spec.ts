import { expect } from 'chai';
import fc from 'fast-check';
import {
  formatCreditorReference,
  isValidCreditorReference,
  makeCreditorReference,
} from '../../../src/domain/creditor-reference.js';

const raw = fc.stringMatching(/^[0-9A-Z]{1,21}$/);

describe('creditor-reference: ISO 11649 RF reference (domain.md §4.2)', () => {
  it('validates RF18 5390 0754 7034 (539007547034271518 mod 97 = 1)', () => {
    expect(isValidCreditorReference('RF18 5390 0754 7034')).to.equal(true);
    expect(isValidCreditorReference('RF18539007547034')).to.equal(true);
  });

  it('makes RF19AB2G59X56V543 from AB2G5 9X56 V543 (codecrete qrbill ISO11649Test)', () => {
    expect(makeCreditorReference('AB2G5 9X56 V543')).to.equal('RF19AB2G59X56V543');
    expect(makeCreditorReference('ab2g59x56v543')).to.equal('RF19AB2G59X56V543');
  });

  it('makes RF5520240001234 from the fine number 20240001234', () => {
    expect(makeCreditorReference('20240001234')).to.equal('RF5520240001234');
  });

  it('tolerates spaces and lower case when validating', () => {
    expect(isValidCreditorReference('  rf18 5390 0754 7034 ')).to.equal(true);
    expect(isValidCreditorReference('rf19ab2g59x56v543')).to.equal(true);
  });

  it('refuses a wrong check digit, a changed character, a missing RF, an empty reference and more than 25 characters', () => {
    expect(isValidCreditorReference('RF17 5390 0754 7034')).to.equal(false);
    expect(isValidCreditorReference('RF18 5390 0754 7035')).to.equal(false);
    expect(isValidCreditorReference('18 5390 0754 7034')).to.equal(false);
    expect(isValidCreditorReference('RF18')).to.equal(false);
    expect(isValidCreditorReference('RF')).to.equal(false);
    expect(isValidCreditorReference('')).to.equal(false);
    expect(isValidCreditorReference('RF18-5390-0754-7034')).to.equal(false);
    const longest = makeCreditorReference('1'.repeat(21));
    expect(longest).to.have.length(25);
    expect(isValidCreditorReference(longest)).to.equal(true);
    expect(isValidCreditorReference(`${longest.slice(0, 4)}0${longest.slice(4)}`)).to.equal(false);
  });

  it('refuses the check-digit aliases 00, 01 and 99, which MOD 97-10 never produces but would let pass', () => {
    // Find references whose true check digits are 02, 97 and 98; their aliases are 99, 00 and 01.
    const aliases: Record<string, string> = { '02': '99', '97': '00', '98': '01' };
    const seen = new Set<string>();
    for (let n = 1; seen.size < 3 && n < 100_000; n += 1) {
      const ref = makeCreditorReference(String(n));
      const check = ref.slice(2, 4);
      const alias = aliases[check];
      if (alias === undefined || seen.has(check)) continue;
      seen.add(check);
      expect(isValidCreditorReference(ref), ref).to.equal(true);
      expect(isValidCreditorReference(`RF${alias}${ref.slice(4)}`), `RF${alias}${ref.slice(4)}`).to.equal(false);
    }
    expect(seen.size).to.equal(3);
  });

  it('refuses to make a reference from an empty, too long or non-alphanumeric input', () => {
    expect(() => makeCreditorReference('')).to.throw(RangeError);
    expect(() => makeCreditorReference('1'.repeat(22))).to.throw(RangeError);
    expect(() => makeCreditorReference('2024-0001')).to.throw(RangeError);
  });

  it('formats in groups of four: RF18 5390 0754 7034', () => {
    expect(formatCreditorReference('rf18539007547034')).to.equal('RF18 5390 0754 7034');
    expect(formatCreditorReference('RF19AB2G59X56V543')).to.equal('RF19 AB2G 59X5 6V54 3');
  });

  it('validates every reference it makes, also formatted or in lower case, and keeps the input (property)', () => {
    fc.assert(
      fc.property(raw, (r) => {
        const ref = makeCreditorReference(r);
        expect(ref.slice(4)).to.equal(r);
        expect(Number(ref.slice(2, 4))).to.be.within(2, 98);
        expect(isValidCreditorReference(ref)).to.equal(true);
        expect(isValidCreditorReference(formatCreditorReference(ref).toLowerCase())).to.equal(true);
      }),
    );
  });

  // A digit changed into another digit, or a letter into another letter, changes the number by
  // d·10^k with 0 < |d| < 97, which 97 never divides. A digit changed into a letter changes the
  // number's length (a letter stands for two digits), and then the check is not guaranteed.
  it('detects a substitution of a digit by a digit or a letter by a letter in the reference part (property)', () => {
    const digits = '0123456789';
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    fc.assert(
      fc.property(raw, fc.nat(), fc.nat(), (r, i, j) => {
        const pos = i % r.length;
        const old = r.charAt(pos);
        const alphabet = digits.includes(old) ? digits : letters;
        const ch = alphabet.charAt((alphabet.indexOf(old) + 1 + (j % (alphabet.length - 1))) % alphabet.length);
        const ref = makeCreditorReference(r);
        const mutated = `${ref.slice(0, 4)}${r.slice(0, pos)}${ch}${r.slice(pos + 1)}`;
        expect(isValidCreditorReference(mutated), mutated).to.equal(false);
      }),
    );
  });

  it('can miss a digit replaced by a letter: RF31F8A and RF31FGA both validate', () => {
    expect(makeCreditorReference('F8A')).to.equal('RF31F8A');
    expect(isValidCreditorReference('RF31FGA')).to.equal(true);
  });
});
