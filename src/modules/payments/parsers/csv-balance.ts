// Opening and closing balance of a CSV export, derived from the "balance after transaction"
// column only where that is exact. ING sorts newest first, Rabobank oldest first (by Volgnr);
// the newest row's balance is the closing balance, and the oldest row's balance minus its own
// amount is the opening balance. Both are the bank's figures, not sums of ours, so a gap in the
// rows shows up later when the importer reconciles opening + lines against closing.
import type { Cents } from '../../../domain/money.js';

export interface BalanceRow {
  balanceCents: Cents | null;
  signedCents: Cents;
  date: string;
  /** The bank's own sequence number (Rabobank Volgnr), when there is one. */
  sequence: bigint | null;
}

export interface DerivedBalances {
  openingBalanceCents: Cents | null;
  openingBalanceDate: string | null;
  closingBalanceCents: Cents | null;
  closingBalanceDate: string | null;
}

const NONE: DerivedBalances = { openingBalanceCents: null, openingBalanceDate: null, closingBalanceCents: null, closingBalanceDate: null };

type Order = 'oldest-first' | 'newest-first' | null;

function orderOf(ascending: boolean, descending: boolean): Order {
  if (ascending && !descending) return 'oldest-first';
  if (descending && !ascending) return 'newest-first';
  return null;
}

export class BalanceTracker {
  private first: BalanceRow | undefined;
  private last: BalanceRow | undefined;
  private complete = true;
  private seqUp = true;
  private seqDown = true;
  private datesUp = true;
  private datesDown = true;
  private chainUp = true;
  private chainDown = true;

  add(row: BalanceRow): void {
    if (row.balanceCents === null) this.complete = false;
    const prev = this.last;
    if (prev === undefined) this.first = row;
    else {
      if (prev.sequence === null || row.sequence === null) this.seqUp = this.seqDown = false;
      else {
        if (!(row.sequence > prev.sequence)) this.seqUp = false;
        if (!(row.sequence < prev.sequence)) this.seqDown = false;
      }
      if (row.date < prev.date) this.datesUp = false;
      if (row.date > prev.date) this.datesDown = false;
      if (prev.balanceCents !== null && row.balanceCents !== null) {
        if (row.balanceCents - row.signedCents !== prev.balanceCents) this.chainUp = false;
        if (prev.balanceCents - prev.signedCents !== row.balanceCents) this.chainDown = false;
      }
    }
    this.last = row;
  }

  /** Which end is the newest row: the bank's sequence first, then the dates, then the chain. */
  private order(): Order {
    const first = this.first;
    const last = this.last;
    if (!first || !last) return null;
    if (first === last) return 'oldest-first'; // one row: both readings agree
    return (
      orderOf(this.seqUp, this.seqDown) ??
      (this.datesUp && this.datesDown ? null : orderOf(this.datesUp, this.datesDown)) ??
      orderOf(this.chainUp, this.chainDown)
    );
  }

  result(): DerivedBalances {
    const order = this.order();
    if (!this.complete || order === null || !this.first || !this.last) return NONE;
    const [oldest, newest] = order === 'oldest-first' ? [this.first, this.last] : [this.last, this.first];
    if (oldest.balanceCents === null || newest.balanceCents === null) return NONE;
    return {
      openingBalanceCents: oldest.balanceCents - oldest.signedCents,
      openingBalanceDate: oldest.date,
      closingBalanceCents: newest.balanceCents,
      closingBalanceDate: newest.date,
    };
  }
}
