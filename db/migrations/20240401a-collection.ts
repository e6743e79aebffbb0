import type { Knex } from 'knex';
import { dropAppendOnly, makeAppendOnly } from './dialect.js';

/**
 * The collection run and its steps. A step is unique per (fine, step, instalment): running a day
 * twice, or catching up after missed days, can never send a second aanmaning, hand a fine off
 * twice, or remind twice of the same missed instalment of a payment plan.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('collection_runs', (t) => {
    t.increments('id');
    t.string('as_of', 10).notNullable();
    t.string('created_at', 30).notNullable();
    t.integer('actor_user_id');
    t.string('actor', 120).notNullable();
    t.integer('aanmaningen').notNullable();
    t.integer('dwangbevelen').notNullable();
    t.integer('held').notNullable();
    t.bigInteger('costs_cents').notNullable();
  });
  await knex.schema.createTable('collection_steps', (t) => {
    t.bigIncrements('id');
    t.integer('fine_id').notNullable().references('fines.id');
    t.string('step', 20).notNullable(); // aanmaning | dwangbevel | plan-reminder
    t.integer('instalment').notNullable().defaultTo(0); // plan-reminder: the instalment it is for
    t.integer('run_id').notNullable().references('collection_runs.id');
    t.string('step_date', 10).notNullable(); // the date of the letter / hand-off
    t.string('term_ends_on', 10); // aanmaning: the new last day (Awb 4:112)
    t.bigInteger('open_cents').notNullable(); // what was open when the step was taken
    t.bigInteger('costs_cents').notNullable();
    t.string('entry_id', 36); // the ledger entry of the costs, if any
    t.string('created_at', 30).notNullable();
    t.unique(['fine_id', 'step', 'instalment']);
    t.index(['run_id']);
    t.check("?? in ('aanmaning','dwangbevel','plan-reminder')", ['step'], 'collection_steps_step');
  });
  await makeAppendOnly(knex, 'collection_steps');
}

export async function down(knex: Knex): Promise<void> {
  await dropAppendOnly(knex, 'collection_steps');
  await knex.schema.dropTable('collection_steps');
  await knex.schema.dropTable('collection_runs');
}
