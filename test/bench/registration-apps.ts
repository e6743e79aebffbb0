/**
 * What the registration benchmark's parent (registration.ts) and its server process
 * (registration-server.ts) share: the configuration, the IPC messages, and the bare endpoint.
 */
import express, { type Express } from 'express';
import type { Knex } from 'knex';
import { registrationSchema } from '../../src/modules/fines/fines.schemas.js';
import type { RegistrationInput } from '../../src/modules/fines/fines.types.js';

export type ServerImpl = 'real' | 'bare';

export interface ServerConfig {
  impl: ServerImpl;
  url: string;
  searchPath?: string;
  /** The fixed clock, an ISO timestamp with offset. */
  now: string;
}

export type ServerMessage = { type: 'ready'; port: number } | { type: 'stats'; queries: number; dbMs: number; cpuMs: number } | { type: 'error'; message: string };

export const BARE_TABLE = 'bench_bare_fines';

/** The bare endpoint's table: the main fields of a fine and its offender, in one row. */
export async function createBareTable(db: Knex): Promise<void> {
  await db.schema.createTable(BARE_TABLE, (t) => {
    t.increments('id').primary();
    t.string('offence_code', 20).notNullable();
    t.string('observed_at', 40).notNullable();
    t.string('offence_date', 10).notNullable();
    t.string('location_street', 120).notNullable();
    t.string('location_house_number', 20).nullable();
    t.string('location_postcode', 10).nullable();
    t.string('district', 80).notNullable();
    t.double('lat').nullable();
    t.double('lon').nullable();
    t.text('observation').notNullable();
    t.string('given_names', 120).notNullable();
    t.string('surname', 120).notNullable();
    t.string('birth_date', 10).notNullable();
    t.string('street', 120).notNullable();
    t.string('house_number', 20).notNullable();
    t.string('postcode', 10).notNullable();
    t.string('city', 80).notNullable();
    t.string('country', 2).notNullable();
    t.string('registered_at', 40).notNullable();
  });
}

/** The bare endpoint's row for a validated body. */
export function bareRow(b: RegistrationInput, registeredAt: string): Record<string, unknown> {
  return {
    offence_code: b.offenceCode,
    observed_at: new Date(b.observedAt).toISOString(),
    offence_date: b.observedAt.slice(0, 10),
    location_street: b.location.street,
    location_house_number: b.location.houseNumber ?? null,
    location_postcode: b.location.postcode ?? null,
    district: b.location.district,
    lat: b.location.lat ?? null,
    lon: b.location.lon ?? null,
    observation: b.observation,
    given_names: b.offender.givenNames,
    surname: b.offender.surname,
    birth_date: b.offender.birthDate,
    street: b.offender.address.street,
    house_number: b.offender.address.houseNumber,
    postcode: b.offender.address.postcode,
    city: b.offender.address.city,
    country: b.offender.address.country,
    registered_at: registeredAt,
  };
}

/**
 * The bare-library baseline: Express 5, express.json, the zod schema the application validates the
 * same body with, and one knex insert of a row; no authentication, audit, lookups or logging.
 */
export function bareApp(db: Knex, now: () => Date): Express {
  const app = express();
  app.post('/api/v1/fines', express.json({ limit: '100kb', strict: true }), async (req, res) => {
    const parsed = registrationSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(422).json({ errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) });
      return;
    }
    const b = parsed.data;
    try {
      const [row] = await db(BARE_TABLE)
        .insert(bareRow(b, now().toISOString()))
        .returning('id');
      res.status(201).json({ id: (row as { id: number }).id });
    } catch (err) {
      process.stderr.write(`bare insert failed: ${err instanceof Error ? err.message : String(err)}\n`);
      res.status(500).json({ error: 'insert failed' });
    }
  });
  return app;
}
