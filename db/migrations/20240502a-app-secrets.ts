import type { Knex } from 'knex';

/**
 * Secrets the application makes for itself, e.g. the key of the keyed hash that pseudonymises
 * offenders in evaluator exports: made once, kept in the database so every export links the
 * same person the same way, never shown.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('app_secrets', (t) => {
    t.string('name', 60).primary();
    t.string('value', 200).notNullable();
    t.string('created_at', 30).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('app_secrets');
}
