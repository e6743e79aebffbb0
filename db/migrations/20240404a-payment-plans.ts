import type { Knex } from 'knex';

/**
 * Payment plans (uitstel van betaling, Awb 4:94): instalments with dates and amounts. While the
 * plan is kept no aanmaning goes out; a missed instalment gets its own reminder; a plan still
 * behind after that reminder's term is broken and collection resumes (Awb 4:96).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('payment_plans', (t) => {
    t.increments('id');
    t.integer('fine_id').notNullable().references('fines.id');
    t.string('granted_on', 10).notNullable();
    t.bigInteger('total_cents').notNullable(); // what was open when the plan was granted
    t.text('reason').notNullable();
    t.string('granted_by', 120).notNullable();
    t.string('broken_on', 10);
    t.string('created_at', 30).notNullable();
    t.index(['fine_id']);
  });
  await knex.schema.createTable('plan_instalments', (t) => {
    t.integer('plan_id').notNullable().references('payment_plans.id');
    t.integer('seq').notNullable();
    t.string('due_on', 10).notNullable();
    t.bigInteger('amount_cents').notNullable();
    t.primary(['plan_id', 'seq']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('plan_instalments');
  await knex.schema.dropTable('payment_plans');
}
