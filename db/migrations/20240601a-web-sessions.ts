import type { Knex } from 'knex';

/**
 * Sessions of the web pages and the failed logins that lock a username out. Neither is financial
 * or evidence: a session row is deleted at logout and a username's failures when it logs in (the
 * audit log keeps the record of both).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('web_sessions', (t) => {
    t.increments('id');
    // SHA-256 of the 256-bit random session id in the cookie: a stolen database holds no live session.
    t.string('id_hash', 64).notNullable().unique();
    t.integer('user_id').notNullable().references('users.id');
    // The synchroniser token every form of this session carries (CSRF).
    t.string('csrf_token', 64).notNullable();
    t.string('created_at', 30).notNullable();
    t.string('last_seen_at', 30).notNullable();
    // Absolute end, whatever the activity.
    t.string('expires_at', 30).notNullable();
    t.index(['user_id']);
  });

  await knex.schema.createTable('web_login_failures', (t) => {
    t.increments('id');
    // SHA-256 of the lower-cased username as typed: counts failures for unknown names too,
    // without keeping what was typed (a password typed into the username field, say).
    t.string('username_key', 64).notNullable();
    t.string('failed_at', 30).notNullable();
    t.index(['username_key', 'failed_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('web_login_failures');
  await knex.schema.dropTable('web_sessions');
}
