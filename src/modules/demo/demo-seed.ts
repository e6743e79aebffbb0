/**
 * Demo data for the Zoetermeer pilot: demo users of every role, and a year of rapporten walked
 * through day by day with a manual clock, so that every row is written by the real services
 * (case numbers, tariffs, halving for minors, ledger entries, audit log) exactly as in use:
 * boa's register in the evening, the back office runs the notices every Monday, withdraws a few
 * rapporten before the run, issues a paper rapport late with a reason and cancels a few fines.
 * Deterministic: the same seed and `today` give the same data. Run it on an empty database only:
 * if the demo users exist, it changes nothing.
 */
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import { addDays, dayOfWeek, isCivilDate } from '../../domain/civil-date.js';
import { isAtwRestDay } from '../../domain/deadlines.js';
import { createServices, type Services } from '../../services.js';
import { manualClock, ZONE } from '../../shared/clock.js';
import { SYSTEM_ACTOR, type Actor } from '../audit/audit.types.js';
import { actorFor } from '../auth/auth.service.js';
import type { Role } from '../auth/roles.js';
import type { RegistrationInput } from '../fines/fines.types.js';
import { DEMO_STAFF } from './demo-names.js';
import { buildRapport } from './demo-rapport.js';
import { CANCEL_REASONS, DOG_CANCEL_REASONS, isDogOffence, LATE_NOTE, LATE_RAPPORTS, LATE_REASON, MONTH_WEIGHT, OFFENCES, SEASON_CURVE, WEEKDAY_WEIGHT, WITHDRAW_REASONS, type OffenceProfile } from './demo-texts.js';
import { createPrng, type Prng } from './prng.js';

export interface DemoSeedOptions {
  logger: Logger;
  /** The last day to simulate (YYYY-MM-DD); the walk stops at 2024-12-31 at the latest. */
  today: string;
  seed?: number;
  /** About how many rapporten the whole of 2024 gets (default 300). */
  count?: number;
}

export interface DemoSeedResult {
  created: boolean;
  users: { username: string; role: string; token: string }[];
  fines: number;
  issued: number;
  withdrawn: number;
  cancelled: number;
  noticeRuns: number;
}

export const DEMO_MARKER_USERNAME = 'demo.boa.1';
export const DEMO_DEFAULT_SEED = 20240101;
export const DEMO_DEFAULT_COUNT = 300;
const FIRST_DAY = '2024-01-02';
const LAST_DAY = '2024-12-31';

/** Chance that a registered rapport is withdrawn before the Monday run, and that an issued fine is cancelled later. */
const WITHDRAW_CHANCE = 0.025;
const CANCEL_CHANCE = 0.04;

/** An instant on a civil date, Europe/Amsterdam, as ISO with the right offset (+01:00 or +02:00). */
function at(date: string, hour: number, minute: number): string {
  return DateTime.fromISO(date, { zone: ZONE }).set({ hour, minute, second: 0, millisecond: 0 }).toISO({ suppressMilliseconds: true })!;
}

/** Expected rapporten per day of 2024, from 2 January: seasonal by month, busier on Fridays and Saturdays. */
function dailyPlan(count: number): Map<string, number> {
  const weights = new Map<string, number>();
  for (let d = FIRST_DAY; d <= LAST_DAY; d = addDays(d, 1)) weights.set(d, MONTH_WEIGHT[Number(d.slice(5, 7)) - 1]! * WEEKDAY_WEIGHT[dayOfWeek(d)]!);
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  return new Map([...weights].map(([d, w]) => [d, (count * w) / total]));
}

function offenceWeights(month: number): ReadonlyArray<readonly [OffenceProfile, number]> {
  const season = SEASON_CURVE[month - 1]!;
  return OFFENCES.map((o) => [o, o.weight * (1 + (o.summer - 1) * season)] as const);
}

function validate(options: DemoSeedOptions): { today: string; seed: number; count: number } {
  const { today, seed = DEMO_DEFAULT_SEED, count = DEMO_DEFAULT_COUNT } = options;
  if (!isCivilDate(today)) throw new RangeError(`today must be a date like 2024-03-31, not ${today}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, not ${seed}`);
  if (!Number.isSafeInteger(count) || count < 0 || count > 100_000) throw new RangeError(`count must be a whole number from 0 to 100000, not ${count}`);
  return { today, seed, count };
}

