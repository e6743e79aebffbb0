import type { Knex } from 'knex';

/**
 * Objections (bezwaar, Awb chapter 6 and 7). Lodged within six weeks from the day after the
 * beschikking (Awb 6:7, 6:8, Atw); a late one is flagged, not refused — the decision on it is a
 * person's (Awb 6:11). While one is pending, collection holds; the debt stays (Awb 6:16).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('objections', (t) => {
    t.increments('id');
    t.integer('fine_id').notNullable().references('fines.id');
    t.string('received_on', 10).notNullable();
    t.text('summary').notNullable();
    t.boolean('timely').notNullable();
    t.string('objection_due_on', 10).notNullable();
    t.string('registered_at', 30).notNullable();
    t.string('registered_by', 120).notNullable();
    t.string('outcome', 10); // rejected | upheld | reduced; null while pending
    t.bigInteger('new_amount_cents');
    t.text('decision_reason');
    t.string('decided_on', 10);
    t.string('decided_by', 120);
    t.index(['fine_id']);
    t.index(['outcome']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('objections');
}
