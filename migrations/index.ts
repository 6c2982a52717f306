import type { Migration, MigrationProvider } from 'kysely/migration';
import * as initial from './0001_initial.js';

/**
 * Every migration, by name. A static registry (not a folder scan) so the bundle
 * and tests see exactly the migrations that were committed.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