export async function seedDemo(db: Knex, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const { logger } = options;
  const { today, seed, count } = validate(options);
  const result: DemoSeedResult = { created: false, users: [], fines: 0, issued: 0, withdrawn: 0, cancelled: 0, noticeRuns: 0 };
  if (await db('users').where({ username: DEMO_MARKER_USERNAME }).first('id')) {
    logger.info('demo seed: the demo users exist already, nothing changed');
    return result;
  }
  const started = Date.now();
  const until = today < LAST_DAY ? today : LAST_DAY;
  logger.info({ seed, count, until }, 'demo seed: start');

  const clock = manualClock(at(today < FIRST_DAY ? today : FIRST_DAY, 8, 0));
  const services = createServices({ db, clock, logger });
  const prng = createPrng(seed);
  const staff = await createStaff(services, result);
  result.created = true;
  logger.info({ users: result.users.length }, 'demo seed: demo users created');

  const walk = new Walk(services, clock, prng, staff, result);
  const plan = dailyPlan(count);
  const equated = await services.reference.equatedDays();
  const restDay = (d: string) => isAtwRestDay(d, equated);
  for (let day = FIRST_DAY; day <= until; day = addDays(day, 1)) {
    if (!restDay(day)) {
      // The weekly run is on Monday, or on Tuesday after Easter or Whit Monday.
      if (dayOfWeek(day) === 1 || (dayOfWeek(day) === 2 && restDay(addDays(day, -1)))) await walk.noticeRun(day);
      await walk.cancelDue(day);
    }
    await walk.evening(day, plan.get(day) ?? 0);
    if (day === until || addDays(day, 1).slice(5, 7) !== day.slice(5, 7)) {
      const { users: _users, ...totals } = result;
      logger.info({ month: day.slice(0, 7), ...totals }, 'demo seed: month done');
    }
  }
  const { users: _users, ...totals } = result;
  logger.info({ ...totals, ms: Date.now() - started }, 'demo seed: done');
  return result;
}

interface Staff {
  boas: Actor[];
  backoffice: Actor;
}

async function createStaff(services: Services, result: DemoSeedResult): Promise<Staff> {
  const add = async (username: string, role: Role, name: string, badgeNumber?: string): Promise<Actor> => {
    const { user, token } = await services.auth.addUser(SYSTEM_ACTOR, { username, role, name, badgeNumber: badgeNumber ?? null });
    result.users.push({ username, role, token });
    return actorFor(user);
  };
  const boas: Actor[] = [];
  for (const [i, boa] of DEMO_STAFF.boa.entries()) boas.push(await add(`demo.boa.${i + 1}`, 'boa', boa.name, boa.badgeNumber));
  const backoffice = await add('demo.backoffice', 'backoffice', DEMO_STAFF.backoffice);
  await add('demo.finance', 'finance', DEMO_STAFF.finance);
  await add('demo.evaluator', 'evaluator', DEMO_STAFF.evaluator);
  await add('demo.admin', 'admin', DEMO_STAFF.admin);
  return { boas, backoffice };
}

/** The state of the walk through the year: what is waiting for the next run and what gets cancelled when. */
class Walk {
  /** Registered, neither issued nor withdrawn, in registration order. */
  private pending: number[] = [];
  private late = new Set<number>();
  private offenceOf = new Map<number, string>();
  private cancellations: { fineId: number; on: string }[] = [];
  private withdrawnIn = '';
  private carry = 0;
  private weightsMonth = 0;
  private weights: ReadonlyArray<readonly [OffenceProfile, number]> = [];

  constructor(
    private readonly services: Services,
    private readonly clock: { set(iso: string): void },
    private readonly prng: Prng,
    private readonly staff: Staff,
    private readonly result: DemoSeedResult,
  ) {}

