import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createApiToken } from '../../server/db/repositories/credentials.js';
import { findUserRowByEmail } from '../../server/db/repositories/users.js';
import { parseMonth } from '../../server/domain/months.js';
import { newTestDatabase, type DatabaseEnv } from './test-database.js';

export const TEST_ADMIN = { email: 'admin@test.local', password: 'admin-password' };
/**
 * The planning month every test app treats as now: the past is fixed from it, so tests must not
 * depend on the day they run. November 2026, when the demo plans were taken over.
 */
export const TEST_PLANNING_MONTH = '2026-11';
export const TEST_MONTH = parseMonth(TEST_PLANNING_MONTH)!;

/**
 * The real application on a fresh database of the backend under test (in-memory SQLite, or a
 * new database on the test PostgreSQL server), migrated, with a bootstrap admin (TEST_ADMIN)
 * and optionally the demo seed and its accounts. Pass `database` to open one given before,
 * as a second process would.
 */
export async function buildTestApp(
  options: { seedDemo?: boolean; database?: DatabaseEnv; env?: Record<string, string> } = {},
): Promise<FastifyInstance> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    ...(options.database ?? (await newTestDatabase())),
    SEED_DEMO: String(options.seedDemo ?? false),
    PLANNING_MONTH: TEST_PLANNING_MONTH,
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    ...options.env,
  });
  return buildApp(config);
}

export type Headers = Record<string, string>;

/** Requests through app.inject() as one user, authenticated by a fresh API token. */
export interface TestClient {
  headers: Headers;
  get(url: string, headers?: Headers): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown, headers?: Headers): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown, headers?: Headers): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown, headers?: Headers): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Headers): Promise<LightMyRequestResponse>;
}

export function clientWith(app: FastifyInstance, base: Headers): TestClient {
  const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Headers = {}) =>
    app.inject({ method, url, headers: { ...base, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return {
    headers: base,
    get: (url, headers) => send('GET', url, undefined, headers),
    post: (url, payload, headers) => send('POST', url, payload ?? {}, headers),
    put: (url, payload, headers) => send('PUT', url, payload ?? {}, headers),
    patch: (url, payload, headers) => send('PATCH', url, payload ?? {}, headers),
    delete: (url, headers) => send('DELETE', url, undefined, headers),
  };
}

/** A client acting as the user with this email (TEST_ADMIN by default). */
export async function clientAs(app: FastifyInstance, email = TEST_ADMIN.email): Promise<TestClient> {
  const user = await findUserRowByEmail(app.db, email);
  if (!user) throw new Error(`no user ${email}`);
  const { token } = await createApiToken(app.db, user.id, 'test', new Date().toISOString());
  return clientWith(app, { authorization: `Bearer ${token}` });
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
  return body as { errors?: { in: string; pointer: string; message: string }[]; detail: string; current?: unknown };
}

/** The If-Match header for the version a task was read at. */
export function ifMatch(task: { version: number }): Headers {
  return { 'if-match': `"${task.version}"` };
}
