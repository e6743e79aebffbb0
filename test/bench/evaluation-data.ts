/**
 * Data of the evaluation-report benchmark: a pilot year of `fines` issued fines (2024) and
 * `payments` bank credit lines, with the reminders, dwangbevelen, objections, cancellations,
 * write-offs, payment plans and refunds that go with them, written as one CSV file per table (a
 * header row; NULL is an empty unquoted field, and no value is an empty string) for a bulk load
 * (evaluation-setup.ts). Every journal entry has the rows the services write for it: the postings
 * numbered and carrying the entry's fine, the content hash of ledger.rules, the idempotency key
 * and description of the service that books that kind. The same seed gives the same files.
 *
 * While it writes, the generator adds up what the report must show (`Expected`), so that a
 * benchmark of a report that computes the wrong figures stops instead of measuring them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { aanmaningCostsOn, dwangbevelCostsOn } from '../../src/domain/collection.js';
import { endOfTerm, type EquatedDay } from '../../src/domain/deadlines.js';
import { fineKenmerk, formatKenmerk } from '../../src/domain/betalingskenmerk.js';
import type { PolicyValue } from '../../src/domain/policy.js';
import { requirePolicyValue } from '../../src/domain/policy.js';
import { caseNumber } from '../../src/domain/tariffs.js';
import { entryContentHash, numberPostings } from '../../src/modules/ledger/ledger.rules.js';
import type { PostingInput } from '../../src/modules/ledger/ledger.types.js';
import { createPrng } from './prng.js';

export const YEAR = 2024;
/** The report's cut-off, and the last day anything happens in the data. */
export const AS_OF = '2025-03-31';
export const OWN_IBAN = 'NL91ABNA0417164300';
const PAYER_IBAN = 'NL02RABO0123456789';

export interface Tariff {
  offenceCode: string;
  tariffId: number;
  cents: number;
  /** Relative frequency among the generated fines. */
  weight: number;
}

export interface DataSpec {
  fines: number;
  /** Bank credit lines; what no fine's payment uses is sent without a reference (it stays in suspense). */
  payments: number;
  seed: number;
  tariffs: readonly Tariff[];
  policies: readonly PolicyValue[];
  equated: readonly EquatedDay[];
  users: { boaId: number; boaBadge: string; staffId: number; staffLabel: string; financeId: number; financeLabel: string };
}

/** What the JSON report must say about this data (as of AS_OF). */
export interface Expected {
  issued: number;
  cancelled: number;
  minors: number;
  money: { imposedCents: number; cancelledCents: number; collectedCents: number; outstandingCents: number; writtenOffCents: number; refundedCents: number; costsImposedCents: number; costsCollectedCents: number; unallocatedReceiptsCents: number };
  paidInFull: number;
  reminders: number;
  enforcementHandOffs: number;
  paymentPlans: number;
  objections: { received: number; upheld: number; reduced: number; rejected: number; pending: number };
}

export interface DataResult {
  dir: string;
  /** Rows per table file. */
  rows: Record<string, number>;
  entries: number;
  postings: number;
  creditLines: number;
  expected: Expected;
}