  /**
   * The weekly run, in the morning: the back office withdraws what cannot go out (at least one
   * rapport a month, so every month shows one), runs the notices, then the late ones with a reason.
   */
  async noticeRun(day: string): Promise<void> {
    const { services, prng, staff } = this;
    const month = day.slice(0, 7);
    this.clock.set(at(day, 9, 0));
    const lastRunOfMonth = addDays(day, 7).slice(0, 7) !== month;
    for (const fineId of [...this.pending]) {
      const forced = lastRunOfMonth && this.withdrawnIn !== month && fineId === this.pending[this.pending.length - 1];
      if (this.late.has(fineId) || !(forced || prng.chance(WITHDRAW_CHANCE))) continue;
      await services.fines.withdraw(staff.backoffice, fineId, prng.pick(WITHDRAW_REASONS));
      this.pending = this.pending.filter((id) => id !== fineId);
      this.withdrawnIn = month;
      this.result.withdrawn++;
    }
    this.clock.set(at(day, 9, 30));
    const run = await services.notices.run(staff.backoffice, {});
    this.issuedInRun(day, run);
    const lateIds = run.skipped.map((s) => s.id).filter((id) => this.late.has(id));
    if (run.skipped.length > lateIds.length) services.logger.warn({ skipped: run.skipped.length - lateIds.length }, 'demo seed: rapporten skipped by the notice run');
    if (lateIds.length > 0) {
      this.clock.set(at(day, 10, 0));
      const lateRun = await services.notices.run(staff.backoffice, { fineIds: lateIds, lateReasons: Object.fromEntries(lateIds.map((id) => [String(id), LATE_REASON])) });
      this.issuedInRun(day, lateRun);
    }
  }

  private issuedInRun(day: string, run: { runId: number | null; issued: { id: number }[] }): void {
    if (run.runId !== null) this.result.noticeRuns++;
    this.result.issued += run.issued.length;
    const issued = new Set(run.issued.map((f) => f.id));
    this.pending = this.pending.filter((id) => !issued.has(id));
    for (const { id } of run.issued) {
      this.late.delete(id);
      if (this.prng.chance(CANCEL_CHANCE)) this.cancellations.push({ fineId: id, on: addDays(day, this.prng.int(10, 45)) });
    }
  }

  /** A working day's late morning: fines whose cancellation (after bezwaar or ambtshalve) is due. */
  async cancelDue(day: string): Promise<void> {
    const due = this.cancellations.filter((c) => c.on <= day);
    if (due.length === 0) return;
    this.cancellations = this.cancellations.filter((c) => c.on > day);
    this.clock.set(at(day, 11, 0));
    for (const c of due) {
      const reasons = isDogOffence(this.offenceOf.get(c.fineId) ?? '') ? [...CANCEL_REASONS, ...DOG_CANCEL_REASONS] : CANCEL_REASONS;
      await this.services.fines.cancel(this.staff.backoffice, c.fineId, this.prng.pick(reasons));
      this.result.cancelled++;
    }
  }

  /** The evening: the boa's enter the day's rapporten (and, on two days, an old paper one). */
  async evening(day: string, expected: number): Promise<void> {
    const { prng } = this;
    const month = Number(day.slice(5, 7));
    if (month !== this.weightsMonth) {
      this.weights = offenceWeights(month);
      this.weightsMonth = month;
    }
    // Shifts differ from day to day; the carry keeps the year's total close to the plan.
    this.carry += expected * (0.4 + 1.2 * prng.next());
    const n = Math.floor(this.carry);
    this.carry -= n;
    const rapports = Array.from({ length: n }, () => buildRapport(prng, prng.weighted(this.weights), day)).sort((a, b) => Date.parse(a.input.observedAt) - Date.parse(b.input.observedAt));
    const late = LATE_RAPPORTS.find((l) => l.registeredOn === day);
    // Entered from about 22:30, a minute or so apart (closer together on a very busy day, never past midnight).
    const start = DateTime.fromISO(at(day, 22, prng.int(30, 45)), { setZone: true });
    const step = Math.min(60, Math.floor((70 * 60) / (n + 2)));
    let entered = 0;
    const enter = () => this.clock.set(start.plus({ seconds: step * entered++ }).toISO({ suppressMilliseconds: true })!);
    for (const rapport of rapports) {
      enter();
      await this.register(rapport.input, false);
    }
    if (late) {
      const old = addDays(day, -late.daysBefore);
      enter();
      await this.register(buildRapport(prng, prng.weighted(offenceWeights(Number(old.slice(5, 7)))), old, LATE_NOTE).input, true);
    }
  }

  private async register(input: RegistrationInput, late: boolean): Promise<void> {
    const boa = this.prng.weighted(this.staff.boas.map((b, i) => [b, [45, 35, 20][i] ?? 10] as const));
    const fine = await this.services.fines.register(boa, input);
    this.pending.push(fine.id);
    this.offenceOf.set(fine.id, fine.offenceCode);
    if (late) this.late.add(fine.id);
    this.result.fines++;
  }
}
