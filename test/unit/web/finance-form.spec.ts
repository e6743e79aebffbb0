import { expect } from 'chai';
import { centsToEuroText, euroToCents } from '../../../src/web/pages/finance.form.js';
import { evidenceRows } from '../../../src/web/pages/finance.labels.js';

describe('finance forms: amounts typed in euros', () => {
  it('reads Dutch amounts to cents: comma decimals, dots grouping thousands, a euro sign', () => {
    expect(euroToCents('150')).to.equal(15000);
    expect(euroToCents('150,00')).to.equal(15000);
    expect(euroToCents('150,5')).to.equal(15050);
    expect(euroToCents('€ 1.250,75')).to.equal(125075);
    expect(euroToCents('1.500')).to.equal(150000);
    expect(euroToCents('12.5')).to.equal(1250);
    expect(euroToCents(' 0,01 ')).to.equal(1);
  });

  it('refuses what is not an amount of money, and nothing', () => {
    for (const text of ['', 'tien', '0', '0,00', '-5', '1,234', '1.2345', '12,5,0', '1e3']) expect(euroToCents(text), text).to.equal(null);
  });

  it('writes cents back as the form shows them', () => {
    expect(centsToEuroText(15000)).to.equal('150,00');
    expect(centsToEuroText(5)).to.equal('0,05');
  });
});

describe('finance pages: the evidence of a matching decision in words', () => {
  it('names each key in Dutch, shows money in euros and hides empty parts of a split', () => {
    const rows = evidenceRows({ sameAmount: true, payerNameMatchesOffender: false, amountCents: 15000, costsCents: 0, excessCents: 2500, issuedOn: '2024-03-20', returns: 7, kenmerken: [] });
    expect(rows).to.deep.equal([
      { label: 'Bedrag gelijk aan wat de boete openstaat', value: 'ja' },
      { label: 'Naam van de betaler bevat de achternaam van de overtreder', value: 'nee' },
      { label: 'Bedrag', value: '€\u00a0150,00' },
      { label: 'Te veel betaald', value: '€\u00a025,00' },
      { label: 'Beschikking verstuurd op', value: '20 maart 2024' },
      { label: 'Storneert regel', value: 'regel 7', href: '/app/betalingen/7' },
    ]);
  });
});
