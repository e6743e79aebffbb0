// One camt.053 <Ntry> to ParsedLines (domain.md §5.1): one line per <TxDtls>, so a batch of
// fines paid in one collective credit is matched detail by detail.
import type { Cents } from '../../../domain/money.js';
import type { ParseEvent, ParsedLine, ParseProblem } from './statement.types.js';
import { child, children, textAt, type XmlNode } from './camt053-xml.js';
import { collapseWhitespace, dateFromDateTime, dateFromText, ibanOrNull, joinText, structuredReferenceValue, xmlDecimalToCents } from './values.js';

export interface EntryContext {
  statementIndex: number;
  account: string;
}

/** Dt or DtTm under a date element (BookgDt, ValDt, Bal/Dt). */
export function dateOf(node: XmlNode | undefined): string | null {
  const d = textAt(node, 'Dt');
  if (d !== null) return dateFromText(d);
  const dt = textAt(node, 'DtTm');
  return dt === null ? null : dateFromDateTime(dt);
}

/** ISO Domn/Fmly/SubFmly as "PMNT/RCDT/ESCT", else the bank's proprietary code (Rabobank "541"). */
export function bankTransactionCode(btc: XmlNode | undefined): string | null {
  const domain = textAt(btc, 'Domn', 'Cd');
  if (domain !== null) return [domain, textAt(btc, 'Domn', 'Fmly', 'Cd'), textAt(btc, 'Domn', 'Fmly', 'SubFmlyCd')].filter(Boolean).join('/');
  return textAt(btc, 'Prtry', 'Cd');
}

/** The detail's own amount if it is in the entry's currency (a GBP instructed amount is not). */
function detailAmount(tx: XmlNode, currency: string | undefined): Cents | null {
  for (const amt of [child(tx, 'AmtDtls', 'TxAmt', 'Amt'), child(tx, 'Amt')]) {
    if (!amt || amt.attrs.Ccy !== currency) continue;
    try {
      return xmlDecimalToCents(amt.text);
    } catch {
      return null;
    }
  }
  return null;
}

interface Party {
  name: string | null;
  iban: string | null;
  bic: string | null;
}

function party(tx: XmlNode | undefined, side: 'Dbtr' | 'Cdtr'): Party {
  const pties = child(tx, 'RltdPties');
  const agent = child(tx, 'RltdAgts', `${side}Agt`, 'FinInstnId');
  return {
    name: textAt(pties, side, 'Nm') ?? textAt(pties, `Ultmt${side}`, 'Nm'),
    iban: ibanOrNull(textAt(pties, `${side}Acct`, 'Id', 'IBAN')),
    bic: textAt(agent, 'BIC') ?? textAt(agent, 'BICFI'),
  };
}

/**
 * The other party: the debtor of a credit, the creditor of a debit. A storno describes the
 * original transaction, so for a reversed credit (RvslInd with DBIT) the payer is still the
 * Dbtr; if the preferred side is empty the other one is used unless it is our own account.
 */
function counterparty(tx: XmlNode | undefined, direction: 'credit' | 'debit', reversal: boolean, ownAccount: string): Party {
  const originalCredit = (direction === 'credit') !== reversal;
  const [preferred, other] = originalCredit ? (['Dbtr', 'Cdtr'] as const) : (['Cdtr', 'Dbtr'] as const);
  const first = party(tx, preferred);
  if (first.name !== null || first.iban !== null) return first;
  const second = party(tx, other);
  return second.iban !== null && second.iban === ownAccount ? first : second;
}

