import { expect } from 'chai';
import { batchWriter } from '../../src/shared/batch-writer.js';

describe('batchWriter (group commit of registrations)', () => {
  it('writes a lone item at once, and groups the items that arrive while a write is in progress', async () => {
    const batches: number[][] = [];
    const sut = batchWriter(async (items: number[]) => {
      batches.push(items);
      await new Promise((r) => setImmediate(r));
      return items.map((i) => i * 10);
    });
    const results = await Promise.all([1, 2, 3, 4].map((i) => sut.submit(i)));
    expect(results).to.deep.equal([10, 20, 30, 40]);
    expect(batches).to.deep.equal([[1], [2, 3, 4]]);
  });

  it('keeps batches within the maximum size', async () => {
    const sizes: number[] = [];
    const sut = batchWriter(async (items: number[]) => {
      sizes.push(items.length);
      await new Promise((r) => setImmediate(r));
      return items;
    }, 2);
    await Promise.all([1, 2, 3, 4, 5, 6].map((i) => sut.submit(i)));
    expect(sizes).to.deep.equal([1, 2, 2, 1]);
  });

  it('when a batch fails, writes each item on its own so only the bad one fails its caller', async () => {
    const sut = batchWriter(async (items: number[]) => {
      await new Promise((r) => setImmediate(r));
      if (items.includes(3)) throw new Error('item 3 violates a constraint');
      return items.map((i) => -i);
    });
    const settled = await Promise.allSettled([1, 2, 3, 4].map((i) => sut.submit(i)));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).to.deep.equal([-1, -2, 'item 3 violates a constraint', -4]);
  });

  it('goes on with later items after a failure', async () => {
    let fail = true;
    const sut = batchWriter(async (items: string[]) => {
      if (fail) {
        fail = false;
        throw new Error('database busy');
      }
      return items;
    });
    let error = '';
    await sut.submit('a').catch((e: Error) => (error = e.message));
    expect(error).to.equal('database busy');
    expect(await sut.submit('b')).to.equal('b');
  });
});
