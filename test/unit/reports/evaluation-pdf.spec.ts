import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { PNG } from 'pngjs';
import { evaluationPdf, writeEvaluationPdf } from '../../../src/modules/reports/evaluation.pdf.js';
import { evaluationTemplate } from '../../../src/modules/reports/pdf-chart-template.js';
import type { EvaluationReport } from '../../../src/modules/reports/evaluation.types.js';
import { flat, pdfInfo, pdfPagePng, pdfText, pdfWords } from '../../helpers/pdf.js';
import { flatCurve, makeCurve, makeEmptyReport, makeEvaluationReport } from './evaluation-fixture.js';

const PAGES = 6; // cover, summary, two chart pages, two pages of methods

/** The text of one page in drawing order, whitespace (also the no-break space after €) made one space. */
function pageText(pdf: Buffer, page: number): string {
  return flat(pdfText(pdf, { first: page, last: page, mode: 'raw' }).replace(/\u00a0/g, ' '));
}

function allPages(pdf: Buffer): string[] {
  return Array.from({ length: Number(pdfInfo(pdf).Pages) }, (_, i) => pageText(pdf, i + 1));
}

/** Every leaf of the JSON report as a path: "money.collectedCents", "fines.byMonth[].issued". */
function leafPaths(v: unknown, prefix = ''): string[] {
  if (Array.isArray(v)) return v.length > 0 ? leafPaths(v[0], `${prefix}[]`) : [`${prefix}[]`];
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leafPaths(x, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

/** No word outside the printable area (margins 22 mm left, 20 mm right), so nothing is clipped. */
function expectInsidePage(pdf: Buffer): void {
  for (let p = 1; p <= Number(pdfInfo(pdf).Pages); p += 1) {
    for (const w of pdfWords(pdf, p)) {
      expect(w.xMin, `page ${p} "${w.text}"`).to.be.at.least(21.5);
      expect(w.xMax, `page ${p} "${w.text}"`).to.be.at.most(190.5);
      expect(w.yMin, `page ${p} "${w.text}"`).to.be.at.least(8);
      expect(w.yMax, `page ${p} "${w.text}"`).to.be.at.most(291);
    }
  }
}

describe('evaluationPdf: the pilot evaluation for the council', () => {
  let report: EvaluationReport;
  let pdf: Buffer;
  let pages: string[];

  before(async () => {
    report = makeEvaluationReport();
    pdf = await evaluationPdf(report, makeCurve());
    pages = allPages(pdf);
  });

  it('is an A4 PDF of six pages with Dutch metadata and a page number in every footer', () => {
    const info = pdfInfo(pdf);
    expect(info.Pages).to.equal(String(PAGES));
    expect(info['Page size']).to.contain('A4');
    expect(info.Title).to.equal('Evaluatie pilot bestuurlijke boete overlast 2024');
    expect(info.Author).to.equal('Gemeente Zoetermeer');
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).to.contain(`pagina ${i + 1} van ${PAGES}`);
      expect(text, `page ${i + 1}`).to.contain('Evaluatie pilot bestuurlijke boete overlast 2024 · Gemeente Zoetermeer');
    });
  });

  it('cover: title, municipality, peildatum, "Opgesteld op" as an Amsterdam date, content hash and contents', () => {
    const cover = pages[0] ?? '';
    expect(cover).to.contain('Evaluatie pilot bestuurlijke boete overlast 2024');
    expect(cover).to.contain('Gemeente Gemeente Zoetermeer');
    expect(cover).to.contain('Peildatum 31 maart 2025');
    // 22.15 UTC on 31 March 2025 is 00.15 on 1 April in Amsterdam (summer time).
    expect(cover).to.contain('Opgesteld op 1 april 2025, 00.15 uur');
    expect(cover).to.contain(`Inhoudshash (SHA-256) ${report.contentHash}`);
    expect(cover).to.match(/Samenvatting 2 .*verloop door het jaar 3 .*naar feit en naar wijk 4 Verantwoording 5–6/);
  });

  it('summary: the key figures in boxes, formatted nl-NL', () => {
    const s = pages[1] ?? '';
    expect(s).to.contain('Samenvatting');
    for (const figure of [
      'Boetes opgelegd 3.412 61 vervallen · 118 aan minderjarigen',
      'Netto opgelegd € 395.275,00 bruto € 402.480,00, min € 7.205,00',
      'Geïnd € 333.793,00',
      'Inningspercentage 84,5 %',
      'Openstaand € 67.202,00',
      'Binnen termijn betaald 62,8 % 2.104 boetes',
      'Mediane betaaltermijn 29 dagen',
      'Aanmaningen 776 463 boetes daarna volledig betaald',
      'Overdrachten dwangbevel 212 97 boetes',
      'Bezwaren 171 gegrond 14 · matiging 9 · ongegrond 121 · lopend 27',
      'Afgeboekt € 4.620,00',
      'Betalingsregelingen 46',
    ]) expect(s).to.contain(figure);
  });

  it('summary: the CJIB years beside the pilot year, and that the municipality received nothing since 2015', () => {
    const s = pages[1] ?? '';
    expect(s).to.contain('Sinds 1 januari 2015 ontvangt de gemeente daarvoor niets meer');
    expect(s).to.contain('Jaar Afdoening Boetes Opgelegd Naar de gemeente');
    expect(s).to.contain('2021 strafbeschikking (CJIB) 2.138 € 213.800,00 € 0,00');
    expect(s).to.contain('2022 strafbeschikking (CJIB) 2.391 € 251.055,00 € 0,00');
    expect(s).to.contain('2023 strafbeschikking (CJIB) 2.617 € 287.870,00 € 0,00');
    expect(s).to.contain('2024 bestuurlijke boete (pilot) 3.412 € 395.275,00 € 333.793,00');
    expect(s).to.contain('Opgelegd en naar de gemeente, per jaar');
  });

  it('charts (a) and (b): months in Dutch, both panels, the collection curve with the 42-day term', () => {
    const c = pages[2] ?? '';
    expect(c).to.contain('jan feb mrt apr mei jun jul aug sep okt nov dec');
    expect(c).to.contain('Boetes en inning per maand');
    expect(c).to.contain('Boetes (aantal) Opgelegd (€) Geïnd (€)');
    expect(c).to.contain(`opgelegd € 24.890`);
    expect(c).to.contain('Na 31 december 2024 is tot de peildatum nog € 10.014');
    expect(c).to.contain('Inningscurve: aandeel volledig betaald');
    expect(c).to.contain('betaaltermijn: 6 weken (42 dagen)');
    expect(c).to.contain('0 % 20 % 40 % 60 % 80 % 100 %');
    expect(c).to.contain('65,3 % na 42 dagen');
    expect(c).to.contain('86,0 % na 365 dagen');
  });

  it('charts (c) and (d): every offence with its name and amounts, every district with its share', () => {
    const c = pages[3] ?? '';
    expect(c).to.contain('Boetes naar feit');
    expect(c).to.contain('C.2 Huisvuil of grofvuil verkeerd aangeboden 962 € 105.820 € 91.005');
    expect(c).to.contain('A.18 Fiets tegen gevel of in portiek 244 € 21.960 € 20.203');
    for (const o of report.fines.byOffence) expect(c).to.contain(`${o.offenceCode} `);
    expect(c).to.contain('Centrum 546 16,0 %');
    for (const d of report.fines.byDistrict) expect(c).to.contain(`${d.district} ${d.issued}`);
  });

  it('methods: the Dutch definition of every field of the JSON, the cohort rule, the cut-off, no personal data, the hash', () => {
    const methods = `${pages[4] ?? ''} ${pages[5] ?? ''}`;
    const t = evaluationTemplate();
    const defined = Object.assign({}, ...t.methods.groups.map((g) => g.fields)) as Record<string, string>;
    expect(Object.keys(defined).sort()).to.deep.equal(leafPaths(report).sort(), 'one definition per field of EvaluationReport');
    for (const [path, definition] of Object.entries(defined)) expect(methods, path).to.contain(`${path} ${definition}`);
    expect(methods).to.contain('alle boetes met een beschikkingsdatum (Amsterdamse datum) van 1 januari tot en met 31 december 2024');
    expect(methods).to.contain('De gegevens zijn afgesloten op 31 maart 2025 (2025-03-31)');
    expect(methods).to.contain('Dit rapport bevat geen persoonsgegevens');
    expect(methods).to.contain(report.contentHash);
    expect(pages[5]).to.contain('Verantwoording (vervolg)');
  });

  it('prints nothing outside the printable area and every page has ink (rendered at 40 dpi)', () => {
    expectInsidePage(pdf);
    for (let p = 1; p <= PAGES; p += 1) {
      const png = PNG.sync.read(pdfPagePng(pdf, p, 40));
      let ink = 0;
      for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] ?? 255) < 200) ink += 1;
      expect(ink, `page ${p}`).to.be.above(500);
    }
  });

  it('writeEvaluationPdf streams the same document', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeEvaluationPdf(out, report, makeCurve());
    expect(allPages(Buffer.concat(chunks))).to.deep.equal(pages);
  });
});

