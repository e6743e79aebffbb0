import { expect } from 'chai';
import { noticePdf } from '../../../src/modules/notices/notice.render.js';
import { epcPayload } from '../../../src/modules/notices/epc-qr.js';
import type { NoticeData } from '../../../src/modules/notices/notice.types.js';
import { decodeQr, flat, pdfInfo, pdfPagePng, pdfPages, pdfText, pdfWords } from '../../helpers/pdf.js';
import { makeMinorNoticeData, makeNoticeData } from './notice-fixture.js';

describe('noticePdf: the beschikking bestuurlijke boete (domain.md §7.1)', () => {
  let data: NoticeData;
  let pdf: Buffer;
  let text: string;

  before(async () => {
    // Distinct dates for payment and objection, so each is shown to be printed.
    data = makeNoticeData({ objectionDueOn: '2024-04-17' });
    pdf = await noticePdf(data);
    // Drawing order keeps each label with its value and each sentence whole.
    text = flat(pdfText(pdf, { mode: 'raw' }));
  });

  it('is a two-page A4 PDF: page 1 the letter, page 2 the annex with the rapport copy and privacy statement', () => {
    const info = pdfInfo(pdf);
    expect(info.Pages).to.equal('2');
    expect(info['Page size']).to.contain('A4');
    const [letter = '', annex = ''] = pdfPages(pdf).map(flat);
    expect(letter).to.contain('Beschikking bestuurlijke boete overlast in de openbare ruimte');
    expect(annex).to.contain('Afschrift van het rapport');
    expect(annex).to.contain('Wat doen wij met uw persoonsgegevens?');
  });

  it('has the letterhead and the return address above the address block (window envelope)', () => {
    expect(text).to.contain('Gemeente Zoetermeer');
    expect(text).to.contain('Retouradres: Postbus 15, 2700 AA Zoetermeer');
  });

  it('puts return address and offender address in the envelope window: ~22 mm from the left, from ~50 mm down, within 85 × 40 mm', () => {
    const words = pdfWords(pdf, 1);
    const find = (w: string): { xMin: number; yMin: number; xMax: number; yMax: number } => {
      const hit = words.find((x) => x.text === w);
      if (!hit) throw new Error(`word ${w} not on page 1`);
      return hit;
    };
    const ret = find('Retouradres:');
    expect(ret.xMin).to.be.closeTo(22, 0.5);
    expect(ret.yMin).to.be.within(49, 53);
    for (const w of ['Jan', 'Dorpsstraat', '2712']) {
      const box = find(w);
      expect(box.xMin, w).to.be.closeTo(22, 0.5);
      expect(box.yMin, w).to.be.above(ret.yMax);
      expect(box.yMax, w).to.be.below(90);
    }
  });

  it('shows the dagtekening, case number, formatted betalingskenmerk and contact in the reference block', () => {
    expect(text).to.contain('Datum 5 maart 2024');
    expect(text).to.contain('BB-2024-001234');
    expect(text).to.contain('6202 4000 0000 1234');
    expect(text).to.contain('14 079 of gemeente@zoetermeer.nl');
  });

  it('names the offender and the address (Awb 5:52)', () => {
    expect(text).to.contain('Jan Pieter de Vries');
    expect(text).to.contain('Dorpsstraat 12a');
    expect(text).to.contain('2712 AB ZOETERMEER');
    expect(text).to.contain('Geachte heer/mevrouw De Vries,');
  });

  it('describes the offence with the annex code and the Apv article, and imposes the fine by the college under Gemeentewet 154b', () => {
    expect(text).to.contain('Urineren op of aan de weg of op een andere voor het publiek toegankelijke plaats (wildplassen) (feitcode A.31)');
    expect(text).to.contain('artikel 2:48 Apv Zoetermeer');
    expect(text).to.contain('Hierbij legt het college van burgemeester en wethouders van Zoetermeer u een bestuurlijke boete op van € 150,00, op grond van artikel 154b van de Gemeentewet');
  });

  it('gives date, time and place of the observation (Gemeentewet 154c)', () => {
    expect(text).to.contain('zaterdag 24 februari 2024 om 23.41 uur');
    expect(text).to.contain('Stadhuisplein, 2711 EC Zoetermeer (Centrum)');
  });

  it('states amount, last day, IBAN, BIC, beneficiary and kenmerk, and asks to always quote the kenmerk (Awb 4:86, 4:87, 4:89)', () => {
    expect(text).to.contain('Bedrag € 150,00');
    expect(text).to.contain('Uiterlijk op 16 april 2024');
    expect(text).to.contain('NL91 ABNA 0417 1643 00');
    expect(text).to.contain('ABNANL2A');
    expect(text).to.contain('Ten name van Gemeente Zoetermeer');
    expect(text).to.contain('Betalingskenmerk 6202 4000 0000 1234');
    expect(text).to.contain('Vermeld altijd het betalingskenmerk.');
  });

  it('has the rechtsmiddelenclausule: bezwaar within six weeks, with the last day, to the college, and what to include (Awb 6:5, 6:7)', () => {
    expect(text).to.contain('binnen zes weken na de dag van dagtekening (bekendmaking) van deze beschikking, dus uiterlijk op 17 april 2024 (artikelen 6:7 en 6:8 Awb)');
    expect(text).to.contain('Stuur uw bezwaarschrift naar het college van burgemeester en wethouders van Zoetermeer, Postbus 15, 2700 AA Zoetermeer');
    expect(text).to.contain('uw naam en adres, de datum, een omschrijving van deze beschikking');
    expect(text).to.contain('en uw handtekening');
  });

  it('says an objection does not suspend payment (Awb 6:16) and that uitstel or a betalingsregeling can be asked (Awb 4:94)', () => {
    expect(text).to.contain('een bezwaarschrift schorst de betalingsverplichting niet (artikel 6:16 Awb)');
    expect(text).to.contain('uitstel van betaling of een betalingsregeling aan');
    expect(text).to.contain('(artikel 4:94 Awb)');
  });

  it('warns of the aanmaning with its costs, then a dwangbevel at the debtor’s cost (Awb 4:112, 4:113)', () => {
    expect(text).to.contain('aanmaning (artikel 4:112 Awb) en brengen wij € 8,00 aanmaningskosten in rekening (artikel 4:113 Awb)');
    expect(text).to.contain('dwangbevel; de kosten daarvan komen voor uw rekening');
  });

  it('leaves the aanmaning costs out when none are charged', async () => {
    const without = flat(pdfText(await noticePdf(makeNoticeData({ aanmaningCostsCents: null })), { mode: 'raw' }));
    expect(without).to.contain('dan sturen wij u een aanmaning (artikel 4:112 Awb). Betaalt u dan nog niet');
    expect(without).not.to.contain('aanmaningskosten');
  });

  it('has the AVG art. 13 privacy statement: controller, purpose, basis, retention, rights, FG, Autoriteit Persoonsgegevens', () => {
    expect(text).to.contain('Verantwoordelijk voor de verwerking van uw persoonsgegevens is het college van burgemeester en wethouders van Zoetermeer');
    expect(text).to.contain('om deze bestuurlijke boete op te leggen en te innen');
    expect(text).to.contain('artikel 6, eerste lid, onder c (wettelijke verplichting) en e (taak van algemeen belang)');
    expect(text).to.contain('artikel 154b van de Gemeentewet');
    expect(text).to.contain('Wij bewaren de gegevens');
    expect(text).to.contain('in te zien en om onjuiste gegevens te laten verbeteren');
    expect(text).to.contain('functionaris gegevensbescherming');
    expect(text).to.contain('Autoriteit Persoonsgegevens');
  });

  it('includes the copy of the rapport with badge number, date, time, place and the observation (Awb 5:48)', () => {
    const annex = flat(pdfText(pdf, { first: 2, last: 2, mode: 'raw' }));
    expect(annex).to.contain('Boa-nummer BOA-4417');
    expect(annex).to.contain('Datum rapport 24 februari 2024');
    expect(annex).to.contain('zaterdag 24 februari 2024 om 23.41 uur');
    expect(annex).to.contain('Stadhuisplein, 2711 EC Zoetermeer (Centrum)');
    expect(annex).to.contain(flat(data.rapport.observation));
    expect(annex).to.contain('Boete opgelegd door Het college van burgemeester en wethouders van Zoetermeer');
  });

  it('numbers the pages of the notice in the footer', () => {
    const [p1 = '', p2 = ''] = pdfPages(pdf).map(flat);
    expect(p1).to.contain('Zaaknummer BB-2024-001234 · Pagina 1 van 2');
    expect(p2).to.contain('Zaaknummer BB-2024-001234 · Pagina 2 van 2');
  });

  it('prints an EPC QR that decodes at 300 dpi to exactly the EPC payload of this fine', () => {
    const m = data.municipality;
    const expected = epcPayload({ bic: m.bic, name: m.creditorName, iban: m.iban, amountCents: 15000, remittance: '6202400000001234' });
    expect(decodeQr(pdfPagePng(pdf, 1, 300))).to.equal(expected);
  });

  it('keeps personal data out of the PDF metadata: generic title, the municipality as author', () => {
    const info = pdfInfo(pdf);
    expect(info.Title).to.equal('Beschikking bestuurlijke boete overlast in de openbare ruimte');
    expect(info.Author).to.equal('Gemeente Zoetermeer');
    const meta = [info.Title, info.Subject, info.Keywords, info.Author, info.Creator].join(' ');
    for (const personal of ['Vries', 'Jan', 'Dorpsstraat', 'BB-2024', '6202']) expect(meta).not.to.contain(personal);
  });

  it('ends the letter above the footer: nothing on page 1 reaches below 281 mm except the footer', () => {
    const body = pdfWords(pdf, 1).filter((w) => w.yMin < 284);
    expect(Math.max(...body.map((w) => w.yMax))).to.be.below(281);
  });
});

