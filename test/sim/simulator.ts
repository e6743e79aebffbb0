import { Readable } from 'node:stream';
import { DateTime } from 'luxon';
import { createTestContext, type TestContext } from '../helpers/test-db.js';
import { makeUser } from '../helpers/factories.js';
import { registration } from '../helpers/fine-factory.js';
import { camt053, type CamtEntry } from '../helpers/camt053.js';
import { makeIban } from '../../src/domain/iban.js';
import { formatKenmerk } from '../../src/domain/betalingskenmerk.js';
import type { Actor } from '../../src/modules/audit/audit.types.js';
import { assertInvariants, type Model } from './invariants.js';
import { prng, type Prng } from './prng.js';

const OWN = 'NL91ABNA0417164300';
const CODES = ['A.31', 'C.2', 'A.24.1', 'B.8.1', 'A.12.2', 'A.41b', 'B.1'];

interface PlannedPayment {
  on: string;
  fineId: number;
  cents: number;
  reference: string;
  asText: boolean;
  iban: string;
}

interface Pending {
  objections: { fineId: number; on: string; decideOn: string; outcome: 'rejected' | 'upheld' | 'reduced' }[];
  payments: PlannedPayment[];
  stornos: { on: string; entry: CamtEntry }[];
}

export interface SimulationResult {
  seed: number;
  days: number;
  fines: number;
  bankLines: number;
  aanmaningen: number;
  objections: number;
}

const local = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: 'Europe/Amsterdam' }).toISO()!;
const plusDays = (date: string, n: number) => DateTime.fromISO(date).plus({ days: n }).toISODate()!;

/**
 * A pilot year, day by day, from a seed: boa's register, the back office issues on Mondays,
 * payers pay on time, late, partly, twice or never (some type the kenmerk in the free text), bank
 * files arrive with duplicates, overlaps, stornos and refund payouts, the collection run runs on
 * most days (sometimes a day is skipped), objections are lodged and decided. After every day the
 * global invariants are asserted; a failure names the seed and the day so it can be replayed.
 */
export interface SimulationOptions {
  from?: string;
  to?: string;
  /** Called after each day's invariants, with the database as it stands (for checks of a reader). */
  afterDay?: (t: TestContext, day: string) => Promise<void>;
}

