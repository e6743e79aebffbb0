// Bad rows are problems with a line number, and parsing goes on so that every bad line is listed.
import { expect } from 'chai';
import { lineAt, parseBytes } from './statement-helpers.js';

const ING = '"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen";"Saldo na mutatie";"Tag"';
const ingRow = (date: string, direction: string, amount: string, account = 'NL91ABNA0417164300') =>
  `"${date}";"J. de Vries";"${account}";"NL20INGB0001234567";"OV";"${direction}";"${amount}";"Overschrijving";"Naam: J. de Vries Omschrijving: boete";"";""`;

function camt(entries: string): string {
  return `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>S1</Id>
<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>
${entries}
</Stmt></BkToCstmrStmt></Document>`;
}
const entry = (amount: string, cdi = 'CRDT', extra = '') =>
  `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${cdi}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2024-03-05</Dt></BookgDt>${extra}</Ntry>`;

describe('statement parsers: problems', () => {
  it('lists every bad ING row (date, direction, amount, own account, stray quote) and reads the good ones', async () => {
    const text = [ING, ingRow('20240305', 'Bij', '100,00'), ingRow('20240230', 'Bij', '1,00'), ingRow('20240305', 'Erbij', '1,00'),
      ingRow('20240305', 'Bij', '1,234'), ingRow('20240305', 'Bij', '-5,00'), ingRow('20240305', 'Af', '2,00', ''),
      '"20240305";"J. "de" Vries";"NL91ABNA0417164300";"";"OV";"Bij";"1,00";"";"";"";""', ingRow('20240304', 'Af', '2,50'), ''].join('\n');
    const { lines, problems } = await parseBytes(text);
    expect(problems.map((p) => [p.lineNo, p.field])).to.deep.equal([
      [3, 'Datum'],
      [4, 'Af Bij'],
      [5, 'Bedrag (EUR)'],
      [6, 'Bedrag (EUR)'],
      [7, 'Rekening'],
      [8, 'row'],
    ]);
    expect(problems[2]?.reason).to.match(/not an amount/);
    expect(problems[5]?.reason).to.match(/malformed CSV row/);
    expect(lines.map((l) => [l.lineNo, l.direction, l.amountCents])).to.deep.equal([[2, 'credit', 10000], [9, 'debit', 250]]);
  });

  it('reports an unclosed quote at the line where the broken row starts', async () => {
    const text = [ING, ingRow('20240305', 'Bij', '100,00'), '"20240305";"J. de Vries;"NL91ABNA0417164300";"";"OV";"Bij";"1,00";"";"";"";""', ''].join('\n');
    const { lines, problems } = await parseBytes(text);
    expect(lines).to.have.length(1);
    expect(problems.map((p) => p.lineNo)).to.deep.equal([3]);
  });

  it('lists bad Rabobank rows (currency, date, amount) by the header name of the column', async () => {
    const header = '"IBAN/BBAN","Munt","BIC","Volgnr","Datum","Rentedatum","Bedrag","Saldo na trn","Tegenrekening IBAN/BBAN","Naam tegenpartij","Naam uiteindelijke partij","Naam initiërende partij","BIC tegenpartij","Code","Batch ID","Transactiereferentie","Machtigingskenmerk","Incassant ID","Betalingskenmerk","Omschrijving-1","Omschrijving-2","Omschrijving-3","Reden retour","Oorspr bedrag","Oorspr munt","Koers"';
    const row = (ccy: string, date: string, amount: string) =>
      `"NL91ABNA0417164300","${ccy}","ABNANL2A","000000000000000001","${date}","${date}","${amount}","+100,00","","","","","","cb","","","","","","x","","","","","",""`;
    const text = [header, row('EUR', '2024-03-05', '+100,00'), row('E', '2024-03-05', '+1,00'), row('EUR', '05-13-2024', '+1,00'), row('EUR', '2024-03-05', 'tien')].join('\r\r\n');
    const { lines, problems } = await parseBytes(Buffer.from(text, 'latin1'));
    expect(problems.map((p) => [p.lineNo, p.field])).to.deep.equal([[3, 'Munt'], [4, 'Datum'], [4, 'Rentedatum'], [5, 'Bedrag']]);
    expect(lineAt(lines, 0).amountCents).to.equal(10000);
  });

  it('reports camt entries without a valid amount, indicator or date, and reads the rest', async () => {
    const xml = camt([entry('100.00'), entry('1.005'), entry('5.00', 'BOTH'), '<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>', entry('7.5', 'DBIT')].join('\n'));
    const { lines, problems } = await parseBytes(xml);
    expect(problems.map((p) => [p.lineNo, p.field])).to.deep.equal([[4, 'Ntry/Amt'], [5, 'Ntry/CdtDbtInd'], [6, 'Ntry/BookgDt']]);
    expect(lines.map((l) => [l.direction, l.amountCents])).to.deep.equal([['credit', 10000], ['debit', 750]]);
  });

  it('refuses a batch whose detail amounts do not add up to the entry', async () => {
    const details = '<NtryDtls><TxDtls><Amt Ccy="EUR">60.00</Amt></TxDtls><TxDtls><Amt Ccy="EUR">30.00</Amt></TxDtls></NtryDtls>';
    const { lines, problems } = await parseBytes(camt(entry('100.00', 'CRDT', details)));
    expect(lines).to.deep.equal([]);
    expect(problems[0]).to.deep.include({ field: 'Ntry/NtryDtls/TxDtls', reason: 'detail amounts add up to 9000 cents, the entry is 10000 cents' });
  });

  it('skips pending (PDNG) entries, which do not move money yet', async () => {
    const pending = '<Ntry><Amt Ccy="EUR">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts><BookgDt><Dt>2024-03-05</Dt></BookgDt></Ntry>';
    const { lines } = await parseBytes(camt(entry('1.00') + pending));
    expect(lines.map((l) => l.amountCents)).to.deep.equal([100]);
  });

  it('stops at broken XML with a problem on the line where it broke', async () => {
    const xml = camt(`${entry('1.00')}\n<Ntry><Amt Ccy="EUR">2.00</Amt></Ntryy>\n${entry('3.00')}`);
    const { lines, problems } = await parseBytes(xml);
    expect(lines.map((l) => l.amountCents)).to.deep.equal([100]);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.deep.include({ lineNo: 4, field: 'xml' });
  });

  it('reports an MT940 statement without an account', async () => {
    const { problems } = await parseBytes(':20:X\n:60F:C240305EUR1,00\n:62F:C240305EUR1,00\n');
    expect(problems).to.deep.equal([{ lineNo: 1, field: ':25:', reason: 'statement without an account (:25:)' }]);
  });
});
