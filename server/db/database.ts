import { Kysely, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationProvider } from '../../migrations/index.js';
import type { Database } from './schema.js';
import { createSqliteDialect } from './sqlite.js';

export type Db = Kysely<Database>;
/** Repositories take either the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export function createDatabase(path: string): Db {
  return new Kysely<Database>({ dialect: createSqliteDialect(path) });
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