export function entryToEvents(ntry: XmlNode, ctx: EntryContext): ParseEvent[] {
  const problems: ParseProblem[] = [];
  const bad = (field: string, reason: string) => problems.push({ lineNo: ntry.line, field: `Ntry/${field}`, reason });

  // camt.053 should hold booked entries only; a pending one (PDNG) does not move money yet.
  const status = textAt(ntry, 'Sts') ?? textAt(ntry, 'Sts', 'Cd');
  if (status === 'PDNG' || status === 'INFO') return [];

  const amtNode = child(ntry, 'Amt');
  let amount: Cents | null = null;
  try {
    amount = amtNode ? xmlDecimalToCents(amtNode.text) : null;
    if (amount === null) bad('Amt', 'amount missing');
  } catch (err) {
    bad('Amt', (err as Error).message);
  }
  const cdi = textAt(ntry, 'CdtDbtInd');
  if (cdi !== 'CRDT' && cdi !== 'DBIT') bad('CdtDbtInd', `expected CRDT or DBIT, found ${JSON.stringify(cdi)}`);
  const valueDate = dateOf(child(ntry, 'ValDt'));
  const bookingDate = dateOf(child(ntry, 'BookgDt')) ?? valueDate;
  if (bookingDate === null) bad('BookgDt', 'booking date missing or not a date');
  if (problems.length > 0 || amount === null || bookingDate === null) return problems.map((problem) => ({ type: 'problem', problem }));

  const direction = cdi === 'CRDT' ? 'credit' : 'debit';
  const rvsl = textAt(ntry, 'RvslInd');
  const reversal = rvsl === 'true' || rvsl === '1';
  const currency = amtNode?.attrs.Ccy;
  const details = children(ntry, 'NtryDtls').flatMap((d) => children(d, 'TxDtls'));
  const entryRef = textAt(ntry, 'AcctSvcrRef');
  const entryCode = bankTransactionCode(child(ntry, 'BkTxCd'));
  const entryInfo = textAt(ntry, 'AddtlNtryInf');

  const lineFor = (tx: XmlNode | undefined, amountCents: Cents, position: number, count: number): ParseEvent => {
    const cp = counterparty(tx, direction, reversal, ctx.account);
    const unstructured = tx ? children(child(tx, 'RmtInf'), 'Ustrd').map((u) => u.text) : [];
    const e2e = collapseWhitespace(textAt(tx, 'Refs', 'EndToEndId'));
    const line: ParsedLine = {
      statementIndex: ctx.statementIndex,
      lineNo: ntry.line,
      account: ctx.account,
      bookingDate,
      valueDate,
      amountCents,
      direction,
      reversal,
      returnReason: textAt(tx, 'RtrInf', 'Rsn', 'Cd') ?? textAt(tx, 'RtrInf', 'Rsn', 'Prtry'),
      bankReference: entryRef ?? textAt(tx, 'Refs', 'AcctSvcrRef'),
      endToEndId: e2e === 'NOTPROVIDED' ? null : e2e,
      positionInEntry: position,
      entryDetailCount: count,
      counterpartyIban: cp.iban,
      counterpartyName: collapseWhitespace(cp.name),
      counterpartyBic: cp.bic,
      structuredReference: structuredReferenceValue(textAt(child(tx, 'RmtInf', 'Strd'), 'CdtrRefInf', 'Ref')),
      // Ustrd is what the payer typed; without it, the bank's own description of the detail or,
      // for a single-detail entry, of the entry (ABN AMRO puts only AddtlTxInf on some credits).
      remittanceText: joinText(unstructured) ?? collapseWhitespace(textAt(tx, 'AddtlTxInf')) ?? (count === 1 ? collapseWhitespace(entryInfo) : null),
      bankTransactionCode: bankTransactionCode(child(tx, 'BkTxCd')) ?? entryCode,
    };
    return { type: 'line', line };
  };

  if (details.length <= 1) return [lineFor(details[0], amount, 0, 1)];

  const amounts = details.map((tx) => detailAmount(tx, currency));
  // A batch booked as one total without per-detail amounts cannot be split exactly: one line.
  if (amounts.some((a) => a === null)) return [lineFor(undefined, amount, 0, 1)];
  const sum = (amounts as Cents[]).reduce((a, b) => a + b, 0);
  if (sum !== amount) {
    bad('NtryDtls/TxDtls', `detail amounts add up to ${sum} cents, the entry is ${amount} cents`);
    return problems.map((problem) => ({ type: 'problem', problem }));
  }
  return details.map((tx, i) => lineFor(tx, amounts[i] as Cents, i, details.length));
}
