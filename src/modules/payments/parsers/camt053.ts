// camt.053.001.02 / .04 (domain.md §5.1): several <Stmt> per document, each with balances and
// entries. Streams with saxes (camt053-xml.ts); a statement event follows its entries.
import type { Cents } from '../../../domain/money.js';
import type { ParseEvent, ParsedStatement } from './statement.types.js';
import { children, readCamtPieces, textAt, type XmlNode } from './camt053-xml.js';
import { dateOf, entryToEvents } from './camt053-entry.js';
import { xmlDecimalToCents } from './values.js';
import { normalizeIban } from '../../../domain/iban.js';

interface Balance {
  cents: Cents;
  date: string | null;
  currency: string | null;
}

/** Balances by type code, signed by CdtDbtInd; a malformed one is reported by the caller. */
function balances(header: XmlNode): { byType: Map<string, Balance>; errors: string[] } {
  const byType = new Map<string, Balance>();
  const errors: string[] = [];
  for (const bal of children(header, 'Bal')) {
    const type = textAt(bal, 'Tp', 'CdOrPrtry', 'Cd') ?? textAt(bal, 'Tp', 'CdOrPrtry', 'Prtry') ?? '';
    const amt = bal.children.find((c) => c.name === 'Amt');
    try {
      const cents = xmlDecimalToCents(amt?.text ?? '');
      const signed = textAt(bal, 'CdtDbtInd') === 'DBIT' && cents !== 0 ? -cents : cents;
      if (!byType.has(type)) byType.set(type, { cents: signed, date: dateOf(bal.children.find((c) => c.name === 'Dt')), currency: amt?.attrs.Ccy ?? null });
    } catch (err) {
      errors.push(`balance ${type}: ${(err as Error).message}`);
    }
  }
  return { byType, errors };
}

function statementFrom(header: XmlNode, index: number): { statement: ParsedStatement; problems: ParseEvent[] } {
  const problems: ParseEvent[] = [];
  const bad = (field: string, reason: string) => problems.push({ type: 'problem', problem: { lineNo: header.line, field: `Stmt/${field}`, reason } });
  const { byType, errors } = balances(header);
  for (const e of errors) bad('Bal', e);
  // PRCD (previous closing) stands in for OPBD at banks that send only that; ITBD is intraday.
  const opening = byType.get('OPBD') ?? byType.get('PRCD');
  const closing = byType.get('CLBD');
  const account = textAt(header, 'Acct', 'Id', 'IBAN') ?? textAt(header, 'Acct', 'Id', 'Othr', 'Id');
  if (account === null) bad('Acct/Id/IBAN', 'statement without an account');
  const currency = textAt(header, 'Acct', 'Ccy') ?? opening?.currency ?? closing?.currency ?? null;
  if (currency === null) bad('Acct/Ccy', 'statement without a currency (no Acct/Ccy, no balance)');
  const statement: ParsedStatement = {
    index,
    format: 'camt053',
    account: account === null ? '' : normalizeIban(account),
    currency: currency ?? '',
    statementId: textAt(header, 'Id'),
    sequence: textAt(header, 'ElctrncSeqNb') ?? textAt(header, 'LglSeqNb'),
    openingBalanceCents: opening?.cents ?? null,
    openingBalanceDate: opening?.date ?? null,
    closingBalanceCents: closing?.cents ?? null,
    closingBalanceDate: closing?.date ?? null,
    lineNo: header.line,
  };
  return { statement, problems };
}

export async function* parseCamt053(text: AsyncIterable<string>): AsyncGenerator<ParseEvent> {
  let index = -1;
  let current: ParsedStatement | undefined;
  for await (const piece of readCamtPieces(text)) {
    switch (piece.kind) {
      case 'statement-start': {
        index += 1;
        const { statement, problems } = statementFrom(piece.header, index);
        current = statement;
        yield* problems;
        break;
      }
      case 'entry':
        if (current) yield* entryToEvents(piece.entry, { statementIndex: current.index, account: current.account });
        break;
      case 'statement-end':
        if (current) yield { type: 'statement', statement: current };
        current = undefined;
        break;
      case 'xml-error':
        yield { type: 'problem', problem: { lineNo: piece.line, field: 'xml', reason: `not well-formed XML: ${piece.message}` } };
        return;
    }
  }
}