describe('evaluationPdf: an empty year and an extreme one', () => {
  it('renders a year without fines (all zeros, no baseline) without errors or NaN, with the same pages', async () => {
    const pdf = await evaluationPdf(makeEmptyReport(2025), flatCurve());
    const text = allPages(pdf).join(' ');
    expect(pdfInfo(pdf).Pages).to.equal(String(PAGES));
    expect(text).not.to.match(/NaN|undefined|Infinity|null/);
    expect(text).to.contain('Evaluatie pilot bestuurlijke boete overlast 2025');
    expect(text).to.contain('geen CJIB-gegevens ingelezen');
    expect(text).to.contain('2025 bestuurlijke boete (pilot) 0 € 0,00 € 0,00');
    expect(text).to.contain('Mediane betaaltermijn –');
    expect(text).to.contain('Inningspercentage 0,0 %');
    expect(text).to.contain('Geen boetes in 2025 tot de peildatum.');
    expect(text).to.contain('0,0 % na 42 dagen');
    expectInsidePage(pdf);
  });

  it('renders an empty curve and a report without months without NaN', async () => {
    const r = makeEmptyReport(2025);
    r.fines.byMonth = [];
    const text = allPages(await evaluationPdf(r, [])).join(' ');
    expect(text).not.to.match(/NaN|undefined|Infinity/);
    expect(text).to.contain('jan feb mrt');
  });

  it('keeps many offences and districts, long names and large amounts on the page: the rest summed, numbers never cut', async () => {
    const r = makeEvaluationReport();
    r.fines.byOffence = Array.from({ length: 25 }, (_, i) => ({ offenceCode: `X.${i + 1}`, issued: 40_000 - i * 1_500, imposedCents: (40_000 - i * 1_500) * 15_000, collectedCents: (40_000 - i * 1_400) * 12_000 }));
    r.fines.byDistrict = Array.from({ length: 30 }, (_, i) => ({ district: i === 0 ? `Een wijk met een naam die veel te lang is voor de kolom ${'x'.repeat(60)}` : `Wijk ${i}`, issued: 90_000 - i * 2_000 }));
    r.fines.issued = 2_234_000;
    r.money.netImposedCents = 1_234_567_890_123;
    r.money.collectedCents = 999_999_999_999;
    r.baseline = Array.from({ length: 10 }, (_, i) => ({ year: 2014 + i, finesIssued: 100_000 + i, imposedCents: 1_234_567_800 + i, revenueToMunicipalityCents: i === 0 ? 400_000_000 : 0 }));
    const pdf = await evaluationPdf(r, makeCurve(1));
    const text = allPages(pdf).join(' ');
    expect(pdfInfo(pdf).Pages).to.equal(String(PAGES));
    expect(text).to.contain('Netto opgelegd € 12.345.678.901,23');
    expect(text).to.contain('Geïnd € 9.999.999.999,99');
    expect(text).to.contain('2014 strafbeschikking (CJIB) 100.000 € 12.345.678,00 € 4.000.000,00');
    expect(text).to.contain('Overige feiten (6)');
    expect(text).to.contain('Overige wijken (7)');
    expect(text).to.contain('100,0 % na 365 dagen');
    expectInsidePage(pdf);
  });
});
