// The real camt.053 samples in fixtures/bank-statements/samples yield what their README says.
import { expect } from 'chai';
import { credits, debits, lineAt, parseFile, reconciled, sample, statementAt, sumCentsOf } from './statement-helpers.js';

describe('camt.053 real samples', () => {
  describe('oca-camt053-abnamro-batch-return.xml (ABN AMRO test data, camt.053.001.02)', () => {
    it('reads one statement with its OPBD/CLBD balances', async () => {
      const sut = await parseFile(sample('oca-camt053-abnamro-batch-return.xml'));
      expect(sut.problems).to.deep.equal([]);
      expect(sut.statements).to.have.length(1);
      expect(statementAt(sut.statements, 0)).to.deep.include({
        format: 'camt053', account: 'NL77ABNA0574908765', currency: 'EUR', statementId: '1234Test/1', sequence: '2',
        openingBalanceCents: 1556827, openingBalanceDate: '2014-01-05', closingBalanceCents: 1512112, closingBalanceDate: '2014-01-05',
      });
    });

    it('turns 3 entries with 4 TxDtls into 4 lines: 1 credit, 3 debits', async () => {
      const { lines } = await parseFile(sample('oca-camt053-abnamro-batch-return.xml'));
      expect(lines).to.have.length(4);
      expect(credits(lines)).to.have.length(1);
      expect(debits(lines)).to.have.length(3);
      expect(lineAt(lines, 0)).to.deep.include({ direction: 'debit', amountCents: 75425, bankTransactionCode: 'PMNT/RDDT/ESDD', endToEndId: '435005714488-ABNO33052620', reversal: false });
    });

    it('splits the reversed direct-debit batch into its 2 returned details (AC06), same entry line', async () => {
      const { lines } = await parseFile(sample('oca-camt053-abnamro-batch-return.xml'));
      const batch = lines.filter((l) => l.entryDetailCount === 2);
      expect(batch.map((l) => [l.positionInEntry, l.amountCents, l.reversal, l.returnReason, l.direction])).to.deep.equal([
        [0, 56405, true, 'AC06', 'debit'],
        [1, 10000, true, 'AC06', 'debit'],
      ]);
      expect(sumCentsOf(batch)).to.equal(66405);
      expect(new Set(batch.map((l) => l.lineNo)).size).to.equal(1);
      expect(batch.map((l) => l.endToEndId)).to.deep.equal(['TESTBANK/NL/20141229/01206408', 'TESTBANK/NL/20141229/01206407']);
    });

    it('reads the incoming SEPA credit with debtor name, IBAN and BIC, and AddtlTxInf as text', async () => {
      const { lines } = await parseFile(sample('oca-camt053-abnamro-batch-return.xml'));
      expect(lineAt(lines, 3)).to.deep.include({
        direction: 'credit', amountCents: 140531, bankTransactionCode: 'PMNT/RCDT/ESCT', counterpartyName: '3rd party Media',
        counterpartyIban: 'NL69ABNA0522123643', counterpartyBic: 'ABNANL2A', structuredReference: null, remittanceText: '#RD PARTY MEDIA CUSNO 90782 4210773',
        bookingDate: '2014-01-05', valueDate: '2014-01-05', endToEndId: '115',
      });
    });
  });

  describe('oca-camt053-batch-txdtls-chf.xml (Swiss camt.053.001.04 with BICFI)', () => {
    it('reads the statement in CHF with its sequence number and balances', async () => {
      const sut = await parseFile(sample('oca-camt053-batch-txdtls-chf.xml'));
      expect(sut.problems).to.deep.equal([]);
      expect(sut.statements).to.have.length(1);
      expect(statementAt(sut.statements, 0)).to.deep.include({
        account: 'CH1111000000123456789', currency: 'CHF', sequence: '58', openingBalanceCents: 7596015, closingBalanceCents: 7944315,
        openingBalanceDate: '2017-03-22', closingBalanceDate: '2017-03-23',
      });
    });

    it('gives the credit batch one line per TxDtls with its own amount, IBAN, BICFI and ISR reference', async () => {
      const { lines } = await parseFile(sample('oca-camt053-batch-txdtls-chf.xml'));
      expect(lines).to.have.length(3);
      const [first, second] = lines;
      expect(first).to.deep.include({ amountCents: 218700, positionInEntry: 0, entryDetailCount: 2, counterpartyIban: 'CH2222000000123456789', counterpartyBic: 'POFICHBEXXX', structuredReference: '302388292000011111111111111' });
      expect(second).to.deep.include({ amountCents: 129600, positionInEntry: 1, entryDetailCount: 2, counterpartyIban: 'CH3333000000123456789', counterpartyBic: 'POFICHBEYYY', structuredReference: '302388292000022222222222222' });
      expect(first?.counterpartyName).to.equal('Banque Cantonale Vaudoise');
      expect((first?.amountCents ?? 0) + (second?.amountCents ?? 0)).to.equal(348300);
      expect(first?.bankTransactionCode).to.equal('PMNT/RCDT/AUTT');
    });

    it('books the foreign-currency debit at the entry amount in CHF, not the GBP instructed amount', async () => {
      const { lines } = await parseFile(sample('oca-camt053-batch-txdtls-chf.xml'));
      expect(lineAt(lines, 2)).to.deep.include({ direction: 'debit', amountCents: 422021, entryDetailCount: 1, counterpartyName: 'POSTFINANCE AG', bookingDate: '2017-03-22', valueDate: '2017-03-23' });
    });
  });

  describe('rabobank-camt053-multiday-scor.xml (132 statements in one document)', () => {
    it('reads all 132 statements (66 for each of the 2 accounts in the file) and 9 entries', async () => {
      const sut = await parseFile(sample('rabobank-camt053-multiday-scor.xml'));
      expect(sut.problems).to.deep.equal([]);
      expect(sut.statements).to.have.length(132);
      expect(sut.statements.filter((s) => s.account === 'NL17RABO0310029597')).to.have.length(66);
      expect(sut.statements.filter((s) => s.account === 'NL59RABO3181240869')).to.have.length(66);
      expect(sut.lines).to.have.length(9);
      expect(credits(sut.lines)).to.have.length(4);
      expect(debits(sut.lines)).to.have.length(5);
      expect(statementAt(sut.statements, 0)).to.deep.include({ openingBalanceCents: 2148944, openingBalanceDate: '2016-07-19', closingBalanceDate: '2016-07-20', sequence: '16141' });
    });

    it('every statement adds up: opening + lines = closing', async () => {
      const { statements, lines } = await parseFile(sample('rabobank-camt053-multiday-scor.xml'));
      for (const s of statements) expect(reconciled(s, lines), `statement ${s.statementId}`).to.equal(s.closingBalanceCents);
    });

    it('reads the SCOR/CUR betalingskenmerk of the Belastingdienst payment and keeps its Ustrd', async () => {
      const { lines } = await parseFile(sample('rabobank-camt053-multiday-scor.xml'));
      const structured = lines.filter((l) => l.structuredReference !== null);
      expect(structured).to.have.length(1);
      expect(structured[0]).to.deep.include({
        structuredReference: '1067931951601240', direction: 'debit', amountCents: 407600, counterpartyName: 'Belastingdienst Apeldoorn',
        counterpartyIban: 'NL86INGB0002445588', remittanceText: 'BETALINGSKENM. 1067931951601240', bankTransactionCode: '086',
      });
    });

    it('uses the Rabobank proprietary codes, has no EndToEndId, no reversals, no returns', async () => {
      const { lines } = await parseFile(sample('rabobank-camt053-multiday-scor.xml'));
      expect(new Set(lines.map((l) => l.bankTransactionCode))).to.deep.equal(new Set(['541', '544', '505', '086', '093', '699']));
      expect(lines.every((l) => l.endToEndId === null && !l.reversal && l.returnReason === null && l.entryDetailCount === 1)).to.equal(true);
      expect(lines.filter((l) => l.direction === 'credit' && l.bankTransactionCode === '541').map((l) => l.remittanceText)).to.deep.equal(['2016Q3-0004', '2016Q3-0005', '2016Q3-0006']);
      const rootdev = lines.find((l) => l.bankTransactionCode === '699');
      expect(rootdev).to.deep.include({ direction: 'credit', amountCents: 582383, counterpartyName: 'ROOTDEV' });
    });
  });
});
