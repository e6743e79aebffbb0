import fs from 'node:fs';
import type { Services } from '../services.js';
import { ValidationError } from '../shared/errors.js';
import { cliActor, parse, printJson, UsageError } from './cli-support.js';
import { keepHeapNearLiveSize } from './heap-growth.js';

export const IMPORT_USAGE = `bboor import-statement FILE [--format auto|camt053|mt940|ing-csv|rabobank-csv] [--dry-run]`;

const FORMATS = ['auto', 'camt053', 'mt940', 'ing-csv', 'rabobank-csv'] as const;

/** Imports a bank statement file; a refused file is reported with file, line, field and reason. */
export async function importStatementCommand(services: Services, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' }, 'dry-run': { type: 'boolean' } });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(`usage: ${IMPORT_USAGE}`);
  const format = (values.format ?? 'auto') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file}: no such file`);
  keepHeapNearLiveSize();
  try {
    const result = await services.imports.importStatement(cliActor(), fs.createReadStream(file), { format, fileName: file, dryRun: Boolean(values['dry-run']) });
    printJson(result);
    for (const w of result.warnings) console.error(`${file}: warning: ${w}`);
    return 0;
  } catch (err) {
    if (err instanceof ValidationError) {
      console.error(`${file}: ${err.message}`);
      for (const e of err.errors ?? []) console.error(`${file}:${e.line ?? '-'}: ${e.field}: ${e.message}`);
      return 1;
    }
    throw err;
  }
}
