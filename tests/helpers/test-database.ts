import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The embedded PostgreSQL server's URL (its maintenance database), when the postgres project runs. */
    postgresAdminUrl: string;
  }
}

/** The database the API and database tests run on: the vitest project sets it (see vitest.config.ts). */
export const TEST_BACKEND: 'sqlite' | 'postgres' = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

/** The environment that points an app at a database. */
export type DatabaseEnv = { DATABASE_PATH: string } | { DATABASE_URL: string };

/**
 * A new, empty database on the backend under test. `shared` asks for one that several apps (or
 * processes) can open at once: a file rather than SQLite's private `:memory:`.
 */
export async function newTestDatabase(options: { shared?: boolean } = {}): Promise<DatabaseEnv> {
  if (TEST_BACKEND === 'sqlite') {
    return { DATABASE_PATH: options.shared ? join(mkdtempSync(join(tmpdir(), 'gp-db-')), 'planning.sqlite') : ':memory:' };
  }
  const adminUrl = inject('postgresAdminUrl');
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString() };
}
