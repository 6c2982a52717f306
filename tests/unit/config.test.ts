import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';

describe('loadConfig', () => {
  it('starts with no configuration on the embedded database with demo data', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 3000,
      databasePath: 'data/planning.sqlite',
      logLevel: 'info',
      seedDemo: true,
      bootstrapAdmin: null,
      cookieSecure: false,
    });
  });

  it('reads "false" as false, not as a truthy string', () => {
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('names every bad key in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe' })).toThrow(
      /PORT[\s\S]*LOG_LEVEL[\s\S]*SEED_DEMO/,
    );
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