/** Table columns in load order (foreign keys point backwards, except postings → entries, checked at commit). */
export const TABLES = {
  fines: ['id', 'case_number', 'case_year', 'case_sequence', 'offence_code', 'tariff_id', 'tariff_cents', 'amount_cents', 'reduced_for_minor', 'observed_at', 'offence_date', 'location_street', 'location_house_number', 'location_postcode', 'district', 'lat', 'lon', 'observation', 'boa_user_id', 'badge_number', 'registered_at', 'issued_on', 'due_on', 'objection_due_on', 'payment_reference', 'issue_entry_id', 'cancelled_on', 'cancel_reason'],
  objections: ['id', 'fine_id', 'received_on', 'summary', 'timely', 'objection_due_on', 'registered_at', 'registered_by', 'outcome', 'new_amount_cents', 'decision_reason', 'decided_on', 'decided_by'],
  collection_runs: ['id', 'as_of', 'created_at', 'actor_user_id', 'actor', 'aanmaningen', 'dwangbevelen', 'held', 'costs_cents'],
  collection_steps: ['fine_id', 'step', 'instalment', 'run_id', 'step_date', 'term_ends_on', 'open_cents', 'costs_cents', 'entry_id', 'created_at'],
  payment_plans: ['id', 'fine_id', 'granted_on', 'total_cents', 'reason', 'granted_by', 'created_at'],
  plan_instalments: ['plan_id', 'seq', 'due_on', 'amount_cents'],
  write_offs: ['fine_id', 'kind', 'reason', 'requested_by_user_id', 'requested_by', 'requested_at', 'status', 'decided_by_user_id', 'decided_by', 'decided_on', 'amount_cents', 'entry_id'],
  bank_imports: ['id', 'format', 'file_name', 'file_sha256', 'encoding', 'imported_at', 'actor_user_id', 'actor', 'transactions', 'new_lines', 'duplicates', 'warnings'],
  bank_transactions: ['id', 'identity', 'import_id', 'line_no', 'account', 'booking_date', 'value_date', 'amount_cents', 'direction', 'reversal', 'bank_reference', 'end_to_end_id', 'position_in_entry', 'counterparty_iban', 'counterparty_name', 'structured_reference', 'remittance_text'],
  postings: ['entry_id', 'line_no', 'account', 'fine_id', 'amount_cents', 'booked_on', 'entry_kind'],
  journal_entries: ['id', 'booked_on', 'kind', 'fine_id', 'bank_transaction_id', 'idempotency_key', 'content_hash', 'reverses_entry_id', 'description', 'line_count', 'actor_user_id', 'actor', 'created_at'],
  allocations: ['bank_transaction_id', 'fine_id', 'amount_cents', 'entry_id', 'created_at', 'actor'],
  refund_proposals: ['id', 'bank_transaction_id', 'fine_id', 'amount_cents', 'payer_iban', 'payer_name', 'reason', 'status', 'created_at', 'entry_id', 'paid_bank_transaction_id', 'paid_on'],
  match_decisions: ['bank_transaction_id', 'rule', 'outcome', 'fine_id', 'evidence', 'decided_at', 'decided_by', 'decided_by_user_id', 'confirmed_by'],
} as const satisfies Record<string, readonly string[]>;
export type Table = keyof typeof TABLES;

type Cell = string | number | boolean | null;

