// The real CSV samples in fixtures/bank-statements/samples yield what their README says, and
// the ABN AMRO TAB export is refused with a clear message.
import fs from 'node:fs';
import { expect } from 'chai';
import { detectFormat } from '../../../src/modules/payments/parsers/detect.js';
import { decodeText, splitLines } from '../../../src/modules/payments/parsers/text-stream.js';
import { credits, debits, inChunks, lineAt, parseFile, reconciled, sample, statementAt } from './statement-helpers.js';

describe('CSV real samples', () => {
  describe('ing-csv-semicolon-2023-anonymized.csv (ING, ";" and 11 columns, 3 own accounts)', () => {
    it('reads 124 rows (92 Af, 32 Bij) as one statement per own account, in order of appearance', async () => {
      const sut = await parseFile(sample('ing-csv-semicolon-2023-anonymized.csv'));
      expect(sut.detected).to.deep.equal({ format: 'ing-csv', encoding: 'utf-8', bom: false, delimiter: ';', headerVariant: 'ing-nl' });
      expect(sut.problems).to.deep.equal([]);
      expect(sut.lines).to.have.length(124);
      expect(debits(sut.lines)).to.have.length(92);
      expect(credits(sut.lines)).to.have.length(32);
      expect(sut.statements.map((s) => [s.index, s.account, s.currency, s.statementId])).to.deep.equal([
        [0, 'NL90KNAB0445266309', 'EUR', null],
        [1, 'NL94COBA0678011583', 'EUR', null],
        [2, 'NL54BKMG0378842587', 'EUR', null],
      ]);
      expect(sut.lines.every((l) => l.bankReference === null && l.account === sut.statements[l.statementIndex]?.account)).to.equal(true);
    });

    it('derives opening and closing from "Saldo na mutatie" (newest first), and they add up per account', async () => {
      const { statements, lines } = await parseFile(sample('ing-csv-semicolon-2023-anonymized.csv'));
      expect(statementAt(statements, 0)).to.deep.include({ openingBalanceCents: 164011, openingBalanceDate: '2023-05-01', closingBalanceCents: 44638, closingBalanceDate: '2023-05-23' });
      for (const s of statements) expect(reconciled(s, lines), s.account).to.equal(s.closingBalanceCents);
    });

    it('keeps a non-kenmerk "Kenmerk:" as free text and takes a valid one as structured reference', async () => {
      const { lines } = await parseFile(sample('ing-csv-semicolon-2023-anonymized.csv'));
      const sdd = lines.find((l) => l.remittanceText?.includes('SDD0237763432'));
      expect(sdd?.structuredReference).to.equal(null);
      expect(lines.filter((l) => l.structuredReference !== null).map((l) => l.structuredReference)).to.deep.equal(['5826058', '12108800769865']);
      expect(lineAt(lines, 1)).to.deep.include({ counterpartyName: 'Acchouder 8', counterpartyIban: 'NL58INGB0702712760', bankTransactionCode: 'VZ', valueDate: '2023-05-23', direction: 'credit', amountCents: 82198 });
    });
  });

  describe('ing-csv-comma-2020-sample.csv (older ING layout: "," and 9 columns, no balance)', () => {
    it('reads 6 rows, including the 0,00 row, with no balances', async () => {
      const sut = await parseFile(sample('ing-csv-comma-2020-sample.csv'));
      expect(sut.detected).to.deep.include({ delimiter: ',', headerVariant: 'ing-nl' });
      expect(sut.problems).to.deep.equal([]);
      expect(sut.lines).to.have.length(6);
      expect(statementAt(sut.statements, 0)).to.deep.include({ account: 'NL99INGB9999999999', openingBalanceCents: null, closingBalanceCents: null });
      expect(lineAt(sut.lines, 2)).to.deep.include({ amountCents: 0, direction: 'credit', counterpartyName: 'Kwijtschelding' });
    });

    it('keeps the two identical rows as two lines, told apart only by their line number', async () => {
      const { lines } = await parseFile(sample('ing-csv-comma-2020-sample.csv'));
      const { lineNo: a, ...first } = lineAt(lines, 4);
      const { lineNo: b, ...second } = lineAt(lines, 5);
      expect(first).to.deep.equal(second);
      expect([a, b]).to.deep.equal([6, 7]);
    });

    it('reads the transfer\'s "Naam: … Omschrijving: … IBAN: … Valutadatum:" parts', async () => {
      const { lines } = await parseFile(sample('ing-csv-comma-2020-sample.csv'));
      expect(lineAt(lines, 3)).to.deep.include({ counterpartyName: 'PAULISSEN G J L M', counterpartyIban: 'NL99ASNB9999999999', remittanceText: 'Kosten rekening', valueDate: '2019-12-13', bookingDate: '2019-12-13', amountCents: 2000 });
    });
  });

  describe('rabobank-csv-2018-sample.csv (Windows-1252, CR CR LF, a malformed row)', () => {
    it('is detected as Windows-1252 and decodes the header\'s "initiërende"', async () => {
      const bytes = fs.readFileSync(sample('rabobank-csv-2018-sample.csv'));
      const detected = detectFormat(bytes);
      expect(detected).to.deep.equal({ format: 'rabobank-csv', encoding: 'windows-1252', bom: false, delimiter: ',', headerVariant: 'rabobank-nl' });
      const first = await splitLines(decodeText(inChunks(bytes, 100), detected.encoding)).next();
      expect(first.value?.text).to.include('"Naam initiërende partij"');
    });

    it('reports the malformed row 3 as a problem with its line number and reads rows 2 and 4', async () => {
      const { problems, lines } = await parseFile(sample('rabobank-csv-2018-sample.csv'));
      expect(problems).to.have.length(1);
      expect(problems[0]).to.deep.include({ lineNo: 3, field: 'row' });
      expect(lines.map((l) => l.lineNo)).to.deep.equal([2, 4]);
    });

    it('takes Volgnr as bank reference, signs from Bedrag, balances from "Saldo na trn"', async () => {
      const { statements, lines } = await parseFile(sample('rabobank-csv-2018-sample.csv'));
      expect(lines.map((l) => [l.bankReference, l.direction, l.amountCents, l.bankTransactionCode])).to.deep.equal([
        ['000000000000009565', 'debit', 33749, 'db'],
        ['000000000000009591', 'debit', 75000, 'bg'],
      ]);
      expect(statementAt(statements, 0)).to.deep.include({ account: 'NL77RABO0311467415', currency: 'EUR', openingBalanceCents: 559477, openingBalanceDate: '2018-03-01', closingBalanceCents: 1233453, closingBalanceDate: '2018-03-16' });
      expect(lineAt(lines, 1)).to.deep.include({ counterpartyIban: 'NL47BUNQ2025181418', counterpartyName: 'W. Koelewijn', counterpartyBic: 'BUNQNL2AXXX', remittanceText: 'Naar Bunq', returnReason: null });
      expect(lineAt(lines, 0)).to.deep.include({ counterpartyIban: null, remittanceText: 'RENTE LENING' });
    });
  });

  describe('abnamro-tab-anonymized-sample.tab (ABN AMRO TXT export)', () => {
    it('is refused by detectFormat with a message that names it and says what to download instead', () => {
      const bytes = fs.readFileSync(sample('abnamro-tab-anonymized-sample.tab'));
      expect(() => detectFormat(bytes)).to.throw(/ABN AMRO TXT\/TAB exports are not supported.*camt\.053/);
    });
  });
});
