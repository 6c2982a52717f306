import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, clientAs, clientWith, type TestClient } from '../helpers/app.js';

let app: FastifyInstance;
const callers: Record<'anonymous' | 'viewer' | 'otherParty', TestClient> = {} as never;
/** A real value for every path parameter the API has, so a plain path reaches real data. */
const params: Record<string, string> = {};

beforeAll(async () => {
  app = await buildTestApp({ seedDemo: true });
  const admin = await clientAs(app);
  const hdsr = await clientAs(app, 'hdsr@demo.local');
  const director = await clientAs(app, 'regisseur@demo.local');
  callers.anonymous = clientWith(app, {});
  callers.viewer = await clientAs(app, 'lezer@demo.local');
  callers.otherParty = await clientAs(app, 'wl@demo.local');

  const task = (await hdsr.get('/api/areas/sterke-lekdijk/tasks?partyId=hdsr')).json()[0];
  const scenario = (await hdsr.post('/api/scenarios', { name: 'Proef', areaId: 'sterke-lekdijk' })).json();
  const snapshot = (await director.post('/api/snapshots', { areaId: 'sterke-lekdijk', title: 'Tafel' })).json();
  const link = (await director.post(`/api/snapshots/${snapshot.id}/share-links`, {})).json();
  const token = (await admin.post('/api/tokens', { name: 'script' })).json();
  const rule = (await hdsr.get('/api/capacity-rules')).json().find((candidate: { partyId: string }) => candidate.partyId === 'hdsr');
  const user = (await admin.get('/api/users')).json().find((candidate: { email: string }) => candidate.email === 'hdsr@demo.local');
  const plan = (await hdsr.post('/api/plans', { areaId: 'sterke-lekdijk' })).json();
  const movable = (await hdsr.get('/api/areas/sterke-lekdijk/tasks')).json().find((candidate: { externalRef: string }) => candidate.externalRef === 'SLD-ICU');
  const proposal = (await director.post('/api/proposals', { taskId: movable.id, shiftMonths: 12, reason: 'Samen' })).json();
  const agendaItem = (await director.post('/api/areas/sterke-lekdijk/agenda', { title: 'Irenesluis' })).json();
  Object.assign(params, {
    areaId: 'sterke-lekdijk',
    taskId: task.id,
    scenarioId: scenario.id,
    snapshotId: snapshot.id,
    linkId: link.id,
    token: link.token,
    tokenId: token.id,
    ruleId: rule.id,
    userId: user.id,
    trajectId: '44-1',
    partyId: 'hdsr',
    planId: plan.id,
    proposalId: proposal.id,
    itemId: agendaItem.id,
  });
});
afterAll(() => app.close());

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
}

/** Every operation the OpenAPI document lists, with its parameters filled in. */
function operations(): Operation[] {
  const paths = (app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
  return Object.entries(paths).flatMap(([template, methods]) =>
    Object.keys(methods).map((method) => ({
      method: method.toUpperCase() as Operation['method'],
      path: template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
        if (!(name in params)) throw new Error(`no test value for path parameter ${name}`);
        return encodeURIComponent(params[name]!);
      }),
    })),
  );
}

const hex = (character: string) => `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** Spellings of one path that a router might read as the same route. */
function spellings(path: string): string[] {
  const segments = path.split('/').slice(1);
  const encodeFirst = (segment: string) => (/^[a-z]/i.test(segment) ? hex(segment[0]!) + segment.slice(1) : segment);
  return [
    '/' + segments.map(encodeFirst).join('/'),
    '/' + [encodeFirst(segments[0]!), ...segments.slice(1)].join('/'),
    '/' + [segments[0]!.split('').map(hex).join(''), ...segments.slice(1)].join('/'),
    '/' + [hex(segments[0]![0]!).toUpperCase() + segments[0]!.slice(1), ...segments.slice(1)].join('/'),
    '/' + ['%25' + hex(segments[0]![0]!).slice(1) + segments[0]!.slice(1), ...segments.slice(1)].join('/'),
    '/' + segments.map((segment) => segment.toUpperCase()).join('/'),
    '/' + segments.map((segment, index) => (index % 2 === 0 ? segment.toUpperCase() : segment)).join('/'),
    '/' + segments.join('%2f'),
    '/' + segments.join('%2F'),
    `${path}/`,
    `/api/./${segments.slice(1).join('/')}`,
    `/x/../${segments.join('/')}`,
    `//${segments.join('/')}`,
    `${path}%00`,
    `${path};.css`,
  ];
}

function send(client: TestClient, operation: Operation, url: string): Promise<LightMyRequestResponse> {
  if (operation.method === 'GET') return client.get(url);
  if (operation.method === 'DELETE') return client.delete(url);
  return client[operation.method.toLowerCase() as 'post' | 'put' | 'patch'](url, {});
}

describe('route access', () => {
  it('declares an access rule on every registered route', () => {
    const routes = app.routeAccess();
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((route) => route.access === undefined)).toEqual([]);
  });

  it('refuses a route that declares no rule, whoever asks', async () => {
    const bare = await buildTestApp();
    bare.get('/api/undeclared', async () => ({ secret: true }));
    const admin = await clientAs(bare);
    const response = await admin.get('/api/undeclared');
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('secret');
    await bare.close();
  });

  it('lets no spelling of a path reach what its plain spelling refuses, and never fails with a 5xx', async () => {
    const leaks: string[] = [];
    let requests = 0;
    for (const operation of operations()) {
      for (const [who, client] of Object.entries(callers)) {
        const plain = await send(client, operation, operation.path);
        requests += 1;
        for (const url of spellings(operation.path)) {
          const response = await send(client, operation, url);
          requests += 1;
          const refusedPlainly = plain.statusCode >= 400;
          if (response.statusCode >= 500 || (refusedPlainly && response.statusCode < 300)) {
            leaks.push(`${who} ${operation.method} ${url} -> ${response.statusCode} (plain ${plain.statusCode}) ${response.body.slice(0, 120)}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(requests).toBeGreaterThan(2_000);
  });

  it('answers the reported bypass with 401', async () => {
    for (const url of ['/%61pi/users', '/%61pi/auth/me', '/%61pi/tokens', `/%61pi/snapshots/${params.snapshotId}`]) {
      expect((await callers.anonymous.get(url)).statusCode, url).toBe(401);
    }
    expect((await callers.anonymous.delete('/%61pi/tokens/x')).statusCode).toBe(401);
  });
});
