import { defineConfig } from 'vitest/config';

const shared = {
  environment: 'node',
  testTimeout: 20_000,
  hookTimeout: 30_000,
  // Two cores here and in CI: forks keep native better-sqlite3 handles per process.
  pool: 'forks',
} as const;

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'sqlite', include: ['tests/**/*.test.ts'] } },
      {
        // The API and database tests again, on a real PostgreSQL server started for the run.
        test: {
          ...shared,
          name: 'postgres',
          include: ['tests/api/**/*.test.ts', 'tests/db/**/*.test.ts'],
          // About SQLite only: its full disk (on PostgreSQL a full disk is the server's to report).
          exclude: ['tests/api/disk-full.test.ts'],
          env: { TEST_DATABASE: 'postgres' },
          globalSetup: ['tests/helpers/postgres-global-setup.ts'],
        },
      },
    ],
  },
});
