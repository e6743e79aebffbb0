import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { toSafeInteger } from '../../shared/db.js';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors.js';
import { requirePolicyValue } from '../../domain/policy.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { Ledger } from '../ledger/ledger.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { bankTransactionToDb, countBankTransactionsByStatus, findImport } from './bank.repository.js';
import type { BankTransaction } from './bank.types.js';
import { baseKey, lineIdentity, OccurrenceCounter } from './line-identity.js';
import type { MatchingService } from './matching.service.js';
import { readStatement } from './parsers/read-statement.js';
import { createImportMatcher, type ImportMatcher } from './page-matching.js';
import type { FormatOption, ParsedLine, ParsedStatement } from './parsers/statement.types.js';

export interface ImportResult {
  statementId: number | null;
  format: string;
  account: string | null;
  transactions: number;
  duplicates: number;
  credits: number;
  debits: number;
  matched: number;
  partiallyMatched: number;
  suggested: number;
  unmatched: number;
  totalCreditCents: number;
  totalDebitCents: number;
  openingBalanceCents: number | null;
  closingBalanceCents: number | null;
  warnings: string[];
  dryRun: boolean;
}

/**
 * Lines per batch. Larger batches mean fewer statements, each a trip the busy JavaScript thread
 * must make time for; but a batch's rows and its script are held until written, and V8 lets the
 * heap grow a few times what is held. 750 imported 1 000 000 lines in the same time as 1 000 with
 * a peak RSS of 278 MB instead of 310 MB (BENCHMARKS.md's memory run, development runs); 500 was
 * slower on PostgreSQL.
 */
export const IMPORT_BATCH_LINES = 750;

