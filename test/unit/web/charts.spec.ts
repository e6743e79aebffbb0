import { expect } from 'chai';
import { barChart, niceStep, shareLineChart } from '../../../src/web/charts.js';
import { parseEuroInput as euroToCents } from '../../../src/web/euro-input.js';
import { flashStore } from '../../../src/web/flash.js';

describe('the dashboard charts (SVG geometry)', () => {
  it('steps the value axis in 1, 2 or 5 times a power of ten', () => {
    expect([niceStep(4), niceStep(10), niceStep(17), niceStep(230), niceStep(0)]).to.deep.equal([1, 5, 5, 100, 1]);
  });

  it('draws the largest bar up to a round top and zero as no bar, groups side by side', () => {
    const chart = barChart([{ label: 'jan', values: [2, 1] }, { label: 'feb', values: [0, 3] }], ['Opgelegd', 'Geïnd'], String);
    expect(chart.yTicks.map((t) => t.label)).to.deep.equal(['0', '1', '2', '3']);
    const [jan1, jan2, feb1, feb2] = chart.bars;
    expect(feb2!.y).to.equal(chart.plot.top);
    expect(feb2!.y + feb2!.height).to.equal(chart.plot.bottom);
    expect(feb1!.height).to.equal(0);
    expect(jan2!.x).to.be.greaterThan(jan1!.x);
    expect(jan1!.height).to.be.closeTo((2 / 3) * (chart.plot.bottom - chart.plot.top), 0.1);
    expect(chart.xTicks.map((t) => t.label)).to.deep.equal(['jan', 'feb']);
  });

  it('draws an empty year as a flat axis, not as NaN', () => {
    const chart = barChart([{ label: 'jan', values: [0] }], ['x'], String);
    expect(JSON.stringify(chart)).to.not.contain('null');
    expect(chart.bars[0]!.height).to.equal(0);
  });

  it('draws a share from the bottom (0) to the top (1) of the plot', () => {
    const chart = shareLineChart([{ x: 0, y: 0 }, { x: 365, y: 1 }], 365, 60, String, String);
    expect(chart.path).to.equal(`M${chart.plot.left} ${chart.plot.bottom} L${chart.plot.right} ${chart.plot.top}`);
    expect(chart.xTicks.map((t) => t.label)).to.deep.equal(['0', '60', '120', '180', '240', '300', '360']);
  });
});

describe('amounts typed in euros', () => {
  it('reads Dutch and plain notations as cents', () => {
    expect(['150', '150,00', '€ 1.175,50', '150.5', '1.500', '0,01'].map(euroToCents)).to.deep.equal([15000, 15000, 117550, 15050, 150000, 1]);
  });
  it('refuses what is not an amount', () => {
    expect(['', 'honderd', '1,2,3', '-5', '150,001'].map(euroToCents)).to.deep.equal([null, null, null, null, null]);
  });
});

describe('the flash after a redirect', () => {
  it('is shown once, only to the one who acted, and not after five minutes', () => {
    let now = 0;
    const flash = flashStore(() => now);
    flash.put(1, '/app/gebruikers/7', { notice: 'gemaakt', secret: 'bboor_x' });
    expect(flash.take(2, '/app/gebruikers/7')).to.equal(null);
    expect(flash.take(1, '/app/gebruikers/7')).to.deep.equal({ notice: 'gemaakt', secret: 'bboor_x' });
    expect(flash.take(1, '/app/gebruikers/7')).to.equal(null);
    flash.put(1, '/app/gebruikers/7', { notice: 'later' });
    now += 5 * 60_000;
    expect(flash.take(1, '/app/gebruikers/7')).to.equal(null);
  });
});
