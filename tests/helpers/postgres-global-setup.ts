import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server.js';

/** One real PostgreSQL server for the postgres test project; every test app gets a database of its own on it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres('gp-postgres-');
  project.provide('postgresAdminUrl', server.adminUrl);
  return () => server.stop();
}
