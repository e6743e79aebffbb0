import type { OpenFine } from './import-batch.repository.js';

/** As the per-line query did: at most this many fines of the same amount are judged per line. */
const MAX_CANDIDATES = 200;

/**
 * The open fines a suggestion can point at, by what they still owe and the day they were issued,
 * loaded once per import and kept current as the import books (pass 3 of the matching, design.md
 * §10): a line's candidates are the fines owing exactly its amount, issued within the window
 * before its booking date, earliest first.
 */
export class SuggestionIndex {
  private readonly byId = new Map<number, OpenFine>();
  /** amount → issued_on → fines. */
  private readonly byAmount = new Map<number, Map<string, Set<OpenFine>>>();

  constructor(fines: readonly OpenFine[]) {
    for (const f of fines) {
      const own = { ...f };
      this.byId.set(f.id, own);
      this.add(own);
    }
  }

  private add(f: OpenFine): void {
    let days = this.byAmount.get(f.openCents);
    if (!days) this.byAmount.set(f.openCents, (days = new Map()));
    let set = days.get(f.issuedOn);
    if (!set) days.set(f.issuedOn, (set = new Set()));
    set.add(f);
  }

  /** A payment of `cents` went to the fine's receivables. */
  paid(fineId: number, cents: number): void {
    const f = this.byId.get(fineId);
    if (!f || cents === 0) return;
    this.byAmount.get(f.openCents)?.get(f.issuedOn)?.delete(f);
    f.openCents -= cents;
    this.add(f);
  }

  /** Fines owing exactly `amountCents`, issued within [from, to], earliest first (then by id). */
  candidates(amountCents: number, from: string, to: string): OpenFine[] {
    const days = this.byAmount.get(amountCents);
    if (!days) return [];
    const inWindow = [...days.keys()].filter((d) => d >= from && d <= to).sort();
    const out: OpenFine[] = [];
    for (const day of inWindow) {
      out.push(...[...days.get(day)!].sort((a, b) => a.id - b.id));
      if (out.length >= MAX_CANDIDATES) break;
    }
    return out.slice(0, MAX_CANDIDATES);
  }
}
