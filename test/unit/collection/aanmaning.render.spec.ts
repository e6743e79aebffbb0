import { expect } from 'chai';
import { aanmaningPdf } from '../../../src/modules/collection/aanmaning.render.js';
import { AanmaningDataError } from '../../../src/modules/collection/letters-values.js';
import type { AanmaningData } from '../../../src/modules/collection/letters.types.js';
import { epcPayload } from '../../../src/modules/notices/epc-qr.js';
import { decodeQr, flat, pdfInfo, pdfPagePng, pdfText, pdfWords } from '../../helpers/pdf.js';
import { makeAanmaningData } from './collection-fixture.js';

const read = async (data: AanmaningData): Promise<string> => flat(pdfText(await aanmaningPdf(data), { mode: 'raw' }));

describe('aanmaningPdf: the aanmaning (Awb 4:112)', () => {
  let data: AanmaningData;
  let pdf: Buffer;
  let text: string;

  before(async () => {
    data = makeAanmaningData();
    pdf = await aanmaningPdf(data);
    text = flat(pdfText(pdf, { mode: 'raw' }));
  });

  it('is one A4 page titled "Aanmaning", with the letterhead and the return address of the notice', () => {
    const info = pdfInfo(pdf);
    expect(info.Pages).to.equal('1');
    expect(info['Page size']).to.contain('A4');
    expect(text).to.contain('Aanmaning Betaal uw bestuurlijke boete uiterlijk op 7 mei 2024');
    expect(text).to.contain('Gemeente Zoetermeer');
    expect(text).to.contain('Retouradres: Postbus 15, 2700 AA Zoetermeer');
  });

  it('puts the address in the envelope window, as on the beschikking', () => {
    const words = pdfWords(pdf, 1);
    for (const w of ['Retouradres:', 'Jan', 'Dorpsstraat', '2712']) {
      const box = words.find((x) => x.text === w);
      expect(box, w).not.to.equal(undefined);
      expect(box?.xMin, w).to.be.closeTo(22, 0.5);
      expect(box?.yMin, w).to.be.within(49, 90);
    }
    expect(text).to.contain('Jan Pieter de Vries Dorpsstraat 12a 2712 AB ZOETERMEER');
  });

  it('has the reference block: date of the aanmaning, case number, betalingskenmerk, date of the beschikking, contact', () => {
    expect(text).to.contain('Datum 23 april 2024');
    expect(text).to.contain('Zaaknummer BB-2024-001234');
    expect(text).to.contain('Betalingskenmerk 6202 4000 0000 1234');
    expect(text).to.contain('Beschikking van 5 maart 2024');
    expect(text).to.contain('Contact 14 079 of gemeente@zoetermeer.nl');
  });

  it('says which fine of which date for which offence was not fully paid by the original last day', () => {
    expect(text).to.contain('Geachte heer/mevrouw De Vries,');
    expect(text).to.contain('Op 5 maart 2024 heeft het college van burgemeester en wethouders van Zoetermeer u een bestuurlijke boete opgelegd voor de overtreding van 24 februari 2024: Urineren op of aan de weg');
    expect(text).to.contain('(wildplassen) (feitcode A.31)');
    expect(text).to.contain('U moest deze boete uiterlijk op 16 april 2024 betalen. Wij hebben op tijd niet het volledige bedrag ontvangen.');
    expect(text).to.contain('Daarom sturen wij u deze aanmaning (artikel 4:112 Awb)');
  });

  it('itemises the fine, aanmaning costs (Awb 4:113), interest, what was already paid, and the total', () => {
    expect(text).to.contain('Bedrag van de boete € 150,00 Aanmaningskosten (artikel 4:113 Awb) € 8,00 Wettelijke rente (artikel 4:98 Awb) € 1,23 Al door u betaald € -50,00 Totaal te betalen € 109,23');
  });

  it('gives the new last day and the payment details: total, IBAN, BIC, beneficiary, kenmerk', () => {
    expect(text).to.contain('Zo betaalt u Bedrag € 109,23');
    expect(text).to.contain('Uiterlijk op 7 mei 2024');
    expect(text).to.contain('IBAN NL91 ABNA 0417 1643 00');
    expect(text).to.contain('BIC ABNANL2A');
    expect(text).to.contain('Ten name van Gemeente Zoetermeer');
    expect(text).to.contain('Betalingskenmerk 6202 4000 0000 1234');
    expect(text).to.contain('Vermeld altijd het betalingskenmerk.');
  });

  it('warns that without payment the municipality collects by dwangbevel at the debtor’s cost (Awb 4:112, 4:114, 4:119)', () => {
    expect(text).to.contain('Hebben wij het totaalbedrag niet uiterlijk op 7 mei 2024 ontvangen, dan vordert de gemeente het bedrag bij u in met een dwangbevel (artikel 4:114 en volgende Awb)');
    expect(text).to.contain('De kosten van het dwangbevel en van de invordering komen voor uw rekening (artikel 4:119 Awb)');
  });

  it('says no bezwaar is possible against an aanmaning (Awb 8:4), and that uitstel or a betalingsregeling can be asked (Awb 4:94)', () => {
    expect(text).to.contain('Tegen een aanmaning kunt u geen bezwaar maken (artikel 8:4, eerste lid, onder b, Awb)');
    expect(text).to.contain('Vraag dan vóór 7 mei 2024 uitstel van betaling of een betalingsregeling aan via 14 079 of gemeente@zoetermeer.nl (artikel 4:94 Awb)');
  });

  it('refers to the privacy statement of the beschikking, and is signed on behalf of the college', () => {
    expect(text).to.contain('staat in de privacyverklaring bij de beschikking van 5 maart 2024');
    expect(text).to.contain('Met vriendelijke groet, Het college van burgemeester en wethouders van Zoetermeer, namens dezen,');
  });

  it('prints an EPC QR that decodes to the EPC payload for the TOTAL amount', () => {
    const m = data.municipality;
    const expected = epcPayload({ bic: m.bic, name: m.creditorName, iban: m.iban, amountCents: 10923, remittance: '6202400000001234' });
    const qr = decodeQr(pdfPagePng(pdf, 1, 300));
    expect(qr).to.equal(expected);
    expect(qr?.split('\n')[7]).to.equal('EUR109.23');
  });

  it('has a footer with case number and page number, and nothing else below 281 mm', () => {
    expect(text).to.contain('Aanmaning · zaaknummer BB-2024-001234 · Pagina 1 van 1');
    const words = pdfWords(pdf, 1);
    expect(Math.max(...words.filter((w) => w.yMin < 284).map((w) => w.yMax))).to.be.below(281);
    expect(Math.max(...words.map((w) => w.xMax))).to.be.below(191);
  });

  it('keeps personal data out of the PDF metadata', () => {
    const info = pdfInfo(pdf);
    expect(info.Title).to.equal('Aanmaning bestuurlijke boete');
    expect(info.Author).to.equal('Gemeente Zoetermeer');
    const meta = [info.Title, info.Subject, info.Keywords, info.Author].join(' ');
    for (const personal of ['Vries', 'Jan', 'Dorpsstraat', 'BB-2024', '6202']) expect(meta).not.to.contain(personal);
  });
});

