// Shared helpers for the bank statement parser tests: where the sample files are, and reading
// a file (whole or in tiny chunks) into statements, lines and problems.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../src/shared/paths.js';
import { collectStatement, type CollectedStatement, type ParseStatementOptions } from '../../../src/modules/payments/parsers/parse-statement.js';
import type { ParsedLine, ParsedStatement } from '../../../src/modules/payments/parsers/statement.types.js';

/** The real public sample files (see the README there). */
// Public sample statements of Dutch banks, copied byte for byte with their attribution (samples/README.md).
export const SAMPLES_DIR = path.join(projectRoot(), 'fixtures', 'bank-statements', 'samples');
/** Our own scenario files, named by the case they cover. */
export const FIXTURES_DIR = path.join(projectRoot(), 'fixtures', 'bank-statements');

export function sample(name: string): string {
  return path.join(SAMPLES_DIR, name);
}

export function fixture(name: string): string {
  return path.join(FIXTURES_DIR, name);
}

export function parseFile(file: string, options: ParseStatementOptions = {}): Promise<CollectedStatement> {
  return collectStatement(fs.createReadStream(file), options);
}

/** The bytes as an async stream of `size`-byte chunks: every chunk boundary gets exercised. */
export async function* inChunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export function parseBytes(bytes: Buffer | string, options: ParseStatementOptions = {}, chunkSize = 64 * 1024): Promise<CollectedStatement> {
  return collectStatement(inChunks(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8'), chunkSize), options);
}

export function credits(lines: readonly ParsedLine[]): ParsedLine[] {
  return lines.filter((l) => l.direction === 'credit');
}

export function debits(lines: readonly ParsedLine[]): ParsedLine[] {
  return lines.filter((l) => l.direction === 'debit');
}

export function sumCentsOf(lines: readonly ParsedLine[]): number {
  return lines.reduce((sum, l) => sum + l.amountCents, 0);
}

/** Opening balance plus the signed lines of the statement, to compare with its closing balance. */
export function reconciled(statement: ParsedStatement, lines: readonly ParsedLine[]): number | null {
  if (statement.openingBalanceCents === null) return null;
  const own = lines.filter((l) => l.statementIndex === statement.index);
  return own.reduce((sum, l) => sum + (l.direction === 'credit' ? l.amountCents : -l.amountCents), statement.openingBalanceCents);
}

export function lineAt(lines: readonly ParsedLine[], i: number): ParsedLine {
  const line = lines[i];
  if (!line) throw new Error(`no line ${i} (there are ${lines.length})`);
  return line;
}

export function statementAt(statements: readonly ParsedStatement[], i: number): ParsedStatement {
  const s = statements[i];
  if (!s) throw new Error(`no statement ${i} (there are ${statements.length})`);
  return s;
}