export async function simulateYear(seed: number, options: SimulationOptions = {}): Promise<SimulationResult> {
  const rng: Prng = prng(seed);
  const t: TestContext = await createTestContext('2024-01-01T08:00:00+01:00');
  const s = t.services;
  const boa = (await makeUser(s, 'boa')).actor;
  const backoffice = (await makeUser(s, 'backoffice')).actor;
  const finance = (await makeUser(s, 'finance')).actor;
  const model: Model = { imposedCents: 0, cancelledCents: 0, reducedCents: 0, moneyInCents: 0, returnedCents: 0 };
  const pending: Pending = { objections: [], payments: [], stornos: [] };
  const ibans = Array.from({ length: 40 }, (_, i) => makeIban('NL', `RABO${String(3000000000 + i * 7919).padStart(10, '0')}`));
  const paidLines: { on: string; entry: CamtEntry }[] = [];
  let bankSeq = 0;
  let yesterdayFile: string | null = null;
  const result: SimulationResult = { seed, days: 0, fines: 0, bankLines: 0, aanmaningen: 0, objections: 0 };
  const from = options.from ?? '2024-01-02';
  const to = options.to ?? '2024-12-31';

  const schedulePayer = (fine: { id: number; amountCents: number; paymentReference: string; issuedOn: string; dueOn: string }) => {
    const iban = rng.pick(ibans);
    const asText = rng.chance(0.08);
    const pay = (on: string, cents: number) => pending.payments.push({ on, fineId: fine.id, cents, reference: fine.paymentReference, asText, iban });
    const r = rng.next();
    if (r < 0.55) pay(plusDays(fine.issuedOn, rng.int(2, 35)), fine.amountCents);
    else if (r < 0.7) pay(plusDays(fine.dueOn, rng.int(2, 45)), fine.amountCents);
    else if (r < 0.8) {
      const part = Math.floor(fine.amountCents * (0.3 + rng.next() * 0.4));
      pay(plusDays(fine.issuedOn, rng.int(2, 30)), part);
      if (rng.chance(0.5)) pay(plusDays(fine.dueOn, rng.int(5, 40)), fine.amountCents - part);
    } else if (r < 0.85) {
      pay(plusDays(fine.issuedOn, rng.int(2, 20)), fine.amountCents);
      pay(plusDays(fine.issuedOn, rng.int(21, 40)), fine.amountCents);
    } // else: never pays
    if (rng.chance(0.05)) {
      const on = plusDays(fine.issuedOn, rng.int(3, 35));
      pending.objections.push({ fineId: fine.id, on, decideOn: plusDays(on, rng.int(14, 45)), outcome: rng.pick(['rejected', 'rejected', 'upheld', 'reduced'] as const) });
    }
  };

  const importFile = async (xml: string, actor: Actor) => s.imports.importStatement(actor, Readable.from([Buffer.from(xml)]), {});

  try {
    for (let day = from; day <= to; day = plusDays(day, 1)) {
      result.days += 1;
      const weekday = DateTime.fromISO(day).weekday;
      // 1. Boa's register in the afternoon (fewer at weekends).
      t.clock.set(local(day, '18:00'));
      for (let n = rng.int(0, weekday >= 6 ? 1 : 2); n > 0; n--) {
        const body = registration({ offenceCode: rng.pick(CODES), observedAt: local(day, `${String(rng.int(9, 17)).padStart(2, '0')}:${String(rng.int(10, 59))}`) });
        body.offender.birthDate = rng.chance(0.05) ? '2010-06-01' : `19${rng.int(50, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
        await s.fines.register(boa, body);
        result.fines += 1;
      }
      // 2. Mondays: the notice run; each issued fine gets a payer.
      if (weekday === 1) {
        t.clock.set(local(day, '09:00'));
        const run = await s.notices.run(backoffice, {});
        for (const f of run.issued) {
          model.imposedCents += f.amountCents;
          schedulePayer({ id: f.id, amountCents: f.amountCents, paymentReference: f.paymentReference, issuedOn: day, dueOn: f.dueOn });
        }
      }
      // 3. Objections lodged and decided.
      t.clock.set(local(day, '11:00'));
      for (const o of pending.objections.filter((x) => x.on === day)) {
        const fine = (await s.fines.find(o.fineId))!;
        if (fine.cancelledOn) continue;
        await s.objections.lodge(backoffice, o.fineId, { receivedOn: day, summary: 'bezwaar' }).catch((e: Error) => {
          if (!/loopt al/.test(e.message)) throw e;
        });
        result.objections += 1;
      }
      for (const o of pending.objections.filter((x) => x.decideOn === day)) {
        const [open] = (await s.objections.list({ status: 'pending', fineId: o.fineId }));
        if (!open) continue;
        const fine = (await s.fines.find(o.fineId))!;
        if (o.outcome === 'reduced') {
          await s.objections.decide(backoffice, open.id, { outcome: 'reduced', newAmountCents: Math.floor(fine.amountCents / 2), reason: 'matiging' });
          model.reducedCents += fine.amountCents - Math.floor(fine.amountCents / 2);
        } else {
          await s.objections.decide(backoffice, open.id, { outcome: o.outcome, reason: o.outcome });
          if (o.outcome === 'upheld') model.cancelledCents += fine.amountCents;
        }
      }
      // 4. The bank file of the day: payments, stornos, refunds paid out; sometimes yesterday's
      // file again (a duplicate download) or yesterday's lines repeated (an overlap).
      t.clock.set(local(day, '20:00'));
      const entries: CamtEntry[] = [];
      for (const p of pending.payments.filter((x) => x.on === day)) {
        const e: CamtEntry = { amountCents: p.cents, direction: 'credit', bookingDate: day, bankReference: `SIM-${++bankSeq}`, details: [{ endToEndId: `E2E-${bankSeq}`, iban: p.iban, name: 'Betaler', ...(p.asText ? { text: `boete ${formatKenmerk(p.reference)}` } : { structuredReference: p.reference }) }] };
        entries.push(e);
        paidLines.push({ on: day, entry: e });
        model.moneyInCents += p.cents;
        if (rng.chance(0.02)) pending.stornos.push({ on: plusDays(day, rng.int(2, 10)), entry: e });
      }
      for (const st of pending.stornos.filter((x) => x.on === day)) {
        entries.push({ amountCents: st.entry.amountCents, direction: 'debit', reversal: true, bookingDate: day, bankReference: `SIM-${++bankSeq}`, details: [{ endToEndId: st.entry.details![0]!.endToEndId!, iban: st.entry.details![0]!.iban!, returnReason: 'MD07' }] });
        model.returnedCents += st.entry.amountCents;
      }
      for (const r of await s.payments.listRefunds('proposed')) {
        if (r.payerIban && r.createdAt.slice(0, 10) < plusDays(day, -3) && !entries.some((e) => e.direction === 'debit' && e.details?.[0]?.iban === r.payerIban && e.amountCents === r.amountCents)) {
          entries.push({ amountCents: r.amountCents, direction: 'debit', bookingDate: day, bankReference: `SIM-${++bankSeq}`, details: [{ endToEndId: `REFUND-${r.id}`, iban: r.payerIban, name: 'Betaler' }] });
        }
      }
      if (entries.length > 0) {
        const file = camt053([{ account: OWN, id: `SIM-${day}`, openingCents: 0, date: day, entries }]);
        await importFile(file, finance);
        result.bankLines += entries.length;
        if (yesterdayFile && rng.chance(0.1)) await importFile(yesterdayFile, finance); // duplicate download
        yesterdayFile = file;
      }
      // 5. The collection run, on most days.
      if (!rng.chance(0.15)) {
        t.clock.set(local(day, '21:00'));
        result.aanmaningen += (await s.collection.run(backoffice, { asOf: day })).aanmaningen;
      }
      await assertInvariants(t.db, s.ledgerChecks, model);
      await options.afterDay?.(t, day);
    }
    return result;
  } catch (err) {
    throw new Error(`simulation seed ${seed} failed on day ${result.days} (replay: SIM_SEEDS=${seed} npm run sim): ${(err as Error).message}`);
  } finally {
    await t.destroy();
  }
}
