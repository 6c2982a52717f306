import { sql, type Kysely } from 'kysely';

// Frozen once landed. A move remembers the version of the task when the move was set, so
// applying refuses a scenario whose tasks changed since it was evaluated (two planners applying
// +2 and +3 to the same task at once must not add up to +5). Existing moves take the task's
// current version: they were set against the plan as it stands.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('scenario_moves').addColumn('task_version', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await sql`update scenario_moves set task_version = (select version from tasks where tasks.id = scenario_moves.task_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('scenario_moves').dropColumn('task_version').execute();
}
