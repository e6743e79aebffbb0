/**
 * Untimed setup of the collection-run benchmark: a freshly migrated database with the reference
 * data, a boa and a backoffice user, and `count` issued fines (BB-2024-000001 …) whose last day of
 * payment was 2024-04-12, each with its `fine.issue` entry booked through `ledger.postMany`, so that
 * every one of them is overdue on 2024-04-13. The fines rows go in with bare knex inserts (the
 * registration and issuing services would take far longer than the benchmark itself).
 *
 * On SQLite the prepared file is kept as a template and copied for every further use (a file
 * copy instead of ~30 s of inserts); PostgreSQL gets a fresh schema prepared each time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import pino from 'pino';
import { SYSTEM_ACTOR, type Actor } from '../../src/modules/audit/audit.types.js';
import { actorFor } from '../../src/modules/auth/auth.service.js';
import type { EntryInput } from '../../src/modules/ledger/ledger.types.js';
import { loadReferenceData } from '../../src/modules/reference/reference.service.js';
import { caseNumber } from '../../src/domain/tariffs.js';
import { fineKenmerk } from '../../src/domain/betalingskenmerk.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createDb, type Dialect } from '../../src/shared/db.js';
import { createServices } from '../../src/services.js';
import { freshDb, type BenchDb } from './databases.js';

export const CASE_YEAR = 2024;
export const OFFENCE_CODE = 'A.31';
export const ISSUED_ON = '2024-03-01';
/** Six weeks after 2024-03-01 (Awb 4:87), as fines.service computes it. */
export const DUE_ON = '2024-04-12';
/** The instant the fines were issued at (the setup's fixed clock). */
export const ISSUED_AT = '2024-03-01T09:00:00+01:00';
const BATCH = 500;

export const silentLogger = () => pino({ level: 'silent' });

export interface CollectionDb extends BenchDb {
  fines: number;
  /** The backoffice user the runs are made by. */
  actor: Actor;
  /** What the fines were issued for, per fine. */
  amountCents: number;
}

interface Template {
  dialect: Dialect;
  fines: number;
  actor: Actor;
  amountCents: number;
  /** SQLite: the prepared file, copied for every use. */
  file?: string;
}

/** One fines row as fines.repository writes it on registration, plus what issuing adds. */
function fineRow(seq: number, tariff: { id: number; cents: number }, boa: { id: number; badge: string }, entryId: string) {
  const day = 1 + (seq % 28);
  const observedAt = `2024-02-${String(day).padStart(2, '0')}T${String(9 + (seq % 10)).padStart(2, '0')}:15:00.000Z`;
  return {
    id: seq,
    case_number: caseNumber(CASE_YEAR, seq),
    case_year: CASE_YEAR,
    case_sequence: seq,
    offence_code: OFFENCE_CODE,
    tariff_id: tariff.id,
    tariff_cents: tariff.cents,
    amount_cents: tariff.cents,
    reduced_for_minor: false,
    observed_at: observedAt,
    offence_date: observedAt.slice(0, 10),
    location_street: 'Stationsplein',
    location_house_number: String(1 + (seq % 120)),
    location_postcode: '2711 AA',
    district: ['Centrum', 'Meerzicht', 'Rokkeveen', 'Seghwaert', 'Oosterheem'][seq % 5]!,
    lat: 52.06,
    lon: 4.49,
    observation: 'Betrokkene urineerde tegen de gevel van het stationsgebouw; aangesproken en gelegitimeerd.',
    boa_user_id: boa.id,
    badge_number: boa.badge,
    registered_at: observedAt,
    issued_on: ISSUED_ON,
    due_on: DUE_ON,
    objection_due_on: DUE_ON,
    payment_reference: fineKenmerk(CASE_YEAR, seq),
    issue_entry_id: entryId,
  };
}

