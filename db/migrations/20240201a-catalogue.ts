import type { Knex } from 'knex';
import { dropAppendOnly, makeAppendOnly } from './dialect.js';

/** The offence catalogue: the Besluit's annex codes with the Apv article and dated tariffs. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('offences', (t) => {
    t.string('code', 20).primary(); // annex code, e.g. A.31; a dash of a voorschrift: A.24.1
    t.string('section', 1).notNullable();
    t.string('short_name', 80).notNullable();
    t.text('description').notNullable();
    t.string('apv_article', 120).notNullable();
    t.boolean('apv_article_confirmed').notNullable().defaultTo(false);
    t.text('note');
  });
  // A tariff is never changed once it exists (a fine may have been priced with it): a new amount
  // is a new row with a later valid_from. The database refuses UPDATE and DELETE.
  await knex.schema.createTable('offence_tariffs', (t) => {
    t.increments('id');
    t.string('offence_code', 20).notNullable().references('offences.code');
    t.string('valid_from', 10).notNullable();
    t.bigInteger('amount_cents').notNullable();
    t.boolean('confirmed').notNullable();
    t.text('source').notNullable();
    t.string('created_at', 30).notNullable();
    t.string('created_by', 120).notNullable();
    t.unique(['offence_code', 'valid_from']);
    t.check('?? > 0', ['amount_cents'], 'offence_tariffs_amount_positive');
  });
  await makeAppendOnly(knex, 'offence_tariffs');
}

export async function down(knex: Knex): Promise<void> {
  await dropAppendOnly(knex, 'offence_tariffs');
  await knex.schema.dropTable('offence_tariffs');
  await knex.schema.dropTable('offences');
}
