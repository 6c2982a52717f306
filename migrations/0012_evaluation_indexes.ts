import type { Kysely } from 'kysely';

// Frozen once landed. A scenario evaluation reads the realisations of whole party programmes and
// the ranked sections whose realisation ends in given months; without these indexes both read
// every one of the 150,000 phases of a national data set. The end month leads the phase index:
// led by the kind, SQLite without statistics would take it for every join on a task's realisation.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('tasks_party_programme_idx').on('tasks').columns(['party_id', 'programme']).execute();
  await db.schema.createIndex('task_phases_end_idx').on('task_phases').columns(['end_month', 'kind']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('task_phases_end_idx').execute();
  await db.schema.dropIndex('tasks_party_programme_idx').execute();
}
