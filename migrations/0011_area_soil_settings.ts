import type { Kysely } from 'kysely';

// Frozen once landed. An area's own soil-ledger key figures (DOMAIN.md, "Soil over time"): its
// storage horizon, the saving per m³ reused locally and the m³ per lorry load. A missing row or
// a null column means "the tool's default" (with its source shown), so an area that never set a
// figure follows the default and the answer can say which figures are the area's own.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('area_soil_settings')
    .addColumn('area_id', 'text', (col) => col.primaryKey().references('areas.id').onDelete('cascade'))
    .addColumn('soil_storage_months', 'integer')
    .addColumn('saving_eur_per_m3', 'double precision')
    .addColumn('truck_load_m3', 'double precision')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('area_soil_settings').execute();
}
