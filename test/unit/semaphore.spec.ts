import { expect } from 'chai';
import { semaphore } from '../../src/shared/semaphore.js';

describe('semaphore (bounded runs of work that holds several connections)', () => {
  /** A piece of work that stays inside until released. */
  function gate() {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  }

  it('lets at most `limit` runs in at once and the rest in, in arrival order, as slots free up', async () => {
    const sut = semaphore(2);
    const gates = [gate(), gate(), gate(), gate()];
    const entered: number[] = [];
    const runs = gates.map((g, i) =>
      sut.run(async () => {
        entered.push(i);
        await g.opened;
        return i;
      }),
    );
    await Promise.resolve();
    expect(entered).to.deep.equal([0, 1]);
    expect(sut.stats).to.deep.equal({ active: 2, waiting: 2 });
    gates[1]!.open();
    expect(await runs[1]).to.equal(1);
    await Promise.resolve();
    expect(entered).to.deep.equal([0, 1, 2]);
    gates[0]!.open();
    gates[2]!.open();
    gates[3]!.open();
    expect(await Promise.all(runs)).to.deep.equal([0, 1, 2, 3]);
    expect(entered).to.deep.equal([0, 1, 2, 3]);
    expect(sut.stats).to.deep.equal({ active: 0, waiting: 0 });
  });

  it('frees the slot when the work fails', async () => {
    const sut = semaphore(1);
    let error: unknown = null;
    await sut.run(() => Promise.reject(new Error('boom'))).catch((err: unknown) => (error = err));
    expect((error as Error).message).to.equal('boom');
    expect(await sut.run(() => Promise.resolve('next'))).to.equal('next');
    expect(sut.stats).to.deep.equal({ active: 0, waiting: 0 });
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => semaphore(0)).to.throw(/positive integer/);
    expect(() => semaphore(1.5)).to.throw(/positive integer/);
  });
});