/** One CSV file, written synchronously in chunks of about a megabyte. */
class CsvFile {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  count = 0;
  constructor(file: string, columns: readonly string[]) {
    this.fd = fs.openSync(file, 'w');
    this.buf.push(`${columns.join(',')}\n`);
  }
  row(cells: readonly Cell[]): void {
    const line = `${cells.map(cell).join(',')}\n`;
    this.buf.push(line);
    this.size += line.length;
    this.count += 1;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.buf.length) fs.writeSync(this.fd, this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

function cell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return String(v);
  if (v === '') throw new Error('an empty string would load as NULL');
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const DISTRICTS: ReadonlyArray<readonly [string, number]> = [
  ['Centrum', 16], ['Dorp', 7], ['Meerzicht', 11], ['Driemanspolder', 7], ['Palenstein', 9], ['Buytenwegh', 8],
  ['De Leyens', 6], ['Seghwaert', 9], ['Noordhove', 6], ['Rokkeveen', 9], ['Oosterheem', 9], ['Willem-Alexander', 3],
];
/** Fewer fines are written at the weekend (Sunday = 0 … Saturday = 6). */
const WEEKDAY_WEIGHT = [2, 10, 10, 10, 10, 9, 4];

type Fate = 'term' | 'split' | 'after-reminder' | 'after-enforcement' | 'written-off' | 'open' | 'objection' | 'cancelled';
/** What becomes of a fine, per 1000. */
const FATES: ReadonlyArray<readonly [Fate, number]> = [
  ['term', 540], ['split', 50], ['after-reminder', 100], ['after-enforcement', 40], ['written-off', 30], ['open', 225], ['objection', 10], ['cancelled', 5],
];
const OUTCOMES: ReadonlyArray<readonly ['upheld' | 'reduced' | 'rejected' | 'pending', number]> = [['upheld', 35], ['reduced', 15], ['rejected', 45], ['pending', 5]];

/** Fines per day of the year: the weekday weights, apportioned exactly (largest remainder). */
function finesPerDay(total: number): Array<[string, number]> {
  const days: Array<[string, number]> = [];
  for (let t = Date.UTC(YEAR, 0, 1); t < Date.UTC(YEAR + 1, 0, 1); t += 86_400_000) days.push([new Date(t).toISOString().slice(0, 10), WEEKDAY_WEIGHT[new Date(t).getUTCDay()]!]);
  const sum = days.reduce((s, [, w]) => s + w, 0);
  const raw = days.map(([, w]) => (total * w) / sum);
  const out = days.map(([d], i) => [d, Math.floor(raw[i]!)] as [string, number]);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0, missing = total - out.reduce((s, [, n]) => s + n, 0); k < missing; k++) out[order[k]![1]]![1] += 1;
  return out;
}

/** A civil date plus `n` days (calendar arithmetic on UTC midnights: luxon's addDays, 50× faster). */
function addDays(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The next working day (Monday to Friday) on or after `d`. */
function workday(d: string): string {
  const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
  return dow === 6 ? addDays(d, 2) : dow === 0 ? addDays(d, 1) : d;
}

/** Writes the CSV files of the pilot year into `dir`. */
export function generateEvaluationData(spec: DataSpec, dir: string): DataResult {
  fs.mkdirSync(dir, { recursive: true });
  const files = Object.fromEntries(Object.entries(TABLES).map(([t, cols]) => [t, new CsvFile(path.join(dir, `${t}.csv`), cols)])) as Record<Table, CsvFile>;
  const prng = createPrng(spec.seed);
  const ids = createPrng(spec.seed ^ 0x1d5);
  const { users } = spec;
  const termCache = new Map<string, string>();
  const term = (key: string, from: string) => {
    const k = `${key}:${from}`;
    let v = termCache.get(k);
    if (v === undefined) termCache.set(k, (v = endOfTerm({ from, weeks: requirePolicyValue(spec.policies, key, from), equated: spec.equated })));
    return v;
  };
  const exp: Expected = {
    issued: 0, cancelled: 0, minors: 0,
    money: { imposedCents: 0, cancelledCents: 0, collectedCents: 0, outstandingCents: 0, writtenOffCents: 0, refundedCents: 0, costsImposedCents: 0, costsCollectedCents: 0, unallocatedReceiptsCents: 0 },
    paidInFull: 0, reminders: 0, enforcementHandOffs: 0, paymentPlans: 0,
    objections: { received: 0, upheld: 0, reduced: 0, rejected: 0, pending: 0 },
  };
  let entries = 0;
  let postingsN = 0;
  const created = (date: string, n: number) => `${date}T${String(8 + (n % 10)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00.000Z`;

  function book(e: { bookedOn: string; kind: string; description: string; fineId: number | null; bankTransactionId?: number | null; idempotencyKey?: string | null; reversesEntryId?: string | null; postings: PostingInput[]; actorId: number; actor: string }): string {
    const id = ids.uuid();
    const numbered = numberPostings(e.postings, e.fineId);
    const bankTransactionId = e.bankTransactionId ?? null;
    const reversesEntryId = e.reversesEntryId ?? null;
    const hash = entryContentHash({ bookedOn: e.bookedOn, kind: e.kind, description: e.description, fineId: e.fineId, bankTransactionId, reversesEntryId, postings: numbered });
    for (const p of numbered) files.postings.row([id, p.lineNo, p.account, p.fineId, p.amountCents, e.bookedOn, e.kind]);
    files.journal_entries.row([id, e.bookedOn, e.kind, e.fineId, bankTransactionId, e.idempotencyKey ?? null, hash, reversesEntryId, e.description, numbered.length, e.actorId, e.actor, created(e.bookedOn, entries)]);
    entries += 1;
    postingsN += numbered.length;
    return id;
  }

  // Bank lines: one import (one statement file) per booking day.
  const imports = new Map<string, { id: number; lines: number }>();
  let txId = 0;
  let creditLines = 0;
  function bankLine(date: string, cents: number, direction: 'credit' | 'debit', reference: string | null): number {
    let imp = imports.get(date);
    if (!imp) imports.set(date, (imp = { id: imports.size + 1, lines: 0 }));
    imp.lines += 1;
    const id = ++txId;
    if (direction === 'credit') creditLines += 1;
    const identity = createHash('sha256').update(`bench-line:${id}`).digest('hex');
    files.bank_transactions.row([id, identity, imp.id, imp.lines, OWN_IBAN, date, date, cents, direction, false, `BR${id}`, `E2E${id}`, 0, PAYER_IBAN, 'Betaler', reference, reference ? null : 'overboeking']);
    book({ bookedOn: date, kind: direction === 'credit' ? 'bank.receipt' : 'bank.payment', description: `Bankregel ${direction === 'credit' ? 'bij' : 'af'} ${date}`, fineId: null, bankTransactionId: id, idempotencyKey: `bank-line:${identity}`, actorId: users.financeId, actor: users.financeLabel, postings: direction === 'credit' ? [{ account: `bank:${OWN_IBAN}`, amountCents: cents }, { account: 'suspense:unallocated', amountCents: -cents }] : [{ account: 'suspense:unallocated', amountCents: cents }, { account: `bank:${OWN_IBAN}`, amountCents: -cents }] });
    return id;
  }

  const runs = new Map<string, { id: number; aanmaningen: number; dwangbevelen: number; costs: number }>();
  const runOn = (date: string) => {
    let r = runs.get(date);
    if (!r) runs.set(date, (r = { id: runs.size + 1, aanmaningen: 0, dwangbevelen: 0, costs: 0 }));
    return r;
  };
  let objectionId = 0;
  let planId = 0;
  let refundId = 0;
  let writeOffId = 0;

  const tariffWeights = spec.tariffs.map((t) => [t, t.weight] as const);
  let fineId = 0;
  for (const [issuedOn, count] of finesPerDay(spec.fines)) {
    const dueOn = term('payment_term_weeks', issuedOn);
    const objectionDueOn = term('objection_term_weeks', issuedOn);
    for (let k = 0; k < count; k++) {
      const id = ++fineId;
      const tariff = prng.weighted(tariffWeights);
      const minor = prng.next() < 0.02;
      let amount = minor ? tariff.cents / 2 : tariff.cents;
      const observedOn = addDays(issuedOn, -prng.int(1, 10));
      const observedAt = `${observedOn}T${String(8 + prng.int(0, 12)).padStart(2, '0')}:${String(prng.int(0, 59)).padStart(2, '0')}:00.000Z`;
      const caseNo = caseNumber(YEAR, id);
      const issueId = book({ bookedOn: issuedOn, kind: 'fine.issue', description: `Beschikking ${caseNo} (${tariff.offenceCode})`, fineId: id, idempotencyKey: `fine:${id}:issue`, actorId: users.staffId, actor: users.staffLabel, postings: [{ account: 'receivable:fines', amountCents: amount }, { account: 'revenue:fines', amountCents: -amount }] });
      exp.issued += 1;
      if (minor) exp.minors += 1;
      exp.money.imposedCents += amount;

      const fate = prng.weighted(FATES);
      let cancelledOn: string | null = null;
      let cancelReason: string | null = null;
      const open = { principal: amount, costs: 0 };
      const reference = formatKenmerk(fineKenmerk(YEAR, id));
      let paidPrincipal = 0;

      /** A payment of `cents` on `date` by reference: a credit line, its receipt and its allocation (costs first, Awb 4:92). */
      const pay = (date: string, cents: number) => {
        if (date > AS_OF) return false;
        const tx = bankLine(date, cents, 'credit', reference);
        const costs = Math.min(cents, open.costs);
        const principal = Math.min(cents - costs, open.principal);
        const excess = cents - costs - principal;
        const postings: PostingInput[] = [{ account: 'suspense:unallocated', amountCents: cents }];
        if (costs) postings.push({ account: 'receivable:costs', amountCents: -costs });
        if (principal) postings.push({ account: 'receivable:fines', amountCents: -principal });
        if (excess) postings.push({ account: 'liability:refunds', amountCents: -excess });
        const entryId = book({ bookedOn: date, kind: 'payment.allocation', description: `Betaling regel ${tx} toegewezen aan boete ${id} (structured-reference)`, fineId: id, bankTransactionId: tx, actorId: users.financeId, actor: users.financeLabel, postings });
        const at = created(addDays(date, 1), tx);
        if (cents - excess > 0) files.allocations.row([tx, id, cents - excess, entryId, at, users.financeLabel]);
        files.match_decisions.row([tx, 'structured-reference', excess > 0 && cents === excess ? 'refund' : 'booked', id, JSON.stringify({ reference: reference.replace(/ /g, ''), amountCents: cents, outstandingCents: open.costs + open.principal, costsCents: costs, interestCents: 0, principalCents: principal, excessCents: excess }), at, users.financeLabel, users.financeId, null]);
        open.costs -= costs;
        open.principal -= principal;
        paidPrincipal += principal;
        exp.money.collectedCents += principal;
        exp.money.costsCollectedCents += costs;
        if (excess) {
          // Overpaid: the excess is owed back; half of these are paid out two weeks later.
          const rid = ++refundId;
          const paidOn = addDays(date, 14);
          const refundPaid = rid % 2 === 0 && paidOn <= AS_OF;
          let debit: number | null = null;
          if (refundPaid) {
            debit = bankLine(paidOn, excess, 'debit', null);
            book({ bookedOn: paidOn, kind: 'refund.paid', description: `Terugbetaling ${rid} uitbetaald (regel ${debit})`, fineId: id, bankTransactionId: debit, actorId: users.financeId, actor: users.financeLabel, postings: [{ account: 'liability:refunds', amountCents: excess }, { account: 'suspense:unallocated', amountCents: -excess }] });
            files.match_decisions.row([debit, 'refund-settlement', 'refund-paid', id, JSON.stringify({ refundId: rid }), created(addDays(paidOn, 1), debit), users.financeLabel, users.financeId, null]);
            exp.money.refundedCents += excess;
          }
          files.refund_proposals.row([rid, tx, id, excess, PAYER_IBAN, 'Betaler', 'te veel betaald', refundPaid ? 'paid' : 'proposed', at, entryId, debit, refundPaid ? paidOn : null]);
        }
        return true;
      };
      const step = (kind: 'aanmaning' | 'dwangbevel', date: string) => {
        if (date > AS_OF) return false;
        const debt = open.principal + open.costs;
        const costs = (kind === 'aanmaning' ? aanmaningCostsOn(spec.policies, date, debt) : dwangbevelCostsOn(spec.policies, date)) ?? 0;
        const run = runOn(date);
        let entryId: string | null = null;
        if (costs > 0) {
          entryId = book({ bookedOn: date, kind: `collection.${kind}-costs`, description: `${kind === 'aanmaning' ? 'Aanmaningskosten (Awb 4:113)' : 'Kosten dwangbevel (Awb 4:119)'} ${caseNo}`, fineId: id, idempotencyKey: `fine:${id}:${kind}-costs`, actorId: users.staffId, actor: users.staffLabel, postings: [{ account: 'receivable:costs', amountCents: costs }, { account: 'revenue:costs', amountCents: -costs }] });
          open.costs += costs;
          exp.money.costsImposedCents += costs;
        }
        files.collection_steps.row([id, kind, 0, run.id, date, kind === 'aanmaning' ? term('aanmaning_term_weeks', date) : null, debt, costs, entryId, created(date, id)]);
        if (kind === 'aanmaning') run.aanmaningen += 1;
        else run.dwangbevelen += 1;
        run.costs += costs;
        if (kind === 'aanmaning') exp.reminders += 1;
        else exp.enforcementHandOffs += 1;
        return true;
      };
      const cancel = (date: string, reason: string) => {
        book({ bookedOn: date, kind: 'fine.cancel', description: `Tegenboeking van ${issueId}: ${reason}`, fineId: id, reversesEntryId: issueId, idempotencyKey: `fine:${id}:cancel`, actorId: users.staffId, actor: users.staffLabel, postings: [{ account: 'receivable:fines', amountCents: -amount }, { account: 'revenue:fines', amountCents: amount }] });
        cancelledOn = date;
        cancelReason = reason;
        open.principal = 0;
        exp.cancelled += 1;
        exp.money.cancelledCents += amount;
      };
      const payWithinTerm = () => addDays(issuedOn, prng.int(2, 40));

      if (fate === 'term') {
        pay(payWithinTerm(), prng.next() < 0.004 ? amount + prng.int(5, 50) * 100 : amount);
      } else if (fate === 'split') {
        const first = Math.round((amount * prng.int(30, 60)) / 100);
        const d = addDays(issuedOn, prng.int(2, 20));
        if (pay(d, first)) pay(addDays(d, prng.int(1, 20)), amount - first);
      } else if (fate === 'cancelled') {
        const d = addDays(issuedOn, prng.int(2, 20));
        if (d <= AS_OF) cancel(d, 'beschikking ten onrechte opgelegd');
      } else if (fate === 'objection') {
        const receivedOn = addDays(issuedOn, prng.int(1, 30));
        if (receivedOn <= AS_OF) {
          const oid = ++objectionId;
          exp.objections.received += 1;
          let outcome = prng.weighted(OUTCOMES);
          const decidedOn = addDays(receivedOn, prng.int(10, 60));
          if (decidedOn > AS_OF) outcome = 'pending';
          let newAmount: number | null = null;
          if (outcome === 'upheld') cancel(decidedOn, 'bezwaar gegrond: identiteit onzeker');
          if (outcome === 'reduced') {
            newAmount = Math.round(amount / 2);
            const diff = amount - newAmount;
            book({ bookedOn: decidedOn, kind: 'fine.reduce', description: `Matiging ${caseNo} na bezwaar (Awb 5:46 lid 3): draagkracht`, fineId: id, idempotencyKey: `objection:${oid}:reduce`, actorId: users.staffId, actor: users.staffLabel, postings: [{ account: 'revenue:fines', amountCents: diff }, { account: 'receivable:fines', amountCents: -diff }] });
            exp.money.cancelledCents += diff;
            amount = newAmount;
            open.principal = newAmount;
          }
          exp.objections[outcome] += 1;
          files.objections.row([oid, id, receivedOn, 'niet ik', receivedOn <= objectionDueOn, objectionDueOn, created(receivedOn, oid), users.staffLabel, outcome === 'pending' ? null : outcome, newAmount, outcome === 'pending' ? null : 'beoordeeld', outcome === 'pending' ? null : decidedOn, outcome === 'pending' ? null : users.staffLabel]);
          if (outcome === 'reduced' || outcome === 'rejected') pay(addDays(decidedOn, prng.int(3, 20)), amount);
        }
      } else {
        // Not paid within the term: the collection run sends an aanmaning the next working day.
        const aanmaningOn = workday(addDays(dueOn, 1));
        if (step('aanmaning', aanmaningOn)) {
          if (fate === 'after-reminder') {
            if (prng.next() < 0.05 && addDays(aanmaningOn, 3) <= AS_OF) {
              const pid = ++planId;
              files.payment_plans.row([pid, id, addDays(aanmaningOn, 3), open.principal + open.costs, 'betaalt in delen', users.staffLabel, created(addDays(aanmaningOn, 3), pid)]);
              files.plan_instalments.row([pid, 1, addDays(aanmaningOn, 10), open.principal + open.costs]);
              exp.paymentPlans += 1;
            }
            pay(addDays(aanmaningOn, prng.int(1, 14)), open.principal + open.costs);
          } else {
            const dwangbevelOn = workday(addDays(term('aanmaning_term_weeks', aanmaningOn), 1));
            if (step('dwangbevel', dwangbevelOn)) {
              if (fate === 'after-enforcement') pay(addDays(dwangbevelOn, prng.int(5, 60)), open.principal + open.costs);
              else if (fate === 'written-off') {
                const on = addDays(dwangbevelOn, prng.int(30, 90));
                if (on <= AS_OF) {
                  const wid = ++writeOffId;
                  const total = open.costs + open.principal;
                  const entryId = book({ bookedOn: on, kind: 'fine.write-off', description: 'Afboeking (uncollectable): deurwaarder: geen verhaal', fineId: id, idempotencyKey: `write-off:${wid}`, actorId: users.financeId, actor: users.financeLabel, postings: [{ account: 'expense:write-offs', amountCents: total }, { account: 'receivable:costs', amountCents: -open.costs }, { account: 'receivable:fines', amountCents: -open.principal }].filter((p) => p.amountCents !== 0) });
                  files.write_offs.row([id, 'uncollectable', 'deurwaarder: geen verhaal', users.staffId, users.staffLabel, `${on}T08:00:00.000Z`, 'approved', users.financeId, users.financeLabel, on, total, entryId]);
                  exp.money.writtenOffCents += total;
                  open.costs = 0;
                  open.principal = 0;
                }
              }
            }
          }
        }
      }
      if (cancelledOn === null && paidPrincipal >= amount) exp.paidInFull += 1;
      exp.money.outstandingCents += open.principal + open.costs;
      files.fines.row([
        id, caseNo, YEAR, id, tariff.offenceCode, tariff.tariffId, tariff.cents, amount, minor, observedAt, observedOn,
        'Stationsplein', String(1 + (id % 120)), '2711 AA', prng.weighted(DISTRICTS), 52.06, 4.49,
        'Betrokkene aangesproken en gelegitimeerd.', users.boaId, users.boaBadge, observedAt, issuedOn, dueOn, objectionDueOn,
        fineKenmerk(YEAR, id), issueId, cancelledOn, cancelReason,
      ]);
    }
  }

  // The rest of the credit lines: transfers without a reference, left in suspense.
  const unmatched = spec.payments - creditLines;
  if (unmatched < 0) throw new Error(`the fines' payments alone make ${creditLines} credit lines, more than ${spec.payments}`);
  for (let i = 0; i < unmatched; i++) {
    const cents = prng.int(10, 200) * 100;
    bankLine(addDays(`${YEAR}-01-15`, prng.int(0, 440)), cents, 'credit', null);
    exp.money.unallocatedReceiptsCents += cents;
  }
  for (const [date, r] of runs) files.collection_runs.row([r.id, date, `${date}T05:00:00.000Z`, users.staffId, users.staffLabel, r.aanmaningen, r.dwangbevelen, 0, r.costs]);
  for (const [date, imp] of imports) files.bank_imports.row([imp.id, 'camt053', `afschrift-${date}.xml`, createHash('sha256').update(`bench-import:${date}`).digest('hex'), 'utf-8', `${addDays(date, 1)}T07:00:00.000Z`, users.financeId, users.financeLabel, imp.lines, imp.lines, 0, '[]']);
  const rows: Record<string, number> = {};
  for (const [t, f] of Object.entries(files)) {
    f.close();
    rows[t] = f.count;
  }
  return { dir, rows, entries, postings: postingsN, creditLines, expected: exp };
}
