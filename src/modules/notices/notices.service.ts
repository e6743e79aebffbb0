import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import type { Clock } from '../../shared/clock.js';
import { NotFoundError, RuleViolationError } from '../../shared/errors.js';
import { toSafeInteger } from '../../shared/db.js';
import type { PolicyValue } from '../../domain/policy.js';
import { aanmaningCostsOn } from '../../domain/collection.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import type { FinesService } from '../fines/fines.service.js';
import * as finesRepo from '../fines/fines.repository.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { NoticeData } from './notice.types.js';

export interface NoticeRunResult {
  runId: number | null;
  runOn: string;
  count: number;
  totalCents: number;
  issued: { id: number; caseNumber: string; amountCents: number; dueOn: string; paymentReference: string }[];
  /** Fines left for later, with why (e.g. more than eight weeks old and no reason given). */
  skipped: { id: number; caseNumber: string | null; reason: string }[];
}

export function createNoticesService(deps: { db: Knex; clock: Clock; audit: AuditLog; fines: FinesService; catalogue: CatalogueService; reference: ReferenceService }) {
  const { db, clock, audit, fines, catalogue, reference } = deps;

  return {
    /** Everything the notice PDF prints, for an issued fine. */
    async noticeData(fineId: number, policies?: PolicyValue[]): Promise<NoticeData> {
      const fine = await finesRepo.findFine(db, fineId);
      if (!fine) throw new NotFoundError(`Boete ${fineId} bestaat niet.`);
      if (!fine.issuedOn || !fine.dueOn || !fine.objectionDueOn || !fine.paymentReference) {
        throw new RuleViolationError(`Voor ${fine.caseNumber} is nog geen beschikking opgelegd.`);
      }
      const offender = await finesRepo.findOffender(db, fineId);
      const offence = await catalogue.offenceOn(fine.offenceCode, fine.offenceDate);
      const observed = DateTime.fromISO(fine.observedAt, { zone: 'Europe/Amsterdam' });
      const values = policies ?? (await reference.policyValues());
      return {
        municipality: await reference.municipality(),
        caseNumber: fine.caseNumber,
        issuedOn: fine.issuedOn,
        dueOn: fine.dueOn,
        objectionDueOn: fine.objectionDueOn,
        amountCents: fine.amountCents,
        tariffCents: fine.tariffCents,
        reducedForMinor: fine.reducedForMinor,
        paymentReference: fine.paymentReference,
        offender: { givenNames: offender!.givenNames, surname: offender!.surname, address: offender!.address },
        offence: { code: fine.offenceCode, description: offence?.description ?? fine.offenceCode, apvArticle: offence?.apvArticle ?? '' },
        observed: { date: fine.offenceDate, time: observed.toFormat('HH:mm'), street: fine.location.street, houseNumber: fine.location.houseNumber, postcode: fine.location.postcode, district: fine.location.district },
        rapport: { badgeNumber: fine.badgeNumber, observation: fine.observation, registeredOn: DateTime.fromISO(fine.registeredAt, { zone: 'Europe/Amsterdam' }).toISODate()! },
        aanmaningCostsCents: aanmaningCostsOn(values, fine.dueOn, fine.amountCents),
      };
    },

    /**
     * A notice run: issues every registered rapport (or the given ones) in one transaction and
     * records the run. A rapport that cannot be issued yet is skipped with the reason; running
     * again with nothing to issue creates no run and changes nothing.
     */
    async run(actor: Actor, options: { fineIds?: number[] | undefined; lateReasons?: Record<string, string> | undefined; requestId?: string | undefined }): Promise<NoticeRunResult> {
      const ctx = await fines.loadIssueContext();
      return db.transaction(async (trx) => {
        const q = trx('fines').whereNull('issued_on').whereNull('withdrawn_at').orderBy('id').select('id', 'case_number');
        if (options.fineIds) q.whereIn('id', options.fineIds);
        const candidates = await q;
        const result: NoticeRunResult = { runId: null, runOn: clock.today(), count: 0, totalCents: 0, issued: [], skipped: [] };
        for (const requested of options.fineIds ?? []) {
          if (!candidates.some((c) => toSafeInteger(c.id) === requested)) result.skipped.push({ id: requested, caseNumber: null, reason: 'niet gevonden, al opgelegd of ingetrokken' });
        }
        for (const c of candidates) {
          const id = toSafeInteger(c.id);
          try {
            const { fine } = await fines.issueInTransaction(trx, actor, id, ctx, { lateReason: options.lateReasons?.[String(id)], requestId: options.requestId });
            result.issued.push({ id, caseNumber: fine.caseNumber, amountCents: fine.amountCents, dueOn: fine.dueOn!, paymentReference: fine.paymentReference! });
            result.totalCents += fine.amountCents;
          } catch (err) {
            // The rules refuse before anything is written, so the run goes on without this fine.
            if (!(err instanceof RuleViolationError)) throw err;
            result.skipped.push({ id, caseNumber: String(c.case_number), reason: err.message });
          }
        }
        result.count = result.issued.length;
        if (result.count === 0) return result;
        const [row] = await trx('notice_runs').insert({ created_at: clock.now().toISOString(), run_on: result.runOn, actor_user_id: actor.userId, actor: actor.label, fine_count: result.count, total_cents: result.totalCents }).returning('id');
        result.runId = toSafeInteger((row as Record<string, unknown>).id);
        const links = result.issued.map((f, i) => ({ run_id: result.runId, fine_id: f.id, position: i + 1 }));
        for (let i = 0; i < links.length; i += 500) await trx('notice_run_fines').insert(links.slice(i, i + 500));
        await audit.record(trx, actor, { action: 'notice-run.create', subjectType: 'notice_run', subjectId: result.runId, details: { count: result.count, totalCents: result.totalCents, skipped: result.skipped.length }, requestId: options.requestId ?? null });
        return result;
      });
    },

    async listRuns(limit = 50, offset = 0) {
      const rows = await db('notice_runs').orderBy('id', 'desc').limit(limit).offset(offset);
      return rows.map(runFromDb);
    },

    async findRun(runId: number) {
      const row = await db('notice_runs').where({ id: runId }).first();
      if (!row) throw new NotFoundError(`Verzendrun ${runId} bestaat niet.`);
      return runFromDb(row);
    },

    /** The run's fines in print order, a page at a time. */
    async *runFineIds(runId: number): AsyncGenerator<number> {
      let after = 0;
      for (;;) {
        const page = await db('notice_run_fines').where({ run_id: runId }).where('position', '>', after).orderBy('position').limit(200);
        for (const r of page) yield toSafeInteger(r.fine_id);
        if (page.length < 200) return;
        after = toSafeInteger(page[page.length - 1].position);
      }
    },

    recordNoticeRead: (actor: Actor, subjectType: 'fine' | 'notice_run', subjectId: number, requestId?: string) =>
      audit.recordRead(db, actor, { action: 'notice.read-personal-data', subjectType, subjectId, requestId: requestId ?? null }),
  };
}

function runFromDb(r: Record<string, unknown>) {
  return { id: toSafeInteger(r.id), runOn: String(r.run_on), createdAt: String(r.created_at), actor: String(r.actor), count: toSafeInteger(r.fine_count), totalCents: toSafeInteger(r.total_cents) };
}

export type NoticesService = ReturnType<typeof createNoticesService>;
