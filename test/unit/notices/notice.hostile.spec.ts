import { expect } from 'chai';
import { noticePdf } from '../../../src/modules/notices/notice.render.js';
import { decodeQr, flat, pdfPagePng, pdfPageCount, pdfPages, pdfText, pdfWords } from '../../helpers/pdf.js';
import { makeMinorNoticeData, makeNoticeData } from './notice-fixture.js';

// What people type into a boa app or a correspondence address is printed on a legal document: it
// must come out literally (pdfkit draws text, nothing is interpreted), never break the layout, and
// never push the letter off its page.
const SCRIPT = '<script>alert(1)</script>';
const SQL = "'; DROP TABLE fines;--";
const OBSERVATION = Array.from({ length: 40 }, (_, i) => `Regel ${i + 1}: betrokkene liep over het plein en reageerde niet op aanwijzingen.`).join(' ').slice(0, 2000);

function hostile() {
  const base = makeMinorNoticeData();
  return makeNoticeData({
    ...base,
    offender: {
      givenNames: `Łukasz ${SCRIPT}`,
      surname: `Świątek-Øster${SQL}`,
      address: { street: 'Ulica Żółwia\u0007\u001b[31m', houseNumber: '7/12', postcode: '00-950', city: 'Warszawa', country: 'PL' },
    },
    offence: { code: 'A.31', description: `Wildplassen ${'zeer lange omschrijving '.repeat(40)}`, apvArticle: `artikel 2:48 Apv Zoetermeer ${'en nog meer '.repeat(30)}` },
    observed: { street: `Stadhuisplein ${'x'.repeat(300)}`, district: 'Centrum\u202e' },
    rapport: { observation: OBSERVATION },
  });
}

describe('noticePdf with hostile input', () => {
  let pdf: Buffer;
  let text: string;

  before(async () => {
    pdf = await noticePdf(hostile());
    text = flat(pdfText(pdf, { mode: 'raw' }));
  });

  it('keeps the designed two pages for a minor with a 2,000-character observation and over-long fields', () => {
    expect(pdfPageCount(pdf)).to.equal(2);
  });

  it('prints HTML and SQL literally', () => {
    expect(text).to.contain(SCRIPT);
    expect(text).to.contain(`Świątek-Øster${SQL}`);
    expect(text).to.contain(`Geachte heer/mevrouw Świątek-Øster${SQL},`);
  });

  it('prints Polish, Scandinavian, Turkish and Hungarian letters correctly (embedded Unicode font, not WinAnsi Helvetica)', async () => {
    expect(text).to.contain('Łukasz');
    expect(text).to.contain('Ulica Żółwia');
    const other = flat(pdfText(await noticePdf(makeNoticeData({ offender: { givenNames: 'Şükrü Gülşen', surname: 'Erdős-Kovač' } }))));
    expect(other).to.contain('Şükrü Gülşen Erdős-Kovač');
  });

  it('turns control characters into spaces and drops bidi overrides, so they cannot move text', () => {
    const bad = [...text].filter((ch) => { const cp = ch.codePointAt(0) ?? 0; return (cp < 0x20 && cp !== 0x0a) || cp === 0x202e; });
    expect(bad).to.deep.equal([]);
    expect(text).to.contain('Ulica Żółwia');
    expect(text).to.contain('Stadhuisplein xxxxxxxx');
  });

  it('prints the whole 2,000-character observation in the rapport copy', () => {
    const annex = flat(pdfPages(pdf)[1] ?? '');
    expect(annex).to.contain(flat(OBSERVATION));
  });

  it('cuts over-long one-line fields on the letter with an ellipsis instead of overflowing', () => {
    const letter = flat(pdfPages(pdf)[0] ?? '');
    expect(letter).to.contain('Wildplassen zeer lange omschrijving');
    expect(letter).to.contain('…');
  });

  it('keeps everything on the letter above the footer and within the page width', () => {
    const words = pdfWords(pdf, 1);
    const body = words.filter((w) => w.yMin < 284);
    expect(Math.max(...body.map((w) => w.yMax))).to.be.below(281);
    expect(Math.max(...words.map((w) => w.xMax))).to.be.below(191);
    expect(Math.min(...words.map((w) => w.xMin))).to.be.at.least(21.5);
  });

  it('still prints a QR that decodes to the halved amount', () => {
    expect(decodeQr(pdfPagePng(pdf, 1, 300))?.split('\n')[7]).to.equal('EUR75.00');
  });

  it('replaces emoji the font has no glyph for by U+FFFD and does not crash', async () => {
    const data = makeNoticeData({ offender: { givenNames: 'Anna 👍🏽' }, rapport: { observation: 'Betrokkene zei 🤷‍♀️ en liep weg.' } });
    const out = flat(pdfText(await noticePdf(data), { mode: 'raw' }));
    expect(out).to.contain('Anna \ufffd');
    expect(out).to.contain('Betrokkene zei \ufffd en liep weg.');
  });

  it('keeps an observation of 20,000 characters complete by continuing on a further page of the notice', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `Zin ${i + 1} van de waarneming.`).join(' ');
    const big = await noticePdf(makeNoticeData({ rapport: { observation: long } }));
    const pages = pdfPages(big).map(flat);
    expect(pages.length).to.be.greaterThan(2);
    expect(pages.join(' ')).to.contain('Zin 400 van de waarneming.');
    expect(pages.at(-1)).to.contain(`Pagina ${pages.length} van ${pages.length}`);
  });
});
