import type { Response } from 'express';
import type { Actor } from '../audit/audit.types.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { noticePdf, writeNoticeRun } from './notice.render.js';
import type { NoticesService } from './notices.service.js';

/**
 * The notice downloads, as the API and the web pages both send them: the read is audited first,
 * the file name carries a run id or a case number, never the offender's name.
 */
export function noticeDownloads({ notices, reference }: { notices: NoticesService; reference: ReferenceService }) {
  return {
    /** A run's print PDF (cover and one beschikking per page), streamed page by page. */
    async sendRunPdf(res: Response, actor: Actor, runId: number, requestId?: string): Promise<void> {
      const run = await notices.findRun(runId);
      await notices.recordNoticeRead(actor, 'notice_run', run.id, requestId);
      const policies = await reference.policyValues();
      async function* data() {
        for await (const fineId of notices.runFineIds(run.id)) yield notices.noticeData(fineId, policies);
      }
      res.status(200).type('application/pdf').setHeader('Content-Disposition', `attachment; filename="verzendrun-${run.id}.pdf"`);
      await writeNoticeRun(res, { runId: run.id, createdOn: run.runOn, notices: data(), totalCents: run.totalCents, count: run.count });
    },

    /** One fine's beschikking, shown in the browser. */
    async sendFinePdf(res: Response, actor: Actor, fineId: number, requestId?: string): Promise<void> {
      const data = await notices.noticeData(fineId);
      await notices.recordNoticeRead(actor, 'fine', fineId, requestId);
      const pdf = await noticePdf(data);
      res.status(200).type('application/pdf').setHeader('Content-Disposition', `inline; filename="beschikking-${data.caseNumber}.pdf"`).send(pdf);
    },
  };
}
