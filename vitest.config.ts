import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Two cores here and in CI: forks keep native better-sqlite3 handles per process.
    pool: 'forks',
  },
});
