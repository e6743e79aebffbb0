// EPC QR ("GiroCode", EPC069-12 "Quick Response Code: guidelines to enable data capture for the
// initiation of a SEPA Credit Transfer"), domain.md §6. The payer's banking app scans it and fills
// in beneficiary, IBAN, amount and reference, so a typo in the betalingskenmerk cannot happen.
import QRCode from 'qrcode';
import type { Cents } from '../../domain/money.js';
import { centsToDecimalString } from '../../domain/money.js';
import { isValidIban, normalizeIban } from '../../domain/iban.js';

export interface EpcInput {
  /** BIC of the beneficiary's bank; optional in version 002 within the EEA. */
  bic: string | null;
  /** Beneficiary name, at most 70 characters. */
  name: string;
  iban: string;
  amountCents: Cents;
  /**
   * Unstructured remittance (field 11, at most 140 characters). A Dutch betalingskenmerk is not an
   * ISO 11649 RF reference, so it may not go into the structured field 10 (domain.md §6).
   */
  remittance: string;
}

/** Thrown when a field breaks an EPC069-12 limit; the QR would be refused or misread by the bank. */
export class EpcQrError extends Error {
  readonly code = 'EPC_QR_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'EpcQrError';
  }
}

export const EPC_MAX_BYTES = 331;
const MAX_NAME = 70;
const MAX_REMITTANCE = 140;
const MIN_CENTS = 1; // EUR0.01
const MAX_CENTS = 99_999_999_999; // EUR999999999.99
// ISO 9362: 4 letters bank, 2 letters country, 2 alphanumerics location, optional 3 branch.
const BIC_SHAPE = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;
// Fields are separated by LF: a control character inside a field would shift every field after it.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function checkText(field: string, value: string, max: number, required: boolean): string {
  if (typeof value !== 'string') throw new EpcQrError(`${field} must be text`);
  const text = value.trim();
  if (CONTROL.test(text)) throw new EpcQrError(`${field} contains a control character or line break`);
  if (required && text.length === 0) throw new EpcQrError(`${field} is required`);
  // EPC069-12 counts characters, not bytes (the byte limit applies to the whole payload).
  if ([...text].length > max) throw new EpcQrError(`${field} is longer than ${max} characters`);
  return text;
}

/**
 * The EPC069-12 payload: version 002, character set 1 (UTF-8), SCT, BIC, name, IBAN, `EUR150.00`,
 * empty purpose, empty structured reference, the kenmerk as unstructured remittance. The optional
 * trailing field 12 is omitted, as the guideline allows.
 */
export function epcPayload(input: EpcInput): string {
  const name = checkText('Beneficiary name', input.name, MAX_NAME, true);
  const remittance = checkText('Remittance', input.remittance, MAX_REMITTANCE, false);

  const bic = input.bic === null ? '' : input.bic.replace(/\s+/g, '').toUpperCase();
  if (bic !== '' && !BIC_SHAPE.test(bic)) throw new EpcQrError(`BIC is not 8 or 11 characters of ISO 9362: ${JSON.stringify(input.bic)}`);

  const iban = normalizeIban(String(input.iban));
  if (!isValidIban(iban)) throw new EpcQrError(`IBAN is not valid: ${JSON.stringify(input.iban)}`);

  const cents = input.amountCents;
  if (!Number.isSafeInteger(cents) || cents < MIN_CENTS || cents > MAX_CENTS) {
    throw new EpcQrError(`Amount must be EUR0.01 to EUR999999999.99 in whole cents, got ${String(cents)} cents`);
  }

  const lines = ['BCD', '002', '1', 'SCT', bic, name, iban, `EUR${centsToDecimalString(cents)}`, '', '', remittance];
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const payload = lines.join('\n');
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > EPC_MAX_BYTES) throw new EpcQrError(`EPC payload is ${bytes} bytes, more than ${EPC_MAX_BYTES}`);
  return payload;
}

/** The quiet zone ISO/IEC 18004 requires around a QR symbol, in modules. */
export const QR_QUIET_ZONE = 4;

/**
 * Draws `text` as a QR code (error correction M, as EPC069-12 prescribes) of `size` points square,
 * quiet zone included, with its top-left corner at (x, y). Vector rectangles instead of an embedded
 * PNG: crisp at any print resolution and no image to encode per notice. Dark modules in a row are
 * merged into one rectangle to keep the page content small.
 */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const unit = size / (n + 2 * QR_QUIET_ZONE);
  const origin = { x: x + QR_QUIET_ZONE * unit, y: y + QR_QUIET_ZONE * unit };

  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < n; row += 1) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col += 1;
      doc.rect(origin.x + start * unit, origin.y + row * unit, (col - start) * unit, unit);
    }
  }
  // One fill for all rectangles; no stroke, so neighbouring modules do not bleed into each other.
  doc.fill('#000000');
  doc.restore();
}
