// The occurrence of a line among identical lines of one file is part of its identity: two
// identical lines are two payments, and an overlapping download must get the same identities.
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { lineIdentity, OccurrenceCounter } from '../../../src/modules/payments/line-identity.js';

describe('OccurrenceCounter', () => {
  it('numbers each identical line 0, 1, 2, … and every distinct line from 0', () => {
    const counter = new OccurrenceCounter();
    expect(['a', 'b', 'a', 'c', 'a', 'b'].map((k) => counter.next(k))).to.deep.equal([0, 0, 1, 0, 2, 1]);
  });

  it('counts exactly as a map of every key would, also after its table has grown many times (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 6000, size: 'max' }), (keys) => {
        const counter = new OccurrenceCounter();
        const seen = new Map<number, number>();
        for (const k of keys) {
          const expected = seen.get(k) ?? 0;
          seen.set(k, expected + 1);
          expect(counter.next(`line ${k}`)).to.equal(expected);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('lineIdentity: stays what earlier imports stored', () => {
  it('property: the SHA-256 of the base key, a unit separator and the occurrence, hashed in turn', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), (base, occurrence) => {
        const inTurn = createHash('sha256').update(base).update('\u001f').update(String(occurrence)).digest('hex');
        return lineIdentity(base, occurrence) === inTurn;
      }),
    );
  });
});
