// The fields of MT940 tags (domain.md §5.2). Each bank bends the standard a little; the quirks
// handled here are the ones seen in the real sample files (see the comments at each).
import type { Cents } from '../../../domain/money.js';
import { IBAN_LENGTHS, normalizeIban } from '../../../domain/iban.js';
import { civilDate, collapseWhitespace, looksLikeIban, swiftAmountToCents } from './values.js';

/** YYMMDD; SWIFT years 80–99 are 19xx. */
export function swiftDate(yymmdd: string): string | null {
  const m = /^([0-9]{2})([0-9]{2})([0-9]{2})$/.exec(yymmdd);
  if (!m) return null;
  const yy = Number(m[1]);
  return civilDate(yy >= 80 ? 1900 + yy : 2000 + yy, m[2] ?? '', m[3] ?? '');
}

export interface SwiftBalance {
  cents: Cents;
  date: string;
  currency: string;
}

/** `:60F:`/`:62F:` value `C140219EUR662,23` (D = a debit balance, negative). */
export function parseBalance(value: string): SwiftBalance | string {
  const m = /^([CD])([0-9]{6})([A-Z]{3})([0-9]+,[0-9]*)$/.exec(value.replace(/\s+/g, ''));
  if (!m) return `not a balance (C/D, YYMMDD, currency, amount): ${JSON.stringify(value)}`;
  const date = swiftDate(m[2] ?? '');
  if (date === null) return `not a date: ${JSON.stringify(m[2])}`;
  try {
    const cents = swiftAmountToCents(m[4] ?? '');
    return { cents: m[1] === 'D' && cents !== 0 ? -cents : cents, date, currency: m[3] ?? '' };
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * `:25:` holds the account in several spellings: ING `NL77INGB0574908765EUR` (currency glued on),
 * Rabobank `NL34RABO0142623393 EUR`, SNS the bare IBAN, others `BIC/account`.
 */
export function parseAccount(value: string): { account: string; currency: string | null } {
  let v = value.trim();
  if (v.includes('/')) v = v.slice(v.lastIndexOf('/') + 1);
  const compact = normalizeIban(v);
  const ibanLength = IBAN_LENGTHS[compact.slice(0, 2)];
  if (ibanLength !== undefined && compact.length === ibanLength + 3 && /[A-Z]{3}$/.test(compact)) {
    return { account: compact.slice(0, ibanLength), currency: compact.slice(ibanLength) };
  }
  const spaced = /^(.*\S)\s+([A-Z]{3})$/.exec(v);
  if (spaced) return { account: normalizeIban(spaced[1] ?? ''), currency: spaced[2] ?? null };
  return { account: compact, currency: null };
}

export interface StatementLine {
  valueDate: string;
  bookingDate: string;
  direction: 'credit' | 'debit';
  reversal: boolean;
  amountCents: Cents;
  typeCode: string;
  customerRef: string | null;
  bankRef: string | null;
  supplementary: string | null;
}

// 6!n[4!n]2a[1!a]15d1!a3!c16x[//16x] — the mark is tried as RC/RD before C/D.
const TAG61 = /^([0-9]{6})([0-9]{4})?(RC|RD|C|D)([A-Z])?([0-9]+,[0-9]*)([NFS][A-Z0-9]{3})(.*)$/;

/** The entry date MMDD takes the year that puts it nearest the value date (Dec/Jan wrap). */
function entryDate(valueDate: string, mmdd: string): string | null {
  const year = Number(valueDate.slice(0, 4));
  const candidates = [year - 1, year, year + 1]
    .map((y) => civilDate(y, mmdd.slice(0, 2), mmdd.slice(2)))
    .filter((d): d is string => d !== null);
  const distance = (d: string) => Math.abs(Date.parse(d) - Date.parse(valueDate));
  return candidates.sort((a, b) => distance(a) - distance(b))[0] ?? null;
}

/**
 * `:61:` with its continuation lines. Per SWIFT, `RC` is the reversal of a credit, so money goes
 * OUT (a debit); `RD`, the reversal of a debit, brings money back IN (a credit).
 * ING breaks these lines at odd places: the bank reference continues on the next line
 * (`//00000000001` + `005`), and `/TRCD/010` + `16` + `/` is one supplementary field.
 */
export function parseStatementLine(lines: readonly string[]): StatementLine | string {
  let first = lines[0] ?? '';
  let rest = lines.slice(1);
  let m = TAG61.exec(first);
  if (!m) {
    first = lines.join('');
    rest = [];
    m = TAG61.exec(first);
  }
  if (!m) return `not a :61: statement line: ${JSON.stringify(lines.join(' '))}`;
  const [, yymmdd = '', mmdd, mark = '', , amountText = '', typeCode = '', refs = ''] = m;
  const valueDate = swiftDate(yymmdd);
  if (valueDate === null) return `not a value date: ${JSON.stringify(yymmdd)}`;
  const bookingDate = mmdd ? entryDate(valueDate, mmdd) : valueDate;
  if (bookingDate === null) return `not an entry date: ${JSON.stringify(mmdd)}`;
  let amountCents: Cents;
  try {
    amountCents = swiftAmountToCents(amountText);
  } catch (err) {
    return (err as Error).message;
  }
  const split = refs.indexOf('//');
  const customerRef = collapseWhitespace(split === -1 ? refs : refs.slice(0, split));
  let bankRef = split === -1 ? null : refs.slice(split + 2).trim();
  const next = rest[0];
  if (bankRef !== null && next !== undefined && /^[A-Za-z0-9]+$/.test(next) && (bankRef + next).length <= 16) {
    bankRef += next;
    rest = rest.slice(1);
  }
  return {
    valueDate,
    bookingDate,
    direction: mark === 'C' || mark === 'RD' ? 'credit' : 'debit',
    reversal: mark === 'RC' || mark === 'RD',
    amountCents,
    typeCode,
    customerRef: customerRef === 'NONREF' ? null : customerRef,
    bankRef: bankRef === '' ? null : bankRef,
    supplementary: collapseWhitespace(rest.join('')),
  };
}

export interface TransactionDetails {
  endToEndId: string | null;
  counterpartyIban: string | null;
  counterpartyBic: string | null;
  counterpartyName: string | null;
  structuredReference: string | null;
  remittanceText: string | null;
  returnReason: string | null;
}

// ING (/EREF/ /CNTP/ /REMI/ …), Rabobank MT940S (/ORDP//NAME/ …, /REMI//CDTRREFTP//CD/SCOR/ISSR/CUR/CDTRREF/…)
// and ABN AMRO (/TRTP/…/IBAN/…/BIC/…/NAME/…). Longer codes first so that CDTRREFTP is not read as CD.
const CODES = ['CDTRREFTP', 'CDTRREF', 'TRTP', 'IBAN', 'EREF', 'PREF', 'MARF', 'CSID', 'CNTP', 'REMI', 'RTRN', 'IREF', 'OREF', 'ULTC', 'ULTD', 'ULTB', 'PURP', 'BENM', 'ORDP', 'NAME', 'ADDR', 'ISDT', 'TRCD', 'ACCW', 'ISSR', 'SVCL', 'BUSP', 'SUM', 'BIC', 'ID', 'CD'];
const CODE_PATTERN = new RegExp(`/(${CODES.join('|')})/`, 'g');

/** The `/CODE/value` pairs of a structured :86:, values without their closing slashes. */
export function structuredFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  const matches = [...text.matchAll(CODE_PATTERN)];
  matches.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = matches[i + 1]?.index ?? text.length;
    const code = m[1] ?? '';
    if (!fields.has(code)) fields.set(code, text.slice(start, end).replace(/\/+$/, ''));
  });
  return fields;
}

