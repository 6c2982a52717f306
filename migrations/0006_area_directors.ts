import type { Kysely } from 'kysely';

// Frozen once landed. Area directors direct specific areas: an area's settings, its share links
// and (later) its agenda belong to its own directors and admins, not to every director.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('area_directors')
    .addColumn('area_id', 'text', (col) => col.notNull().references('areas.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assigned_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('area_directors_pk', ['area_id', 'user_id'])
    .execute();
  await db.schema.createIndex('area_directors_user_idx').on('area_directors').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('area_directors').execute();
}
