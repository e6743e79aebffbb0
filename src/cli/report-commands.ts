import fs from 'node:fs';
import type { Services } from '../services.js';
import { cliActor, parse, UsageError } from './cli-support.js';
import { ValidationError } from '../shared/errors.js';
import { evaluatorCsv } from '../modules/reports/evaluator-export.js';
import { writeEvaluationPdf } from '../modules/reports/evaluation.pdf.js';

export const REPORT_USAGE = `bboor report evaluation --year YYYY [--as-of YYYY-MM-DD] [--format json|csv|pdf] [--out FILE]`;
export const BASELINE_USAGE = `bboor baseline import FILE`;

/** The pilot evaluation from the command line. */
export async function reportCommand(services: Services, args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  if (kind !== 'evaluation') throw new UsageError(`usage: ${REPORT_USAGE}`);
  const { values } = parse(rest, { year: { type: 'string' }, 'as-of': { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } });
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 2024 || year > 2100) throw new UsageError('--year must be a year from 2024');
  if (values['as-of'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) throw new UsageError('--as-of must be YYYY-MM-DD');
  const format = values.format ?? 'json';
  if (format === 'csv') {
    const out = values.out ? fs.createWriteStream(values.out) : process.stdout;
    for await (const line of evaluatorCsv(services.db, services.clock, year, values['as-of'] ?? services.clock.today())) out.write(line);
    if (values.out) await new Promise<void>((resolve) => (out as fs.WriteStream).end(resolve));
    return 0;
  }
  if (format === 'pdf') {
    if (!values.out) throw new UsageError('--format pdf needs --out FILE');
    const { report, curve } = await services.evaluation.evaluationWithCurve(year, values['as-of']);
    await writeEvaluationPdf(fs.createWriteStream(values.out), report, curve);
    console.error(`wrote ${values.out} (content hash ${report.contentHash})`);
    return 0;
  }
  if (format !== 'json') throw new UsageError('--format must be json, csv or pdf');
  const report = await services.evaluation.evaluation(year, values['as-of']);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  if (values.out) fs.writeFileSync(values.out, text);
  else process.stdout.write(text);
  return 0;
}

/** Imports the CJIB years' baseline CSV (layout in the README). */
export async function baselineCommand(services: Services, args: string[]): Promise<number> {
  const [sub, file, ...rest] = args;
  if (sub !== 'import' || !file || rest.length) throw new UsageError(`usage: ${BASELINE_USAGE}`);
  if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
  try {
    const result = await services.baseline.importFile(cliActor(), file);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ValidationError) {
      console.error(err.message);
      for (const e of err.errors ?? []) console.error(`${file}:${e.line ?? '-'}: ${e.field}: ${e.message}`);
      return 1;
    }
    throw err;
  }
}
