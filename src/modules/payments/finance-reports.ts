import type { Knex } from 'knex';
import { toSafeInteger } from '../../shared/db.js';
import { daysBetween } from '../../domain/civil-date.js';
import { toCsv } from '../../shared/csv.js';
import type { Ledger } from '../ledger/ledger.service.js';

/** Open items by age since the beschikking: within the term, just after, and long overdue. */
export const AGEING_BUCKETS = [
  { key: '0-6w', label: '0–6 weken', fromDays: 0, toDays: 42 },
  { key: '6-8w', label: '6–8 weken', fromDays: 43, toDays: 56 },
  { key: '8-12w', label: '8–12 weken', fromDays: 57, toDays: 84 },
  { key: '12w+', label: 'meer dan 12 weken', fromDays: 85, toDays: Number.POSITIVE_INFINITY },
] as const;

export function createFinanceReports({ db, ledger }: { db: Knex; ledger: Ledger }) {
  return {
    async trialBalance(asOf: string) {
      const items = await ledger.accountBalances(db, asOf);
      return { asOf, items, totalDebitCents: items.reduce((s, i) => s + i.debitCents, 0), totalCreditCents: items.reduce((s, i) => s + i.creditCents, 0) };
    },

    /** Every issued fine that still owes something on a date, with its age and bucket. */
    async ageing(asOf: string) {
      const rows: Record<string, unknown>[] = await db('fines as f')
        .join('postings as p', 'p.fine_id', 'f.id')
        .join('journal_entries as e', 'e.id', 'p.entry_id')
        .whereNotNull('f.issued_on')
        .where('f.issued_on', '<=', asOf)
        .where('p.account', 'like', 'receivable:%')
        .where('e.booked_on', '<=', asOf)
        .groupBy('f.id', 'f.case_number', 'f.issued_on', 'f.due_on')
        .havingRaw('SUM(p.amount_cents) > 0')
        .select('f.id', 'f.case_number', 'f.issued_on', 'f.due_on')
        .sum({ open: 'p.amount_cents' })
        .orderBy('f.issued_on');
      const items = rows.map((r) => {
        const ageDays = daysBetween(String(r.issued_on), asOf);
        const bucket = AGEING_BUCKETS.find((b) => ageDays >= b.fromDays && ageDays <= b.toDays)!;
        return { fineId: toSafeInteger(r.id), caseNumber: String(r.case_number), issuedOn: String(r.issued_on), dueOn: String(r.due_on), ageDays, bucket: bucket.key, openCents: toSafeInteger(r.open) };
      });
      const buckets = AGEING_BUCKETS.map((b) => {
        const inBucket = items.filter((i) => i.bucket === b.key);
        return { bucket: b.key, label: b.label, count: inBucket.length, openCents: inBucket.reduce((s, i) => s + i.openCents, 0) };
      });
      return { asOf, buckets, items };
    },

    /**
     * Per statement: the bank account's ledger balance on the closing date beside the closing
     * balance the bank gave. The ledger starts at zero, so the first statement's opening balance
     * of the account is added to it.
     */
    async statementReconciliation() {
      const statements = await db('bank_statements').whereNotNull('closing_balance_cents').orderBy([{ column: 'account' }, { column: 'closing_date' }, { column: 'id' }]);
      const offsets = new Map<string, number>();
      const out = [];
      for (const s of statements) {
        const account = String(s.account);
        if (!offsets.has(account)) {
          const first = await db('bank_statements').where({ account }).whereNotNull('opening_balance_cents').orderBy([{ column: 'opening_date' }, { column: 'id' }]).first('opening_balance_cents');
          offsets.set(account, toSafeInteger(first?.opening_balance_cents));
        }
        const balances = await ledger.accountBalances(db, String(s.closing_date));
        const ledgerCents = (balances.find((b) => b.account === `bank:${account}`)?.balanceCents ?? 0) + offsets.get(account)!;
        const closing = toSafeInteger(s.closing_balance_cents);
        out.push({ statementId: toSafeInteger(s.id), importId: toSafeInteger(s.import_id), account, bankStatementId: s.bank_statement_id ?? null, closingDate: String(s.closing_date), closingBalanceCents: closing, ledgerBalanceCents: ledgerCents, differenceCents: ledgerCents - closing });
      }
      return { items: out };
    },
  };
}

export type FinanceReports = ReturnType<typeof createFinanceReports>;
type TrialBalance = Awaited<ReturnType<FinanceReports['trialBalance']>>;
type Ageing = Awaited<ReturnType<FinanceReports['ageing']>>;

/** The CSV downloads of the reports (API and web pages alike): file name and content. */
export function trialBalanceCsv(report: TrialBalance): { fileName: string; content: string } {
  return { fileName: `proefbalans-${report.asOf}.csv`, content: toCsv(['rekening', 'debet_cent', 'credit_cent', 'saldo_cent'], report.items.map((i) => [i.account, i.debitCents, i.creditCents, i.balanceCents])) };
}

export function ageingCsv(report: Ageing): { fileName: string; content: string } {
  return { fileName: `ouderdom-${report.asOf}.csv`, content: toCsv(['zaaknummer', 'opgelegd_op', 'uiterste_betaaldatum', 'dagen', 'klasse', 'open_cent'], report.items.map((i) => [i.caseNumber, i.issuedOn, i.dueOn, i.ageDays, i.bucket, i.openCents])) };
}
