import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, clientAs, expectProblem, type TestClient } from '../helpers/app.js';

let app: FastifyInstance;
let api: TestClient;
beforeEach(async () => {
  app = await buildTestApp();
  api = await clientAs(app);
});
afterEach(() => app.close());

describe('/api/parties', () => {
  it('creates a party and lists it', async () => {
    const created = await api.post('/api/parties', { id: 'hdsr', name: 'HDSR', kind: 'waterschap' });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/api/parties/hdsr');
    expect((await api.get('/api/parties')).json()).toEqual([{ id: 'hdsr', name: 'HDSR', kind: 'waterschap' }]);
    expect(await app.db.selectFrom('parties').select(['id', 'kind']).execute()).toEqual([{ id: 'hdsr', kind: 'waterschap' }]);
  });

  it('refuses a taken id with 409 and keeps the first party', async () => {
    await api.post('/api/parties', { id: 'hdsr', name: 'HDSR', kind: 'waterschap' });
    const again = await api.post('/api/parties', { id: 'hdsr', name: 'Other', kind: 'rijk' });
    expectProblem(again, 409, 'conflict');
    expect(await app.db.selectFrom('parties').select('name').execute()).toEqual([{ name: 'HDSR' }]);
  });

  it('refuses bad slugs, unknown kinds and unknown fields, field by field', async () => {
    const response = await api.post('/api/parties', { id: 'Bad Id', name: '', kind: 'bank', extra: true });
    const body = expectProblem(response, 400, 'validation');
    expect(body.errors!.map((error) => error.pointer).sort()).toEqual(['/extra', '/id', '/kind', '/name']);
    expect(body.errors!.every((error) => error.in === 'body')).toBe(true);
    expect(await app.db.selectFrom('parties').select('id').execute()).toEqual([]);
  });
});

describe('/api/areas', () => {
  it('creates, reads, lists and changes an area', async () => {
    const created = await api.post('/api/areas', { id: 'sterke-lekdijk', name: 'Sterke Lekdijk' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ id: 'sterke-lekdijk', name: 'Sterke Lekdijk', description: null });
    const patched = await api.patch('/api/areas/sterke-lekdijk', { description: 'Amerongen tot Schoonhoven' });
    expect(patched.json()).toEqual({ id: 'sterke-lekdijk', name: 'Sterke Lekdijk', description: 'Amerongen tot Schoonhoven' });
    expect((await api.get('/api/areas/sterke-lekdijk')).json().description).toBe('Amerongen tot Schoonhoven');
    expect((await api.get('/api/areas')).json()).toHaveLength(1);
  });

  it('answers an unknown area with 404 on read and change, and writes nothing', async () => {
    expectProblem(await api.get('/api/areas/nowhere'), 404, 'not_found');
    expectProblem(await api.patch('/api/areas/nowhere', { name: 'X' }), 404, 'not_found');
    expect(await app.db.selectFrom('areas').select('id').execute()).toEqual([]);
  });

  it('refuses an empty change, an id change and a duplicate id', async () => {
    await api.post('/api/areas', { id: 'venlo', name: 'Venlo' });
    expectProblem(await api.patch('/api/areas/venlo', {}), 400, 'validation');
    expectProblem(await api.patch('/api/areas/venlo', { id: 'x' }), 400, 'validation');
    expectProblem(await api.post('/api/areas', { id: 'venlo', name: 'Venlo 2' }), 409, 'conflict');
    expect((await api.get('/api/areas/venlo')).json().name).toBe('Venlo');
  });

  it('refuses a malformed id in the path with a 400 problem', async () => {
    const body = expectProblem(await api.get('/api/areas/NOT_A_SLUG'), 400, 'validation');
    expect(body.errors![0]).toMatchObject({ in: 'params', pointer: '/areaId' });
  });
});

describe('uniqueness under concurrency', () => {
  it('lets the database decide between parallel creations of one id: one 201, the rest 409, nothing half-written', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, index) => api.post('/api/areas', { id: 'gelijktijdig', name: `Gelijktijdig ${index}` })),
    );
    expect(answers.filter((answer) => answer.statusCode === 201)).toHaveLength(1);
    for (const answer of answers.filter((candidate) => candidate.statusCode !== 201)) {
      expect(expectProblem(answer, 409, 'conflict').detail).toBe('an area with this id already exists');
    }
    expect(await app.db.selectFrom('areas').select('id').execute()).toEqual([{ id: 'gelijktijdig' }]);
    expect(await app.db.selectFrom('audit_log').select('entity_id').where('entity_type', '=', 'area').execute()).toHaveLength(1);
  });

  it('refuses text with NUL characters before it reaches either database', async () => {
    const refused = expectProblem(await api.post('/api/parties', { id: 'nul', name: 'Na\u0000am', kind: 'waterschap' }), 400, 'validation');
    expect(refused.errors).toEqual([{ in: 'body', pointer: '/name', message: 'text may not contain NUL characters' }]);
    expectProblem(await api.get('/api/areas/ab%00c'), 400, 'validation');
    expect(await app.db.selectFrom('parties').select('id').execute()).toEqual([]);
  });
});
