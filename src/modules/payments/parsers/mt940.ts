// MT940 and Rabobank MT940S (domain.md §5.2), read line by line: a tag starts with `:NN[A]:`,
// every other line continues the tag before it. A statement runs from `:20:` to the next `:20:`,
// the end of a SWIFT block (`-}`) or the end of the file; it is emitted after its lines, when
// its closing balance (`:62F:`) is known — SNS leaves that out of its last block (null).
import type { ParseEvent, ParsedStatement } from './statement.types.js';
import { splitLines } from './text-stream.js';
import { parseAccount, parseBalance, parseDetails, parseStatementLine } from './mt940-fields.js';
import { collapseWhitespace, joinText, looksLikeIban } from './values.js';
import { normalizeIban } from '../../../domain/iban.js';

interface Tag {
  name: string;
  lineNo: number;
  lines: string[];
}

interface OpenStatement {
  statement: ParsedStatement;
  accountCurrency: string | null;
  balanceCurrency: string | null;
  pending: { tag61: Tag; tag86: Tag | null } | null;
}

export class Mt940Reader {
  private current: OpenStatement | null = null;
  private count = 0;

  /** Handles one complete tag. */
  *tag(tag: Tag): Generator<ParseEvent> {
    const value = tag.lines.join('');
    const cur = this.current;
    switch (tag.name) {
      case '20':
        yield* this.endStatement();
        this.current = this.open(tag, value.trim());
        return;
      case '25':
      case '28C':
      case '28':
      case '60F':
      case '60M':
        if (!cur) {
          yield this.outside(tag);
          return;
        }
        if (tag.name === '25') {
          const { account, currency } = parseAccount(value);
          cur.statement.account = account;
          cur.accountCurrency = currency;
        } else if (tag.name.startsWith('28')) {
          cur.statement.sequence = value.trim();
          cur.statement.statementId = `${cur.statement.statementId ?? ''}/${value.trim()}`;
        } else yield* this.balance(tag, value, 'opening');
        return;
      case '61':
        if (!cur) {
          yield this.outside(tag);
          return;
        }
        yield* this.flushLine();
        cur.pending = { tag61: tag, tag86: null };
        return;
      case '86':
        // After :61: the details of that line; elsewhere (after :62F:, "/SUM/…") a summary.
        if (cur?.pending && cur.pending.tag86 === null) cur.pending.tag86 = tag;
        return;
      case '62F':
      case '62M':
        yield* this.flushLine();
        if (cur) yield* this.balance(tag, value, 'closing');
        return;
      default:
        // :64: / :65: (available balances) and :13D:, :34F: … are not needed for the ledger.
        yield* this.flushLine();
    }
  }

  private open(tag: Tag, reference: string): OpenStatement {
    const statement: ParsedStatement = {
      index: this.count,
      format: 'mt940',
      account: '',
      currency: '',
      statementId: reference,
      sequence: null,
      openingBalanceCents: null,
      openingBalanceDate: null,
      closingBalanceCents: null,
      closingBalanceDate: null,
      lineNo: tag.lineNo,
    };
    this.count += 1;
    return { statement, accountCurrency: null, balanceCurrency: null, pending: null };
  }

  private outside(tag: Tag): ParseEvent {
    return { type: 'problem', problem: { lineNo: tag.lineNo, field: `:${tag.name}:`, reason: 'tag outside a statement (no :20: before it)' } };
  }

  private *balance(tag: Tag, value: string, which: 'opening' | 'closing'): Generator<ParseEvent> {
    const cur = this.current;
    if (!cur) return;
    const balance = parseBalance(value);
    if (typeof balance === 'string') {
      yield { type: 'problem', problem: { lineNo: tag.lineNo, field: `:${tag.name}:`, reason: balance } };
      return;
    }
    cur.balanceCurrency ??= balance.currency;
    if (which === 'opening' && cur.statement.openingBalanceCents === null) {
      cur.statement.openingBalanceCents = balance.cents;
      cur.statement.openingBalanceDate = balance.date;
    } else if (which === 'closing') {
      cur.statement.closingBalanceCents = balance.cents;
      cur.statement.closingBalanceDate = balance.date;
    }
  }

