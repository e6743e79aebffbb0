import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('username', 60).notNullable().unique();
    t.string('name', 120).notNullable();
    t.string('role', 20).notNullable();
    t.string('badge_number', 20).unique(); // boa's only (BOA-pasnummer)
    t.text('password_hash'); // scrypt, for the web pages; null → no password login
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.string('locked_until', 30);
    t.string('created_at', 30).notNullable();
    t.check("?? in ('boa','backoffice','finance','evaluator','admin')", ['role'], 'users_role_known');
  });

  await knex.schema.createTable('api_tokens', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('users.id');
    // SHA-256 of a 256-bit random token: a slow hash adds nothing against guessing such a
    // secret, and every API request verifies one.
    t.string('token_hash', 64).notNullable().unique();
    t.string('label', 100).notNullable();
    t.string('created_at', 30).notNullable();
    t.string('revoked_at', 30);
    t.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('api_tokens');
  await knex.schema.dropTable('users');
}
