import fs from 'node:fs';
import type { Services } from '../services.js';
import { parse, UsageError } from './cli-support.js';

export const REPORT_USAGE = `bboor report evaluation --year YYYY [--as-of YYYY-MM-DD] [--format json] [--out FILE]`;

/** The pilot evaluation from the command line. */
export async function reportCommand(services: Services, args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  if (kind !== 'evaluation') throw new UsageError(`usage: ${REPORT_USAGE}`);
  const { values } = parse(rest, { year: { type: 'string' }, 'as-of': { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } });
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 2024 || year > 2100) throw new UsageError('--year must be a year from 2024');
  if (values['as-of'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) throw new UsageError('--as-of must be YYYY-MM-DD');
  if ((values.format ?? 'json') !== 'json') throw new UsageError('--format: only json is available yet');
  const report = await services.evaluation.evaluation(year, values['as-of']);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  if (values.out) fs.writeFileSync(values.out, text);
  else process.stdout.write(text);
  return 0;
}
