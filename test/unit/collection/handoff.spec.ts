import { expect } from 'chai';
import { handOffCsv, handOffPdf } from '../../../src/modules/collection/handoff.render.js';
import { parseAanmaningTemplate, parseHandOffTemplate } from '../../../src/modules/collection/letters-template.js';
import { TemplateError } from '../../../src/modules/notices/notice.template.js';
import { fineKenmerk, formatKenmerk } from '../../../src/domain/betalingskenmerk.js';
import { readJson } from '../../../src/shared/paths.js';
import { flat, pdfInfo, pdfPageCount, pdfPages, pdfText } from '../../helpers/pdf.js';
import { makeHandOffItem, makeHandOffList } from './collection-fixture.js';

describe('handOffCsv: the hand-off to the bailiff as CSV (Dutch Excel)', () => {
  const list = makeHandOffList(0, [
    makeHandOffItem(1),
    makeHandOffItem(2, { offenderName: '=HYPERLINK("http://evil","klik")', address: '+31 Straat 1;\n2712 AB "Zoetermeer"' }),
    makeHandOffItem(3, { fineCents: 123456, costsCents: 1900, totalDueCents: 125356 }),
  ]);
  const csv = handOffCsv(list);
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');

  it('starts with a BOM and has a header row, one row per case and a totals row', () => {
    expect(csv.startsWith('\uFEFF')).to.equal(true);
    expect(lines).to.have.length(1 + 3 + 1);
    expect(lines[0]).to.equal('Zaaknummer;Betalingskenmerk;Naam;Adres;Datum beschikking;Datum aanmaning;Einde aanmaningstermijn;Openstaande boete (EUR);Kosten (EUR);Totaal (EUR)');
  });

  it('writes a case as semicolon-separated cells: the kenmerk grouped (text), ISO dates, decimal-comma amounts', () => {
    expect(lines[1]).to.equal(`BB-2024-000001;${formatKenmerk(fineKenmerk(2024, 1))};Jan Pieter de Vries 1;Dorpsstraat 1, 2712 AB Zoetermeer;2024-03-05;2024-04-23;2024-05-07;150,00;8,00;158,00`);
    expect(lines[3]).to.contain(';1234,56;19,00;1253,56');
  });

  it('neutralises formulas: a name starting with "=" and an address starting with "+" get a leading apostrophe', () => {
    expect(lines[2]).to.contain(`;"'=HYPERLINK(""http://evil"",""klik"")";`);
    expect(lines[2]).to.contain(`;"'+31 Straat 1;, 2712 AB ""Zoetermeer""";`);
  });

  it('ends with the totals of open fine, costs and total', () => {
    expect(lines[4]).to.equal('Totaal;;;;;;;1534,56;35,00;1569,56');
  });
});

describe('writeHandOffPdf: the hand-off list for the bailiff (A4 landscape)', () => {
  it('lists run, date, every case with its data, and totals, marked confidential', async () => {
    const pdf = await handOffPdf(makeHandOffList(3));
    const info = pdfInfo(pdf);
    expect(info.Pages).to.equal('1');
    expect(info['Page size']).to.match(/^841\.89 x 595\.2/);
    expect(info.Title).to.equal('Overdracht dwangbevel');
    const text = flat(pdfText(pdf));
    expect(text).to.contain('Overdracht dwangbevel');
    expect(text).to.contain('Run 17 · peildatum 13 mei 2024');
    expect(text).to.contain('Vertrouwelijk — bevat persoonsgegevens');
    for (const i of [1, 2, 3]) {
      expect(text).to.contain(`BB-2024-00000${i}`);
      expect(text).to.contain(formatKenmerk(fineKenmerk(2024, i)));
    }
    expect(text).to.contain('Łukasz Świątek-Øster');
    expect(text).to.contain('Dorpsstraat 2, 2712 AB Zoetermeer');
    expect(text).to.contain('05-03-2024');
    expect(text).to.contain('23-04-2024');
    expect(text).to.contain('07-05-2024');
    expect(text).to.contain('Totaal (3 zaken) € 450,00 € 24,00 € 474,00');
    expect(text).to.contain('Aantal zaken 3');
    expect(text).to.contain('Pagina 1 van 1');
  });

  it('continues over pages for 60 cases: header repeated, every case listed once, confidential and numbered on every page', async () => {
    const pdf = await handOffPdf(makeHandOffList(60));
    const pages = pdfPages(pdf).map(flat);
    expect(pdfPageCount(pdf)).to.be.greaterThan(1);
    expect(pages.length).to.equal(pdfPageCount(pdf));
    const all = pages.join(' ');
    for (let i = 1; i <= 60; i += 1) {
      const caseNumber = `BB-2024-${String(i).padStart(6, '0')}`;
      expect(all.split(caseNumber).length - 1, caseNumber).to.equal(1);
    }
    for (const [p, page] of pages.entries()) {
      expect(page, `page ${p + 1}`).to.contain('Vertrouwelijk — bevat persoonsgegevens');
      expect(page, `page ${p + 1}`).to.contain('Zaaknummer Betalingskenmerk Naam Adres');
      expect(page, `page ${p + 1}`).to.contain(`Pagina ${p + 1} van ${pages.length}`);
    }
    expect(pages[1]).to.contain('Overdracht dwangbevel · run 17 · vervolg');
    expect(pages.at(-1)).to.contain('Totaal (60 zaken) € 9.000,00 € 480,00 € 9.480,00');
  });

  it('prints hostile names literally and cuts an over-long address instead of overflowing', async () => {
    const pdf = await handOffPdf(makeHandOffList(0, [makeHandOffItem(1, { offenderName: "=1+1 <b>O'Brien</b>", address: `Lange straat ${'heel lang '.repeat(40)}` })]));
    const text = flat(pdfText(pdf, { mode: 'raw' }));
    expect(text).to.contain("=1+1 <b>O'Brien</b>");
    expect(text).to.contain('Totaal (1 zaak)');
    expect(text).to.contain('…');
    expect(pdfPageCount(pdf)).to.equal(1);
  });

  it('renders an empty list with zero totals', async () => {
    const text = flat(pdfText(await handOffPdf(makeHandOffList(0))));
    expect(text).to.contain('Totaal (0 zaken) € 0,00 € 0,00 € 0,00');
  });
});

describe('collection templates', () => {
  it('refuses an unknown placeholder or a missing text', () => {
    const a = readJson<Record<string, unknown>>('templates', 'aanmaning.nl.json');
    expect(() => parseAanmaningTemplate({ ...a, closing: 'Groet, {nope}' })).to.throw(TemplateError, /\{nope\} in closing/);
    const { next: _dropped, ...withoutNext } = a;
    expect(() => parseAanmaningTemplate(withoutNext)).to.throw(TemplateError, /next/);
    const h = readJson<Record<string, unknown>>('templates', 'handoff.nl.json');
    expect(() => parseHandOffTemplate({ ...h, title: '{newDueDate}' })).to.throw(TemplateError, /newDueDate/);
  });
});
