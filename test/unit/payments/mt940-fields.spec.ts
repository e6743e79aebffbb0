// The MT940 tag readers on their own: :61: marks and dates, :25: spellings, :86: joins.
import { expect } from 'chai';
import { parseAccount, parseBalance, parseDetails, parseStatementLine } from '../../../src/modules/payments/parsers/mt940-fields.js';
import { lineAt, parseBytes, statementAt } from './statement-helpers.js';

describe('MT940 fields', () => {
  describe(':61: statement line', () => {
    it('reads RC as the reversal of a credit (money out, debit) and RD as the reversal of a debit (money in, credit)', () => {
      expect(parseStatementLine(['2403070307RC100,00NTRFNONREF'])).to.deep.include({ direction: 'debit', reversal: true, amountCents: 10000 });
      expect(parseStatementLine(['2403070307RD25,50NDDTNONREF'])).to.deep.include({ direction: 'credit', reversal: true, amountCents: 2550 });
      expect(parseStatementLine(['240307C1,NTRFNONREF'])).to.deep.include({ direction: 'credit', reversal: false, amountCents: 100 });
    });

    it('skips the optional funds code letter after the mark', () => {
      expect(parseStatementLine(['240307DR12,5NMSCNONREF//B1'])).to.deep.include({ direction: 'debit', amountCents: 1250, bankRef: 'B1', typeCode: 'NMSC' });
    });

    it('gives the entry date the year nearest the value date across New Year', () => {
      expect(parseStatementLine(['2312310102C1,00NTRFNONREF'])).to.deep.include({ valueDate: '2023-12-31', bookingDate: '2024-01-02' });
      expect(parseStatementLine(['2401021229D1,00NTRFNONREF'])).to.deep.include({ valueDate: '2024-01-02', bookingDate: '2023-12-29' });
      expect(parseStatementLine(['991231C1,00NTRFNONREF'])).to.deep.include({ valueDate: '1999-12-31', bookingDate: '1999-12-31' });
    });

    it('refuses an impossible date or an amount with three decimals', () => {
      expect(parseStatementLine(['240230C1,00NTRFNONREF'])).to.be.a('string').and.match(/date/);
      expect(parseStatementLine(['240305C1,005NTRFNONREF'])).to.be.a('string');
    });
  });

  describe(':60F:/:62F: balances and :25: account', () => {
    it('signs a D balance negative and reads zero-padded amounts', () => {
      expect(parseBalance('D240305EUR000000001234,56')).to.deep.equal({ cents: -123456, date: '2024-03-05', currency: 'EUR' });
      expect(parseBalance('C240305EUR0,')).to.deep.equal({ cents: 0, date: '2024-03-05', currency: 'EUR' });
    });

    it('reads the account in the ING, Rabobank, SNS and BIC/account spellings', () => {
      expect(parseAccount('NL91ABNA0417164300EUR')).to.deep.equal({ account: 'NL91ABNA0417164300', currency: 'EUR' });
      expect(parseAccount('NL91ABNA0417164300 EUR')).to.deep.equal({ account: 'NL91ABNA0417164300', currency: 'EUR' });
      expect(parseAccount('NL91ABNA0417164300')).to.deep.equal({ account: 'NL91ABNA0417164300', currency: null });
      expect(parseAccount('ABNANL2A/NL91ABNA0417164300')).to.deep.equal({ account: 'NL91ABNA0417164300', currency: null });
    });
  });

  describe(':86: details', () => {
    it('reads Rabobank\'s structured reference (/REMI//CDTRREFTP//CD/SCOR/ISSR/CUR/CDTRREF/…)', () => {
      const details = parseDetails(['/EREF/NOTPROVIDED/ORDP//NAME/A. Bakker/REMI//CDTRREFTP//CD/SCOR/ISSR/CUR/CDTRREF/1202400', '000000002/']);
      expect(details).to.deep.include({ structuredReference: '1202400000000002', counterpartyName: 'A. Bakker', endToEndId: null, remittanceText: null });
    });

    it('reads ABN AMRO\'s /TRTP/…/IBAN/…/BIC/…/NAME/…/REMI/… codes', () => {
      const details = parseDetails(['/TRTP/SEPA OVERBOEKING/IBAN/NL20INGB0001234567/BIC/INGBNL2A/NAME/J. de Vries/REMI/boete 1202400000000001/EREF/NOTPROVIDED']);
      expect(details).to.deep.include({ counterpartyIban: 'NL20INGB0001234567', counterpartyBic: 'INGBNL2A', counterpartyName: 'J. de Vries', remittanceText: 'boete 1202400000000001', endToEndId: null });
    });

    it('joins free text: full 65-column lines without a space, shorter lines with one', () => {
      const full = 'x'.repeat(60) + 'Klant';
      expect(parseDetails([' Betaling', full, 'nr 12', 'einde']).remittanceText).to.equal(`Betaling ${'x'.repeat(60)}Klantnr 12 einde`);
    });
  });

  describe('bare MT940 files', () => {
    it('treats a lone "-" as the end of a message outside :86: and reads :60M:/:62M:', async () => {
      const text = [':20:A', ':25:NL91ABNA0417164300', ':28C:1/1', ':60F:C240305EUR10,00', ':61:240305C5,00NTRFNONREF', ':86:/REMI/USTD//a-', '-', ':62M:C240305EUR15,00', '-',
        ':20:B', ':25:NL91ABNA0417164300', ':28C:1/2', ':60M:C240305EUR15,00', ':62F:C240305EUR15,00', '-', ''].join('\r\n');
      const { statements, lines, problems } = await parseBytes(text);
      expect(problems).to.deep.equal([]);
      expect(statements.map((s) => [s.statementId, s.openingBalanceCents, s.closingBalanceCents])).to.deep.equal([['A/1/1', 1000, 1500], ['B/1/2', 1500, 1500]]);
      expect(lineAt(lines, 0).remittanceText).to.equal('a--');
      expect(statementAt(statements, 0).currency).to.equal('EUR');
    });

    it('reports a bad :61: with its line number and keeps reading', async () => {
      const text = ':20:A\n:25:NL91ABNA0417164300\n:60F:C240305EUR10,00\n:61:2403XXC5,00NTRF\n:61:240305C5,00NTRFNONREF\n:62F:C240305EUR15,00\n';
      const { lines, problems } = await parseBytes(text);
      expect(problems).to.have.length(1);
      expect(problems[0]).to.deep.include({ lineNo: 4, field: ':61:' });
      expect(lines.map((l) => l.lineNo)).to.deep.equal([5]);
    });
  });
});
