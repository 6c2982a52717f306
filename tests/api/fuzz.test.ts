import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, clientAs, clientWith, type TestClient } from '../helpers/app.js';

let app: FastifyInstance;
const clients: TestClient[] = [];
/** Real values for the path parameters, so that fuzzed requests also reach real rows. */
const realIds: Record<string, string> = {};
beforeAll(async () => {
  app = await buildTestApp({ seedDemo: true });
  clients.push(await clientAs(app), await clientAs(app, 'hdsr@demo.local'), await clientAs(app, 'lezer@demo.local'), clientWith(app, {}));
  const hdsr = clients[1]!;
  const task = (await hdsr.get('/api/areas/sterke-lekdijk/tasks?partyId=hdsr')).json()[0];
  const scenario = (await hdsr.post('/api/scenarios', { name: 'Fuzz', areaId: 'sterke-lekdijk' })).json();
  await hdsr.put(`/api/scenarios/${scenario.id}/moves`, [{ taskId: task.id, shiftMonths: 2 }]);
  const snapshot = (await hdsr.post('/api/snapshots', { areaId: 'sterke-lekdijk', title: 'Fuzz' })).json();
  const link = (await hdsr.post(`/api/snapshots/${snapshot.id}/share-links`, {})).json();
  const rule = (await hdsr.get('/api/capacity-rules')).json()[0];
  Object.assign(realIds, {
    taskId: task.id,
    scenarioId: scenario.id,
    snapshotId: snapshot.id,
    linkId: link.id,
    token: link.token,
    ruleId: rule.id,
    userId: (await clients[0]!.get('/api/users')).json()[0].id,
    tokenId: (await clients[0]!.get('/api/tokens')).json()[0].id,
    areaId: 'sterke-lekdijk',
    trajectId: '44-1',
    planId: (await hdsr.post('/api/plans', { areaId: 'sterke-lekdijk' })).json().id,
  });
});
afterAll(() => app.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Every operation of the OpenAPI document: the fuzz covers what the API says it has. */
function operations(): { method: Method; template: string }[] {
  const paths = (app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
  return Object.entries(paths).flatMap(([template, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase() as Method, template })),
  );
}

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', '../../etc/passwd', "'; drop table tasks; --", '%00', 'sterke-lekdijk', 'hdsr', '44-1', '2030-13', ''),
  fc.integer({ min: 10_000, max: 200_000 }).map((length) => 'x'.repeat(length)),
);

const idArbitrary = fc.oneof(hostileString, fc.constantFrom('sterke-lekdijk', 'vierwaarden', '16-4', 'missing'), fc.constant('@real'));

const validishTask = fc.record(
  {
    areaId: fc.constantFrom('sterke-lekdijk', 'vierwaarden', 'nope'),
    partyId: fc.constantFrom('hdsr', 'rws-on', 'nope'),
    programme: fc.constantFrom('HWBP', 'KRW', 'XYZ'),
    kind: fc.constantFrom('dike_reinforcement', 'nature', 'bad'),
    title: hostileString,
    phases: fc.array(
      fc.record({ kind: fc.constantFrom('verkenning', 'planuitwerking', 'realisatie', 'x'), start: fc.constantFrom('2030-01', '2031-06', '1999-01', 'x'), end: fc.constantFrom('2030-12', '2032-01', '2101-01') }),
      { maxLength: 4 },
    ),
    window: fc.option(fc.record({ earliestStart: fc.constantFrom('2028-01', '2040-01'), latestEnd: fc.constantFrom('2049-12', '2050-01', '2030-01') })),
    soilSupplyM3: fc.oneof(fc.double(), fc.integer(), fc.constant('12')),
    urgencyRank: fc.oneof(fc.integer(), fc.constant(null)),
    geometry: fc.anything(),
  },
  { requiredKeys: [] },
);

const bodyArbitrary = fc.oneof(
  fc.jsonValue(),
  validishTask,
  fc.dictionary(hostileString, fc.jsonValue(), { maxKeys: 5 }),
  fc.constant({ email: 'hdsr@demo.local', password: 'demo' }),
  fc.constant({ name: 'token' }),
);

/** How a path is spelled: plainly, or with some characters percent-encoded, once or twice. */
const spellingArbitrary = fc.record({ encode: fc.constantFrom('none', 'some', 'double', 'upper'), seed: fc.nat() });

function spell(path: string, { encode, seed }: { encode: string; seed: number }): string {
  if (encode === 'upper') return path.toUpperCase();
  if (encode === 'none') return path;
  return path.replace(/[a-z]/g, (character, offset: number) => {
    if ((seed >> offset % 30) % 3 !== 0) return character;
    const hex = character.charCodeAt(0).toString(16);
    return encode === 'double' ? `%25${hex}` : `%${hex}`;
  });
}

const requestArbitrary = fc.record({
  operation: fc.nat(),
  id: idArbitrary,
  client: fc.nat({ max: 3 }),
  spelling: spellingArbitrary,
  body: fc.oneof(
    { weight: 6, arbitrary: bodyArbitrary.map((body) => JSON.stringify(body) ?? 'null') },
    { weight: 1, arbitrary: fc.constantFrom('{"__proto__": {"polluted": true}}', '{"constructor": {"prototype": {"polluted": true}}}', '{"a":', '[]', '') },
  ),
  query: fc.oneof(
    fc.constant(''),
    fc.string().map((text) => `?minOverlap=${encodeURIComponent(text)}`),
    fc.constant('?programme=HWBP&kind=x&partyId=__proto__'),
    fc.constant('?against=current'),
    fc.constant('?dryRun=false&partyId=hdsr'),
  ),
  ifMatch: fc.option(fc.constantFrom('"1"', '"2"', '*', 'W/"1"', 'garbage')),
});

describe('fuzzing every operation of the OpenAPI document', () => {
  it('never answers 5xx and always answers failures as problems, over 2,000 random requests in every path spelling', async () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(55);
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(requestArbitrary, async ({ operation, id, client, spelling, body, query, ifMatch }) => {
        const { method, template } = all[operation % all.length]!;
        reached.add(`${method} ${template}`);
        const path = template.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(id === '@real' ? (realIds[name] ?? 'none') : id));
        const url = spell(path, spelling) + (method === 'GET' || method === 'POST' ? query : '');
        const headers: Record<string, string> = { ...clients[client]!.headers, 'content-type': 'application/json' };
        if (ifMatch) headers['if-match'] = ifMatch;
        const response = await app.inject({
          method,
          url,
          headers,
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: body }),
        });
        expect(response.statusCode, `${method} ${url.slice(0, 120)} -> ${response.body.slice(0, 300)}`).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.headers['content-type'], `${method} ${url.slice(0, 120)} -> ${response.body.slice(0, 200)}`).toMatch(/^application\/problem\+json/);
        }
      }),
      { numRuns: 2_000 },
    );
    expect(reached.size).toBe(all.length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
