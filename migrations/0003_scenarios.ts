import { sql, type Kysely } from 'kysely';

// Frozen once landed. Capacity rules per party and programme, and scenarios: named sets of
// task shifts over the baseline, evaluated on demand and applied at most once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('capacity_rules')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('party_id', 'text', (col) => col.notNull().references('parties.id'))
    .addColumn('programme', 'text', (col) => col.notNull())
    .addColumn('max_concurrent', 'integer')
    .addColumn('budget_per_year_eur', 'double precision')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('capacity_rules_party_programme_unique', ['party_id', 'programme'])
    .addCheckConstraint('capacity_rules_has_limit', sql`max_concurrent is not null or budget_per_year_eur is not null`)
    .execute();

  await db.schema
    .createTable('scenarios')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('area_id', 'text', (col) => col.references('areas.id'))
    .addColumn('party_id', 'text', (col) => col.references('parties.id'))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('applied_at', 'text')
    .addColumn('applied_by', 'text')
    .execute();

  await db.schema
    .createTable('scenario_moves')
    .addColumn('scenario_id', 'text', (col) => col.notNull().references('scenarios.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (col) => col.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('shift_months', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('scenario_moves_pk', ['scenario_id', 'task_id'])
    .addCheckConstraint('scenario_moves_non_zero', sql`shift_months <> 0`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['scenario_moves', 'scenarios', 'capacity_rules']) await db.schema.dropTable(table).execute();
}
