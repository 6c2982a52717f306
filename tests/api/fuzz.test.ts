import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AlignmentReportSchema } from '../../server/contracts/alignments.js';
import { AreaSchema } from '../../server/contracts/areas.js';
import { DikeTrajectSchema } from '../../server/contracts/dike-trajects.js';
import { PartySchema } from '../../server/contracts/parties.js';
import { TaskHistorySchema, TaskSchema } from '../../server/contracts/tasks.js';
import { UserSchema } from '../../server/contracts/users.js';
import { buildTestApp, clientAs, type TestClient } from '../helpers/app.js';

let app: FastifyInstance;
const clients: TestClient[] = [];
let taskIds: string[] = [];
beforeAll(async () => {
  app = await buildTestApp({ seedDemo: true });
  clients.push(await clientAs(app), await clientAs(app, 'hdsr@demo.local'), await clientAs(app, 'lezer@demo.local'));
  taskIds = (await app.db.selectFrom('tasks').select('id').limit(5).execute()).map((row) => row.id);
});
afterAll(() => app.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
/** Every route with the schema its success body must satisfy (null: no body). */
const ROUTES: [Method, string, z.ZodType | null][] = [
  ['GET', '/api/health', null],
  ['GET', '/api/parties', PartySchema.array()],
  ['POST', '/api/parties', PartySchema],
  ['GET', '/api/areas', AreaSchema.array()],
  ['POST', '/api/areas', AreaSchema],
  ['GET', '/api/areas/:id', AreaSchema],
  ['PATCH', '/api/areas/:id', AreaSchema],
  ['GET', '/api/areas/:id/tasks', TaskSchema.array()],
  ['GET', '/api/areas/:id/alignments', AlignmentReportSchema],
  ['POST', '/api/tasks', TaskSchema],
  ['GET', '/api/tasks/:id', TaskSchema],
  ['PATCH', '/api/tasks/:id', TaskSchema],
  ['DELETE', '/api/tasks/:id', null],
  ['GET', '/api/tasks/:id/history', TaskHistorySchema],
  ['GET', '/api/dike-trajects', DikeTrajectSchema.array()],
  ['GET', '/api/dike-trajects/:id', DikeTrajectSchema],
  ['GET', '/api/users', UserSchema.array()],
  ['POST', '/api/users', UserSchema],
  ['PATCH', '/api/users/:id', UserSchema],
  ['DELETE', '/api/users/:id', null],
  ['POST', '/api/auth/login', UserSchema],
  ['GET', '/api/auth/me', UserSchema],
  ['POST', '/api/tokens', null],
  ['GET', '/api/tokens', null],
  ['DELETE', '/api/tokens/:id', null],
];

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', '../../etc/passwd', "'; drop table tasks; --", '%00', 'sterke-lekdijk', 'hdsr', '44-1', '2030-13', ''),
  fc.integer({ min: 10_000, max: 200_000 }).map((length) => 'x'.repeat(length)),
);

const idArbitrary = fc.oneof(hostileString, fc.constantFrom('sterke-lekdijk', 'vierwaarden', '16-4', 'missing'), fc.constant('@task'));

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

const requestArbitrary = fc.record({
  route: fc.nat({ max: ROUTES.length - 1 }),
  id: idArbitrary,
  client: fc.nat({ max: 2 }),
  body: fc.oneof(
    { weight: 6, arbitrary: bodyArbitrary.map((body) => JSON.stringify(body) ?? 'null') },
    { weight: 1, arbitrary: fc.constantFrom('{"__proto__": {"polluted": true}}', '{"constructor": {"prototype": {"polluted": true}}}', '{"a":', '[]', '') },
  ),
  query: fc.oneof(fc.constant(''), fc.string().map((text) => `?minOverlap=${encodeURIComponent(text)}`), fc.constant('?programme=HWBP&kind=x&partyId=__proto__')),
  ifMatch: fc.option(fc.constantFrom('"1"', '"2"', '*', 'W/"1"', 'garbage')),
});

describe('fuzzing every route', () => {
  it('never answers 5xx and never sends a success body that breaks its schema, over 1,000 random requests', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary, async ({ route, id, client, body, query, ifMatch }) => {
        const [method, template, schema] = ROUTES[route]!;
        const concreteId = id === '@task' ? taskIds[0] ?? 'none' : id;
        const url = template.replace(':id', encodeURIComponent(concreteId)) + (method === 'GET' ? query : '');
        const headers: Record<string, string> = { ...clients[client]!.headers, 'content-type': 'application/json' };
        if (ifMatch) headers['if-match'] = ifMatch;
        const response = await app.inject({
          method,
          url,
          headers,
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: body }),
        });
        expect(response.statusCode, `${method} ${url.slice(0, 120)} -> ${response.body.slice(0, 300)}`).toBeLessThan(500);
        if (response.statusCode >= 200 && response.statusCode < 300 && schema) {
          expect(schema.safeParse(response.json()).success, `${method} ${url.slice(0, 120)}`).toBe(true);
        }
        if (response.statusCode >= 400) {
          expect(response.headers['content-type'], `${method} ${url.slice(0, 120)} -> ${response.body.slice(0, 200)}`).toMatch(/^application\/problem\+json/);
        }
      }),
      { numRuns: 1000 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
