import { PostgresDialect } from 'kysely';
import pg from 'pg';

// COUNT(*) and bigint columns (sign-in attempt times) arrive as text by default; every one the
// app reads fits a double exactly, and the SQLite driver gives numbers too.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));

/**
 * The only PostgreSQL-specific code beside the migrations' triggers: a connection pool to the
 * shared instance's database. Several app processes each hold a pool of their own.
 */
export function createPostgresDialect(url: string): PostgresDialect {
  return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 30_000 }) });
}
