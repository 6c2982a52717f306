import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerProcess } from '../helpers/server-process.js';
import { newTestDatabase, TEST_BACKEND } from '../helpers/test-database.js';

// Two real app processes on one database, as behind a load balancer: every rule must hold
// across them. Runs on both backends; PostgreSQL is what a shared instance uses.
let servers: ServerProcess[] = [];
let token = '';

async function signIn(server: ServerProcess, email: string, password = 'demo'): Promise<Response> {
  return fetch(`${server.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

async function tokenFor(server: ServerProcess, email: string): Promise<string> {
  const cookie = (await signIn(server, email)).headers.get('set-cookie')!.split(';')[0]!;
  const created = await fetch(`${server.base}/api/tokens`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: server.base },
    body: JSON.stringify({ name: 'two processes' }),
  });
  return (await created.json()).token;
}

const asToken = (server: ServerProcess, path: string, init: RequestInit = {}) =>
  fetch(`${server.base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

beforeAll(async () => {
  const database = await newTestDatabase({ shared: true });
  // The first start migrates and seeds; the second finds it done, as a second process would.
  const first = await ServerProcess.start({ ...database, SEED_DEMO: 'true' });
  const second = await ServerProcess.start({ ...database, SEED_DEMO: 'true' });
  servers = [first, second];
  token = await tokenFor(first, 'hdsr@demo.local');
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

describe(`two app processes on one ${TEST_BACKEND} database`, () => {
  it('let exactly one of 50 parallel changes with the same If-Match win, spread over both', async () => {
    const [task] = await (await asToken(servers[0]!, '/api/areas/sterke-lekdijk/tasks?partyId=hdsr')).json();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        asToken(servers[index % 2]!, `/api/tasks/${task.id}`, {
          method: 'PATCH',
          headers: { 'if-match': `"${task.version}"` },
          body: JSON.stringify({ title: `Gelijktijdig ${index}` }),
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(49);
    const after = await (await asToken(servers[1]!, `/api/tasks/${task.id}`)).json();
    expect(after.version).toBe(task.version + 1);
  });

  it('read at once through one process what was written through the other', async () => {
    const snapshot = await asToken(servers[0]!, '/api/snapshots', { method: 'POST', body: JSON.stringify({ areaId: 'vierwaarden', title: 'Tafel' }) });
    expect(snapshot.status).toBe(201);
    const { id } = await snapshot.json();
    const read = await asToken(servers[1]!, `/api/snapshots/${id}`);
    expect(read.status).toBe(200);
    expect((await read.json()).title).toBe('Tafel');

    // Answers kept per data version on one process follow a write through the other at once.
    const titles = async (server: ServerProcess) =>
      ((await (await asToken(server, '/api/areas/vierwaarden/tasks?partyId=wl')).json()) as { title: string }[]).map((task) => task.title);
    const cachedBefore = await titles(servers[1]!);
    expect(await titles(servers[1]!)).toEqual(cachedBefore);
    const report = async (server: ServerProcess) => (await (await asToken(server, '/api/areas/vierwaarden/alignments')).json()).total;
    const totalBefore = await report(servers[1]!);
    const wlToken = await tokenFor(servers[0]!, 'wl@demo.local');
    const [section] = await (await asToken(servers[0]!, '/api/areas/vierwaarden/tasks?partyId=wl')).json();
    const renamed = await fetch(`${servers[0]!.base}/api/tasks/${section.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${wlToken}`, 'content-type': 'application/json', 'if-match': `"${section.version}"` },
      body: JSON.stringify({ title: 'Hernoemd via het eerste proces' }),
    });
    expect(renamed.status).toBe(200);
    expect(await titles(servers[1]!)).toContain('Hernoemd via het eerste proces');
    expect(await report(servers[1]!)).toBe(totalBefore);
  });

  it('accept a session made on one process on the other', async () => {
    const login = await signIn(servers[1]!, 'lezer@demo.local');
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const me = await fetch(`${servers[0]!.base}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).email).toBe('lezer@demo.local');
  });

  it('count sign-in failures of one account across both processes', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) statuses.push((await signIn(servers[attempt % 2]!, 'wl@demo.local', 'wrong')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });
});