/** Fills a freshly migrated database; returns who makes the runs and the amount per fine. */
async function fill(db: Knex, dialect: Dialect, count: number): Promise<{ actor: Actor; amountCents: number }> {
  const clock = fixedClock(ISSUED_AT);
  const services = createServices({ db, clock, logger: silentLogger() });
  await loadReferenceData(db, services.audit, clock.now().toISOString());
  const boa = await services.auth.addUser(SYSTEM_ACTOR, { name: 'Bench Boa', role: 'boa', badgeNumber: 'BOA-BENCH-1' });
  const backoffice = await services.auth.addUser(SYSTEM_ACTOR, { name: 'Bench Backoffice', role: 'backoffice' });
  const actor = actorFor(backoffice.user);
  const t = await db('offence_tariffs').where({ offence_code: OFFENCE_CODE }).where('valid_from', '<=', ISSUED_ON).orderBy('valid_from', 'desc').first('id', 'amount_cents');
  if (!t) throw new Error(`no tariff for ${OFFENCE_CODE} on ${ISSUED_ON}`);
  const tariff = { id: Number(t.id), cents: Number(t.amount_cents) };
  const boaRef = { id: boa.user.id, badge: boa.user.badgeNumber ?? 'BOA-BENCH-1' };
  for (let from = 1; from <= count; from += BATCH) {
    const seqs = Array.from({ length: Math.min(BATCH, count - from + 1) }, (_, i) => from + i);
    const entries: EntryInput[] = seqs.map((seq) => ({
      bookedOn: ISSUED_ON,
      kind: 'fine.issue',
      description: `Beschikking ${caseNumber(CASE_YEAR, seq)} (${OFFENCE_CODE})`,
      fineId: seq,
      idempotencyKey: `fine:${seq}:issue`,
      postings: [
        { account: 'receivable:fines', amountCents: tariff.cents },
        { account: 'revenue:fines', amountCents: -tariff.cents },
      ],
    }));
    await db.transaction(async (trx) => {
      const posted = await services.ledger.postMany(trx, actor, entries);
      await trx('fines').insert(seqs.map((seq, i) => fineRow(seq, tariff, boaRef, posted[i]!.entry.id)));
      await trx('fine_events').insert(
        seqs.map((seq) => ({
          fine_id: seq,
          occurred_at: clock.now().toISOString(),
          on_date: ISSUED_ON,
          type: 'issued',
          actor_user_id: actor.userId,
          actor: actor.label,
          details: JSON.stringify({ dueOn: DUE_ON, paymentReference: fineKenmerk(CASE_YEAR, seq), amountCents: tariff.cents }),
        })),
      );
    });
  }
  await db('case_number_counters').insert({ year: CASE_YEAR, last_sequence: count });
  if (dialect === 'postgres') {
    // The ids were given explicitly: move the sequence past them, and let the planner know the
    // tables as autovacuum would after a bulk load.
    await db.raw(`SELECT setval(pg_get_serial_sequence('fines', 'id'), ?)`, [count]);
    await db.raw('ANALYZE');
  }
  const [{ n } = { n: 0 }] = await db('fines').whereNotNull('issued_on').where('due_on', '<', '2024-04-13').count({ n: '*' });
  if (Number(n) !== count) throw new Error(`setup: ${String(n)} overdue fines, expected ${count}`);
  return { actor, amountCents: tariff.cents };
}

/** Prepares databases with `count` overdue fines; `next()` gives a fresh one each time. */
export class CollectionDbFactory {
  private template: Template | null = null;
  private copies = 0;
  constructor(
    private readonly dialect: Dialect,
    private readonly tmpDir: string,
    private readonly count: number,
  ) {}

  /** Milliseconds the last full preparation (migration + fill) took. */
  lastFillMs = 0;

  async next(): Promise<CollectionDb> {
    if (this.dialect === 'postgres') {
      const started = Date.now();
      const fresh = await freshDb('postgres', this.tmpDir);
      try {
        const { actor, amountCents } = await fill(fresh.db, 'postgres', this.count);
        this.lastFillMs = Date.now() - started;
        return { ...fresh, fines: this.count, actor, amountCents };
      } catch (err) {
        await fresh.destroy();
        throw err;
      }
    }
    if (!this.template) {
      const started = Date.now();
      const fresh = await freshDb('sqlite', this.tmpDir);
      const file = fresh.url.slice('sqlite:'.length);
      let filled: { actor: Actor; amountCents: number };
      try {
        filled = await fill(fresh.db, 'sqlite', this.count);
        // Fold the WAL into the main file, so that the file alone is the whole database.
        await fresh.db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
      } finally {
        await fresh.db.destroy();
      }
      this.lastFillMs = Date.now() - started;
      this.template = { dialect: 'sqlite', fines: this.count, ...filled, file };
    }
    const file = path.join(this.tmpDir, `collection-${this.copies++}-${randomBytes(4).toString('hex')}.sqlite`);
    fs.copyFileSync(this.template.file!, file);
    const db = createDb(`sqlite:${file}`);
    return {
      db,
      dialect: 'sqlite',
      url: `sqlite:${file}`,
      fines: this.count,
      actor: this.template.actor,
      amountCents: this.template.amountCents,
      destroy: async () => {
        await db.destroy();
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
      },
    };
  }

  /** Removes the SQLite template. */
  dispose(): void {
    const file = this.template?.file;
    if (file) for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
    this.template = null;
  }
}
