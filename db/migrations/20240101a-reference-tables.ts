import type { Knex } from 'knex';

/** The municipality profile and the dated policy and calendar tables (design.md §4). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('municipality_profile', (t) => {
    t.string('code', 40).primary(); // e.g. 'zoetermeer'
    t.string('name', 100).notNullable();
    t.string('bestuursorgaan', 200).notNullable(); // who imposes the fine (Gemeentewet 154b lid 4)
    t.string('postal_address', 200).notNullable();
    t.string('postcode', 10).notNullable();
    t.string('city', 100).notNullable();
    t.string('iban', 34).notNullable();
    t.string('bic', 11);
    t.string('creditor_name', 70).notNullable(); // EPC QR beneficiary name, max 70
    t.string('phone', 40);
    t.string('website', 200);
    t.string('email', 200);
    t.string('bboor_from', 10).notNullable(); // first offence date under the municipality's own BBOOR
  });

  // Every amount, threshold and term as dated data: the value in force on a date is the row with
  // the latest valid_from on or before it.
  await knex.schema.createTable('policy_values', (t) => {
    t.string('key', 60).notNullable();
    t.string('valid_from', 10).notNullable();
    t.bigInteger('value').notNullable();
    t.string('unit', 20).notNullable();
    t.text('source').notNullable();
    t.primary(['key', 'valid_from']);
  });

  // Gelijkgestelde dagen (Algemene termijnenwet art. 3 lid 3), published in the Staatscourant.
  await knex.schema.createTable('atw_equated_days', (t) => {
    t.string('date', 10).primary();
    t.text('source').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('atw_equated_days');
  await knex.schema.dropTable('policy_values');
  await knex.schema.dropTable('municipality_profile');
}
