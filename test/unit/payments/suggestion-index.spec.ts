import { expect } from 'chai';
import { SuggestionIndex } from '../../../src/modules/payments/suggestion-index.js';

const fine = (id: number, issuedOn: string, openCents: number) => ({ id, caseNumber: `C-${id}`, issuedOn, surname: 'Jansen', openCents });

describe('the suggestion index of an import', () => {
  it('gives the fines owing exactly the amount, issued within the window, earliest first then by id', () => {
    const index = new SuggestionIndex([fine(3, '2024-03-02', 9500), fine(1, '2024-03-02', 9500), fine(2, '2024-01-10', 9500), fine(4, '2023-10-01', 9500), fine(5, '2024-03-02', 4000)]);
    expect(index.candidates(9500, '2023-11-26', '2024-03-25').map((f) => f.id)).to.deep.equal([2, 1, 3]);
    expect(index.candidates(1, '2023-01-01', '2025-01-01')).to.deep.equal([]);
  });

  it('moves a fine to what it owes after a payment, so a part payment leaves it at the rest', () => {
    const index = new SuggestionIndex([fine(1, '2024-03-02', 9500)]);
    index.paid(1, 5500);
    expect(index.candidates(9500, '2024-01-01', '2024-12-31')).to.deep.equal([]);
    expect(index.candidates(4000, '2024-01-01', '2024-12-31').map((f) => f.id)).to.deep.equal([1]);
    index.paid(99, 100); // a fine outside the window is not in the index
    index.paid(1, 0);
    expect(index.candidates(4000, '2024-01-01', '2024-12-31').map((f) => f.id)).to.deep.equal([1]);
  });

  it('judges at most 200 fines per line, as the per-line query did', () => {
    const index = new SuggestionIndex(Array.from({ length: 250 }, (_, i) => fine(i + 1, '2024-03-02', 9500)));
    const found = index.candidates(9500, '2024-01-01', '2024-12-31');
    expect(found).to.have.length(200);
    expect(found[199]!.id).to.equal(200);
  });
});
