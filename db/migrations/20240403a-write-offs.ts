import type { Knex } from 'knex';

/**
 * Write-offs (afboeken): uncollectable, or time-barred (Awb 4:104: five years after the term; an
 * aanmaning interrupts it, Awb 4:106). Requested by one person and approved by another; only the
 * approval books the entry.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('write_offs', (t) => {
    t.increments('id');
    t.integer('fine_id').notNullable().references('fines.id');
    t.string('kind', 20).notNullable(); // uncollectable | time-barred
    t.text('reason').notNullable();
    t.integer('requested_by_user_id').notNullable();
    t.string('requested_by', 120).notNullable();
    t.string('requested_at', 30).notNullable();
    t.string('status', 12).notNullable(); // pending | approved | rejected
    t.integer('decided_by_user_id');
    t.string('decided_by', 120);
    t.string('decided_on', 10);
    t.bigInteger('amount_cents'); // what was written off, set on approval
    t.string('entry_id', 36);
    t.index(['fine_id']);
    t.check("?? in ('uncollectable','time-barred')", ['kind'], 'write_offs_kind');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('write_offs');
}
