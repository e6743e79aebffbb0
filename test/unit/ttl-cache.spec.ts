import { expect } from 'chai';
import { ttlCache } from '../../src/shared/ttl-cache.js';

describe('ttlCache (reference data reused between requests)', () => {
  function counting(values: Array<number | Error>) {
    let calls = 0;
    const load = () => {
      const v = values[Math.min(calls, values.length - 1)]!;
      calls += 1;
      return v instanceof Error ? Promise.reject(v) : Promise.resolve(v);
    };
    return { load, calls: () => calls };
  }

  it('loads once while the time lasts, and shares one load between concurrent callers', async () => {
    let now = 0;
    const src = counting([1, 2]);
    const sut = ttlCache(src.load, 1000, () => now);
    expect(await Promise.all([sut.get(), sut.get()])).to.deep.equal([1, 1]);
    now = 999;
    expect(await sut.get()).to.equal(1);
    expect(src.calls()).to.equal(1);
  });

  it('loads again once the time is up, so another process’s change is seen', async () => {
    let now = 0;
    const src = counting([1, 2]);
    const sut = ttlCache(src.load, 1000, () => now);
    await sut.get();
    now = 1000;
    expect(await sut.get()).to.equal(2);
  });

  it('loads again at once after invalidate (a write in this process)', async () => {
    const src = counting([1, 2]);
    const sut = ttlCache(src.load, 60_000, () => 0);
    await sut.get();
    sut.invalidate();
    expect(await sut.get()).to.equal(2);
  });

  it('does not keep a failed load', async () => {
    const src = counting([new Error('database down'), 7]);
    const sut = ttlCache(src.load, 60_000, () => 0);
    let failed = false;
    await sut.get().catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(await sut.get()).to.equal(7);
  });
});
