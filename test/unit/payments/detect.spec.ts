// Format detection from the first bytes, and what parseStatement does with what it detects.
import { expect } from 'chai';
import { detectFormat } from '../../../src/modules/payments/parsers/detect.js';
import { StatementFormatError } from '../../../src/modules/payments/parsers/errors.js';
import { parseStatement } from '../../../src/modules/payments/parsers/parse-statement.js';
import { lineAt, parseBytes } from './statement-helpers.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const ING_NL = '"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen";"Saldo na mutatie";"Tag"\n';
const ING_ROW = '"20240305";"J. de Vries";"NL91ABNA0417164300";"NL20INGB0001234567";"OV";"Bij";"100,00";"Overschrijving";"Naam: J. de Vries Omschrijving: boete Valutadatum: 05-03-2024";"1100,00";""\n';
const RABO_NL = '"IBAN/BBAN","Munt","BIC","Volgnr","Datum","Rentedatum","Bedrag","Saldo na trn"\r\n';

function detect(text: string | Buffer) {
  return detectFormat(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));
}

describe('detectFormat', () => {
  describe('CSV layouts, delimiters and header variants', () => {
    const cases: [string, string, object][] = [
      ['ING Dutch with ";"', ING_NL, { format: 'ing-csv', delimiter: ';', headerVariant: 'ing-nl' }],
      ['ING Dutch with "," (older layout, "MutatieSoort")', '"Datum","Naam / Omschrijving","Rekening","Tegenrekening","Code","Af Bij","Bedrag (EUR)","MutatieSoort","Mededelingen"\n', { format: 'ing-csv', delimiter: ',', headerVariant: 'ing-nl' }],
      ['ING English', '"Date";"Name / Description";"Account";"Counterparty";"Code";"Debit/credit";"Amount (EUR)";"Transaction type";"Notifications";"Resulting balance";"Tag"\n', { format: 'ing-csv', delimiter: ';', headerVariant: 'ing-en' }],
      ['ING unquoted header', 'Datum;Naam / Omschrijving;Rekening;Tegenrekening;Code\n', { format: 'ing-csv', delimiter: ';' }],
      ['Rabobank Dutch', RABO_NL, { format: 'rabobank-csv', delimiter: ',', headerVariant: 'rabobank-nl' }],
      ['Rabobank English', '"IBAN/BBAN","Ccy","BIC","Seq No","Date"\r\n', { format: 'rabobank-csv', delimiter: ',', headerVariant: 'rabobank-en' }],
    ];
    for (const [name, text, expected] of cases) {
      it(`recognises ${name}`, () => {
        expect(detect(text)).to.deep.include(expected);
      });
    }
  });

  describe('byte order mark and encoding', () => {
    it('reports and strips a UTF-8 BOM before looking at the header', () => {
      expect(detect(Buffer.concat([BOM, Buffer.from(ING_NL)]))).to.deep.include({ format: 'ing-csv', bom: true, encoding: 'utf-8' });
    });

    it('reads valid UTF-8 as utf-8 and other bytes as windows-1252', () => {
      expect(detect(`${ING_NL}"Hélène"`).encoding).to.equal('utf-8');
      expect(detect(Buffer.from(`${ING_NL}"Hélène"`, 'latin1')).encoding).to.equal('windows-1252');
      expect(detect(ING_NL).encoding).to.equal('utf-8');
    });

    it('does not mistake a UTF-8 sequence cut off at the end of the sample for Windows-1252', () => {
      const bytes = Buffer.from(`${ING_NL}"é`, 'utf8');
      expect(detect(bytes.subarray(0, bytes.length - 1)).encoding).to.equal('utf-8');
    });

    it('refuses UTF-16', () => {
      expect(() => detect(Buffer.from([0xff, 0xfe, 0x44, 0x00]))).to.throw(StatementFormatError, /UTF-16/);
    });
  });

  describe('XML and MT940', () => {
    it('recognises camt.053 by namespace, with or without prefix, and by BkToCstmrStmt', () => {
      expect(detect('<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><BkToCstmrStmt>').format).to.equal('camt053');
      expect(detect('<ns2:Document xmlns:ns2="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><ns2:BkToCstmrStmt>').format).to.equal('camt053');
      expect(detect('  \n<Document><BkToCstmrStmt><GrpHdr>').format).to.equal('camt053');
    });

    it('names camt.054 and camt.052 as not importable, and refuses other XML', () => {
      expect(() => detect('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>')).to.throw(StatementFormatError, /camt\.054/);
      expect(() => detect('<?xml version="1.0"?><rss></rss>')).to.throw(StatementFormatError, /not a camt\.053/);
    });

    it('recognises MT940 by its SWIFT envelope, Rabobank\'s ":940:", a bare ":20:" or ABN AMRO\'s header lines', () => {
      for (const text of ['{1:F01INGBNL2ABXXX0000000000}\n{2:I940INGBNL2AXXXN}\n{4:\n:20:P1', ':940:\n:20:940S140102\n', ':20:STMT\r\n:25:NL91ABNA0417164300\r\n', 'ABNANL2A\n940\nABNANL2A\n:20:ABN AMRO BANK NV\n']) {
        expect(detect(text).format, text).to.equal('mt940');
      }
    });
  });

  describe('refusals', () => {
    it('refuses an empty file and a file of only whitespace', () => {
      expect(() => detect('')).to.throw(StatementFormatError, /empty/);
      expect(() => detect(' \r\n\n')).to.throw(StatementFormatError, /empty/);
    });

    it('refuses an unknown layout with a message listing what it reads', () => {
      expect(() => detect('Date,Amount,Payee\n2024-03-05,100.00,J. de Vries\n')).to.throw(StatementFormatError, /Unknown bank statement format.*camt\.053.*MT940.*ING or Rabobank/);
    });
  });
});

