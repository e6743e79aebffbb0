// A CSV export is one statement per own account in it (ING puts all accounts of a customer in
// one file). Statements get their index when the account is first seen; the statement event is
// emitted at the end of the file, when its balances are known (see parse-statement.ts).
import type { DetectedFormat, ParseEvent, ParseProblem, ParsedLine, ParsedStatement, StatementFormat } from './statement.types.js';
import { BalanceTracker, type BalanceRow } from './csv-balance.js';
import { readCsvRecords } from './csv-records.js';

export interface CsvStatementState {
  index: number;
  account: string;
  currency: string;
  lineNo: number;
  balances: BalanceTracker;
}

export class CsvStatements {
  private readonly byAccount = new Map<string, CsvStatementState>();

  constructor(private readonly format: StatementFormat) {}

  /** The statement of an own account, created (with the next index) when first seen. */
  forAccount(account: string, currency: string, lineNo: number): CsvStatementState {
    let state = this.byAccount.get(account);
    if (!state) {
      state = { index: this.byAccount.size, account, currency, lineNo, balances: new BalanceTracker() };
      this.byAccount.set(account, state);
    }
    return state;
  }

  *events(): Generator<ParseEvent> {
    for (const s of this.byAccount.values()) {
      const statement: ParsedStatement = {
        index: s.index,
        format: this.format,
        account: s.account,
        currency: s.currency,
        statementId: null,
        sequence: null,
        ...s.balances.result(),
        lineNo: s.lineNo,
      };
      yield { type: 'statement', statement };
    }
  }
}

/** What a row mapper returns: a line with its balance facts, or the problems that stop it. */
export type RowResult =
  | { ok: true; account: string; currency: string; line: Omit<ParsedLine, 'statementIndex'>; balance: BalanceRow }
  | { ok: false; problems: ParseProblem[] };

export type RowMapper = (fields: readonly string[], header: readonly string[], lineNo: number) => RowResult;

/**
 * The shared CSV loop: header first, then each record checked for its column count and mapped.
 * A bad row becomes problems and the loop goes on.
 */
export async function* parseCsvStatement(
  text: AsyncIterable<string>,
  detected: DetectedFormat,
  minColumns: number,
  mapRow: RowMapper,
): AsyncGenerator<ParseEvent> {
  const statements = new CsvStatements(detected.format);
  let header: string[] | undefined;
  for await (const item of readCsvRecords(text, detected.delimiter ?? ',')) {
    if (item.kind === 'problem') {
      yield { type: 'problem', problem: item.problem };
      continue;
    }
    if (!header) {
      header = item.fields.map((f) => f.trim());
      if (header.length < minColumns) {
        yield { type: 'problem', problem: { lineNo: item.lineNo, field: 'header', reason: `expected at least ${minColumns} columns, found ${header.length}` } };
        return;
      }
      continue;
    }
    if (item.fields.length !== header.length) {
      const reason = `expected ${header.length} columns, found ${item.fields.length}`;
      yield { type: 'problem', problem: { lineNo: item.lineNo, field: 'row', reason } };
      continue;
    }
    const result = mapRow(item.fields, header, item.lineNo);
    if (!result.ok) {
      for (const problem of result.problems) yield { type: 'problem', problem };
      continue;
    }
    const statement = statements.forAccount(result.account, result.currency, item.lineNo);
    statement.balances.add(result.balance);
    yield { type: 'line', line: { statementIndex: statement.index, ...result.line } };
  }
  yield* statements.events();
}
