import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';

describe('loadConfig', () => {
  it('starts with no configuration on the embedded database with demo data', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 3000,
      database: { kind: 'sqlite', path: 'data/planning.sqlite' },
      logLevel: 'info',
      seedDemo: true,
      bootstrapAdmin: null,
      cookieSecure: false,
      trustedProxies: [],
      requestTimeoutMs: 30_000,
      maxRequestsPerAddress: 64,
      planningMonth: null,
    });
  });

  it('chooses PostgreSQL by DATABASE_URL, and refuses a URL that is not one', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://planner:secret@db.example.nl:5432/planning' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://planner:secret@db.example.nl:5432/planning',
    });
    for (const bad of ['mysql://a@b/c', 'postgres://db.example.nl', 'planning', 'postgres:///planning']) {
      expect(() => loadConfig({ DATABASE_URL: bad }), bad).toThrow(/DATABASE_URL: give a PostgreSQL URL/);
    }
  });

  it('reads the trusted proxies as addresses and CIDR ranges, and refuses anything else', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustedProxies).toEqual(['10.0.0.5', '10.1.0.0/16', '::1']);
    for (const bad of ['proxy.example.nl', '10.0.0.0/33', '10.0.0.1/8/2', '300.1.1.1']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
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
