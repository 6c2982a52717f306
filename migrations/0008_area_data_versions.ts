import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once landed. Every area counts the changes to its tasks (data_version), bumped by the
// database itself on every insert, update and delete of a task, whichever process or script
// writes. Answers computed from an area's tasks (its alignment report, its summary) can then be
// kept per version and stay correct across app processes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('areas').addColumn('data_version', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql
      .raw(
        `create function tasks_bump_area_version() returns trigger language plpgsql as $$ begin ` +
          `if tg_op <> 'INSERT' then update areas set data_version = data_version + 1 where id = old.area_id; end if; ` +
          `if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.area_id <> old.area_id) then ` +
          `update areas set data_version = data_version + 1 where id = new.area_id; end if; ` +
          `return null; end $$`,
      )
      .execute(db);
    await sql.raw('create trigger tasks_bump_area_version after insert or update or delete on tasks for each row execute function tasks_bump_area_version()').execute(db);
    return;
  }
  await sql.raw('create trigger tasks_bump_area_version_insert after insert on tasks begin update areas set data_version = data_version + 1 where id = new.area_id; end').execute(db);
  await sql
    .raw('create trigger tasks_bump_area_version_update after update on tasks begin update areas set data_version = data_version + 1 where id in (old.area_id, new.area_id); end')
    .execute(db);
  await sql.raw('create trigger tasks_bump_area_version_delete after delete on tasks begin update areas set data_version = data_version + 1 where id = old.area_id; end').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql.raw('drop trigger tasks_bump_area_version on tasks').execute(db);
    await sql.raw('drop function tasks_bump_area_version()').execute(db);
  } else {
    for (const operation of ['insert', 'update', 'delete']) await sql.raw(`drop trigger tasks_bump_area_version_${operation}`).execute(db);
  }
  await db.schema.alterTable('areas').dropColumn('data_version').execute();
}
