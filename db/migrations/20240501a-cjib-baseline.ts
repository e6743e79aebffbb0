import type { Knex } from 'knex';

/**
 * The years before the pilot, when the CJIB collected these fines (bestuurlijke strafbeschikking):
 * counts and amounts per year and offence, and what the municipality received (the
 * proces-verbaalvergoeding until 2015, nothing after; domain.md §1.4).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cjib_baseline', (t) => {
    t.integer('year').notNullable();
    t.string('offence_code', 20).notNullable();
    t.integer('fines_count').notNullable();
    t.bigInteger('imposed_cents').notNullable();
    t.bigInteger('revenue_to_municipality_cents').notNullable();
    t.text('source').notNullable();
    t.primary(['year', 'offence_code']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cjib_baseline');
}