/** Thrown inside the transaction to roll a dry run back after computing its result. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

export function createImportService(deps: { db: Knex; clock: Clock; audit: AuditLog; ledger: Ledger; reference: ReferenceService; matching: MatchingService }) {
  const { db, clock, audit, ledger, reference, matching } = deps;

  /**
   * Hands a batch of parsed lines to the matcher, which stores, books and matches them. A line
   * whose identity an earlier import stored is a duplicate: left out and only counted.
   */
  async function store(importId: number, matcher: ImportMatcher, pending: { line: ParsedLine; identity: string; statementDbId: number | null }[], result: ImportResult) {
    if (pending.length === 0) return;
    // Every field written out, not a spread: V8 (Node 20) builds `{ ...l, more }` on a slow path.
    const lines = pending.map(({ line: l }): BankTransaction => ({
      id: 0, // given by the matcher once the line is stored (page-matching.ts)
      importId, lineNo: l.lineNo, account: l.account, bookingDate: l.bookingDate, valueDate: l.valueDate, amountCents: l.amountCents, direction: l.direction,
      reversal: l.reversal, returnReason: l.returnReason, bankReference: l.bankReference, endToEndId: l.endToEndId, positionInEntry: l.positionInEntry,
      counterpartyIban: l.counterpartyIban, counterpartyName: l.counterpartyName, counterpartyBic: l.counterpartyBic, structuredReference: l.structuredReference,
      remittanceText: l.remittanceText, bankCode: l.bankTransactionCode,
    }));
    const rows = lines.map((l, i) => bankTransactionToDb(l, pending[i]!.identity, pending[i]!.statementDbId));
    result.duplicates += await matcher.add({ rows, identities: pending.map((p) => p.identity), lines });
  }

  return {
    /** A stored import: what it read and added, and where its lines stand now (by status). */
    async summary(importId: number) {
      const found = await findImport(db, importId);
      if (!found) throw new NotFoundError(`Import ${importId} bestaat niet.`);
      return { ...found, lines: await countBankTransactionsByStatus(db, importId) };
    },

    /**
     * Imports one bank statement file in one transaction: a file with any bad line imports
     * nothing and the error lists every bad line. Known lines are counted as duplicates; new
     * lines are booked and matched. Streams the file; never holds it whole.
     */
    async importStatement(actor: Actor, source: AsyncIterable<Buffer>, options: { format?: FormatOption; fileName?: string | null; dryRun?: boolean; requestId?: string | null }): Promise<ImportResult> {
      // Read before the transaction: on SQLite the transaction holds the only connection.
      const municipality = await reference.municipality();
      const windowDays = requirePolicyValue(await reference.policyValues(), 'suggestion_window_days', clock.today());
      const hash = createHash('sha256');
      async function* hashed() {
        for await (const chunk of source) {
          hash.update(chunk);
          yield chunk;
        }
      }
      try {
        return await db.transaction(async (trx) => {
          const { detected, events } = readStatement(hashed(), { format: options.format ?? 'auto' });
          const [importRow] = await trx('bank_imports')
            .insert({ format: 'pending', file_name: options.fileName ?? null, file_sha256: '', encoding: '', imported_at: clock.now().toISOString(), actor_user_id: actor.userId, actor: actor.label, transactions: 0, new_lines: 0, duplicates: 0, warnings: '[]' })
            .returning('id');
          const importId = toSafeInteger((importRow as Record<string, unknown>).id);
          const result: ImportResult = { statementId: importId, format: '', account: null, transactions: 0, duplicates: 0, credits: 0, debits: 0, matched: 0, partiallyMatched: 0, suggested: 0, unmatched: 0, totalCreditCents: 0, totalDebitCents: 0, openingBalanceCents: null, closingBalanceCents: null, warnings: [], dryRun: Boolean(options.dryRun) };
          const problems: FieldError[] = [];
          // Lines of a statement arrive before the statement itself (its balances follow them in
          // MT940 and CSV), so the statement row is created on its first line and completed later.
          const statements = new Map<number, { statement: ParsedStatement | null; dbId: number; movementCents: number }>();
          const ensureStatement = async (index: number, account: string) => {
            let st = statements.get(index);
            if (!st) {
              const [row] = await trx('bank_statements').insert({ import_id: importId, account, currency: 'EUR' }).returning('id');
              st = { statement: null, dbId: toSafeInteger((row as Record<string, unknown>).id), movementCents: 0 };
              statements.set(index, st);
            }
            return st;
          };
          const foreignAccounts = new Set<string>();
          const checkAccount = (account: string, line: number) => {
            if (account !== municipality.iban && !foreignAccounts.has(account)) {
              foreignAccounts.add(account);
              problems.push({ line, field: 'account', message: `rekening ${account} is niet de rekening van de gemeente (${municipality.iban})` });
            }
          };
          const occurrences = new OccurrenceCounter();
          let pending: { line: ParsedLine; identity: string; statementDbId: number | null }[] = [];
          let storing: Promise<void> = Promise.resolve();
          const matcher = createImportMatcher(trx, { clock, ledger, matching }, actor, importId, windowDays);
          try {
            for await (const event of events) {
              if (event.type === 'problem') {
                problems.push({ line: event.problem.lineNo, field: event.problem.field, message: event.problem.reason });
              } else if (event.type === 'statement') {
                const s = event.statement;
                checkAccount(s.account, s.lineNo);
                const st = await ensureStatement(s.index, s.account);
                st.statement = s;
                await trx('bank_statements').where({ id: st.dbId }).update({ account: s.account, currency: s.currency, bank_statement_id: s.statementId, sequence: s.sequence, opening_balance_cents: s.openingBalanceCents, opening_date: s.openingBalanceDate, closing_balance_cents: s.closingBalanceCents, closing_date: s.closingBalanceDate });
              } else {
                const l = event.line;
                result.transactions += 1;
                result.account ??= l.account;
                checkAccount(l.account, l.lineNo);
                if (l.direction === 'credit') {
                  result.credits += 1;
                  result.totalCreditCents += l.amountCents;
                } else {
                  result.debits += 1;
                  result.totalDebitCents += l.amountCents;
                }
                const st = await ensureStatement(l.statementIndex, l.account);
                st.movementCents += l.direction === 'credit' ? l.amountCents : -l.amountCents;
                if (problems.length > 0) continue; // keep reading to list every bad line, write nothing more
                const base = baseKey(l);
                pending.push({ line: l, identity: lineIdentity(base, occurrences.next(base)), statementDbId: st.dbId });
                if (pending.length >= IMPORT_BATCH_LINES) {
                  // Stored while the next batch is read: at most one batch in flight.
                  await storing;
                  storing = store(importId, matcher, pending, result);
                  storing.catch(() => undefined); // awaited later; a failure is raised there
                  pending = [];
                }
              }
            }
          } finally {
            // A failure ends the loop only once the statements in flight are done.
            await storing.catch(() => undefined);
            await matcher.drained();
          }
          const ordered = [...statements.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
          const withBalances = ordered.filter((x): x is { statement: ParsedStatement; dbId: number; movementCents: number } => x.statement !== null);
          result.account ??= withBalances[0]?.statement.account ?? null;
          result.openingBalanceCents = withBalances.find((x) => x.statement.openingBalanceCents !== null)?.statement.openingBalanceCents ?? null;
          result.closingBalanceCents = [...withBalances].reverse().find((x) => x.statement.closingBalanceCents !== null)?.statement.closingBalanceCents ?? null;
          if (result.transactions === 0 && statements.size === 0 && problems.length === 0) {
            problems.push({ line: 1, field: 'file', message: 'het bestand bevat geen afschrift en geen regels' });
          }
          if (problems.length > 0) {
            throw new ValidationError(`Het afschrift is niet ingelezen: ${problems.length} ${problems.length === 1 ? 'fout' : 'fouten'}. Er is niets opgeslagen.`, { errors: problems });
          }
          await storing;
          await store(importId, matcher, pending, result);
          Object.assign(result, await matcher.finish());
          const format = await detected;
          result.format = format.format;
          result.warnings.push(...(await balanceWarnings(trx, importId, withBalances)));
          await trx('bank_imports').where({ id: importId }).update({ format: format.format, encoding: format.encoding, file_sha256: hash.digest('hex'), transactions: result.transactions, new_lines: result.transactions - result.duplicates, duplicates: result.duplicates, warnings: JSON.stringify(result.warnings) });
          await audit.record(trx, actor, { action: 'bank-statement.import', subjectType: 'bank_import', subjectId: importId, details: { format: format.format, transactions: result.transactions, duplicates: result.duplicates, matched: result.matched }, requestId: options.requestId ?? null });
          if (options.dryRun) throw new DryRunRollback({ ...result, statementId: null });
          return result;
        });
      } catch (err) {
        if (err instanceof DryRunRollback) return err.result;
        throw err;
      }
    },
  };
}

