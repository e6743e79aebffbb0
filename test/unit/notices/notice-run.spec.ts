import { expect } from 'chai';
import { PassThrough, Writable } from 'node:stream';
import { NoticeRunMismatchError, writeNoticeRun, type NoticeRun, type NoticeRunOptions } from '../../../src/modules/notices/notice.render.js';
import { fineKenmerk, formatKenmerk } from '../../../src/domain/betalingskenmerk.js';
import type { NoticeData } from '../../../src/modules/notices/notice.types.js';
import { flat, pdfInfo, pdfPageCount, pdfPages } from '../../helpers/pdf.js';
import { makeMinorNoticeData, makeNoticeData } from './notice-fixture.js';

function notice(i: number, over: Partial<NoticeData> = {}): NoticeData {
  return { ...makeNoticeData({ caseNumber: `BB-2024-${String(i).padStart(6, '0')}`, paymentReference: fineKenmerk(2024, i) }), ...over };
}

async function render(run: NoticeRun, options?: NoticeRunOptions): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeNoticeRun(out, run, options);
  return Buffer.concat(chunks);
}

const three = (): NoticeData[] => [notice(1), { ...makeMinorNoticeData(), caseNumber: 'BB-2024-000002', paymentReference: fineKenmerk(2024, 2) }, notice(3)];

describe('writeNoticeRun: a print run of notices', () => {
  it('puts a cover first, then each notice on its own two pages (duplex: the cover padded to a sheet)', async () => {
    const pdf = await render({ runId: 42, createdOn: '2024-03-05', notices: three(), count: 3, totalCents: 37500 });
    const pages = pdfPages(pdf).map(flat);
    expect(pdfPageCount(pdf)).to.equal(2 + 3 * 2);
    expect(pages[0]).to.contain('Verzendrun beschikkingen bestuurlijke boete');
    expect(pages[1]).to.contain('Deze pagina is met opzet leeg gelaten.');
    for (const [i, caseNumber] of ['BB-2024-000001', 'BB-2024-000002', 'BB-2024-000003'].entries()) {
      expect(pages[2 + i * 2], caseNumber).to.contain('Beschikking bestuurlijke boete overlast in de openbare ruimte');
      expect(pages[2 + i * 2], caseNumber).to.contain(`Zaaknummer ${caseNumber} · Pagina 1 van 2`);
      expect(pages[3 + i * 2], caseNumber).to.contain(`Zaaknummer ${caseNumber} · Pagina 2 van 2`);
    }
  });

  it('lists run id, date, count, total, and every case number with its amount on the cover', async () => {
    const pdf = await render({ runId: 42, createdOn: '2024-03-05', notices: three(), count: 3, totalCents: 37500 });
    const cover = flat(pdfPages(pdf)[0] ?? '');
    expect(cover).to.contain('Run 42');
    expect(cover).to.contain('Aangemaakt op 5 maart 2024');
    expect(cover).to.contain('Aantal beschikkingen 3');
    expect(cover).to.contain('Totaalbedrag € 375,00');
    expect(cover).to.contain(`1 BB-2024-000001 ${formatKenmerk(fineKenmerk(2024, 1))} € 150,00`);
    expect(cover).to.contain('2 BB-2024-000002');
    expect(cover).to.contain('€ 75,00');
    expect(cover).to.contain('Totaal € 375,00');
    expect(cover).not.to.contain('de Vries');
  });

  it('without duplex, has no blank pages: cover + 2 pages per notice', async () => {
    const pdf = await render({ runId: 'R-7', createdOn: '2024-03-05', notices: three(), count: 3, totalCents: 37500 }, { duplex: false });
    expect(pdfPageCount(pdf)).to.equal(1 + 3 * 2);
    expect(flat(pdfPages(pdf)[1] ?? '')).to.contain('BB-2024-000001');
  });

  it('continues the cover table on further pages for a long run, and the notices follow it', async () => {
    const n = 70;
    const list = Array.from({ length: n }, (_, i) => notice(i + 1));
    const pdf = await render({ runId: 9, createdOn: '2024-03-05T10:00:00+01:00', notices: list, count: n, totalCents: n * 15000 }, { duplex: false });
    const pages = pdfPages(pdf).map(flat);
    const coverPages = pages.findIndex((p) => p.includes('Beschikking bestuurlijke boete overlast'));
    expect(coverPages).to.be.greaterThan(1);
    expect(pages.length).to.equal(coverPages + n * 2);
    expect(pages[1]).to.contain('Vervolg overzicht run 9');
    const covers = pages.slice(0, coverPages).join(' ');
    expect(covers).to.contain('BB-2024-000070');
    expect(covers).to.contain('Totaal € 10.500,00');
    expect(pages[0]).to.contain(`Pagina 1 van ${coverPages}`);
  });

  it('streams: pages reach the output while later notices are still being produced', async () => {
    let written = 0;
    const seen: number[] = [];
    const out = new Writable({ write(chunk: Buffer, _enc, cb) { written += chunk.length; cb(); } });
    async function* slow(): AsyncGenerator<NoticeData> {
      for (let i = 1; i <= 4; i += 1) {
        seen.push(written);
        await new Promise((r) => setTimeout(r, 5));
        yield notice(i);
      }
    }
    await writeNoticeRun(out, { runId: 1, createdOn: '2024-03-05', notices: slow(), count: 4, totalCents: 60000 });
    expect(seen[3]).to.be.greaterThan(seen[1] ?? 0);
    expect(seen[1]).to.be.greaterThan(0);
  });

  it('rejects a run whose notices do not add up to its count or total, and does not finish the file', async () => {
    const out = new PassThrough();
    out.resume();
    let finished = false;
    out.on('finish', () => { finished = true; });
    let error: unknown;
    try {
      await writeNoticeRun(out, { runId: 3, createdOn: '2024-03-05', notices: three(), count: 3, totalCents: 45000 });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(NoticeRunMismatchError);
    expect(finished).to.equal(false);
  });

  it('sets run metadata without personal data', async () => {
    const info = pdfInfo(await render({ runId: 42, createdOn: '2024-03-05', notices: three(), count: 3, totalCents: 37500 }));
    expect(info.Title).to.equal('Verzendrun beschikkingen bestuurlijke boete');
    expect(info.Author).to.equal('Gemeente Zoetermeer');
  });

  it('renders an empty run as a cover only', async () => {
    const pdf = await render({ runId: 5, createdOn: '2024-03-05', notices: [], count: 0, totalCents: 0 }, { duplex: false });
    expect(pdfPageCount(pdf)).to.equal(1);
    expect(flat(pdfPages(pdf)[0] ?? '')).to.contain('Aantal beschikkingen 0');
  });
});
