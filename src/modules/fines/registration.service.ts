import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { batchWriter } from '../../shared/batch-writer.js';
import { RuleViolationError } from '../../shared/errors.js';
import { amsterdamDateOf } from '../../domain/civil-date.js';
import { requirePolicyValue } from '../../domain/policy.js';
import { ageOn, caseNumber, fineAmountFor } from '../../domain/tariffs.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { CatalogueService } from '../catalogue/catalogue.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { insertEvents } from './fines.repository.js';
import { badgeNumbers, insertFines, insertOffenders, reserveCaseSequences, type NewFine } from './registration.repository.js';
import type { FineRow, RegistrationInput } from './fines.types.js';

export interface RegistrationDeps {
  db: Knex;
  clock: Clock;
  audit: AuditLog;
  catalogue: CatalogueService;
  reference: ReferenceService;
}

/** A boa's phone clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 2 * 60 * 1000;

/** A rapport that passed every rule, waiting to be written. */
interface Accepted {
  actor: Actor & { userId: number };
  input: RegistrationInput;
  fine: Omit<NewFine, 'caseNumber' | 'caseYear' | 'caseSequence' | 'badgeNumber' | 'registeredAt'>;
  reducedForMinor: boolean;
  requestId: string | null;
}

/**
 * Registration of a rapport by a boa (Gemeentewet 154b, 154c). The rules are checked against
 * cached reference data; the accepted rapports are then written in groups (see batch-writer.ts):
 * case numbers, fines, offenders, events and audit rows with one multi-row statement each.
 */
export function createRegistration({ db, clock, audit, catalogue, reference }: RegistrationDeps) {
  async function accept(actor: Actor, input: RegistrationInput, requestId: string | null): Promise<Accepted> {
    if (actor.role !== 'boa' || actor.userId === null) throw new RuleViolationError('Alleen een boa kan een rapport opmaken (Gemeentewet 154c).');
    const now = clock.now();
    if (Date.parse(input.observedAt) > now.getTime() + CLOCK_SKEW_MS) {
      throw new RuleViolationError('Het tijdstip van de overtreding ligt in de toekomst.', { errors: [{ field: 'observedAt', message: 'ligt in de toekomst' }] });
    }
    const offenceDate = amsterdamDateOf(input.observedAt);
    const municipality = await reference.municipality();
    if (offenceDate < municipality.bboorFrom) {
      throw new RuleViolationError(
        `Overtredingen van vóór ${municipality.bboorFrom} vallen onder de bestuurlijke strafbeschikking: die worden via het CJIB afgedaan, niet met een gemeentelijke bestuurlijke boete (Gemeentewet 154b).`,
        { errors: [{ field: 'observedAt', message: `vóór ${municipality.bboorFrom}: CJIB-regime` }], extensions: { regime: 'cjib' } },
      );
    }
    const policies = await reference.policyValues();
    const lapseYears = requirePolicyValue(policies, 'imposition_lapse_years', offenceDate);
    if (clock.today() >= `${Number(offenceDate.slice(0, 4)) + lapseYears}${offenceDate.slice(4)}`) {
      throw new RuleViolationError(`De overtreding is meer dan ${lapseYears} jaar oud; de bevoegdheid om te beboeten is vervallen (Awb 5:45).`, { errors: [{ field: 'observedAt', message: 'verjaard' }] });
    }
    const offence = await catalogue.offenceOn(input.offenceCode, offenceDate);
    if (!offence) {
      throw new RuleViolationError(`Feit ${input.offenceCode} staat op ${offenceDate} niet in de catalogus.`, { errors: [{ field: 'offenceCode', message: 'onbekend feit op de pleegdatum' }] });
    }
    if (input.offender.birthDate > offenceDate) {
      throw new RuleViolationError('De geboortedatum ligt na de overtreding.', { errors: [{ field: 'offender.birthDate', message: 'na de pleegdatum' }] });
    }
    const age = ageOn(input.offender.birthDate, offenceDate);
    const amount = fineAmountFor(offence.tariff.amountCents, age, {
      minimumAgeYears: requirePolicyValue(policies, 'minimum_age_years', offenceDate),
      reducedBelowAgeYears: requirePolicyValue(policies, 'reduced_tariff_below_age_years', offenceDate),
      reducedPercent: requirePolicyValue(policies, 'reduced_tariff_percent', offenceDate),
    });
    if (!amount.ok) {
      throw new RuleViolationError(`De overtreder was ${age} jaar: onder de 12 kan geen bestuurlijke boete worden opgelegd (Gemeentewet 154b lid 7).`, { errors: [{ field: 'offender.birthDate', message: 'jonger dan 12 op de pleegdatum' }] });
    }
    const { location } = input;
    return {
      actor: { ...actor, userId: actor.userId },
      input,
      reducedForMinor: amount.reducedForMinor,
      requestId,
      fine: {
        offenceCode: offence.code,
        tariffId: offence.tariff.id,
        tariffCents: offence.tariff.amountCents,
        amountCents: amount.amountCents,
        reducedForMinor: amount.reducedForMinor,
        observedAt: new Date(input.observedAt).toISOString(),
        offenceDate,
        location: { street: location.street, houseNumber: location.houseNumber ?? null, postcode: location.postcode ?? null, district: location.district, lat: location.lat ?? null, lon: location.lon ?? null },
        observation: input.observation,
        boaUserId: actor.userId,
      },
    };
  }

  /** Writes accepted rapports in one transaction; one fine per rapport, in the same order. */
  async function write(items: Accepted[]): Promise<FineRow[]> {
    return db.transaction(async (trx) => {
      const today = clock.today();
      const registeredAt = clock.now().toISOString();
      const year = Number(today.slice(0, 4));
      const first = (await reserveCaseSequences(trx, year, items.length)) - items.length + 1;
      const badges = await badgeNumbers(trx, items.map((i) => i.actor.userId));
      const fines = await insertFines(
        trx,
        items.map((it, i) => ({ ...it.fine, caseNumber: caseNumber(year, first + i), caseYear: year, caseSequence: first + i, badgeNumber: String(badges.get(it.actor.userId)), registeredAt })),
      );
      await insertOffenders(trx, fines.map((f, i) => ({ fineId: f.id, offender: items[i]!.input.offender })));
      await insertEvents(
        trx,
        fines.map((f, i) => {
          const it = items[i]!;
          const details = { offenceCode: f.offenceCode, amountCents: f.amountCents, ...(it.reducedForMinor ? { reducedForMinor: true } : {}) };
          return { fineId: f.id, occurredAt: registeredAt, onDate: today, type: 'registered', actor: it.actor.label, actorUserId: it.actor.userId, details };
        }),
      );
      await audit.recordMany(
        trx,
        fines.map((f, i) => ({
          actor: items[i]!.actor,
          event: { action: 'fine.register', subjectType: 'fine', subjectId: f.id, details: { caseNumber: f.caseNumber, offenceCode: f.offenceCode }, requestId: items[i]!.requestId },
        })),
      );
      return fines;
    });
  }

  const writer = batchWriter(write);

  return {
    async register(actor: Actor, input: RegistrationInput, requestId?: string): Promise<FineRow> {
      return writer.submit(await accept(actor, input, requestId ?? null));
    },
  };
}