/**
 * Each statement with balances must add up (opening + lines = closing), and its opening balance
 * must continue the previous statement of the same account; a gap means lines are missing.
 */
async function balanceWarnings(trx: Knex.Transaction, importId: number, statements: { statement: ParsedStatement; dbId: number; movementCents: number }[]): Promise<string[]> {
  const warnings: string[] = [];
  for (const { statement: s, movementCents } of statements) {
    const label = s.statementId ? `afschrift ${s.statementId}` : `afschrift ${s.index + 1}`;
    if (s.openingBalanceCents !== null && s.closingBalanceCents !== null && s.openingBalanceCents + movementCents !== s.closingBalanceCents) {
      warnings.push(`${label}: beginsaldo ${s.openingBalanceCents} + mutaties ${movementCents} ≠ eindsaldo ${s.closingBalanceCents} (cent): het afschrift is onvolledig.`);
    }
  }
  const first = statements.find((x) => x.statement.openingBalanceCents !== null && x.statement.openingBalanceDate !== null);
  if (first) {
    const s = first.statement;
    const before = trx('bank_statements').where('account', s.account).whereNot('import_id', importId).whereNotNull('closing_balance_cents').where('closing_date', '<=', s.openingBalanceDate!);
    // The same statement downloaded again is not its own predecessor.
    if (s.statementId) before.where((q) => q.whereNull('bank_statement_id').orWhereNot('bank_statement_id', s.statementId));
    const latest = await before.clone().max({ d: 'closing_date' }).first();
    if (latest?.d) {
      const closings = (await before.clone().where('closing_date', latest.d).select('closing_balance_cents')).map((r) => toSafeInteger(r.closing_balance_cents));
      if (!closings.includes(s.openingBalanceCents!)) {
        warnings.push(`GAT IN DE AFSCHRIFTEN: het beginsaldo ${s.openingBalanceCents} sluit niet aan op het eindsaldo ${closings[0]} van ${String(latest.d)}; er ontbreken regels.`);
      }
    }
  }
  return warnings;
}

export type ImportService = ReturnType<typeof createImportService>;
