import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';

/** The real application on a fresh in-memory SQLite database, migrated, optionally with the demo seed. */
export async function buildTestApp(options: { seedDemo?: boolean; databasePath?: string } = {}): Promise<FastifyInstance> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATABASE_PATH: options.databasePath ?? ':memory:',
    SEED_DEMO: String(options.seedDemo ?? false),
  });
  return buildApp(config);
}

/** Asserts an RFC 9457 problem answer with the given status and code, and returns its body. */
export function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body).toMatchObject({ status, code, type: `urn:gebiedsplanner:problem:${code}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(typeof body.instance).toBe('string');
  return body as { errors?: { in: string; pointer: string; message: string }[]; detail: string };
}
