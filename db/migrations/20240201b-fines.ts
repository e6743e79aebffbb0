import type { Knex } from 'knex';

/**
 * Fines (from the boa's rapport to the issued beschikking), the offender's personal data in a
 * table of its own (kept minimal, read only where needed, every read audited), the events that
 * make up a fine's timeline, and notice runs. The money of a fine lives in the ledger, not here.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_number_counters', (t) => {
    t.integer('year').primary();
    t.integer('last_sequence').notNullable();
  });

  await knex.schema.createTable('fines', (t) => {
    t.increments('id');
    t.string('case_number', 20).notNullable().unique(); // BB-2024-000123
    t.integer('case_year').notNullable();
    t.integer('case_sequence').notNullable();
    t.string('offence_code', 20).notNullable().references('offences.code');
    t.integer('tariff_id').notNullable().references('offence_tariffs.id');
    t.bigInteger('tariff_cents').notNullable();
    t.bigInteger('amount_cents').notNullable(); // after halving for a minor (Gemeentewet 154b lid 7)
    t.boolean('reduced_for_minor').notNullable();
    t.string('observed_at', 30).notNullable(); // UTC instant
    t.string('offence_date', 10).notNullable(); // Europe/Amsterdam civil date of observed_at
    t.string('location_street', 120).notNullable();
    t.string('location_house_number', 20);
    t.string('location_postcode', 10);
    t.string('district', 80).notNullable();
    t.double('lat');
    t.double('lon');
    t.text('observation').notNullable();
    t.integer('boa_user_id').notNullable().references('users.id');
    t.string('badge_number', 20).notNullable();
    t.string('registered_at', 30).notNullable();
    t.string('withdrawn_at', 30);
    t.text('withdrawn_reason');
    t.string('issued_on', 10);
    t.string('due_on', 10);
    t.string('objection_due_on', 10);
    t.string('payment_reference', 16).unique();
    t.text('late_notice_reason'); // why the beschikking was sent more than eight weeks after the offence
    t.string('issue_entry_id', 36);
    t.string('cancelled_on', 10);
    t.text('cancel_reason');
    t.unique(['case_year', 'case_sequence']);
    t.index(['offence_code']);
    t.index(['district']);
    t.index(['issued_on']);
    t.index(['boa_user_id']);
    t.index(['offence_date']);
  });

  await knex.schema.createTable('offenders', (t) => {
    t.integer('fine_id').primary().references('fines.id');
    t.string('given_names', 120).notNullable();
    t.string('surname', 120).notNullable();
    t.string('birth_date', 10).notNullable();
    t.string('street', 120).notNullable();
    t.string('house_number', 20).notNullable();
    t.string('postcode', 10).notNullable();
    t.string('city', 80).notNullable();
    t.string('country', 2).notNullable();
  });

  await knex.schema.createTable('fine_events', (t) => {
    t.bigIncrements('id');
    t.integer('fine_id').notNullable().references('fines.id');
    t.string('occurred_at', 30).notNullable();
    t.string('on_date', 10).notNullable(); // the civil date the event counts for
    t.string('type', 40).notNullable();
    t.integer('actor_user_id');
    t.string('actor', 120).notNullable();
    t.text('details'); // JSON, no personal data
    t.index(['fine_id']);
  });

  await knex.schema.createTable('notice_runs', (t) => {
    t.increments('id');
    t.string('created_at', 30).notNullable();
    t.string('run_on', 10).notNullable();
    t.integer('actor_user_id');
    t.string('actor', 120).notNullable();
    t.integer('fine_count').notNullable();
    t.bigInteger('total_cents').notNullable();
  });

  await knex.schema.createTable('notice_run_fines', (t) => {
    t.integer('run_id').notNullable().references('notice_runs.id');
    t.integer('fine_id').notNullable().references('fines.id');
    t.integer('position').notNullable();
    t.primary(['run_id', 'fine_id']);
    t.unique(['fine_id']); // a fine's beschikking is issued in at most one run
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notice_run_fines');
  await knex.schema.dropTable('notice_runs');
  await knex.schema.dropTable('fine_events');
  await knex.schema.dropTable('offenders');
  await knex.schema.dropTable('fines');
  await knex.schema.dropTable('case_number_counters');
}