describe('aanmaningPdf: optional lines', () => {
  it('leaves out the costs and interest lines when they are 0, and the "already paid" line when nothing was paid', async () => {
    const text = await read(makeAanmaningData({ fineCents: 15000, costsCents: 0, interestCents: 0, paidCents: 0, totalDueCents: 15000 }));
    expect(text).to.contain('Bedrag van de boete € 150,00 Totaal te betalen € 150,00');
    expect(text).not.to.contain('Aanmaningskosten');
    expect(text).not.to.contain('4:113');
    expect(text).not.to.contain('Wettelijke rente');
    expect(text).not.to.contain('Al door u betaald');
    expect(text).to.contain('Wij hebben uw betaling niet op tijd ontvangen.');
  });

  it('shows costs without interest', async () => {
    const text = await read(makeAanmaningData({ fineCents: 15000, costsCents: 800, interestCents: 0, paidCents: 0, totalDueCents: 15800 }));
    expect(text).to.contain('Aanmaningskosten (artikel 4:113 Awb) € 8,00 Totaal te betalen € 158,00');
    expect(text).not.to.contain('Wettelijke rente');
  });

  it('formats large amounts the Dutch way and leaves out the BIC line when the municipality has none', async () => {
    const d = makeAanmaningData({ fineCents: 123456, costsCents: 1900, interestCents: 0, paidCents: 0, totalDueCents: 125356 });
    const text = await read({ ...d, municipality: { ...d.municipality, bic: null } });
    expect(text).to.contain('€ 1.234,56');
    expect(text).to.contain('€ 19,00');
    expect(text).to.contain('Bedrag € 1.253,56');
    expect(text).not.to.contain('BIC');
  });
});

describe('aanmaningPdf: refuses a letter that would be wrong', () => {
  const fails = async (data: AanmaningData): Promise<unknown> => aanmaningPdf(data).then(() => null, (err: unknown) => err);

  it('refuses a total that is not fine + costs + interest − paid', async () => {
    const err = await fails(makeAanmaningData({ totalDueCents: 15923 }));
    expect(err).to.be.instanceOf(AanmaningDataError);
    expect(String(err)).to.match(/totalDueCents/);
  });

  it('refuses a new last day less than two weeks after sending (Awb 4:112)', async () => {
    expect(await fails(makeAanmaningData({ newDueOn: '2024-05-06' }))).to.be.instanceOf(AanmaningDataError);
    expect(await fails(makeAanmaningData({ newDueOn: '2024-05-07' }))).to.equal(null);
  });

  it('refuses negative or fractional amounts, nothing due, and a malformed date', async () => {
    expect(await fails(makeAanmaningData({ interestCents: -1, totalDueCents: 10799 }))).to.be.instanceOf(AanmaningDataError);
    expect(await fails(makeAanmaningData({ interestCents: 0.5, totalDueCents: 10800.5 }))).to.be.instanceOf(AanmaningDataError);
    expect(await fails(makeAanmaningData({ fineCents: 5000, costsCents: 0, interestCents: 0, totalDueCents: 0 }))).to.be.instanceOf(AanmaningDataError);
    expect(await fails(makeAanmaningData({ sentOn: '23-04-2024' }))).to.be.instanceOf(AanmaningDataError);
  });
});