describe('parseStatement: detection in the stream', () => {
  it('resolves `detected` before the events are read', async () => {
    const { detected, events } = parseStatement((async function* () { yield Buffer.from(ING_NL + ING_ROW); })());
    expect((await detected).format).to.equal('ing-csv');
    await events.return(undefined);
  });

  it('refuses an explicit format that contradicts the content, in `detected` and in `events`', async () => {
    const { detected, events } = parseStatement((async function* () { yield Buffer.from(ING_NL + ING_ROW); })(), { format: 'camt053' });
    const err = await detected.then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(StatementFormatError);
    expect((err as Error).message).to.equal('The file was uploaded as camt053, but its content is ing-csv.');
    const second = await events.next().then(() => null, (e: unknown) => e);
    expect(second).to.equal(err);
  });

  it('accepts an explicit format that agrees', async () => {
    const sut = await parseBytes(ING_NL + ING_ROW, { format: 'ing-csv' });
    expect(sut.lines).to.have.length(1);
  });

  it('strips a BOM split over chunks, so the first header cell is still "Datum"', async () => {
    const sut = await parseBytes(Buffer.concat([BOM, Buffer.from(ING_NL + ING_ROW)]), {}, 1);
    expect(sut.detected.bom).to.equal(true);
    expect(sut.problems).to.deep.equal([]);
    expect(lineAt(sut.lines, 0).bookingDate).to.equal('2024-03-05');
  });

  it('decodes Windows-1252 that first appears after the 64 KiB detection sample', async () => {
    const filler = ING_ROW.repeat(Math.ceil(70_000 / ING_ROW.length));
    const late = Buffer.from('"20240305";"Hélène Dupré";"NL91ABNA0417164300";"";"OV";"Bij";"1,00";"";"";"";""\n', 'latin1');
    const sut = await parseBytes(Buffer.concat([Buffer.from(ING_NL + filler), late]), {}, 4096);
    expect(sut.detected.encoding).to.equal('utf-8');
    expect(sut.problems).to.deep.equal([]);
    expect(sut.lines[sut.lines.length - 1]?.counterpartyName).to.equal('Hélène Dupré');
  });
});
