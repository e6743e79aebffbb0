// Statements are read as streams: a 200,000-line ING CSV generated on the fly, and large camt and
// MT940 files. The deterministic proof of streaming is that lines come out while most of the input
// has not been read yet; RSS is also sampled, against the generous bound (300 MB), since
// garbage collection makes a tighter bound flaky on a loaded machine. No timing is asserted.
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { parseStatement } from '../../../src/modules/payments/parsers/parse-statement.js';
import type { ParsedStatement } from '../../../src/modules/payments/parsers/statement.types.js';

const MB = 1024 * 1024;

/** A Readable that yields the file in chunks of `rowsPerChunk` generated rows. */
let rowsProduced = 0;

function generated(header: string, footer: string, count: number, row: (i: number) => string, rowsPerChunk = 500): Readable {
  rowsProduced = 0;
  return Readable.from(
    (function* () {
      yield Buffer.from(header);
      for (let i = 0; i < count; i += rowsPerChunk) {
        rowsProduced = i;
        let chunk = '';
        for (let j = i; j < Math.min(count, i + rowsPerChunk); j += 1) chunk += row(j);
        yield Buffer.from(chunk);
      }
      yield Buffer.from(footer);
    })(),
    { objectMode: false },
  );
}

async function consume(stream: Readable): Promise<{ lines: number; statements: ParsedStatement[]; problems: number; rssGrowthMb: number; producedAtFirstThousand: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  let lines = 0;
  let producedAtFirstThousand = -1;
  let problems = 0;
  const statements: ParsedStatement[] = [];
  for await (const event of parseStatement(stream).events) {
    if (event.type === 'line') {
      lines += 1;
      if (lines === 1000) producedAtFirstThousand = rowsProduced;
      if (lines % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    } else if (event.type === 'statement') statements.push(event.statement);
    else problems += 1;
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { lines, statements, problems, rssGrowthMb: (peak - before) / MB, producedAtFirstThousand };
}

describe('statement parsers: streaming', function () {
  this.timeout(120_000);

  it('parses a 200,000-line ING CSV with lines coming out while the input is still being read', async () => {
    const rows = 200_000;
    const header = '"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen";"Saldo na mutatie";"Tag"\n';
    // Newest first, as ING writes it: row i's balance is 1,000,000.00 minus i euros.
    const row = (i: number) =>
      `"2024${String(12 - Math.floor((i * 12) / rows)).padStart(2, '0')}01";"Betaler ${i}";"NL91ABNA0417164300";"NL20INGB0001234567";"OV";"Bij";"1,00";"Overschrijving";"Naam: Betaler ${i} Omschrijving: boete BB-2024-${String(i).padStart(6, '0')} IBAN: NL20INGB0001234567 Kenmerk: 1202400000000001 Valutadatum: 01-01-2024";"${1_000_000 - i},00";""\n`;
    const result = await consume(generated(header, '', rows, row));
    expect(result.problems).to.equal(0);
    expect(result.lines).to.equal(rows);
    expect(result.statements).to.have.length(1);
    expect(result.statements[0]).to.deep.include({ closingBalanceCents: 100_000_000, openingBalanceCents: (1_000_000 - rows + 1 - 1) * 100 });
    expect(result.producedAtFirstThousand).to.be.within(0, rows / 10);
    expect(result.rssGrowthMb).to.be.below(300);
  });

  it('parses a camt.053 with 30,000 entries in one statement with lines coming out while the input is still being read', async () => {
    const header = '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>BIG</Id>\n<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>EUR</Ccy></Acct>\n';
    const entry = (i: number) =>
      `<Ntry>\n  <Amt Ccy="EUR">100.00</Amt>\n  <CdtDbtInd>CRDT</CdtDbtInd>\n  <Sts>BOOK</Sts>\n  <BookgDt><Dt>2024-03-05</Dt></BookgDt>\n  <AcctSvcrRef>REF${i}</AcctSvcrRef>\n  <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Betaler ${i}</Nm></Dbtr><DbtrAcct><Id><IBAN>NL20INGB0001234567</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>boete ${i}</Ustrd></RmtInf></TxDtls></NtryDtls>\n</Ntry>\n`;
    const result = await consume(generated(header, '</Stmt></BkToCstmrStmt></Document>\n', 30_000, entry, 200));
    expect([result.problems, result.lines, result.statements.length]).to.deep.equal([0, 30_000, 1]);
    expect(result.producedAtFirstThousand).to.be.within(0, 3_000);
    expect(result.rssGrowthMb).to.be.below(300);
  });

  it('parses an MT940 with 50,000 :61: lines in one statement with lines coming out while the input is still being read', async () => {
    const count = 50_000;
    const header = ':20:BIG\n:25:NL91ABNA0417164300EUR\n:28C:1\n:60F:C240305EUR0,00\n';
    const line = (i: number) => `:61:2403050305C1,00NTRFEREF//${String(i).padStart(14, '0')}\n:86:/EREF/E${i}//CNTP/NL20INGB0001234567/INGBNL2A/Betaler ${i}/ZOETERMEER//REMI/USTD//boete ${i}/\n`;
    const result = await consume(generated(header, `:62F:C240305EUR${count},00\n-}\n`, count, line));
    expect([result.problems, result.lines]).to.deep.equal([0, count]);
    expect(result.statements[0]?.closingBalanceCents).to.equal(count * 100);
    expect(result.producedAtFirstThousand).to.be.within(0, count / 10);
    expect(result.rssGrowthMb).to.be.below(300);
  });
});
