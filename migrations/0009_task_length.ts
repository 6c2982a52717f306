import type { Kysely } from 'kysely';

// Frozen once landed. A dike section's own length in km (often a part of its trajectory): the
// programme and national pages add km of dike in realisation per year from it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('length_km', 'double precision').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('length_km').execute();
}
