import { Kysely, PostgresAdapter, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationProvider } from '../../migrations/index.js';
import type { DatabaseConfig } from '../config.js';
import { createPostgresDialect } from './postgres.js';
import type { Database } from './schema.js';
import { createSqliteDialect } from './sqlite.js';

export type Db = Kysely<Database>;
/** Repositories take either the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export function createDatabase(config: DatabaseConfig): Db {
  return new Kysely<Database>({ dialect: config.kind === 'postgres' ? createPostgresDialect(config.url) : createSqliteDialect(config.path) });
}

export function databaseKind(db: Executor): DatabaseConfig['kind'] {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Brings the schema up to the newest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed`, { cause: error });
  }
  return (results ?? []).map((result) => result.migrationName);
}

const MAX_ATTEMPTS = 5;

/** PostgreSQL's answer when a serializable transaction lost to a concurrent one, or a deadlock. */
function mustRetry(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

/**
 * Runs a write as one transaction that behaves as if it ran alone, also across app processes:
 * serializable on PostgreSQL (retried when it loses to a concurrent transaction), and on SQLite
 * a transaction that takes the write lock at its start. So rules over several rows (the last
 * admin, a scenario's versions) hold when two processes act at the same moment. Keep the work
 * short: compute first, then write.
 */
export async function writeTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().setIsolationLevel('serializable').execute(work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !mustRetry(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
