import type { Response } from 'express';
import type { Actor } from '../audit/audit.types.js';
import { writeAanmaningen } from './aanmaning.render.js';
import { handOffCsv, writeHandOffPdf } from './handoff.render.js';
import type { LettersService } from './letters.service.js';

/** A collection run's letters as the API and the web pages both send them; the read is audited first. */
export function letterDownloads(letters: LettersService) {
  return {
    /** The run's aanmaningen as one PDF to print, streamed letter by letter. */
    async sendAanmaningen(res: Response, actor: Actor, runId: number, requestId?: string): Promise<void> {
      await letters.assertRun(runId);
      await letters.recordRead(actor, 'collection_run', runId, requestId);
      res.status(200).type('application/pdf').setHeader('Content-Disposition', `attachment; filename="aanmaningen-run-${runId}.pdf"`);
      await writeAanmaningen(res, letters.aanmaningenOfRun(runId));
    },

    /** The bailiff's hand-off list of the run (dwangbevel, Awb 4:114 ff.), as CSV or PDF. */
    async sendHandOff(res: Response, actor: Actor, runId: number, format: 'csv' | 'pdf', requestId?: string): Promise<void> {
      const list = await letters.handOffList(runId);
      await letters.recordRead(actor, 'collection_run', runId, requestId);
      if (format === 'csv') {
        res.status(200).type('text/csv').setHeader('Content-Disposition', `attachment; filename="overdracht-run-${runId}.csv"`).send(handOffCsv(list));
      } else {
        res.status(200).type('application/pdf').setHeader('Content-Disposition', `attachment; filename="overdracht-run-${runId}.pdf"`);
        await writeHandOffPdf(res, list);
      }
    },
  };
}