  private *flushLine(): Generator<ParseEvent> {
    const cur = this.current;
    const pending = cur?.pending;
    if (!cur || !pending) return;
    cur.pending = null;
    const { tag61, tag86 } = pending;
    const parsed = parseStatementLine(tag61.lines);
    if (typeof parsed === 'string') {
      yield { type: 'problem', problem: { lineNo: tag61.lineNo, field: ':61:', reason: parsed } };
      return;
    }
    const details = parseDetails(tag86?.lines ?? []);
    // Counterparty from :61: itself when :86: has none: SNS writes the IBAN as customer reference
    // and the name as supplementary details; Rabobank the IBAN as supplementary details.
    const iban61 = [parsed.customerRef, parsed.supplementary].find((t) => t !== null && looksLikeIban(t)) ?? null;
    const name61 = parsed.supplementary !== null && !parsed.supplementary.startsWith('/') && !looksLikeIban(parsed.supplementary) ? parsed.supplementary : null;
    const counterpartyIban = details.counterpartyIban ?? (iban61 === null ? null : normalizeIban(iban61));
    const counterpartyName = details.counterpartyName ?? name61;
    yield {
      type: 'line',
      line: {
        statementIndex: cur.statement.index,
        lineNo: tag61.lineNo,
        account: cur.statement.account,
        bookingDate: parsed.bookingDate,
        valueDate: parsed.valueDate,
        amountCents: parsed.amountCents,
        direction: parsed.direction,
        reversal: parsed.reversal,
        returnReason: details.returnReason,
        bankReference: parsed.bankRef,
        endToEndId: details.endToEndId,
        positionInEntry: 0,
        entryDetailCount: 1,
        counterpartyIban,
        counterpartyName,
        counterpartyBic: details.counterpartyBic,
        structuredReference: details.structuredReference,
        remittanceText: withoutCounterpartyPrefix(details.remittanceText, counterpartyIban, counterpartyName),
        bankTransactionCode: parsed.typeCode,
      },
    };
  }

  /** Ends the open statement (a new :20:, the end of a SWIFT block, the end of the file). */
  *endStatement(): Generator<ParseEvent> {
    yield* this.flushLine();
    const cur = this.current;
    if (!cur) return;
    this.current = null;
    const s = cur.statement;
    s.currency = cur.balanceCurrency ?? cur.accountCurrency ?? '';
    if (s.account === '') yield { type: 'problem', problem: { lineNo: s.lineNo, field: ':25:', reason: 'statement without an account (:25:)' } };
    if (s.currency === '') yield { type: 'problem', problem: { lineNo: s.lineNo, field: ':60F:', reason: 'statement without a currency (no :60F: balance)' } };
    yield { type: 'statement', statement: s };
  }
}

/** SNS repeats "<IBAN> <name>" at the start of the free text; the rest is what the payer wrote. */
function withoutCounterpartyPrefix(text: string | null, iban: string | null, name: string | null): string | null {
  if (text === null || iban === null) return text;
  const prefix = joinText([iban, name]) ?? '';
  return text.toUpperCase().startsWith(prefix.toUpperCase()) ? collapseWhitespace(text.slice(prefix.length)) : text;
}

export async function* parseMt940(text: AsyncIterable<string>): AsyncGenerator<ParseEvent> {
  const reader = new Mt940Reader();
  let tag: Tag | null = null;
  for await (const { text: raw, lineNo } of splitLines(text)) {
    let line = raw;
    // "-}" closes a SWIFT block; a lone "-" separates messages in bare files, except inside
    // ING's :86:, which wraps "/MARF/MND" + "-" + "EV01" onto a line of its own.
    if (line.startsWith('-}') || (line.trim() === '-' && tag?.name !== '86')) {
      if (tag) yield* reader.tag(tag);
      tag = null;
      yield* reader.endStatement();
      continue;
    }
    if (line.startsWith('{')) {
      // Envelope "{1:…}{2:…}{4:"; text after "{4:" on the same line is message content.
      const at = line.indexOf('{4:');
      if (at === -1 || line.slice(at + 3).trim() === '') continue;
      line = line.slice(at + 3);
    }
    if (line.trim() === ':940:') continue; // Rabobank MT940S file header
    const m = /^:([0-9]{2}[A-Z]?):(.*)$/.exec(line);
    if (m) {
      if (tag) yield* reader.tag(tag);
      tag = { name: m[1] ?? '', lineNo, lines: [m[2] ?? ''] };
    } else if (tag) tag.lines.push(line);
    // Lines before the first tag (ABN AMRO's "ABNANL2A" / "940" header) carry nothing we need.
  }
  if (tag) yield* reader.tag(tag);
  yield* reader.endStatement();
}
