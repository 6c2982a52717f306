import type { Kysely } from 'kysely';

// Frozen once landed. A programme plan (issue 15): who asked for which scope and options, its
// state while the solver works, and once done its result (moves explained, figures, solver
// status) and the scenario it was saved as.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('scope_kind', 'text', (col) => col.notNull())
    .addColumn('area_id', 'text', (col) => col.references('areas.id').onDelete('cascade'))
    .addColumn('party_id', 'text', (col) => col.references('parties.id').onDelete('cascade'))
    .addColumn('requested_by', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('options_json', 'text', (col) => col.notNull())
    .addColumn('result_json', 'text')
    .addColumn('scenario_id', 'text', (col) => col.references('scenarios.id').onDelete('set null'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('plans_requested_by_idx').on('plans').column('requested_by').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plans').execute();
}
