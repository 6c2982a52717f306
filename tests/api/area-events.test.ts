import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { buildTestApp, clientAs, ifMatch, type TestClient } from '../helpers/app.js';
import { openEventStream, type EventStream } from '../helpers/event-stream.js';
import { ServerProcess } from '../helpers/server-process.js';
import { newTestDatabase, TEST_BACKEND } from '../helpers/test-database.js';

let app: FastifyInstance;
let base: string;
let hdsr: TestClient;
let director: TestClient;
let viewer: TestClient;
let icu: TaskResponse;
const streams: EventStream[] = [];

beforeEach(async () => {
  app = await buildTestApp({ seedDemo: true, env: { MAX_REQUESTS_PER_ADDRESS: '3' } });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  hdsr = await clientAs(app, 'hdsr@demo.local');
  director = await clientAs(app, 'regisseur@demo.local');
  viewer = await clientAs(app, 'lezer@demo.local');
  icu = ((await viewer.get('/api/areas/sterke-lekdijk/tasks')).json() as TaskResponse[]).find((task) => task.externalRef === 'SLD-ICU')!;
});
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await app.close();
});

async function subscribe(headers: Record<string, string> = {}, client: TestClient = viewer, area = 'sterke-lekdijk'): Promise<EventStream> {
  const stream = await openEventStream(`${base}/api/areas/${area}/events`, { ...client.headers, ...headers });
  streams.push(stream);
  return stream;
}

async function rename(title: string): Promise<void> {
  const current = (await hdsr.get(`/api/tasks/${icu.id}`)).json();
  const response = await hdsr.patch(`/api/tasks/${icu.id}`, { title }, ifMatch(current));
  expect(response.statusCode, response.body).toBe(200);
}

describe('the live events of an area', () => {
  it('bring a change made through one request to a subscribed client within a second, saying what and by whom', async () => {
    const stream = await subscribe();
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const made = (await director.post('/api/proposals', { taskId: icu.id, shiftMonths: 12, reason: 'Samen' })).json();
    const sentAt = performance.now();
    const accepted = await hdsr.post(`/api/proposals/${made.id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    const decided = await stream.next((event) => event.event === 'proposal_decided');
    expect(decided.receivedAt - sentAt).toBeLessThan(1_000);
    expect(decided.data).toMatchObject({ proposalId: made.id, status: 'accepted', actorLabel: 'hdsr@demo.local', title: icu.title });
    const changed = await stream.next((event) => event.event === 'task_changed');
    expect(changed.data).toMatchObject({ taskId: icu.id, version: icu.version + 1 });
    // Numbered in order of commit: made, decided, task changed.
    expect(stream.events.map((event) => event.event)).toEqual(['proposal_made', 'proposal_decided', 'task_changed']);
    const ids = stream.events.map((event) => Number(event.id));
    expect(ids).toEqual([ids[0], ids[0]! + 1, ids[0]! + 2]);
  });

  it('replay what a client missed after its Last-Event-ID, and ask it to reload when more was missed than is kept', async () => {
    const first = await subscribe();
    await rename('Eerste');
    const seen = await first.next();
    first.close();
    await rename('Tweede');
    await rename('Derde');

    const again = await subscribe({ 'last-event-id': seen.id! });
    await again.next((event) => event.data.title === 'Derde');
    expect(again.events.map((event) => [Number(event.id), event.data.title])).toEqual([
      [Number(seen.id) + 1, 'Tweede'],
      [Number(seen.id) + 2, 'Derde'],
    ]);

    // The oldest events are gone (kept only for a while): a client that saw nothing since cannot catch up.
    await app.db.deleteFrom('area_events').where('area_id', '=', 'sterke-lekdijk').where('seq', '<=', Number(seen.id) + 1).execute();
    const stale = await subscribe({ 'last-event-id': seen.id! });
    const reload = await stale.next();
    expect(reload).toMatchObject({ event: 'reload', id: String(Number(seen.id) + 2) });
    await rename('Vierde');
    expect((await stale.next((event) => event.event === 'task_changed')).data.title).toBe('Vierde');
  });

  it('keep open streams out of the per-address cap, refuse strangers and unknown areas', async () => {
    // The cap is 3 in this app; five streams are open and ordinary requests still pass.
    for (let index = 0; index < 5; index++) expect((await subscribe()).status).toBe(200);
    expect((await viewer.get('/api/areas/sterke-lekdijk/agenda')).statusCode).toBe(200);
    expect((await fetch(`${base}/api/areas/sterke-lekdijk/events`)).status).toBe(401);
    expect((await fetch(`${base}/api/areas/nergens/events`, { headers: viewer.headers })).status).toBe(404);
  });

  it('tell agenda changes to the area only', async () => {
    const lek = await subscribe();
    const elsewhere = await subscribe({}, viewer, 'vierwaarden');
    const item = (await director.post('/api/areas/sterke-lekdijk/agenda', { title: 'Irenesluis' })).json();
    expect((await lek.next((event) => event.event === 'agenda_changed')).data).toMatchObject({ itemId: item.id, change: 'created', actorLabel: 'regisseur@demo.local' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(elsewhere.events).toEqual([]);
  });
});

describe.skipIf(TEST_BACKEND !== 'postgres')('the live events across two app processes on PostgreSQL', () => {
  let servers: ServerProcess[] = [];
  let token = '';
  beforeAll(async () => {
    const database = await newTestDatabase({ shared: true });
    servers = [await ServerProcess.start({ ...database, SEED_DEMO: 'true' })];
    servers.push(await ServerProcess.start({ ...database, SEED_DEMO: 'true' }));
    const login = await fetch(`${servers[0]!.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'hdsr@demo.local', password: 'demo' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${servers[0]!.base}/api/tokens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: servers[0]!.base },
      body: JSON.stringify({ name: 'events' }),
    });
    token = (await created.json()).token;
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('bring a change made on one process to a client of the other within a second', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const stream = await openEventStream(`${servers[1]!.base}/api/areas/sterke-lekdijk/events`, headers);
    streams.push(stream);
    const [task] = await (await fetch(`${servers[0]!.base}/api/areas/sterke-lekdijk/tasks?partyId=hdsr`, { headers })).json();
    // The second process keeps the area's task list per data version: warm it before the change.
    const listed = async () => (await (await fetch(`${servers[1]!.base}/api/areas/sterke-lekdijk/tasks?partyId=hdsr`, { headers })).json()).find((each: { id: string }) => each.id === task.id);
    expect((await listed()).title).toBe(task.title);
    // Give the second process's listener a moment to connect (it starts with the first stream).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sentAt = performance.now();
    const changed = await fetch(`${servers[0]!.base}/api/tasks/${task.id}`, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/json', 'if-match': `"${task.version}"` },
      body: JSON.stringify({ title: 'Over twee processen' }),
    });
    expect(changed.status).toBe(200);
    const event = await stream.next((each) => each.event === 'task_changed');
    expect(event.receivedAt - sentAt).toBeLessThan(1_000);
    expect(event.data).toMatchObject({ taskId: task.id, title: 'Over twee processen', actorLabel: 'hdsr@demo.local' });
    // The other process's kept answers follow the data version the change bumped.
    expect((await listed()).title).toBe('Over twee processen');
  }, 30_000);
});
