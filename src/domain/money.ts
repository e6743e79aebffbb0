// Money is integer euro cents (design.md §4). Amounts from bank files are parsed straight from
// text to cents; a float never sits in between, because 0.1 + 0.2 !== 0.3 and a ledger must add up.

export type Cents = number;

/** Thrown when text is not an amount we can read without guessing. Carries the offending text. */
export class InvalidAmountError extends Error {
  readonly code = 'INVALID_AMOUNT';
  readonly text: string;

  constructor(text: string, reason: string) {
    super(`Invalid amount ${JSON.stringify(text)}: ${reason}`);
    this.name = 'InvalidAmountError';
    this.text = text;
  }
}

// A leading or trailing sign (some Dutch bank exports write "12,50-"), an optional euro sign or
// "EUR" before or after, and spaces (including the no-break space Intl and spreadsheets put after €).
// The Unicode minus (U+2212) appears in amounts pasted from formatted documents.
const SIGN = '[+\\-\u2212]';
const CURRENCY = '(?:€|EUR)';
const AMOUNT_SHAPE = new RegExp(
  `^(${SIGN})?\\s*(?:${CURRENCY}\\s*)?(${SIGN})?\\s*([0-9][0-9.,]*)\\s*(?:${CURRENCY}\\s*)?(${SIGN})?$`,
  'i',
);

/** Digits in groups of three after a first group of 1–3 digits that does not start with 0. */
function isGroupedInteger(groups: readonly string[]): boolean {
  const [first, ...rest] = groups;
  if (first === undefined || !/^[1-9][0-9]{0,2}$/.test(first)) return false;
  return rest.every((g) => /^[0-9]{3}$/.test(g));
}

/**
 * Splits an unsigned amount into its integer-euro digits and 0–2 fraction digits.
 *
 * Rules, in order:
 * - No separator: whole euros (`12` → 12,00).
 * - The LAST of `,` and `.` followed by 1 or 2 digits is the decimal separator (`0,5`, `12.50`,
 *   `1.234,56`, `1,234.56`). The integer part before it may use the OTHER separator to group
 *   thousands, in groups of exactly three.
 * - The last separator followed by exactly 3 digits is a thousands separator; then every
 *   separator must be the same character, in valid groups (`1.234.567`, `1,234,567`).
 *   The ambiguous single group is decided by the Dutch convention, because Dutch bank files
 *   (ING, Rabobank, ABN AMRO CSV) write decimals with a comma and never with a dot:
 *   `1.234` → thousands → 123400 cents (a euro amount never has three decimals anyway), while
 *   `1,234` / `12,345` would be three decimals in Dutch and thousands only in English; guessing
 *   wrong is off by a factor 1000, so a lone comma before three digits is refused.
 * - Anything else (3+ fraction digits, mixed-up groups, `1.234.56`) is refused.
 */
function splitAmount(body: string, original: string): { euros: string; fraction: string } {
  const lastSep = Math.max(body.lastIndexOf(','), body.lastIndexOf('.'));
  if (lastSep === -1) return { euros: body, fraction: '' };

  const sep = body.charAt(lastSep);
  const head = body.slice(0, lastSep);
  const tail = body.slice(lastSep + 1);

  if (/^[0-9]{1,2}$/.test(tail)) {
    if (head.includes(sep)) throw new InvalidAmountError(original, `"${sep}" used twice as decimal separator`);
    if (head === '') throw new InvalidAmountError(original, 'no digits before the decimal separator');
    const other = sep === ',' ? '.' : ',';
    if (head.includes(other)) {
      const groups = head.split(other);
      if (!isGroupedInteger(groups)) throw new InvalidAmountError(original, 'thousands must be grouped by three');
      return { euros: groups.join(''), fraction: tail };
    }
    if (!/^[0-9]+$/.test(head)) throw new InvalidAmountError(original, 'unexpected separator');
    return { euros: head, fraction: tail };
  }

  if (/^[0-9]{3}$/.test(tail)) {
    const groups = body.split(sep);
    if (sep === ',' && groups.length === 2) {
      throw new InvalidAmountError(original, 'ambiguous: three decimals (Dutch) or a thousands separator (English)');
    }
    if (groups.some((g) => !/^[0-9]+$/.test(g)) || !isGroupedInteger(groups)) {
      throw new InvalidAmountError(original, 'more than two decimals or badly grouped thousands');
    }
    return { euros: groups.join(''), fraction: '' };
  }

  throw new InvalidAmountError(original, 'more than two decimals or a separator without digits');
}

/** Parses a Dutch or English bank amount (`1.234,56`, `-12,50`, `12.50`, `€ 12,50`, `12,50-`) to cents. */
export function parseAmountToCents(text: string): Cents {
  if (typeof text !== 'string') throw new InvalidAmountError(String(text), 'not a string');
  const match = AMOUNT_SHAPE.exec(text.trim());
  if (!match) throw new InvalidAmountError(text, 'not an amount');
  const [, signBefore, signAfterCurrency, body = '', signAfter] = [...match];
  const signs = [signBefore, signAfterCurrency, signAfter].filter((s) => s !== undefined);
  if (signs.length > 1) throw new InvalidAmountError(text, 'more than one sign');
  const negative = signs.length === 1 && signs[0] !== '+';

  const { euros, fraction } = splitAmount(body, text);
  // An all-digit string to Number() is exact while it stays within the safe-integer range,
  // which is checked right after; no decimal point is ever handed to the float parser.
  const digits = `${euros}${fraction.padEnd(2, '0')}`.replace(/^0+(?=[0-9])/, '');
  const magnitude = Number(digits);
  if (!Number.isSafeInteger(magnitude)) throw new InvalidAmountError(text, 'too large');
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

/** Like parseAmountToCents, but returns null instead of throwing. */
export function tryParseAmountToCents(text: string): Cents | null {
  try {
    return parseAmountToCents(text);
  } catch (err) {
    if (err instanceof InvalidAmountError) return null;
    throw err;
  }
}

/** Throws a RangeError unless n is a safe integer (a valid amount of cents). */
export function assertCents(n: unknown): asserts n is Cents {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new RangeError(`Not an amount of cents (safe integer): ${String(n)}`);
  }
}

/** Adds amounts of cents, refusing to leave the safe-integer range where sums stop being exact. */
export function sumCents(values: readonly Cents[]): Cents {
  let total = 0;
  for (const value of values) {
    assertCents(value);
    total += value;
    if (!Number.isSafeInteger(total)) throw new RangeError('Sum of cents exceeds the safe-integer range');
  }
  return total;
}

function splitCents(c: Cents): { negative: boolean; euros: number; cents: string } {
  assertCents(c);
  const abs = Math.abs(c);
  return { negative: c < 0, euros: Math.trunc(abs / 100), cents: String(abs % 100).padStart(2, '0') };
}

/**
 * Formats cents for display exactly as Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' })
 * does in Node 20 (`€ 1.234,56`, `€ -12,50`, with a no-break space after €), but from integers,
 * so no amount is ever rounded on its way to a notice.
 */
export function formatCents(c: Cents): string {
  const { negative, euros, cents } = splitCents(c);
  const grouped = String(euros).replace(/\B(?=([0-9]{3})+$)/g, '.');
  return `€\u00a0${negative ? '-' : ''}${grouped},${cents}`;
}

/** `1234.56`, `-12.50`: a dot decimal without grouping, for EPC QR (EPC069-12 "EUR12.50") and CSV. */
export function centsToDecimalString(c: Cents): string {
  const { negative, euros, cents } = splitCents(c);
  return `${negative ? '-' : ''}${euros}.${cents}`;
}
