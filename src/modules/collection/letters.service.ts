import type { Knex } from 'knex';
import { toSafeInteger } from '../../shared/db.js';
import { NotFoundError } from '../../shared/errors.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import * as finesRepo from '../fines/fines.repository.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { AanmaningData, HandOffItem, HandOffList } from './letters.types.js';

/** Looks up what the aanmaning letters and the bailiff's hand-off list print. */
export function createLettersService(deps: { db: Knex; audit: AuditLog; reference: ReferenceService; catalogue: CatalogueService }) {
  const { db, audit, reference, catalogue } = deps;

  async function aanmaningData(step: Record<string, unknown>): Promise<AanmaningData> {
    const fineId = toSafeInteger(step.fine_id);
    const fine = (await finesRepo.findFine(db, fineId))!;
    const offender = (await finesRepo.findOffender(db, fineId))!;
    const sentOn = String(step.step_date);
    const balance = await finesRepo.fineBalance(db, fineId, sentOn);
    const offence = await catalogue.offenceOn(fine.offenceCode, fine.offenceDate);
    return {
      municipality: await reference.municipality(),
      caseNumber: fine.caseNumber,
      sentOn,
      issuedOn: fine.issuedOn!,
      originalDueOn: fine.dueOn!,
      newDueOn: String(step.term_ends_on),
      fineCents: balance.principalCents,
      costsCents: balance.costsCents,
      interestCents: 0,
      paidCents: balance.paidCents,
      totalDueCents: balance.outstandingCents,
      paymentReference: fine.paymentReference!,
      offender: { givenNames: offender.givenNames, surname: offender.surname, address: offender.address },
      offence: { code: fine.offenceCode, description: offence?.description ?? fine.offenceCode, date: fine.offenceDate },
    };
  }

  return {
    async assertRun(runId: number): Promise<void> {
      if (!(await db('collection_runs').where({ id: runId }).first('id'))) throw new NotFoundError(`Invorderingsrun ${runId} bestaat niet.`);
    },

    /** The aanmaningen of a run, in fine order, one at a time (streamed into the PDF). */
    async *aanmaningenOfRun(runId: number): AsyncGenerator<AanmaningData> {
      let after = 0;
      for (;;) {
        const steps = await db('collection_steps').where({ run_id: runId, step: 'aanmaning' }).where('fine_id', '>', after).orderBy('fine_id').limit(200);
        for (const s of steps) yield aanmaningData(s);
        if (steps.length < 200) return;
        after = toSafeInteger(steps[steps.length - 1].fine_id);
      }
    },

    async aanmaningOfFine(fineId: number): Promise<AanmaningData> {
      const step = await db('collection_steps').where({ fine_id: fineId, step: 'aanmaning' }).first();
      if (!step) throw new NotFoundError(`Voor boete ${fineId} is geen aanmaning verstuurd.`);
      return aanmaningData(step);
    },

    /** The fines a run handed to the bailiff (dwangbevel stage), with what they owe. */
    async handOffList(runId: number): Promise<HandOffList> {
      const run = await db('collection_runs').where({ id: runId }).first();
      if (!run) throw new NotFoundError(`Invorderingsrun ${runId} bestaat niet.`);
      const steps = await db('collection_steps').where({ run_id: runId, step: 'dwangbevel' }).orderBy('fine_id');
      const items: HandOffItem[] = [];
      for (const s of steps) {
        const fineId = toSafeInteger(s.fine_id);
        const fine = (await finesRepo.findFine(db, fineId))!;
        const offender = (await finesRepo.findOffender(db, fineId))!;
        const aanmaning = await db('collection_steps').where({ fine_id: fineId, step: 'aanmaning' }).first();
        const balance = await finesRepo.fineBalance(db, fineId, String(s.step_date));
        const a = offender.address;
        items.push({
          caseNumber: fine.caseNumber,
          paymentReference: fine.paymentReference!,
          offenderName: `${offender.givenNames} ${offender.surname}`,
          address: `${a.street} ${a.houseNumber}, ${a.postcode} ${a.city}${a.country !== 'NL' ? `, ${a.country}` : ''}`,
          issuedOn: fine.issuedOn!,
          aanmaningOn: String(aanmaning?.step_date ?? ''),
          aanmaningDueOn: String(aanmaning?.term_ends_on ?? ''),
          fineCents: balance.principalCents - Math.min(balance.paidCents, balance.principalCents),
          costsCents: balance.costsCents,
          totalDueCents: balance.outstandingCents,
        });
      }
      return { municipality: await reference.municipality(), runId, asOf: String(run.as_of), items };
    },

    recordRead: (actor: Actor, subjectType: string, subjectId: number, requestId?: string) => audit.recordRead(db, actor, { action: 'collection-letters.read-personal-data', subjectType, subjectId, requestId: requestId ?? null }),
  };
}

export type LettersService = ReturnType<typeof createLettersService>;
