// Our own scenario files in fixtures/bank-statements, one test (or group) per file, named after it.
// Own account: the municipality's NL91ABNA0417164300; kenmerken from fineKenmerk(2024, n).
import { expect } from 'chai';
import { isValidIban } from '../../../src/domain/iban.js';
import { fineKenmerk, isValidBetalingskenmerk } from '../../../src/domain/betalingskenmerk.js';
import { StatementFormatError } from '../../../src/modules/payments/parsers/errors.js';
import { fixture, lineAt, parseFile, reconciled, statementAt } from './statement-helpers.js';

const OWN = 'NL91ABNA0417164300';

describe('scenario fixtures', () => {
  it('camt053-exact-structured-reference.xml: a credit with the fine\'s SCOR/CUR kenmerk, NOTPROVIDED end-to-end id', async () => {
    const { statements, lines, problems } = await parseFile(fixture('camt053-exact-structured-reference.xml'));
    expect(problems).to.deep.equal([]);
    expect(statementAt(statements, 0)).to.deep.include({ account: OWN, currency: 'EUR', openingBalanceCents: 100000, closingBalanceCents: 110000, sequence: '64' });
    expect(lines).to.have.length(1);
    expect(lineAt(lines, 0)).to.deep.include({
      direction: 'credit', amountCents: 10000, structuredReference: fineKenmerk(2024, 1), endToEndId: null, bankReference: 'ABNA2024030500012345',
      counterpartyName: 'J. de Vries', counterpartyIban: 'NL20INGB0001234567', counterpartyBic: 'INGBNL2A', bankTransactionCode: 'PMNT/RCDT/ESCT',
    });
    expect(isValidIban(lineAt(lines, 0).counterpartyIban ?? '')).to.equal(true);
  });

  it('camt053-batch-two-details.xml: one collective credit, two lines with their own amounts (prefixed namespace)', async () => {
    const { statements, lines, problems } = await parseFile(fixture('camt053-batch-two-details.xml'));
    expect(problems).to.deep.equal([]);
    expect(lines.map((l) => [l.positionInEntry, l.entryDetailCount, l.amountCents])).to.deep.equal([[0, 2, 10000], [1, 2, 15000]]);
    // The bank wrote the kenmerk in groups; a valid one comes out as plain digits.
    expect(lineAt(lines, 0)).to.deep.include({ structuredReference: '1202400000000002', endToEndId: 'BAKKER-2024-0002', counterpartyName: 'A. Bakker' });
    // No Dbtr name: UltmtDbtr stands in. Two Ustrd are joined with a space; the kenmerk stays text.
    expect(lineAt(lines, 1)).to.deep.include({ counterpartyName: 'M. Jansen', structuredReference: null, endToEndId: null, remittanceText: 'Boete BB-2024-000003 kenmerk 8202 4000 0000 0003' });
    // BookgDt/DtTm 23:30 UTC on 6 March is 7 March in Amsterdam.
    expect(lineAt(lines, 0).bookingDate).to.equal('2024-03-07');
    expect(reconciled(statementAt(statements, 0), lines)).to.equal(135000);
  });

  it('camt053-batch-without-detail-amounts.xml: a batch without per-detail amounts stays one line', async () => {
    const { lines, problems } = await parseFile(fixture('camt053-batch-without-detail-amounts.xml'));
    expect(problems).to.deep.equal([]);
    expect(lines).to.have.length(1);
    expect(lineAt(lines, 0)).to.deep.include({ amountCents: 20000, positionInEntry: 0, entryDetailCount: 1, counterpartyName: null, remittanceText: 'TOTAAL 2 POSTEN', bankTransactionCode: 'N654' });
  });

  it('camt053-storno-after-payment.xml: the payment, then its storno (RvslInd, MD07) naming the original payer', async () => {
    const { statements, lines, problems } = await parseFile(fixture('camt053-storno-after-payment.xml'));
    expect(problems).to.deep.equal([]);
    expect(lines.map((l) => [l.statementIndex, l.direction, l.reversal, l.returnReason])).to.deep.equal([
      [0, 'credit', false, null],
      [1, 'debit', true, 'MD07'],
    ]);
    const storno = lineAt(lines, 1);
    expect(storno).to.deep.include({ counterpartyName: 'S. van Dijk', counterpartyIban: 'NL22SNSB0912345678', structuredReference: fineKenmerk(2024, 5), endToEndId: lineAt(lines, 0).endToEndId });
    // PRCD stands in for the missing OPBD; the intraday ITBD is ignored.
    expect(statementAt(statements, 1)).to.deep.include({ openingBalanceCents: 110000, openingBalanceDate: '2024-03-08', closingBalanceCents: 100000 });
    for (const s of statements) expect(reconciled(s, lines)).to.equal(s.closingBalanceCents);
  });

  it('mt940-ing-kenmerk-in-free-text.940: a kenmerk typed in /REMI/USTD/ stays free text; /REMI/STRD/CUR/ is structured', async () => {
    const { statements, lines, problems } = await parseFile(fixture('mt940-ing-kenmerk-in-free-text.940'));
    expect(problems).to.deep.equal([]);
    expect(statementAt(statements, 0)).to.deep.include({ account: OWN, openingBalanceCents: 100000, closingBalanceCents: 125000, sequence: '00064' });
    expect(lineAt(lines, 0)).to.deep.include({ structuredReference: null, endToEndId: null, counterpartyName: 'J. de Vries', counterpartyIban: 'NL20INGB0001234567', remittanceText: 'Boete 6202 4000 0000 0004 kenteken AB-123-C' });
    expect(lineAt(lines, 1)).to.deep.include({ structuredReference: fineKenmerk(2024, 6), counterpartyName: 'M. Jansen', remittanceText: null, endToEndId: 'ASN-20240305-8812' });
    expect(reconciled(statementAt(statements, 0), lines)).to.equal(125000);
  });

  it('ing-csv-windows-1252-names.csv: é, ë and ï in Windows-1252 come out right', async () => {
    const { detected, lines, statements, problems } = await parseFile(fixture('ing-csv-windows-1252-names.csv'));
    expect(problems).to.deep.equal([]);
    expect(detected.encoding).to.equal('windows-1252');
    expect(lines.map((l) => l.counterpartyName)).to.deep.equal(['Loïs Mulder', 'Zoë Visser', 'Hélène Dupré']);
    expect(lineAt(lines, 2).remittanceText).to.equal('Boete Hélène Dupré');
    expect(lines.map((l) => l.structuredReference)).to.deep.equal([fineKenmerk(2024, 12), fineKenmerk(2024, 8), fineKenmerk(2024, 7)]);
    expect(statementAt(statements, 0)).to.deep.include({ openingBalanceCents: 100000, openingBalanceDate: '2024-03-05', closingBalanceCents: 139000, closingBalanceDate: '2024-03-06' });
  });

  it('ing-csv-english-header.csv: the English header, Debit/Credit, "Reference:" and "Value date:"', async () => {
    const { detected, lines, statements, problems } = await parseFile(fixture('ing-csv-english-header.csv'));
    expect(problems).to.deep.equal([]);
    expect(detected).to.deep.include({ format: 'ing-csv', headerVariant: 'ing-en', delimiter: ';' });
    expect(lines.map((l) => [l.direction, l.amountCents, l.valueDate])).to.deep.equal([
      ['debit', 250, '2024-03-08'],
      ['credit', 125000, '2024-03-07'],
      ['credit', 10000, '2024-03-07'],
    ]);
    expect(lineAt(lines, 1)).to.deep.include({ structuredReference: null, remittanceText: 'fines BB-2024-000002 and others INV-2024-7781' });
    expect(lineAt(lines, 2)).to.deep.include({ structuredReference: fineKenmerk(2024, 10), remittanceText: 'Fine BB-2024-000010', counterpartyName: 'J. de Vries' });
    expect(reconciled(statementAt(statements, 0), lines)).to.equal(234750);
  });

  it('rabobank-csv-english-header.csv: the English header, a return (MD06) and Omschrijving-1..3 joined', async () => {
    const { detected, lines, statements, problems } = await parseFile(fixture('rabobank-csv-english-header.csv'));
    expect(problems).to.deep.equal([]);
    expect(detected).to.deep.include({ format: 'rabobank-csv', headerVariant: 'rabobank-en', delimiter: ',' });
    expect(lines.map((l) => [l.bankReference, l.direction, l.amountCents, l.returnReason])).to.deep.equal([
      ['000000000000000101', 'credit', 10000, null],
      ['000000000000000102', 'debit', 10000, 'MD06'],
      ['000000000000000103', 'credit', 25000, null],
    ]);
    expect(lineAt(lines, 0)).to.deep.include({ structuredReference: fineKenmerk(2024, 2), endToEndId: 'RABO-E2E-0101', counterpartyBic: 'RABONL2U' });
    expect(lineAt(lines, 2).remittanceText).to.equal('Boete 6202 4000 0000 0004 en 4202400000000005');
    expect(statementAt(statements, 0)).to.deep.include({ account: OWN, openingBalanceCents: 100000, closingBalanceCents: 125000 });
  });

  it('ing-csv-empty.csv: a 0-byte file is refused as empty', async () => {
    const err = await parseFile(fixture('ing-csv-empty.csv')).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(StatementFormatError);
    expect((err as Error).message).to.match(/empty/);
  });

  it('ing-csv-header-only.csv: a header without rows has no statements, lines or problems', async () => {
    const sut = await parseFile(fixture('ing-csv-header-only.csv'));
    expect(sut.detected.format).to.equal('ing-csv');
    expect([sut.statements, sut.lines, sut.problems]).to.deep.equal([[], [], []]);
  });

  it('ing-csv-ragged-row.csv: the row with a missing column is a problem on its line; the others are read', async () => {
    const { lines, problems } = await parseFile(fixture('ing-csv-ragged-row.csv'));
    expect(problems).to.deep.equal([{ lineNo: 3, field: 'row', reason: 'expected 11 columns, found 10' }]);
    expect(lines.map((l) => l.lineNo)).to.deep.equal([2, 4]);
  });

  it('uses valid IBANs and betalingskenmerken throughout the scenario files', async () => {
    const files = ['camt053-exact-structured-reference.xml', 'camt053-batch-two-details.xml', 'camt053-storno-after-payment.xml', 'mt940-ing-kenmerk-in-free-text.940', 'ing-csv-windows-1252-names.csv', 'ing-csv-english-header.csv', 'rabobank-csv-english-header.csv'];
    for (const file of files) {
      const { statements, lines } = await parseFile(fixture(file));
      for (const s of statements) expect(isValidIban(s.account), file).to.equal(true);
      for (const l of lines) {
        if (l.counterpartyIban !== null) expect(isValidIban(l.counterpartyIban), `${file} ${l.counterpartyIban}`).to.equal(true);
        if (l.structuredReference !== null) expect(isValidBetalingskenmerk(l.structuredReference), file).to.equal(true);
      }
    }
  });
});
