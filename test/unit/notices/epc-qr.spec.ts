import { expect } from 'chai';
import { once } from 'node:events';
import PDFDocument from 'pdfkit';
import { EPC_MAX_BYTES, EpcQrError, drawQr, epcPayload, type EpcInput } from '../../../src/modules/notices/epc-qr.js';
import { decodeQr, pdfPagePng } from '../../helpers/pdf.js';

function input(over: Partial<EpcInput> = {}): EpcInput {
  return { bic: 'ABNANL2A', name: 'Gemeente Zoetermeer', iban: 'NL91ABNA0417164300', amountCents: 15000, remittance: '6202400000001234', ...over };
}

async function pdfWithQr(text: string, size: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(doc, 'end');
  drawQr(doc, text, 100, 100, size);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

describe('epcPayload: EPC069-12 SEPA credit transfer QR (domain.md §6)', () => {
  it('builds the exact payload of the domain.md example, with the BIC, and the kenmerk unstructured in field 11', () => {
    expect(epcPayload(input())).to.equal(['BCD', '002', '1', 'SCT', 'ABNANL2A', 'Gemeente Zoetermeer', 'NL91ABNA0417164300', 'EUR150.00', '', '', '6202400000001234'].join('\n'));
  });

  it('leaves the BIC line empty when there is none (optional in version 002 within the EEA)', () => {
    expect(epcPayload(input({ bic: null }))).to.equal('BCD\n002\n1\nSCT\n\nGemeente Zoetermeer\nNL91ABNA0417164300\nEUR150.00\n\n\n6202400000001234');
  });

  it('writes amounts with a dot and two decimals: EUR150.00, EUR0.01, EUR1234.56, EUR999999999.99', () => {
    const amount = (cents: number): string => epcPayload(input({ amountCents: cents })).split('\n')[7] ?? '';
    expect(amount(15000)).to.equal('EUR150.00');
    expect(amount(1)).to.equal('EUR0.01');
    expect(amount(123456)).to.equal('EUR1234.56');
    expect(amount(99_999_999_999)).to.equal('EUR999999999.99');
  });

  it('refuses amounts outside EUR0.01–EUR999999999.99 or not in whole cents', () => {
    for (const bad of [0, -1, 100_000_000_000, 1.5, Number.NaN]) {
      expect(() => epcPayload(input({ amountCents: bad })), String(bad)).to.throw(EpcQrError);
    }
  });

  it('normalises IBAN and BIC (spaces, lower case) and refuses invalid ones', () => {
    const lines = epcPayload(input({ iban: 'nl91 abna 0417 1643 00', bic: 'abnanl2a' })).split('\n');
    expect(lines[6]).to.equal('NL91ABNA0417164300');
    expect(lines[4]).to.equal('ABNANL2A');
    expect(() => epcPayload(input({ iban: 'NL91ABNA0417164301' }))).to.throw(EpcQrError, /IBAN/);
    expect(() => epcPayload(input({ bic: 'ABNANL2' }))).to.throw(EpcQrError, /BIC/);
    expect(epcPayload(input({ bic: 'ABNANL2AXXX' })).split('\n')[4]).to.equal('ABNANL2AXXX');
  });

  it('limits the beneficiary name to 70 characters and the remittance to 140 (characters, not bytes)', () => {
    expect(() => epcPayload(input({ name: 'a'.repeat(70) }))).not.to.throw();
    expect(() => epcPayload(input({ name: 'a'.repeat(71) }))).to.throw(EpcQrError, /70/);
    expect(() => epcPayload(input({ name: 'ł'.repeat(70) }))).not.to.throw();
    expect(() => epcPayload(input({ name: '  ' }))).to.throw(EpcQrError, /required/);
    expect(() => epcPayload(input({ remittance: '1'.repeat(140) }))).not.to.throw();
    expect(() => epcPayload(input({ remittance: '1'.repeat(141) }))).to.throw(EpcQrError, /140/);
  });

  it('refuses a line break or control character in a field, which would shift every later field', () => {
    expect(() => epcPayload(input({ name: 'Gemeente\nZoetermeer' }))).to.throw(EpcQrError, /control/);
    expect(() => epcPayload(input({ remittance: '6202\r4000' }))).to.throw(EpcQrError, /control/);
  });

  it(`keeps the payload within ${EPC_MAX_BYTES} bytes: multi-byte UTF-8 at every limit is refused as a whole`, () => {
    // 70 four-byte characters + 140 four-byte characters = 840 bytes: within the character limits, over the byte limit.
    expect(() => epcPayload(input({ name: '𝔾'.repeat(70), remittance: '𝔾'.repeat(140) }))).to.throw(EpcQrError, /bytes/);
    const longest = epcPayload(input({ name: 'a'.repeat(70), remittance: 'b'.repeat(140), bic: 'ABNANL2AXXX' }));
    expect(Buffer.byteLength(longest)).to.be.at.most(EPC_MAX_BYTES);
  });

  it('drops trailing empty lines when there is no remittance', () => {
    expect(epcPayload(input({ remittance: '' }))).to.equal('BCD\n002\n1\nSCT\nABNANL2A\nGemeente Zoetermeer\nNL91ABNA0417164300\nEUR150.00');
  });
});

describe('drawQr: the QR as vector squares in a PDF', () => {
  it('decodes back to exactly the EPC payload from a 300 dpi rendering', async () => {
    const payload = epcPayload(input());
    const pdf = await pdfWithQr(payload, 85);
    expect(decodeQr(pdfPagePng(pdf, 1, 300))).to.equal(payload);
  });

  it('draws vectors, not an image (nothing for pdfimages to find)', async () => {
    const pdf = await pdfWithQr(epcPayload(input()), 85);
    expect(pdf.includes(Buffer.from('/Subtype /Image'))).to.equal(false);
  });

  it('round-trips UTF-8 text (character set 1) such as a name with ł and ö', async () => {
    const payload = epcPayload(input({ name: 'Gmina Łódź Öffentlich' }));
    expect(decodeQr(pdfPagePng(await pdfWithQr(payload, 90), 1, 300))).to.equal(payload);
  });
});