describe('noticePdf: offenders aged 12–15 (Gemeentewet 154b lid 7)', () => {
  it('explains the halved fine only for a minor, with tariff and halved amount', async () => {
    const minor = flat(pdfText(await noticePdf(makeMinorNoticeData()), { mode: 'raw' }));
    expect(minor).to.contain('U was op het moment van de overtreding jonger dan 16 jaar. Daarom is de boete gehalveerd: in plaats van € 150,00 betaalt u € 75,00 (artikel 154b, zevende lid, van de Gemeentewet)');
    expect(minor).to.contain('Bedrag € 75,00');
    expect(minor).to.contain('Bedrag boete € 75,00 (de helft van € 150,00: artikel 154b, zevende lid, Gemeentewet)');

    const adult = flat(pdfText(await noticePdf(makeNoticeData())));
    expect(adult).not.to.contain('jonger dan 16 jaar');
    expect(adult).not.to.contain('gehalveerd');
  });

  it('puts the halved amount in the QR', async () => {
    const data = makeMinorNoticeData();
    const qr = decodeQr(pdfPagePng(await noticePdf(data), 1, 300));
    expect(qr?.split('\n')[7]).to.equal('EUR75.00');
    expect(qr?.split('\n')[10]).to.equal(data.paymentReference);
  });
});

describe('noticePdf: addresses abroad', () => {
  it('adds the country in Dutch capitals on the last line, and leaves the place as written', async () => {
    const text = flat(pdfText(await noticePdf(makeNoticeData({ offender: { address: { street: 'Hauptstraße', houseNumber: '5', postcode: '47533', city: 'Kleve', country: 'DE' } } }))));
    expect(text).to.contain('Hauptstraße 5');
    expect(text).to.contain('47533 Kleve');
    expect(text).to.contain('DUITSLAND');
  });
});
