import type { Knex } from 'knex';

/** Responses remembered per (user, Idempotency-Key), so a retried POST is answered, not redone. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('http_idempotency_keys', (t) => {
    t.integer('user_id').notNullable();
    t.string('key', 200).notNullable();
    t.string('request_hash', 64).notNullable();
    t.integer('status').notNullable();
    t.text('body');
    t.string('created_at', 30).notNullable();
    t.primary(['user_id', 'key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('http_idempotency_keys');
}
