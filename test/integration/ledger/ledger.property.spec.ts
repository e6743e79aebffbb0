import { expect } from 'chai';
import fc from 'fast-check';
import { createTestContext, testDialect } from '../../helpers/test-db.js';
import { SYSTEM_ACTOR } from '../../../src/modules/audit/audit.types.js';
import { verifyLedger } from '../../../src/modules/ledger/ledger.verify.js';
import { FIXED_ACCOUNTS } from '../../../src/modules/ledger/ledger.rules.js';
import type { PostingInput } from '../../../src/modules/ledger/ledger.types.js';

type Step =
  | { op: 'post'; day: number; fineId: number | null; lines: { account: string; amountCents: number }[] }
  | { op: 'reverse'; pick: number; day: number }
  | { op: 'replay'; pick: number };

const accounts = [...FIXED_ACCOUNTS, 'bank:NL91ABNA0417164300'];

/** 2..5 lines that sum to zero: 1–4 random amounts plus a balancing line when they do not. */
const balancedLines = fc
  .tuple(
    fc.array(fc.record({ account: fc.constantFrom(...accounts), amountCents: fc.integer({ min: -5_000_000, max: 5_000_000 }).filter((n) => n !== 0) }), { minLength: 1, maxLength: 4 }),
    fc.constantFrom(...accounts),
  )
  .map(([lines, account]) => {
    const total = lines.reduce((s, l) => s + l.amountCents, 0);
    return total === 0 ? lines : [...lines, { account, amountCents: -total }];
  });

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('post' as const), day: fc.integer({ min: 1, max: 28 }), fineId: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), lines: balancedLines }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reverse' as const), pick: fc.nat(), day: fc.integer({ min: 1, max: 28 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replay' as const), pick: fc.nat() }) },
);

/**
 * Random sequences of postings, reversals and replayed idempotent posts; after every step the
 * ledger's invariants hold and its balances equal a simple in-memory model of the same steps.
 */
describe(`ledger invariants under random postings and reversals (${testDialect()})`, () => {
  it('keeps every invariant after each step (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const t = await createTestContext();
        try {
          const model = new Map<string, number>();
          const booked: { id: string; key: string; input: { bookedOn: string; postings: PostingInput[]; fineId: number | null }; reversed: boolean; isReversal: boolean }[] = [];
          let n = 0;
          for (const s of steps) {
            if (s.op === 'post') {
              const key = `prop:${n++}`;
              const input = { bookedOn: `2024-05-${String(s.day).padStart(2, '0')}`, kind: 'manual', description: 'eigenschapstest', postings: s.lines, fineId: s.fineId, idempotencyKey: key };
              const { entry } = await t.db.transaction((trx) => t.services.ledger.post(trx, SYSTEM_ACTOR, input));
              booked.push({ id: entry.id, key, input, reversed: false, isReversal: false });
              for (const l of s.lines) model.set(l.account, (model.get(l.account) ?? 0) + l.amountCents);
            } else if (s.op === 'reverse') {
              const candidates = booked.filter((b) => !b.reversed && !b.isReversal);
              if (candidates.length === 0) continue;
              const target = candidates[s.pick % candidates.length]!;
              const { entry } = await t.db.transaction((trx) => t.services.ledger.reverse(trx, SYSTEM_ACTOR, target.id, { reason: 'test', bookedOn: `2024-06-${String(s.day).padStart(2, '0')}` }));
              target.reversed = true;
              booked.push({ id: entry.id, key: `reversal:${target.id}`, input: { ...target.input, postings: [] }, reversed: false, isReversal: true });
              for (const l of target.input.postings) model.set(l.account, (model.get(l.account) ?? 0) - l.amountCents);
            } else {
              const originals = booked.filter((b) => !b.isReversal);
              if (originals.length === 0) continue;
              const target = originals[s.pick % originals.length]!;
              const again = await t.db.transaction((trx) => t.services.ledger.post(trx, SYSTEM_ACTOR, { ...target.input, kind: 'manual', description: 'eigenschapstest', idempotencyKey: target.key }));
              expect(again.replayed).to.equal(true);
              expect(again.entry.id).to.equal(target.id);
            }
            const report = await verifyLedger(t.db);
            expect(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok))).to.equal(true);
            const balances = await t.services.ledger.accountBalances(t.db, '2024-12-31');
            const actual = Object.fromEntries(balances.filter((b) => b.balanceCents !== 0).map((b) => [b.account, b.balanceCents]));
            const expected = Object.fromEntries([...model].filter(([, v]) => v !== 0));
            expect(actual).to.deep.equal(expected);
            expect(balances.reduce((sum, b) => sum + b.balanceCents, 0)).to.equal(0);
          }
        } finally {
          await t.destroy();
        }
      }),
      { numRuns: testDialect() === 'postgres' ? 15 : 40 },
    );
  });
});
