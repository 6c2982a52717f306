import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken, createSession } from '../../server/db/repositories/credentials.js';
import { findUserRowByEmail } from '../../server/db/repositories/users.js';
import { buildTestApp, clientAs, clientWith, expectProblem, ifMatch, TEST_ADMIN, type TestClient } from '../helpers/app.js';
import { createBasics, createTask, dikeTaskInput } from '../helpers/factories.js';

let dir: string;
let app: FastifyInstance;
let api: TestClient;
let logged: { level: string; message: string; err?: { code?: string; message?: string } }[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gp-disk-full-'));
  app = await buildTestApp({ database: { DATABASE_PATH: join(dir, 'planner.sqlite') } });
  logged = [];
  captureRequestLogs(app);
  api = await clientAs(app);
  await createBasics(api);
});
afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Keeps what request handlers log at error and info level (the test app's logger is silent). */
function captureRequestLogs(target: FastifyInstance): void {
  const root = target.log;
  const child = root.child.bind(root);
  root.child = (bindings, options) => {
    const logger = child(bindings, options);
    const keep = (level: string) => (details: unknown, message?: string) => {
      logged.push({ level, message: message ?? '', err: (details as { err?: { code?: string; message?: string } }).err });
    };
    logger.error = keep('error');
    logger.info = keep('info');
    return logger;
  };
}

/** A client on a token nobody has used yet: its first use wants to record `last_used_at`. */
async function unusedTokenClient(): Promise<TestClient> {
  const admin = await findUserRowByEmail(app.db, TEST_ADMIN.email);
  const { token } = await createApiToken(app.db, admin!.id, 'unused', new Date().toISOString());
  return clientWith(app, { authorization: `Bearer ${token}` });
}

async function setMaxPageCount(pages: number): Promise<void> {
  await sql`pragma max_page_count = ${sql.raw(String(pages))}`.execute(app.db);
}

async function pageCount(): Promise<number> {
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(app.db);
  return rows[0]!.page_count;
}

async function storedTaskIds(): Promise<string[]> {
  return (await app.db.selectFrom('tasks').select('id').orderBy('id').execute()).map((row) => row.id);
}

function expectStorageProblem(response: LightMyRequestResponse, code: 'storage_full' | 'storage_unavailable') {
  const body = expectProblem(response, 503, code);
  expect(response.headers['retry-after']).toBe('30');
  return body;
}

const bulkyTask = (index: number) => dikeTaskInput({ title: `Versterking ${index}`, description: 'x'.repeat(5000) });

describe('a database that runs out of room', () => {
  it('answers writes with 503 storage_full, keeps reads and health honest, and loses no acknowledged write', async () => {
    const used = api; // used before the disk fills, so its last use needs no new record
    expect((await used.get('/api/areas/lek/tasks')).statusCode).toBe(200);
    const unused = await unusedTokenClient();
    expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok', database: 'ok', engine: 'sqlite' });

    await setMaxPageCount((await pageCount()) + 30);
    const acknowledged: string[] = [];
    let refusals = 0;
    for (let index = 0; index < 200 && refusals < 5; index++) {
      const response = await used.post('/api/tasks', bulkyTask(index));
      if (response.statusCode === 201) {
        acknowledged.push(response.json().id);
      } else {
        // Never a 500 "cannot rollback": the real cause, as a problem the client can act on.
        const body = expectStorageProblem(response, 'storage_full');
        expect(body.detail).toMatch(/not saved/);
        refusals++;
      }
    }
    expect(refusals).toBe(5);
    expect(acknowledged.length).toBeGreaterThan(0);

    // Reads need no write, so both tokens keep working.
    const listed = await used.get('/api/areas/lek/tasks');
    expect(listed.statusCode, listed.body).toBe(200);
    expect((listed.json() as { id: string }[]).map((task) => task.id)).toEqual(expect.arrayContaining(acknowledged));
    expect((await used.get(`/api/tasks/${acknowledged[0]}`)).statusCode).toBe(200);
    expect((await unused.get('/api/areas/lek/tasks')).statusCode).toBe(200);

    const health = await app.inject('/api/health');
    expect(health.statusCode).toBe(503);
    expect(health.headers['retry-after']).toBe('30');
    expect(health.json()).toMatchObject({ status: 'unavailable', database: 'full', since: expect.any(String) });

    // The cause is named once, however many requests it failed; nothing hides it.
    const causes = logged.filter((entry) => entry.level === 'error');
    expect(causes).toHaveLength(1);
    expect(causes[0]!.err).toMatchObject({ code: 'SQLITE_FULL', message: 'database or disk is full' });
    expect(causes[0]!.message).toContain('database or disk is full');
    expect(logged.some((entry) => /rollback/i.test(`${entry.message} ${entry.err?.message ?? ''}`))).toBe(false);

    // A change that fits in pages already there may land; it must not make health claim the disk has room.
    const first = (await used.get(`/api/tasks/${acknowledged[0]}`)).json();
    const renamed = await used.patch(`/api/tasks/${first.id}`, { title: 'Versterking X' }, ifMatch(first));
    if (renamed.statusCode !== 200) expectStorageProblem(renamed, 'storage_full');
    expect((await app.inject('/api/health')).statusCode).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await app.inject('/api/health')).statusCode).toBe(503);

    await setMaxPageCount(1_000_000);
    const after = await createTask(used, bulkyTask(999));
    expect((await app.inject('/api/health')).json()).toEqual({ status: 'ok', database: 'ok', engine: 'sqlite' });
    expect(logged.filter((entry) => entry.level === 'info').map((entry) => entry.message)).toContain(
      'the database accepts writes again',
    );
    expect(await storedTaskIds()).toEqual([...acknowledged, after.id].sort());
  });

  it('refuses a login, which must store a session, with 503 storage_full', async () => {
    await setMaxPageCount((await pageCount()) + 30);
    for (let index = 0; index < 200; index++) {
      if ((await api.post('/api/tasks', bulkyTask(index))).statusCode === 503) break;
    }
    // Sessions have a page of their own; fill what room it has left (logins are rate-limited).
    const admin = await findUserRowByEmail(app.db, TEST_ADMIN.email);
    await expect(async () => {
      for (let index = 0; index < 1000; index++) await createSession(app.db, admin!.id, new Date());
    }).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: TEST_ADMIN });
    expectStorageProblem(login, 'storage_full');
  });
});

describe('a database that cannot be written', () => {
  it('answers writes with 503 storage_unavailable while reads keep working, until writes land again', async () => {
    const before = await createTask(api, bulkyTask(0));
    const unused = await unusedTokenClient();
    await sql`pragma query_only = on`.execute(app.db);

    expectStorageProblem(await api.post('/api/tasks', bulkyTask(1)), 'storage_unavailable');
    // Its first use cannot be recorded, and the read does not suffer for it.
    expect((await unused.get(`/api/tasks/${before.id}`)).statusCode).toBe(200);
    const health = await app.inject('/api/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', database: 'unwritable' });
    expect(logged.filter((entry) => entry.level === 'error').map((entry) => entry.err?.code)).toEqual(['SQLITE_READONLY']);

    await sql`pragma query_only = off`.execute(app.db);
    const after = await createTask(api, bulkyTask(2));
    expect((await app.inject('/api/health')).statusCode).toBe(200);
    expect(await storedTaskIds()).toEqual([before.id, after.id].sort());
  });
});
