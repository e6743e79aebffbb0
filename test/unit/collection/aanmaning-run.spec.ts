import { expect } from 'chai';
import { PassThrough, Writable } from 'node:stream';
import { aanmaningPdf, writeAanmaningen } from '../../../src/modules/collection/aanmaning.render.js';
import { AanmaningDataError } from '../../../src/modules/collection/letters-values.js';
import type { AanmaningData } from '../../../src/modules/collection/letters.types.js';
import { fineKenmerk, formatKenmerk } from '../../../src/domain/betalingskenmerk.js';
import { decodeQr, flat, pdfInfo, pdfPagePng, pdfPageCount, pdfPages, pdfText, pdfWords } from '../../helpers/pdf.js';
import { makeAanmaningData } from './collection-fixture.js';

function item(i: number, over: Partial<AanmaningData> = {}): AanmaningData {
  return makeAanmaningData({ caseNumber: `BB-2024-${String(i).padStart(6, '0')}`, paymentReference: fineKenmerk(2024, i), ...over });
}

async function render(items: AsyncIterable<AanmaningData> | Iterable<AanmaningData>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeAanmaningen(out, items);
  return Buffer.concat(chunks);
}

describe('writeAanmaningen: a collection run', () => {
  it('puts 3 aanmaningen on 3 pages, each its own letter with its own case number and kenmerk', async () => {
    const pdf = await render([item(1), item(2, { offender: { ...makeAanmaningData().offender, surname: 'Jansen' } }), item(3)]);
    expect(pdfPageCount(pdf)).to.equal(3);
    const pages = pdfPages(pdf).map(flat);
    for (const [i, page] of pages.entries()) {
      expect(page).to.contain('Aanmaning');
      expect(page).to.contain(`BB-2024-00000${i + 1}`);
      expect(page).to.contain(formatKenmerk(fineKenmerk(2024, i + 1)));
      expect(page).to.contain('Pagina 1 van 1');
    }
    expect(pages[1]).to.contain('Geachte heer/mevrouw Jansen,');
    expect(pdfInfo(pdf).Title).to.equal('Verzendrun aanmaningen bestuurlijke boete');
  });

  it('gives each page its own QR with its own kenmerk', async () => {
    const pdf = await render([item(1), item(2)]);
    expect(decodeQr(pdfPagePng(pdf, 2, 300))?.split('\n')[10]).to.equal(fineKenmerk(2024, 2));
  });

  it('streams: pages reach the output while later items are still being produced', async () => {
    let written = 0;
    const seen: number[] = [];
    const out = new Writable({ write(chunk: Buffer, _enc, cb) { written += chunk.length; cb(); } });
    async function* slow(): AsyncGenerator<AanmaningData> {
      for (let i = 1; i <= 4; i += 1) {
        seen.push(written);
        await new Promise((r) => setTimeout(r, 5));
        yield item(i);
      }
    }
    await writeAanmaningen(out, slow());
    expect(seen[1]).to.be.greaterThan(0);
    expect(seen[3]).to.be.greaterThan(seen[1] ?? 0);
  });

  it('renders an empty run as one page saying so', async () => {
    const pdf = await render([]);
    expect(pdfPageCount(pdf)).to.equal(1);
    expect(flat(pdfText(pdf))).to.contain('Deze verzendrun bevat geen aanmaningen.');
  });

  it('rejects the run on an item that cannot be printed and does not finish the file', async () => {
    const out = new PassThrough();
    out.resume();
    let finished = false;
    out.on('finish', () => { finished = true; });
    const error = await writeAanmaningen(out, [item(1), item(2, { totalDueCents: 1 })]).then(() => null, (err: unknown) => err);
    expect(error).to.be.instanceOf(AanmaningDataError);
    expect(finished).to.equal(false);
  });
});

describe('aanmaningPdf with hostile input', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const SQL = "'; DROP TABLE fines;--";
  let pdf: Buffer;
  let text: string;

  before(async () => {
    pdf = await aanmaningPdf(makeAanmaningData({
      offender: {
        givenNames: `=HYPERLINK("x") Łukasz ${SCRIPT}`,
        surname: `Świątek-Øster${SQL}\u202e`,
        address: { street: 'Ulica Żółwia\u0007\u001b[31m', houseNumber: '7/12', postcode: '00-950', city: 'Warszawa', country: 'PL' },
      },
      offence: { code: 'A.31', description: `Wildplassen ${'zeer lange omschrijving '.repeat(60)}`, date: '2024-02-24' },
    }));
    text = flat(pdfText(pdf, { mode: 'raw' }));
  });

  it('prints names with HTML, SQL and formula characters literally, in the right letters', () => {
    expect(text).to.contain(`Geachte heer/mevrouw Świątek-Øster${SQL},`);
    expect(text).to.contain(`=HYPERLINK("x") Łukasz ${SCRIPT}`);
    expect(text).to.contain('Ulica Żółwia');
    expect(text).to.contain('POLEN');
  });

  it('drops control characters and bidi overrides', () => {
    const bad = [...text].filter((ch) => { const cp = ch.codePointAt(0) ?? 0; return (cp < 0x20 && cp !== 0x0a) || cp === 0x202e; });
    expect(bad).to.deep.equal([]);
  });

  it('stays one page: the over-long offence description is cut with an ellipsis', () => {
    expect(pdfPageCount(pdf)).to.equal(1);
    expect(text).to.contain('…');
    expect(text).to.contain('U moest deze boete uiterlijk op 16 april 2024 betalen.');
    const words = pdfWords(pdf, 1);
    expect(Math.max(...words.filter((w) => w.yMin < 284).map((w) => w.yMax))).to.be.below(281);
    expect(Math.max(...words.map((w) => w.xMax))).to.be.below(191);
  });
});
