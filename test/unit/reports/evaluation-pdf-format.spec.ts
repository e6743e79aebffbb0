import { expect } from 'chai';
import { amsterdamDateTime, count, days, euros, longDate, money, monthIndex, niceTicks, percent } from '../../../src/modules/reports/pdf-chart-format.js';
import { EvaluationTemplateError, evaluationTemplate, fill, parseEvaluationTemplate } from '../../../src/modules/reports/pdf-chart-template.js';
import { readJson } from '../../../src/shared/paths.js';

const NBSP = '\u00a0';

describe('evaluation PDF formatting (nl-NL)', () => {
  it('formats counts, money and percentages the Dutch way', () => {
    expect(count(3412)).to.equal('3.412');
    expect(count(1_234_567)).to.equal('1.234.567');
    expect(count(Number.NaN)).to.equal('0');
    expect(money(123_456)).to.equal(`€${NBSP}1.234,56`);
    expect(money(-1250)).to.equal(`€${NBSP}-12,50`);
    expect(euros(3_925_149)).to.equal(`€${NBSP}39.251`);
    expect(percent(0.524)).to.equal(`52,4${NBSP}%`);
    expect(percent(1)).to.equal(`100,0${NBSP}%`);
    expect(percent(Number.NaN)).to.equal(`0,0${NBSP}%`);
  });

  it('writes days, dates and the Amsterdam time of generatedAt', () => {
    const t = evaluationTemplate();
    expect(days(29, t)).to.equal('29 dagen');
    expect(days(1, t)).to.equal('1 dag');
    expect(days(12.5, t)).to.equal('12,5 dagen');
    expect(days(null, t)).to.equal('–');
    expect(longDate('2025-03-31')).to.equal('31 maart 2025');
    expect(amsterdamDateTime('2025-01-15T23:30:00.000Z')).to.equal('16 januari 2025, 00.30 uur');
    expect(amsterdamDateTime('2025-07-01T10:00:00Z')).to.equal('1 juli 2025, 12.00 uur');
    expect(monthIndex('2024-03')).to.equal(2);
    expect(monthIndex('2024-13')).to.equal(-1);
  });

  it('chooses round axis ticks, also for an axis with nothing on it', () => {
    expect(niceTicks(338, 4, true)).to.deep.equal({ max: 400, step: 100, values: [0, 100, 200, 300, 400] });
    expect(niceTicks(39_870, 4, true).max).to.equal(40_000);
    expect(niceTicks(0, 5, true).values).to.deep.equal([0, 1, 2, 3, 4, 5]);
    expect(niceTicks(7, 4, true).values.every(Number.isInteger)).to.equal(true);
  });
});

describe('templates/evaluation.nl.json', () => {
  it('is complete and has twelve Dutch month abbreviations', () => {
    expect(evaluationTemplate().months).to.deep.equal(['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']);
  });

  it('refuses a template with a missing text, naming the field', () => {
    const raw = readJson<Record<string, Record<string, unknown>>>('templates', 'evaluation.nl.json');
    delete raw.cover?.title;
    expect(() => parseEvaluationTemplate(raw)).to.throw(EvaluationTemplateError, /cover\.title/);
  });

  it('refuses to fill a placeholder without a value', () => {
    expect(fill('{year} in {municipality}', { year: 2024, municipality: 'Zoetermeer' })).to.equal('2024 in Zoetermeer');
    expect(() => fill('{year} {unknown}', { year: 2024 })).to.throw(EvaluationTemplateError, /\{unknown\}/);
  });
});
