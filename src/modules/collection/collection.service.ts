import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { toSafeInteger } from '../../shared/db.js';
import { NotFoundError, RuleViolationError } from '../../shared/errors.js';
import { aanmaningCostsOn, dwangbevelCostsOn, nextCollectionStep, type CollectionFacts } from '../../domain/collection.js';
import { endOfTerm, type EquatedDay } from '../../domain/deadlines.js';
import { policyValueOn, requirePolicyValue, type PolicyValue } from '../../domain/policy.js';
import { chargeableInterestCents, statutoryInterestCents } from '../../domain/interest.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Actor } from '../audit/audit.types.js';
import type { Ledger } from '../ledger/ledger.service.js';
import type { EntryInput } from '../ledger/ledger.types.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { planState, type Instalment } from '../../domain/payment-plan.js';

export interface CollectionRunResult {
  runId: number | null;
  asOf: string;
  aanmaningen: number;
  dwangbevelen: number;
  /** Reminders of a missed instalment of a payment plan (Awb 4:94). */
  planReminders: number;
  plansBroken: number;
  costsCents: number;
  /** Fines that would be due for a step but are held (objection, payment plan), with why. */
  held: { fineId: number; caseNumber: string; reason: string }[];
}

/** Why a fine's collection is on hold on a date; later modules (objections, plans) fill it in. */
export type HoldLookup = (db: Knex, fineIds: readonly number[], asOf: string) => Promise<Map<number, 'objection' | 'payment-plan'>>;

const PAGE = 500;

