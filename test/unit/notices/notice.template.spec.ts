import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import {
  TemplateError,
  fill,
  fillOptional,
  noticeTemplate,
  parseNoticeTemplate,
  sanitizeValue,
} from '../../../src/modules/notices/notice.template.js';
import { noticeLayout, parseNoticeLayout } from '../../../src/modules/notices/pdf-layout.js';
import { dutchDate, dutchDateWithWeekday, dutchTime, noticeValues } from '../../../src/modules/notices/pdf-values.js';
import { fromRoot, readJson } from '../../../src/shared/paths.js';
import { makeNoticeData } from './notice-fixture.js';

const raw = (): Record<string, unknown> => readJson<Record<string, unknown>>('templates', 'notice.nl.json');

describe('notice template (templates/notice.nl.json)', () => {
  it('loads, validates and caches the wording', () => {
    const t = noticeTemplate();
    expect(t.subject).to.equal('Beschikking bestuurlijke boete overlast in de openbare ruimte');
    expect(noticeTemplate()).to.equal(t);
    expect(noticeLayout()).to.equal(noticeLayout());
  });

  it('refuses a template with a missing text', () => {
    const broken = raw();
    delete broken.objection;
    expect(() => parseNoticeTemplate(broken)).to.throw(TemplateError, /objection/);
  });

  it('refuses an unknown key (a misspelt key would silently print the old text)', () => {
    expect(() => parseNoticeTemplate({ ...raw(), objecton: 'x' })).to.throw(TemplateError);
  });

  it('refuses an unknown placeholder in the wording and in the layout', () => {
    expect(() => parseNoticeTemplate({ ...raw(), closing: 'Groet, {signatoryy}' })).to.throw(TemplateError, /\{signatoryy\} in closing/);
    const layout = readJson<Record<string, unknown>>('templates', 'notice.layout.json');
    expect(() => parseNoticeLayout({ ...layout, footer: { y: 286, line: '{nope}' } })).to.throw(TemplateError, /\{nope\}/);
  });

  it('keeps all Dutch wording out of the TypeScript renderer', () => {
    const dir = fromRoot('src', 'modules', 'notices');
    const code = fs.readdirSync(dir).filter((f) => /^(notice\.render|pdf-.*|epc-qr)\.ts$/.test(f)).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    for (const phrase of ['Geachte', 'Met vriendelijke groet', 'Retouradres', 'Pagina', 'Betalingskenmerk', 'bezwaarschrift', 'Uiterlijk']) {
      expect(code, phrase).not.to.contain(`'${phrase}`);
      expect(code, phrase).not.to.contain(`\`${phrase}`);
    }
  });
});

describe('fill and sanitizeValue', () => {
  it('fills placeholders and refuses a missing value', () => {
    expect(fill('Zaak {caseNumber} van {surname}', { caseNumber: 'BB-1', surname: 'Jansen' })).to.equal('Zaak BB-1 van Jansen');
    expect(() => fill('{caseNumber}', {})).to.throw(TemplateError, /caseNumber/);
  });

  it('fillOptional leaves a line out when one of its values is empty', () => {
    expect(fillOptional('Telefoon {phone}', { phone: '' })).to.equal(null);
    expect(fillOptional('Telefoon {phone}', { phone: '14 079' })).to.equal('Telefoon 14 079');
  });

  it('does not escape: HTML and SQL stay literal text', () => {
    expect(fill('{surname}', { surname: "<b>x</b>'; DROP TABLE fines;--" })).to.equal("<b>x</b>'; DROP TABLE fines;--");
  });

  it('replaces control characters U+0000–U+001F (except \\n), DEL and C1 by spaces, and normalises line ends', () => {
    expect(sanitizeValue('a\u0000b\u0007c\td\u001be\u007ff\u0085g')).to.equal('a b c d e f g');
    expect(sanitizeValue('a\r\nb\rc\u2028d')).to.equal('a\nb\nc\nd');
  });

  it('drops bidi overrides and composes decomposed accents (NFC)', () => {
    expect(sanitizeValue('abc\u202edef\u2066')).to.equal('abcdef');
    expect(sanitizeValue('S\u0301wia\u0328tek')).to.equal('Świątek');
  });
});

describe('notice values: Dutch dates, times and money', () => {
  it('writes dates in Dutch long form', () => {
    expect(dutchDate('2024-03-05')).to.equal('5 maart 2024');
    expect(dutchDate('2024-12-31')).to.equal('31 december 2024');
    expect(dutchDateWithWeekday('2024-05-09')).to.equal('donderdag 9 mei 2024');
    expect(() => dutchDate('05-03-2024')).to.throw(RangeError);
  });

  it('writes clock times the Dutch way and refuses impossible ones', () => {
    expect(dutchTime('09:05')).to.equal('09.05');
    expect(dutchTime('23:41:00')).to.equal('23.41');
    expect(() => dutchTime('24:00')).to.throw(RangeError);
  });

  it('formats money with formatCents, IBAN and kenmerk in groups of four, and keeps line breaks only in the observation', () => {
    const data = makeNoticeData({ amountCents: 123456, offender: { surname: 'de\nVries' }, rapport: { observation: 'regel 1\nregel 2' } });
    const v = noticeValues(data, noticeTemplate());
    expect(v.amount).to.equal('€\u00a01.234,56');
    expect(v.iban).to.equal('NL91 ABNA 0417 1643 00');
    expect(v.kenmerk).to.equal('6202 4000 0000 1234');
    expect(v.surname).to.equal('de Vries');
    expect(v.observation).to.equal('regel 1\nregel 2');
    expect(v.bestuursorgaanLower).to.equal('het college van burgemeester en wethouders van Zoetermeer');
  });
});
