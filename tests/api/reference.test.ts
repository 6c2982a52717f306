import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, clientAs, expectProblem, type TestClient } from '../helpers/app.js';
import { TEST_BACKEND } from '../helpers/test-database.js';

let app: FastifyInstance;
let api: TestClient;
beforeAll(async () => {
  app = await buildTestApp({ seedDemo: true });
  api = await clientAs(app);
});
afterAll(() => app.close());

describe('GET /api/health', () => {
  it('reports the server and database as up', async () => {
    const response = await api.get('/api/health');
    expect(response.json()).toEqual({ status: 'ok', database: 'ok', engine: TEST_BACKEND });
  });
});

describe('GET /api/dike-trajects', () => {
  it('lists all 238 national trajectories in dike-ring order', async () => {
    const trajects = (await api.get('/api/dike-trajects')).json() as { id: string }[];
    expect(trajects).toHaveLength(238);
    expect(trajects.slice(0, 3).map((traject) => traject.id)).toEqual(['1-1', '1-2', '2-1']);
  });

  it('gives 16-4 and 44-1 the norms of the source', async () => {
    const lek = (await api.get('/api/dike-trajects/16-4')).json();
    expect(lek).toMatchObject({
      id: '16-4',
      signalingValue: { returnPeriodYears: 30000, label: '1/30.000' },
      lowerLimit: { returnPeriodYears: 10000, label: '1/10.000' },
      lengthKm: 19.574,
      waterBoards: ['Waterschap Rivierenland'],
    });
    const lekdijk = (await api.get('/api/dike-trajects/44-1')).json();
    expect(lekdijk).toMatchObject({
      signalingValue: { label: '1/30.000', perYear: 1 / 30000 },
      lowerLimit: { label: '1/10.000' },
      lengthKm: 32.415,
      waterBoards: ['De Stichtse Rijnlanden'],
    });
  });

  it('keeps the two missing norms missing instead of zero', async () => {
    expect((await api.get('/api/dike-trajects/16-5')).json()).toMatchObject({
      signalingValue: null,
      lowerLimit: { returnPeriodYears: 10, label: '1/10' },
    });
    expect((await api.get('/api/dike-trajects/63-2')).json()).toMatchObject({ signalingValue: null, lowerLimit: null });
  });

  it('answers an unknown id with a 404 problem', async () => {
    expectProblem(await api.get('/api/dike-trajects/99-9'), 404, 'not_found');
  });
});

describe('GET /api/openapi.json and /api/docs', () => {
  it('documents every route with its schemas', async () => {
    const document = (await api.get('/api/openapi.json')).json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/parties',
        '/api/areas',
        '/api/areas/{areaId}',
        '/api/areas/{areaId}/tasks',
        '/api/tasks',
        '/api/tasks/{taskId}',
        '/api/dike-trajects',
        '/api/dike-trajects/{trajectId}',
      ]),
    );
    expect(document.paths['/api/tasks'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['areaId', 'programme', 'kind', 'title', 'phases']),
    );
  });

  it('serves the browsable documentation without internet', async () => {
    const response = await api.get('/api/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});

describe('unknown routes', () => {
  it('answer with a 404 problem', async () => {
    expectProblem(await api.get('/api/nothing-here'), 404, 'not_found');
  });

  it('answer malformed JSON with a 400 problem', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/parties',
      headers: { ...api.headers, 'content-type': 'application/json' },
      payload: '{"id": ',
    });
    expectProblem(response, 400, 'bad_request');
  });
});