export function createCollectionService(deps: { db: Knex; clock: Clock; audit: AuditLog; ledger: Ledger; reference: ReferenceService; holds: HoldLookup }) {
  const { db, clock, audit, ledger, reference, holds } = deps;

  /** One page of fines that may need a step on the date: issued, standing, past due, not done. */
  function candidates(trx: Knex, asOf: string, after: number) {
    return trx('fines as f')
      .leftJoin('collection_steps as a', (j) => j.on('a.fine_id', 'f.id').andOnVal('a.step', '=', 'aanmaning'))
      .whereNotNull('f.issued_on')
      .whereNull('f.cancelled_on')
      .where('f.due_on', '<', asOf)
      .where('f.id', '>', after)
      .whereNotExists(trx('collection_steps as d').whereRaw('d.fine_id = f.id').where('d.step', 'dwangbevel'))
      .where((q) => q.whereNull('a.id').orWhere('a.term_ends_on', '<', asOf))
      .select('f.id', 'f.case_number', 'f.due_on', 'a.step_date as aanmaning_on', 'a.term_ends_on as aanmaning_term')
      .select(trx.raw("(SELECT COALESCE(SUM(p.amount_cents), 0) FROM postings p WHERE p.fine_id = f.id AND p.account LIKE 'receivable:%' AND p.booked_on <= ?) AS outstanding", [asOf]))
      .orderBy('f.id')
      .limit(PAGE);
  }

  /** Active payment plans of a page of fines, with their instalments and reminders sent. */
  async function plansOf(trx: Knex, fineIds: number[]) {
    const plans = await trx('payment_plans').whereIn('fine_id', fineIds).whereNull('broken_on').select('id', 'fine_id', 'total_cents');
    const out = new Map<number, { planId: number; totalCents: number; instalments: Instalment[]; reminders: Map<number, string> }>();
    if (plans.length === 0) return out;
    const instalments = await trx('plan_instalments').whereIn('plan_id', plans.map((p) => p.id)).orderBy(['plan_id', 'seq']);
    const reminders = await trx('collection_steps').whereIn('fine_id', fineIds).where('step', 'plan-reminder').select('fine_id', 'instalment', 'term_ends_on');
    for (const p of plans) {
      const fineId = toSafeInteger(p.fine_id);
      out.set(fineId, {
        planId: toSafeInteger(p.id),
        totalCents: toSafeInteger(p.total_cents),
        instalments: instalments.filter((i) => toSafeInteger(i.plan_id) === toSafeInteger(p.id)).map((i) => ({ seq: toSafeInteger(i.seq), dueOn: String(i.due_on), amountCents: toSafeInteger(i.amount_cents) })),
        reminders: new Map(reminders.filter((r) => toSafeInteger(r.fine_id) === fineId).map((r) => [toSafeInteger(r.instalment), String(r.term_ends_on)])),
      });
    }
    return out;
  }

  async function processPage(trx: Knex.Transaction, actor: Actor, rows: Record<string, unknown>[], asOf: string, ctx: { policies: PolicyValue[]; equated: EquatedDay[]; runId: () => Promise<number> }, result: CollectionRunResult) {
    const fineIds = rows.map((r) => toSafeInteger(r.id));
    const held = await holds(trx, fineIds, asOf);
    const plans = await plansOf(trx, fineIds);
    const entries: EntryInput[] = [];
    const steps: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    const now = clock.now().toISOString();
    for (const r of rows) {
      const fineId = toSafeInteger(r.id);
      const outstanding = toSafeInteger(r.outstanding);
      const facts: CollectionFacts = {
        dueOn: String(r.due_on),
        cancelled: false,
        writtenOff: false,
        outstandingCents: outstanding,
        aanmaning: r.aanmaning_on ? { sentOn: String(r.aanmaning_on), termEndsOn: String(r.aanmaning_term) } : null,
        dwangbevel: null,
        hold: held.get(fineId) ?? null,
      };
      // Awb 4:94: a kept plan holds collection; a missed instalment gets its own reminder; a plan
      // still behind when that reminder's term has run out is broken and collection resumes.
      const plan = plans.get(fineId);
      if (plan && !facts.hold) {
        const state = planState(plan.instalments, plan.totalCents - outstanding, asOf, outstanding);
        if (state.state === 'behind') {
          const reminderEnds = plan.reminders.get(state.instalment.seq);
          if (reminderEnds === undefined) {
            const runId = await ctx.runId();
            const termEndsOn = endOfTerm({ from: asOf, weeks: requirePolicyValue(ctx.policies, 'aanmaning_term_weeks', asOf), equated: ctx.equated });
            steps.push({ fine_id: fineId, step: 'plan-reminder', instalment: state.instalment.seq, run_id: runId, step_date: asOf, term_ends_on: termEndsOn, open_cents: state.shortCents, costs_cents: 0, entry_id: null, created_at: now });
            events.push({ fine_id: fineId, occurred_at: now, on_date: asOf, type: 'plan-reminder', actor_user_id: actor.userId, actor: actor.label, details: JSON.stringify({ runId, instalment: state.instalment.seq, shortCents: state.shortCents, termEndsOn }) });
            result.planReminders += 1;
            continue;
          }
          if (asOf <= reminderEnds) {
            result.held.push({ fineId, caseNumber: String(r.case_number), reason: 'payment-plan' });
            continue;
          }
          await trx('payment_plans').where({ id: plan.planId }).update({ broken_on: asOf });
          events.push({ fine_id: fineId, occurred_at: now, on_date: asOf, type: 'payment-plan-broken', actor_user_id: actor.userId, actor: actor.label, details: JSON.stringify({ planId: plan.planId, instalment: state.instalment.seq }) });
          result.plansBroken += 1;
        } else if (state.state === 'kept') {
          facts.hold = 'payment-plan';
        }
      }
      const decision = nextCollectionStep(facts, asOf);
      if (decision.step === null) {
        if (decision.reason === 'objection' || decision.reason === 'payment-plan') result.held.push({ fineId, caseNumber: String(r.case_number), reason: decision.reason });
        continue;
      }
      const runId = await ctx.runId();
      const costs = (decision.step === 'aanmaning' ? aanmaningCostsOn(ctx.policies, asOf, outstanding) : dwangbevelCostsOn(ctx.policies, asOf)) ?? 0;
      // Awb 4:112: two weeks counted from the day after sending, extended by the Atw.
      const termEndsOn = decision.step === 'aanmaning' ? endOfTerm({ from: asOf, weeks: requirePolicyValue(ctx.policies, 'aanmaning_term_weeks', asOf), equated: ctx.equated }) : null;
      if (costs > 0) {
        entries.push({
          bookedOn: asOf,
          kind: `collection.${decision.step}-costs`,
          description: `${decision.step === 'aanmaning' ? 'Aanmaningskosten (Awb 4:113)' : 'Kosten dwangbevel (Awb 4:119)'} ${String(r.case_number)}`,
          fineId,
          idempotencyKey: `fine:${fineId}:${decision.step}-costs`,
          postings: [{ account: 'receivable:costs', amountCents: costs }, { account: 'revenue:costs', amountCents: -costs }],
        });
      }
      // Statutory interest (Awb 4:98), when the policy switches it on: charged at hand-off, from
      // the day after the last day of payment, not when it is less than the minimum.
      if (decision.step === 'dwangbevel' && policyValueOn(ctx.policies, 'statutory_interest_enabled', asOf)?.value) {
        const interest = chargeableInterestCents(statutoryInterestCents(outstanding, facts.dueOn, asOf, ctx.policies), requirePolicyValue(ctx.policies, 'statutory_interest_minimum_cents', asOf));
        if (interest > 0) {
          entries.push({ bookedOn: asOf, kind: 'collection.interest', description: `Wettelijke rente (Awb 4:98) ${String(r.case_number)}`, fineId, idempotencyKey: `fine:${fineId}:interest`, postings: [{ account: 'receivable:interest', amountCents: interest }, { account: 'revenue:interest', amountCents: -interest }] });
          result.costsCents += interest;
        }
      }
      steps.push({ fine_id: fineId, step: decision.step, instalment: 0, run_id: runId, step_date: asOf, term_ends_on: termEndsOn, open_cents: outstanding, costs_cents: costs, entry_id: null, created_at: now });
      events.push({ fine_id: fineId, occurred_at: now, on_date: asOf, type: decision.step, actor_user_id: actor.userId, actor: actor.label, details: JSON.stringify({ runId, openCents: outstanding, costsCents: costs, ...(termEndsOn ? { termEndsOn } : {}) }) });
      if (decision.step === 'aanmaning') result.aanmaningen += 1;
      else result.dwangbevelen += 1;
      result.costsCents += costs;
    }
    const posted = await ledger.postMany(trx, actor, entries);
    const entryOf = new Map(posted.map((p) => [`${p.entry.fineId}:${p.entry.kind}`, p.entry.id]));
    for (const s of steps) s.entry_id = entryOf.get(`${s.fine_id}:collection.${s.step}-costs`) ?? null;
    for (let i = 0; i < steps.length; i += PAGE) await trx('collection_steps').insert(steps.slice(i, i + PAGE));
    for (let i = 0; i < events.length; i += PAGE) await trx('fine_events').insert(events.slice(i, i + PAGE));
  }

  return {
    /**
     * The daily collection run for a date: every fine gets at most its next step. Running the
     * same date again finds nothing to do and records no run; a later date after missed days
     * takes each fine one step further, never skipping or repeating one.
     */
    async run(actor: Actor, options: { asOf?: string | undefined; requestId?: string | undefined } = {}): Promise<CollectionRunResult> {
      const asOf = options.asOf ?? clock.today();
      if (asOf > clock.today()) throw new RuleViolationError(`Een invorderingsrun kan niet vooruit lopen (${asOf} ligt na vandaag).`, { errors: [{ field: 'asOf', message: 'ligt in de toekomst' }] });
      const policies = await reference.policyValues();
      const equated = await reference.equatedDays();
      return db.transaction(async (trx) => {
        const result: CollectionRunResult = { runId: null, asOf, aanmaningen: 0, dwangbevelen: 0, planReminders: 0, plansBroken: 0, costsCents: 0, held: [] };
        const runId = async () => {
          if (result.runId === null) {
            const [row] = await trx('collection_runs').insert({ as_of: asOf, created_at: clock.now().toISOString(), actor_user_id: actor.userId, actor: actor.label, aanmaningen: 0, dwangbevelen: 0, held: 0, costs_cents: 0 }).returning('id');
            result.runId = toSafeInteger((row as Record<string, unknown>).id);
          }
          return result.runId;
        };
        let after = 0;
        for (;;) {
          const rows: Record<string, unknown>[] = await candidates(trx, asOf, after);
          if (rows.length === 0) break;
          await processPage(trx, actor, rows, asOf, { policies, equated, runId }, result);
          after = toSafeInteger(rows[rows.length - 1]!.id);
          if (rows.length < PAGE) break;
        }
        if (result.runId !== null) {
          await trx('collection_runs').where({ id: result.runId }).update({ aanmaningen: result.aanmaningen, dwangbevelen: result.dwangbevelen, held: result.held.length, costs_cents: result.costsCents });
          await audit.record(trx, actor, { action: 'collection-run.create', subjectType: 'collection_run', subjectId: result.runId, details: { asOf, aanmaningen: result.aanmaningen, dwangbevelen: result.dwangbevelen, held: result.held.length }, requestId: options.requestId ?? null });
        }
        return result;
      });
    },

    async listRuns(limit: number, offset: number) {
      return (await db('collection_runs').orderBy('id', 'desc').limit(limit).offset(offset)).map(runFromDb);
    },

    async findRun(runId: number) {
      const row = await db('collection_runs').where({ id: runId }).first();
      if (!row) throw new NotFoundError(`Invorderingsrun ${runId} bestaat niet.`);
      return runFromDb(row);
    },

    /**
     * The fines a run took a step for (aanmaning, dwangbevel hand-off, plan reminder), a page at a
     * time in the order the run took them, with the case number to find each fine by.
     */
    async stepsOfRun(runId: number, limit: number, offset: number) {
      const [count] = await db('collection_steps').where({ run_id: runId }).count({ n: '*' });
      const rows = await db('collection_steps as s')
        .join('fines as f', 'f.id', 's.fine_id')
        .where('s.run_id', runId)
        .orderBy('s.id')
        .limit(limit)
        .offset(offset)
        .select('s.fine_id', 'f.case_number', 's.step', 's.instalment', 's.step_date', 's.term_ends_on', 's.open_cents', 's.costs_cents');
      return {
        total: toSafeInteger(count?.n ?? 0),
        items: rows.map((r: Record<string, unknown>) => ({
          fineId: toSafeInteger(r.fine_id),
          caseNumber: String(r.case_number),
          step: String(r.step),
          instalment: toSafeInteger(r.instalment),
          stepDate: String(r.step_date),
          termEndsOn: (r.term_ends_on as string | null) ?? null,
          openCents: toSafeInteger(r.open_cents),
          costsCents: toSafeInteger(r.costs_cents),
        })),
      };
    },

    /** The steps a fine went through, for its status and timeline. */
    async stepsOf(trx: Knex, fineId: number) {
      return (await trx('collection_steps').where({ fine_id: fineId }).orderBy('id')).map((s) => ({ step: String(s.step), on: String(s.step_date), termEndsOn: s.term_ends_on ?? null, costsCents: toSafeInteger(s.costs_cents), runId: toSafeInteger(s.run_id) }));
    },
  };
}

function runFromDb(r: Record<string, unknown>) {
  return { id: toSafeInteger(r.id), asOf: String(r.as_of), createdAt: String(r.created_at), actor: String(r.actor), aanmaningen: toSafeInteger(r.aanmaningen), dwangbevelen: toSafeInteger(r.dwangbevelen), held: toSafeInteger(r.held), costsCents: toSafeInteger(r.costs_cents) };
}

export type CollectionService = ReturnType<typeof createCollectionService>;
