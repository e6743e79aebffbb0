// Property: an amount written the Dutch way into a generated bank row comes back as the same
// integer cents, with the right direction — never through a float.
import { expect } from 'chai';
import fc from 'fast-check';
import { lineAt, parseBytes } from './statement-helpers.js';

const ING_HEADER = '"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen";"Saldo na mutatie";"Tag"';
const RABO_HEADER = '"IBAN/BBAN","Munt","BIC","Volgnr","Datum","Rentedatum","Bedrag","Saldo na trn","Tegenrekening IBAN/BBAN","Naam tegenpartij","Naam uiteindelijke partij","Naam initiërende partij","BIC tegenpartij","Code","Batch ID","Transactiereferentie","Machtigingskenmerk","Incassant ID","Betalingskenmerk","Omschrijving-1","Omschrijving-2","Omschrijving-3","Reden retour","Oorspr bedrag","Oorspr munt","Koers"';

/** Up to a billion euros, so the cents stay far inside the safe-integer range. */
const cents = fc.integer({ min: 0, max: 100_000_000_000 });

/** `1234,56`, or with thousands dots `1.234,56`. */
function dutch(c: number, grouped: boolean): string {
  const euros = String(Math.trunc(c / 100));
  const body = grouped ? euros.replace(/\B(?=([0-9]{3})+$)/g, '.') : euros;
  return `${body},${String(c % 100).padStart(2, '0')}`;
}

describe('amounts in generated bank rows (property)', () => {
  it('an ING CSV amount (unsigned, decimal comma, optional thousands dots) parses back to the same cents', async () => {
    await fc.assert(
      fc.asyncProperty(cents, fc.boolean(), fc.boolean(), async (c, grouped, credit) => {
        const row = `"20240305";"J. de Vries";"NL91ABNA0417164300";"";"OV";"${credit ? 'Bij' : 'Af'}";"${dutch(c, grouped)}";"";"";"";""`;
        const { lines, problems } = await parseBytes(`${ING_HEADER}\n${row}\n`);
        expect(problems).to.deep.equal([]);
        expect(lineAt(lines, 0)).to.deep.include({ amountCents: c, direction: credit ? 'credit' : 'debit' });
      }),
      { numRuns: 150 },
    );
  });

  it('a signed Rabobank CSV amount parses back to the same cents and direction', async () => {
    await fc.assert(
      fc.asyncProperty(cents, fc.boolean(), fc.boolean(), async (c, grouped, credit) => {
        const amount = `${credit ? '+' : '-'}${dutch(c, grouped)}`;
        const row = `"NL91ABNA0417164300","EUR","ABNANL2A","000000000000000001","2024-03-05","2024-03-05","${amount}","+0,00","","","","","","cb","","","","","","x","","","","","",""`;
        const { lines, problems } = await parseBytes(Buffer.from(`${RABO_HEADER}\r\n${row}\r\n`, 'latin1'));
        expect(problems).to.deep.equal([]);
        expect(lineAt(lines, 0)).to.deep.include({ amountCents: c, direction: credit || c === 0 ? 'credit' : 'debit' });
      }),
      { numRuns: 150 },
    );
  });

  it('an MT940 amount (decimal comma, zero-padded) and a camt amount (decimal point) parse back to the same cents', async () => {
    await fc.assert(
      fc.asyncProperty(cents, fc.integer({ min: 0, max: 6 }), async (c, pad) => {
        const swift = dutch(c, false).padStart(dutch(c, false).length + pad, '0');
        const mt940 = `:20:X\n:25:NL91ABNA0417164300EUR\n:60F:C240305EUR0,00\n:61:240305C${swift}NTRFNONREF\n`;
        const decimal = `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, '0')}${'0'.repeat(pad)}`;
        const camt = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct><Ntry><Amt Ccy="EUR">${decimal}</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-03-05</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>`;
        for (const text of [mt940, camt]) {
          const { lines, problems } = await parseBytes(text);
          expect(problems).to.deep.equal([]);
          expect(lineAt(lines, 0).amountCents).to.equal(c);
        }
      }),
      { numRuns: 150 },
    );
  });
});
