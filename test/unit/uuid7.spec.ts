import { expect } from 'chai';
import fc from 'fast-check';
import { z } from 'zod';
import { uuid7 } from '../../src/shared/uuid7.js';

describe('uuid7: time-ordered journal entry ids (RFC 9562 §5.7)', () => {
  it('is a version 7, variant 10 UUID that the API accepts as an id', () => {
    const id = uuid7();
    expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(z.uuid().safeParse(id).success).to.equal(true);
  });

  it('carries its millisecond in the first 48 bits', () => {
    const ms = Date.UTC(2031, 0, 2, 3, 4, 5, 678);
    const id = uuid7(ms);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).to.be.within(ms, ms + 1);
  });

  it('sorts in the order the ids were made, also many within one millisecond (§6.2 counter)', () => {
    const ids = Array.from({ length: 20_000 }, () => uuid7(Date.UTC(2040, 0, 1)));
    expect(new Set(ids).size).to.equal(ids.length);
    expect([...ids].sort()).to.deep.equal(ids);
  });

  it('property: ids made at non-decreasing times sort in the order made', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 300 }), (steps) => {
        let t = Date.UTC(2050, 0, 1);
        const ids = steps.map((step) => uuid7((t += step)));
        return [...ids].sort().every((id, i) => id === ids[i]);
      }),
    );
  });
});
