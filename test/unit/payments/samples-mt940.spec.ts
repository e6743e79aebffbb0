// The real MT940 samples in fixtures/bank-statements/samples yield what their README says.
import { expect } from 'chai';
import { credits, debits, lineAt, parseFile, reconciled, sample, statementAt, sumCentsOf } from './statement-helpers.js';

describe('MT940 real samples', () => {
  describe('ing-mt940-structured-sample.940 (ING, SWIFT envelope, structured :86:)', () => {
    it('reads one statement with :60F: 662,23 and :62F: 564,35 (the :64:/:65:/summary :86: ignored)', async () => {
      const sut = await parseFile(sample('ing-mt940-structured-sample.940'));
      expect(sut.problems).to.deep.equal([]);
      expect(sut.statements).to.have.length(1);
      expect(statementAt(sut.statements, 0)).to.deep.include({
        format: 'mt940', account: 'NL77INGB0574908765', currency: 'EUR', statementId: 'P140220000000001/00000',
        openingBalanceCents: 66223, openingBalanceDate: '2014-02-19', closingBalanceCents: 56435, closingBalanceDate: '2014-02-20',
      });
    });

    it('reads 8 :61: lines matching the /SUM/4/4/134,46/36,58/ summary, and they add up', async () => {
      const { statements, lines } = await parseFile(sample('ing-mt940-structured-sample.940'));
      expect(lines).to.have.length(8);
      expect([credits(lines).length, sumCentsOf(credits(lines))]).to.deep.equal([4, 3658]);
      expect([debits(lines).length, sumCentsOf(debits(lines))]).to.deep.equal([4, 13446]);
      expect(reconciled(statementAt(statements, 0), lines)).to.equal(56435);
    });

    it('rejoins bank references broken over two lines ("//00000000001" + "005")', async () => {
      const { lines } = await parseFile(sample('ing-mt940-structured-sample.940'));
      expect(lines.map((l) => l.bankReference)).to.deep.equal(['1005', '1006', '1007', '1009', '1008', '1010', '1011', '1012'].map((n) => `0000000000${n}`));
    });

    it('rejoins :86: tags wrapped mid-word and mid-code ("INGB"+"NL2A", "/REM"+"I/", "J.J"+"anssen")', async () => {
      const { lines } = await parseFile(sample('ing-mt940-structured-sample.940'));
      expect(lineAt(lines, 2)).to.deep.include({ counterpartyBic: 'INGBNL2A', counterpartyName: 'J.Janssen', counterpartyIban: 'NL32INGB0000012345', endToEndId: '20120123456789', remittanceText: 'Factuurnr 123456 Klantnr 00123' });
      expect(lineAt(lines, 5)).to.deep.include({ remittanceText: 'CONTRIBUTIE FEB 2014', endToEndId: '20120501P0123478' });
      expect(lineAt(lines, 6).counterpartyName).to.equal('J.Janssen');
    });

    it('reports the two NRTI returns with /RTRN/MS03/', async () => {
      const { lines } = await parseFile(sample('ing-mt940-structured-sample.940'));
      const returns = lines.filter((l) => l.returnReason !== null);
      expect(returns.map((l) => [l.bankTransactionCode, l.returnReason, l.direction, l.amountCents])).to.deep.equal([
        ['NRTI', 'MS03', 'credit', 157],
        ['NRTI', 'MS03', 'debit', 1275],
      ]);
    });

    it('reads the collective (batch total) entries with their PREF text', async () => {
      const { lines } = await parseFile(sample('ing-mt940-structured-sample.940'));
      expect([lineAt(lines, 1).remittanceText, lineAt(lines, 4).remittanceText]).to.deep.equal(['TOTAAL 1 VZ', 'TOTAAL 1 POSTEN']);
    });

    it('reads the /REMI/STRD/CUR/ structured references', async () => {
      const { lines } = await parseFile(sample('ing-mt940-structured-sample.940'));
      expect(lines.filter((l) => l.structuredReference !== null).map((l) => [l.direction, l.structuredReference])).to.deep.equal([
        ['credit', '9001123412341234'],
        ['debit', '1070123412341234'],
      ]);
    });
  });

  describe('rabobank-mt940s-sample.swi (Rabobank MT940S, ":940:" header, zero-padded amounts)', () => {
    it('reads 4 statements with their balances chained, 2 of them without entries', async () => {
      const { statements, lines, problems } = await parseFile(sample('rabobank-mt940s-sample.swi'));
      expect(problems).to.deep.equal([]);
      expect(statements.map((s) => [s.statementId, s.openingBalanceCents, s.closingBalanceCents])).to.deep.equal([
        ['940S140102/0', 443352, 483352],
        ['940S140103/0', 483352, 483352],
        ['940S140106/0', 483352, 479891],
        ['940S140107/0', 479891, 479891],
      ]);
      expect(statements.every((s) => s.account === 'NL34RABO0142623393' && s.currency === 'EUR')).to.equal(true);
      for (const s of statements) expect(reconciled(s, lines)).to.equal(s.closingBalanceCents);
      expect(lines.map((l) => l.statementIndex)).to.deep.equal([0, 2]);
    });

    it('reads the credit with the counter-IBAN on the line after :61: and /ORDP//NAME/', async () => {
      const { lines } = await parseFile(sample('rabobank-mt940s-sample.swi'));
      expect(lineAt(lines, 0)).to.deep.include({
        direction: 'credit', amountCents: 40000, counterpartyIban: 'NL66RABO0160878799', counterpartyName: 'R. SMITH',
        remittanceText: 'Test money paid by other partner:', bankTransactionCode: 'N541', bankReference: null, structuredReference: null,
      });
    });

    it('reads the bank costs booked on a date before the statement date', async () => {
      const { statements, lines } = await parseFile(sample('rabobank-mt940s-sample.swi'));
      expect(lineAt(lines, 1)).to.deep.include({ direction: 'debit', amountCents: 3461, bookingDate: '2014-01-01', counterpartyName: 'Kosten', remittanceText: 'Periode 01-10-2013 t/m 31-12-2013' });
      expect(statementAt(statements, 2).closingBalanceDate).to.equal('2014-01-06');
    });
  });

  describe('sns-mt940-utf8-sample.940 (SNS, free-text :86:, UTF-8)', () => {
    it('reads 3 statements; the last has no :62F: and so no closing balance', async () => {
      const { statements, lines, problems } = await parseFile(sample('sns-mt940-utf8-sample.940'));
      expect(problems).to.deep.equal([]);
      expect(statements.map((s) => [s.sequence, s.openingBalanceCents, s.closingBalanceCents])).to.deep.equal([
        ['361/1', 302696, 226452],
        ['362/1', 226452, 225357],
        ['363/1', 225357, null],
      ]);
      expect(statementAt(statements, 2).closingBalanceDate).to.equal(null);
      for (const s of statements.slice(0, 2)) expect(reconciled(s, lines)).to.equal(s.closingBalanceCents);
      expect(lines).to.have.length(8);
    });

    it('reads the 0,00 credit (NDIV) as a line of 0 cents', async () => {
      const { lines } = await parseFile(sample('sns-mt940-utf8-sample.940'));
      const zero = lines.filter((l) => l.amountCents === 0);
      expect(zero.map((l) => [l.direction, l.bankTransactionCode])).to.deep.equal([['credit', 'NDIV']]);
    });

    it('joins the 65-column padded free text without padding, keeping "s.à.r.l." and mid-word wraps', async () => {
      const { lines } = await parseFile(sample('sns-mt940-utf8-sample.940'));
      const texts = lines.map((l) => l.remittanceText ?? '');
      expect(texts.some((t) => t.includes('ANTAGONIST s.à.r.l.') && t.includes('Cwebshare.nl'))).to.equal(true);
      expect(texts.some((t) => t.includes('VNKlantnr 00000000000') && t.includes('NL84ZZZ050695810000'))).to.equal(true);
      expect(texts.every((t) => !/\s{2}/.test(t))).to.equal(true);
    });

    it('takes the counterparty from the :61: customer reference (IBAN) and the supplementary line (name)', async () => {
      const { lines } = await parseFile(sample('sns-mt940-utf8-sample.940'));
      expect(lineAt(lines, 0)).to.deep.include({ counterpartyIban: 'NL49RABO0166416932', counterpartyName: 'gerrits glas en schilderwerk', remittanceText: 'Factuur 17227/248/20', bankTransactionCode: 'NOVB', amountCents: 71313 });
      expect(lineAt(lines, 1)).to.deep.include({ bankReference: '228ohu/972795', counterpartyIban: null, bankTransactionCode: 'NBEA' });
    });
  });
});
