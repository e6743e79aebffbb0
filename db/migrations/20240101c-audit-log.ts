import type { Knex } from 'knex';
import { dropAppendOnly, isPostgres, makeAppendOnly } from './dialect.js';

/**
 * Who did what, when and why. Each row stores the SHA-256 of the previous row's hash and its own
 * canonical content, so any edit or removal breaks the chain (`bboor audit verify`).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.string('occurred_at', 30).notNullable();
    t.integer('actor_user_id'); // null for the system itself (start-up, CLI without a user)
    t.string('actor', 120).notNullable();
    t.string('action', 60).notNullable();
    t.string('subject_type', 40).notNullable();
    t.string('subject_id', 60);
    t.text('reason');
    t.text('details'); // canonical JSON, never personal data of offenders or payers
    t.string('request_id', 60);
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable().unique();
    t.index(['subject_type', 'subject_id']);
  });
  await makeAppendOnly(knex, 'audit_log');
}

export async function down(knex: Knex): Promise<void> {
  await dropAppendOnly(knex, 'audit_log');
  await knex.schema.dropTable('audit_log');
  // PostgreSQL branch: the shared trigger function was first created by this migration.
  if (isPostgres(knex)) await knex.raw('DROP FUNCTION IF EXISTS bboor_refuse_change()');
}
