import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/clock.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import { RuleViolationError } from '../../shared/errors.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { dialectOf } from '../../shared/db.js';
import { semaphore } from '../../shared/semaphore.js';
import * as repo from './evaluation.repository.js';
import { composeReport, curveOf, type EvaluationData, type PaidInFull } from './evaluation.figures.js';
import type { EvaluationReport } from './evaluation.types.js';

/**
 * The evaluation of a pilot year: the cohort is the fines issued in that year (Amsterdam dates);
 * money is what the ledger holds on `asOf`. The same ledger and date give byte-identical JSON
 * and the same content hash; only generatedAt differs between runs. Every figure is aggregated
 * in the database (evaluation.repository.ts).
 */
export function createEvaluationService({ db, clock, reference }: { db: Knex; clock: Clock; reference: ReferenceService }) {
  const windowOf = (year: number, date: string): repo.Window => ({ from: `${year}-01-01`, to: `${year}-12-31`, date });

  const running = semaphore(2);
  const standingFines = async (q: Knex, w: repo.Window) => (await repo.cohortCounts(q, w)).reduce((s, c) => s + c.uncancelled, 0);

  /**
   * Runs a report's queries in one read transaction, so that every figure comes from the same
   * state of the ledger while payments are being booked. On PostgreSQL the queries go over two
   * connections at once (the day-of-full-payment pass on one, everything else on the other; 10-15 %
   * less time on a 1,000,000-fine year), both read-only and in one snapshot, which the first
   * exports and the second takes; and without JIT compilation, which cost 60-140 ms per large query
   * there and saved nothing. SQLite has one connection: both are the same transaction. At most two
   * reports run at once (four connections of the pool's ten); more wait their turn.
   */
  function inOneSnapshot<T>(read: (main: Knex, side: Knex) => Promise<T>): Promise<T> {
    return running.run(() => db.transaction(async (main) => {
      if (dialectOf(db) !== 'postgres') return read(main, main);
      await main.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await main.raw('SET LOCAL jit = off');
      const snapshot = String(((await main.raw('SELECT pg_export_snapshot() AS id')) as { rows: { id: string }[] }).rows[0]!.id);
      // SET TRANSACTION SNAPSHOT takes no parameter; the id is PostgreSQL's own, checked anyway.
      if (!/^[0-9A-F]+-[0-9A-F]+(-[0-9A-F]+)?$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
      return db.transaction(async (side) => {
        await side.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        await side.raw(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
        await side.raw('SET LOCAL jit = off');
        return read(main, side);
      });
    }));
  }

  /**
   * Every query of the report. With two connections the longest (the day of full payment) runs
   * beside the others; on one (SQLite) they run one after the other.
   */
  async function gather(main: Knex, side: Knex, w: repo.Window): Promise<EvaluationData> {
    const others = async (q: Knex) => ({
      counts: await repo.cohortCounts(q, w),
      money: await repo.moneyByIssueDay(q, w),
      collectedIn: await repo.collectedByBookingMonth(q, w),
      districts: await repo.districtCounts(q, w),
      refundedCents: await repo.refundedCents(q, w),
      suspenseCents: await repo.suspenseBalance(q, w.date),
      steps: await repo.stepCounts(q, w),
      objections: await repo.objections(q, w),
      paymentPlans: await repo.paymentPlans(q, w),
      baseline: await repo.baselineYears(q),
    });
    if (main === side) return { ...(await others(main)), paid: await repo.fullPayments(main, w) };
    const [paid, rest] = await Promise.all([repo.fullPayments(main, w), others(side)]);
    return { ...rest, paid };
  }

  async function report(year: number, date: string): Promise<{ report: EvaluationReport; paid: PaidInFull }> {
    if (date < `${year}-01-01`) throw new RuleViolationError(`De peildatum ${date} ligt vóór het jaar ${year}.`, { errors: [{ field: 'asOf', message: 'vóór het jaar' }] });
    // Before the transaction: on SQLite the transaction holds the only connection.
    const municipality = (await reference.municipality()).name;
    const data = await inOneSnapshot((main, side) => gather(main, side, windowOf(year, date)));
    const { body, paid } = composeReport(year, date, municipality, data);
    const contentHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
    return { report: { ...body, generatedAt: clock.now().toISOString(), contentHash }, paid };
  }

  return {
    /**
     * The collection curve: of the cohort's standing fines, the share paid in full within N days
     * of the beschikking, for N = 0 … 365 (for the report's chart).
     */
    async collectionCurve(year: number, asOf?: string): Promise<{ days: number; share: number }[]> {
      const w = windowOf(year, asOf ?? clock.today());
      return inOneSnapshot(async (main) => curveOf({ buckets: await repo.fullPayments(main, w), standing: await standingFines(main, w) }));
    },

    async evaluation(year: number, asOf?: string): Promise<EvaluationReport> {
      return (await report(year, asOf ?? clock.today())).report;
    },

    /** The report and its collection curve from one pass over the payments (for the PDF). */
    async evaluationWithCurve(year: number, asOf?: string): Promise<{ report: EvaluationReport; curve: { days: number; share: number }[] }> {
      const { report: r, paid } = await report(year, asOf ?? clock.today());
      return { report: r, curve: curveOf(paid) };
    },
  };
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
