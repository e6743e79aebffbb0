import { createHash } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { entryContentHash, isKnownAccount } from '../../../src/modules/ledger/ledger.rules.js';
import { canonicalJson } from '../../../src/shared/canonical-json.js';

/** The definition: SHA-256 of the entry's canonical JSON (sorted keys), as stored on every entry so far. */
function canonicalHash(e: Parameters<typeof entryContentHash>[0]): string {
  const content = {
    bookedOn: e.bookedOn,
    kind: e.kind,
    description: e.description,
    fineId: e.fineId,
    bankTransactionId: e.bankTransactionId,
    reversesEntryId: e.reversesEntryId,
    postings: e.postings.map((p) => [p.lineNo, p.account, p.fineId, p.amountCents]),
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

describe('ledger: an entry\'s content hash', () => {
  it('property: equals the SHA-256 of the entry\'s canonical JSON, so stored hashes keep matching', () => {
    const posting = fc.record({ lineNo: fc.nat(), account: fc.string(), fineId: fc.option(fc.nat(), { nil: null }), amountCents: fc.integer() });
    fc.assert(
      fc.property(
        fc.record({
          bookedOn: fc.string(),
          kind: fc.string(),
          description: fc.string(),
          fineId: fc.option(fc.nat(), { nil: null }),
          bankTransactionId: fc.option(fc.nat(), { nil: null }),
          reversesEntryId: fc.option(fc.uuid(), { nil: null }),
          postings: fc.array(posting, { maxLength: 6 }),
        }),
        (e) => entryContentHash(e) === canonicalHash(e),
      ),
    );
  });

  it('knows a bank account by a valid IBAN only, also when asked again', () => {
    expect(isKnownAccount('bank:NL91ABNA0417164300')).to.equal(true);
    expect(isKnownAccount('bank:NL91ABNA0417164300')).to.equal(true);
    expect(isKnownAccount('bank:NL91ABNA0417164301')).to.equal(false);
    expect(isKnownAccount('bank:nl91abna0417164300')).to.equal(false);
  });
});
