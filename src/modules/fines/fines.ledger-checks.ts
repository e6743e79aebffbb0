import type { Knex } from 'knex';
import { toSafeInteger } from '../../shared/db.js';
import type { LedgerCheck } from '../ledger/ledger.verify.js';

/**
 * design.md §5: the receivable of each fine agrees with the fine. What was imposed on a fine (its
 * receivable:fines postings outside payments) is its amount while it stands, and nothing once it
 * is cancelled or was never issued.
 */
export const fineReceivablesMatch: LedgerCheck = {
  name: 'fine-receivables-match-fines',
  description: 'Per fine, the imposed principal in receivable:fines equals the fine amount when issued, and zero when not issued or cancelled.',
  async run(db: Knex) {
    const rows: Record<string, unknown>[] = await db('fines as f')
      .leftJoin(
        db('postings as p')
          .where('p.account', 'receivable:fines')
          .whereNot('p.entry_kind', 'like', 'payment.%')
          .whereNot('p.entry_kind', 'fine.write-off')
          .groupBy('p.fine_id')
          .select('p.fine_id')
          .sum({ imposed: 'p.amount_cents' })
          .as('r'),
        'r.fine_id',
        'f.id',
      )
      .select('f.id', 'f.case_number', 'f.amount_cents', 'f.issued_on', 'f.cancelled_on', 'r.imposed');
    const violations: unknown[] = [];
    for (const r of rows) {
      const imposed = toSafeInteger(r.imposed);
      const expected = r.issued_on && !r.cancelled_on ? toSafeInteger(r.amount_cents) : 0;
      if (imposed !== expected) violations.push({ fineId: toSafeInteger(r.id), caseNumber: r.case_number, imposedCents: imposed, expectedCents: expected });
    }
    return violations;
  },
};
