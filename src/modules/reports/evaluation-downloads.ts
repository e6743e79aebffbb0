import type { Response } from 'express';
import type { Services } from '../../services.js';
import type { Actor } from '../audit/audit.types.js';
import { writeEvaluationPdf } from './evaluation.pdf.js';
import { evaluatorCsv } from './evaluator-export.js';

// The evaluation's downloads, written straight to the response: the API and the evaluator's web
// page send the same files, with the same names and the same audit.

type Deps = Pick<Services, 'evaluation' | 'db' | 'clock' | 'audit'>;

const attachment = (res: Response, type: string, name: string) => res.status(200).type(type).setHeader('Content-Disposition', `attachment; filename="${name}"`);

/** The PDF for the council, streamed page by page as pdfkit writes it. */
export async function sendEvaluationPdf({ evaluation }: Deps, res: Response, year: number, asOf?: string): Promise<void> {
  const { report, curve } = await evaluation.evaluationWithCurve(year, asOf);
  attachment(res, 'application/pdf', `evaluatie-${year}.pdf`);
  await writeEvaluationPdf(res, report, curve);
}

/** The pseudonymised export, one fine a line; the export itself is audited (it is about people, though nobody is named). */
export async function sendEvaluatorCsv({ db, clock, audit }: Deps, res: Response, actor: Actor, year: number, asOf: string | undefined, requestId: string): Promise<void> {
  await audit.recordRead(db, actor, { action: 'evaluation.export', subjectType: 'report', subjectId: year, requestId });
  attachment(res, 'text/csv', `evaluatie-${year}.csv`);
  for await (const line of evaluatorCsv(db, clock, year, asOf ?? clock.today())) res.write(line);
  res.end();
}

/** The JSON figures as a file to keep (the API answers the same JSON inline). */
export async function sendEvaluationJson({ evaluation }: Deps, res: Response, year: number, asOf?: string): Promise<void> {
  const report = await evaluation.evaluation(year, asOf);
  attachment(res, 'application/json', `evaluatie-${year}.json`);
  res.send(`${JSON.stringify(report, null, 2)}\n`);
}