function fromStructured(text: string): TransactionDetails {
  const f = structuredFields(text);
  const [cntpIban, cntpBic, cntpName] = (f.get('CNTP') ?? '').split('/');
  const remi = f.get('REMI') ?? '';
  let structured = collapseWhitespace(f.get('CDTRREF'));
  let remittance: string | null = null;
  if (remi.startsWith('USTD//')) remittance = remi.slice(6);
  else if (remi.startsWith('STRD/')) structured = collapseWhitespace(remi.split('/')[2]);
  else if (remi.replace(/\//g, '') !== '') remittance = remi;
  const eref = collapseWhitespace(f.get('EREF'));
  const [accwIban, accwBic] = (f.get('ACCW') ?? '').split(',');
  return {
    endToEndId: eref === 'NOTPROVIDED' ? null : eref,
    counterpartyIban: [cntpIban, accwIban, f.get('IBAN')].map((i) => i ?? '').filter(looksLikeIban).map(normalizeIban)[0] ?? null,
    counterpartyBic: collapseWhitespace(cntpBic) ?? collapseWhitespace(accwBic) ?? collapseWhitespace(f.get('BIC')),
    counterpartyName: collapseWhitespace(cntpName) ?? collapseWhitespace(f.get('NAME')),
    structuredReference: structured,
    remittanceText: collapseWhitespace(remittance),
    returnReason: collapseWhitespace((f.get('RTRN') ?? '').split('/')[0]),
  };
}

/**
 * Free-text :86: (SNS and others): lines are padded to 65 columns, and a full line was cut
 * mid-word ("VNKlant" + "nr"), so full lines are joined without a space, shorter ones with one.
 */
function joinFreeText(lines: readonly string[]): string {
  return lines
    .map((line, i) => {
      const width = i === 0 ? line.length + 4 : line.length; // the first line follows ":86:"
      return i < lines.length - 1 && width < 65 ? `${line} ` : line;
    })
    .join('');
}

/** `:86:` lines; structured when they start with a known `/CODE/`, else free text. */
export function parseDetails(lines: readonly string[]): TransactionDetails {
  // Structured :86: wraps at 65 columns anywhere, even inside a code ("/REM" + "I/"), so the
  // lines are glued back without inserting anything.
  const glued = lines.join('');
  if (/^\s*\/[A-Z]{2,9}\//.test(glued) && structuredFields(glued).size > 0) return fromStructured(glued.trim());
  return {
    endToEndId: null,
    counterpartyIban: null,
    counterpartyBic: null,
    counterpartyName: null,
    structuredReference: null,
    remittanceText: collapseWhitespace(joinFreeText(lines)),
    returnReason: null,
  };
}
