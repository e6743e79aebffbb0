import type { Knex } from 'knex';

/** The migrations' one dialect switch, so every dialect branch below is visible as such. */
export function isPostgres(knex: Knex): boolean {
  return ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));
}

/**
 * Refuse UPDATE and DELETE on a table, in the database itself, so that not even raw SQL can
 * rewrite history: financial rows are corrected by reversal entries, never edited.
 * Triggers are not part of knex's schema builder, so this is the one place with dialect SQL.
 */
export async function makeAppendOnly(knex: Knex, table: string): Promise<void> {
  if (isPostgres(knex)) {
    // PostgreSQL: one shared trigger function; TRUNCATE is refused too (statement-level trigger).
    await knex.raw(`
      CREATE OR REPLACE FUNCTION bboor_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'bboor: % is append-only; book a correction instead', TG_TABLE_NAME;
      END $$`);
    await knex.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION bboor_refuse_change()`);
    await knex.raw(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION bboor_refuse_change()`);
  } else {
    // SQLite: RAISE(ABORT) inside BEFORE triggers; SQLite has no TRUNCATE.
    for (const op of ['UPDATE', 'DELETE']) {
      await knex.raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
        BEGIN SELECT RAISE(ABORT, 'bboor: ${table} is append-only; book a correction instead'); END`);
    }
  }
}

export async function dropAppendOnly(knex: Knex, table: string): Promise<void> {
  if (isPostgres(knex)) {
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table}`);
  } else {
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_no_update`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${table}_no_delete`);
  }
}
