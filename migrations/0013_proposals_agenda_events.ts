import type { Kysely } from 'kysely';

// Frozen once landed. The area table (issue 17, DOMAIN.md "Proposals and the area table"):
// proposals asking a party to change one of its tasks, the area's agenda with its links and
// comments, and the area's event log that live meeting screens replay from.
//
// A proposal keeps its task id without a foreign key: when the task is deleted the proposal stays,
// marked superseded, so both parties can still read what was asked. The change is one of a shift
// (shift_months), new phases (phases_json) or a new window (window_*).
//
// Events are numbered per area (seq) from area_event_heads, a row every writer to the area updates
// in its own transaction: so an area's events commit in the order of their numbers, also across
// processes on PostgreSQL, and a client that replays "after seq N" can never skip one that
// committed late.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('proposals')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('task_id', 'text', (col) => col.notNull())
    .addColumn('area_id', 'text', (col) => col.notNull().references('areas.id').onDelete('cascade'))
    .addColumn('party_id', 'text', (col) => col.notNull())
    .addColumn('task_title', 'text', (col) => col.notNull())
    .addColumn('task_version', 'integer', (col) => col.notNull())
    .addColumn('shift_months', 'integer')
    .addColumn('phases_json', 'text')
    .addColumn('window_earliest_start', 'integer')
    .addColumn('window_latest_end', 'integer')
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('pair_dike_task_id', 'text')
    .addColumn('pair_other_task_id', 'text')
    .addColumn('scenario_id', 'text')
    .addColumn('bundle_id', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_by_label', 'text', (col) => col.notNull())
    .addColumn('created_by_party_id', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_label', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('proposals_task_idx').on('proposals').columns(['task_id', 'status']).execute();
  await db.schema.createIndex('proposals_area_idx').on('proposals').columns(['area_id', 'status']).execute();
  await db.schema.createIndex('proposals_party_idx').on('proposals').columns(['party_id', 'status']).execute();
  await db.schema.createIndex('proposals_maker_idx').on('proposals').column('created_by').execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('area_id', 'text', (col) => col.notNull().references('areas.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('text', 'text')
    .addColumn('owner_party_id', 'text', (col) => col.references('parties.id'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('decision', 'text')
    .addColumn('decided_snapshot_id', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_by_label', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('agenda_items_area_idx').on('agenda_items').columns(['area_id', 'created_at']).execute();

  await db.schema
    .createTable('agenda_links')
    .addColumn('item_id', 'text', (col) => col.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('ref', 'text', (col) => col.notNull())
    .addColumn('other_ref', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('agenda_links_pk', ['item_id', 'kind', 'ref', 'other_ref'])
    .execute();

  await db.schema
    .createTable('agenda_comments')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('item_id', 'text', (col) => col.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('author_id', 'text', (col) => col.notNull())
    .addColumn('author_label', 'text', (col) => col.notNull())
    .addColumn('author_party_id', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('agenda_comments_item_idx').on('agenda_comments').columns(['item_id', 'created_at']).execute();

  await db.schema
    .createTable('area_event_heads')
    .addColumn('area_id', 'text', (col) => col.primaryKey().references('areas.id').onDelete('cascade'))
    .addColumn('last_seq', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('area_events')
    .addColumn('area_id', 'text', (col) => col.notNull().references('areas.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor_label', 'text', (col) => col.notNull())
    .addColumn('actor_party_id', 'text')
    .addColumn('payload_json', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('area_events_pk', ['area_id', 'seq'])
    .execute();
  // The retention delete after every event reads only the area's old events, not all of them:
  // an import of thousands of tasks into one area would otherwise scan its growing log each time.
  await db.schema.createIndex('area_events_at_idx').on('area_events').columns(['area_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['area_events', 'area_event_heads', 'agenda_comments', 'agenda_links', 'agenda_items', 'proposals']) {
    await db.schema.dropTable(table).execute();
  }
}
