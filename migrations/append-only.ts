import { sql, type Kysely } from 'kysely';
import { PostgresAdapter } from 'kysely';

/**
 * Makes a table refuse UPDATE and DELETE at the database itself, so even direct SQL cannot
 * rewrite history. Written for both dialects the project targets (SQLite now, PostgreSQL
 * planned). Frozen like the migrations that call it.
 */
export async function makeAppendOnly(db: Kysely<unknown>, table: string, operations: ('UPDATE' | 'DELETE')[]): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql
      .raw(
        `create or replace function ${table}_append_only() returns trigger language plpgsql as $$ ` +
          `begin raise exception '${table} rows are append-only'; end $$`,
      )
      .execute(db);
    await sql.raw(`create trigger ${table}_append_only before ${operations.join(' or ')} on ${table} for each row execute function ${table}_append_only()`).execute(db);
    return;
  }
  for (const operation of operations) {
    await sql
      .raw(
        `create trigger ${table}_no_${operation.toLowerCase()} before ${operation} on ${table} ` +
          `begin select raise(abort, '${table} rows are append-only'); end`,
      )
      .execute(db);
  }
}
