import { sql, type Kysely } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Months are stored as integer indices (year * 12 + month - 1) so ranges compare as numbers.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_meta')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('parties')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('areas')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('dike_trajects')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dijkring', 'text', (col) => col.notNull())
    .addColumn('norm_type', 'text', (col) => col.notNull())
    .addColumn('signaling_return_period_years', 'integer')
    .addColumn('lower_limit_return_period_years', 'integer')
    .addColumn('length_km', 'double precision')
    .addColumn('type', 'text')
    .addColumn('water_boards', 'text', (col) => col.notNull())
    .addColumn('nbpw_version', 'integer', (col) => col.notNull())
    .addColumn('registered_on', 'text', (col) => col.notNull())
    .addColumn('remark', 'text')
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('area_id', 'text', (col) => col.notNull().references('areas.id'))
    .addColumn('party_id', 'text', (col) => col.notNull().references('parties.id'))
    .addColumn('programme', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('dike_traject_id', 'text', (col) => col.references('dike_trajects.id'))
    .addColumn('urgency_rank', 'integer')
    .addColumn('window_earliest_start', 'integer')
    .addColumn('window_latest_end', 'integer')
    .addColumn('soil_supply_m3', 'double precision', (col) => col.notNull().defaultTo(0))
    .addColumn('soil_demand_m3', 'double precision', (col) => col.notNull().defaultTo(0))
    .addColumn('soil_type', 'text')
    .addColumn('river', 'text')
    .addColumn('km_from', 'double precision')
    .addColumn('km_to', 'double precision')
    .addColumn('geometry', 'text')
    .addColumn('cost_eur', 'double precision')
    .addColumn('status', 'text')
    .addColumn('external_ref', 'text')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addUniqueConstraint('tasks_party_external_ref_unique', ['party_id', 'external_ref'])
    .addCheckConstraint('tasks_soil_non_negative', sql`soil_supply_m3 >= 0 and soil_demand_m3 >= 0`)
    .execute();
  await db.schema.createIndex('tasks_area_idx').on('tasks').column('area_id').execute();

  await db.schema
    .createTable('task_phases')
    .addColumn('task_id', 'text', (col) => col.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('start_month', 'integer', (col) => col.notNull())
    .addColumn('end_month', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('task_phases_pk', ['task_id', 'kind'])
    .addCheckConstraint('task_phases_ordered', sql`start_month <= end_month`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['task_phases', 'tasks', 'dike_trajects', 'areas', 'parties', 'app_meta']) {
    await db.schema.dropTable(table).execute();
  }
}
