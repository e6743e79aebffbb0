import type { Cents } from '../../../domain/money.js';

/**
 * The contract between the bank-statement parsers and the import: every format is turned into
 * statements and lines of this one shape. Amounts are positive cents with a direction.
 */
export type StatementFormat = 'camt053' | 'mt940' | 'ing-csv' | 'rabobank-csv';
export type FormatOption = StatementFormat | 'auto';

/** One statement (camt `Stmt`, an MT940 `:20:`…`:62F:` block, or a whole CSV file per own account). */
export interface ParsedStatement {
  /** 0-based index of the statement within the file, in order of appearance. */
  index: number;
  format: StatementFormat;
  /** The own account (IBAN, normalised: upper case, no spaces). */
  account: string;
  currency: string;
  /** The bank's id of the statement (camt Stmt/Id, MT940 :20: + :28C:), or null (CSV). */
  statementId: string | null;
  /** Electronic/legal sequence number (camt ElctrncSeqNb/LglSeqNb, MT940 :28C:), or null. */
  sequence: string | null;
  /** Signed balances in cents (negative = debit balance) with their dates, or null when absent. */
  openingBalanceCents: Cents | null;
  openingBalanceDate: string | null;
  closingBalanceCents: Cents | null;
  closingBalanceDate: string | null;
  /** 1-based line in the file where the statement starts (for messages). */
  lineNo: number;
}

/** One transaction: a camt TxDtls (or an Ntry without details), an MT940 :61:+:86:, a CSV row. */
export interface ParsedLine {
  statementIndex: number;
  /** 1-based line in the file where this transaction starts. */
  lineNo: number;
  /** The own account (IBAN, normalised). */
  account: string;
  bookingDate: string; // YYYY-MM-DD
  valueDate: string | null;
  /** Positive cents; for a batch TxDtls the detail's own amount. */
  amountCents: Cents;
  direction: 'credit' | 'debit';
  /** camt RvslInd=true, MT940 RC/RD: a storno of an earlier line. */
  reversal: boolean;
  /** SEPA return reason (camt RtrInf/Rsn/Cd, MT940 /RTRN/), or null. */
  returnReason: string | null;
  /** The bank's own reference of the entry (camt AcctSvcrRef, MT940 bank ref after //, Rabobank Transactiereferentie or Volgnr). */
  bankReference: string | null;
  endToEndId: string | null; // 'NOTPROVIDED' becomes null
  /** 0-based position of this detail inside its entry (camt TxDtls index); 0 for single lines. */
  positionInEntry: number;
  /** Number of details in the entry (1 for single lines). */
  entryDetailCount: number;
  counterpartyIban: string | null;
  counterpartyName: string | null;
  counterpartyBic: string | null;
  /** A structured creditor reference (camt Strd/CdtrRefInf/Ref, MT940 /REMI/STRD/CUR/…, Rabobank Betalingskenmerk). */
  structuredReference: string | null;
  /** Free text (camt Ustrd joined, MT940 /REMI/ or :86: text, CSV description columns), whitespace collapsed. */
  remittanceText: string | null;
  bankTransactionCode: string | null;
}

export interface ParseProblem {
  lineNo: number;
  field: string;
  reason: string;
}

/** What the parser reports as it streams through a file. */
export type ParseEvent =
  | { type: 'statement'; statement: ParsedStatement }
  | { type: 'line'; line: ParsedLine }
  | { type: 'problem'; problem: ParseProblem };

export interface DetectedFormat {
  format: StatementFormat;
  encoding: 'utf-8' | 'windows-1252';
  bom: boolean;
  /** CSV only. */
  delimiter?: ',' | ';' | '\t';
  /** CSV only: which header language/variant was recognised. */
  headerVariant?: string;
}
