import type { Kysely } from 'kysely';
import { makeAppendOnly } from './append-only.js';

// Frozen once landed. Meeting snapshots: a complete, immutable copy of an area's timeline
// (the database refuses updates), and share links stored only as token hashes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('snapshots')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('area_id', 'text', (col) => col.notNull())
    .addColumn('scenario_id', 'text')
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('meeting_date', 'text')
    .addColumn('note', 'text')
    .addColumn('content_json', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_by_label', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('snapshots_area_idx').on('snapshots').columns(['area_id', 'created_at']).execute();
  // Deleting stays possible (admins, audited); changing a snapshot never is.
  await makeAppendOnly(db, 'snapshots', ['UPDATE']);

  await db.schema
    .createTable('share_links')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('snapshot_id', 'text', (col) => col.notNull().references('snapshots.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('share_links').execute();
  await db.schema.dropTable('snapshots').execute();
}
