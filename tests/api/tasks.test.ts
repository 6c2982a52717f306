import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, clientAs, expectProblem, ifMatch, type TestClient } from '../helpers/app.js';
import { createBasics, createTask, dikeTaskInput, riverTaskInput } from '../helpers/factories.js';

let app: FastifyInstance;
let api: TestClient;
beforeEach(async () => {
  app = await buildTestApp();
  api = await clientAs(app);
  await createBasics(api);
});
afterEach(() => app.close());

async function rowCounts() {
  const tasks = await app.db.selectFrom('tasks').selectAll().execute();
  const phases = await app.db.selectFrom('task_phases').selectAll().execute();
  return { tasks, phases };
}

describe('POST /api/tasks', () => {
  it('stores a task with its phases and answers with server-made fields', async () => {
    const response = await api.post('/api/tasks', dikeTaskInput());
    expect(response.statusCode).toBe(201);
    const task = response.json();
    expect(response.headers.location).toBe(`/api/tasks/${task.id}`);
    expect(task).toMatchObject({
      ...dikeTaskInput(),
      version: 1,
      movable: true,
      outsideWindow: false,
      description: null,
      costEur: null,
      soilSupplyM3: 0,
    });
    expect(task.createdAt).toBe(task.updatedAt);
    const { tasks, phases } = await rowCounts();
    expect(tasks).toHaveLength(1);
    const admin = await app.db.selectFrom('users').select('id').where('email', '=', 'admin@test.local').executeTakeFirstOrThrow();
    expect(tasks[0]).toMatchObject({ window_earliest_start: 2025 * 12, created_by: admin.id });
    expect(phases.map((phase) => [phase.kind, phase.start_month, phase.end_month])).toEqual(
      expect.arrayContaining([['realisatie', 2030 * 12, 2031 * 12 + 11]]),
    );
  });

  it('accepts a schedule outside its window and flags it', async () => {
    const task = await createTask(api, dikeTaskInput({ window: { earliestStart: '2027-01', latestEnd: '2040-12' } }));
    expect(task).toMatchObject({ movable: true, outsideWindow: true });
  });

  it('keeps a GeoJSON geometry in WGS84', async () => {
    const geometry = { type: 'LineString' as const, coordinates: [[5.3, 51.97], [5.35, 51.96]] };
    const task = await createTask(api, dikeTaskInput({ geometry }));
    expect((await api.get(`/api/tasks/${task.id}`)).json().geometry).toEqual(geometry);
    const bad = await api.post('/api/tasks', { ...dikeTaskInput(), geometry: { type: 'Point', coordinates: [155000, 463000] } });
    expectProblem(bad, 400, 'validation');
  });

  it('refuses broken rules field by field and writes nothing', async () => {
    const response = await api.post('/api/tasks', {
        ...dikeTaskInput(),
        phases: [
          { kind: 'planuitwerking', start: '2030-01', end: '2031-06' },
          { kind: 'realisatie', start: '2031-01', end: '2030-12' },
        ],
        window: { earliestStart: '2025-01', latestEnd: '2051-01' },
      });
    const body = expectProblem(response, 400, 'validation');
    expect(body.errors!.map((error) => error.pointer)).toEqual(
      expect.arrayContaining(['/phases/1/end', '/phases/1/start', '/window/latestEnd']),
    );
    expect((await rowCounts()).tasks).toEqual([]);
  });

  it('refuses server-owned fields in the body', async () => {
    for (const field of ['id', 'version', 'createdAt', 'updatedAt', 'movable', 'outsideWindow']) {
      const response = await api.post('/api/tasks', { ...dikeTaskInput(), [field]: 'x' });
      const body = expectProblem(response, 400, 'validation');
      expect(body.errors).toContainEqual({ in: 'body', pointer: `/${field}`, message: `unknown field '${field}'` });
    }
    expect((await rowCounts()).tasks).toEqual([]);
  });

  it('refuses unknown area, party and trajectory ids as 400 with each field named', async () => {
    const response = await api.post('/api/tasks', dikeTaskInput({ areaId: 'nowhere', partyId: 'nobody', dikeTrajectId: '99-9' }));
    const body = expectProblem(response, 400, 'validation');
    expect(body.errors!.map((error) => error.pointer)).toEqual(['/areaId', '/partyId', '/dikeTrajectId']);
    expect((await rowCounts()).tasks).toEqual([]);
  });

  it('refuses a second task with the same external reference in one party (409)', async () => {
    await createTask(api, dikeTaskInput({ externalRef: 'SAL-1' }));
    expectProblem(await api.post('/api/tasks', dikeTaskInput({ externalRef: 'SAL-1' })), 409, 'conflict');
    await createTask(api, riverTaskInput({ externalRef: 'SAL-1' }));
    expect((await rowCounts()).tasks).toHaveLength(2);
  });
});

describe('GET /api/areas/:areaId/tasks', () => {
  it('lists the area tasks and filters by party, programme and kind', async () => {
    await createTask(api, dikeTaskInput());
    await createTask(api, riverTaskInput());
    const all = (await api.get('/api/areas/lek/tasks')).json();
    expect(all.map((task: { partyId: string }) => task.partyId)).toEqual(['hdsr', 'rws']);
    expect((await api.get('/api/areas/lek/tasks?partyId=rws')).json()).toHaveLength(1);
    expect((await api.get('/api/areas/lek/tasks?programme=HWBP')).json()).toHaveLength(1);
    expect((await api.get('/api/areas/lek/tasks?kind=nature')).json()).toHaveLength(0);
  });

  it('answers an unknown area with 404 and a bad filter with 400', async () => {
    expectProblem(await api.get('/api/areas/nowhere/tasks'), 404, 'not_found');
    const body = expectProblem(await api.get('/api/areas/lek/tasks?programme=NATO'), 400, 'validation');
    expect(body.errors![0]).toMatchObject({ in: 'querystring', pointer: '/programme' });
  });
});

describe('GET, PATCH and DELETE /api/tasks/:taskId', () => {
  it('changes only the given fields, bumps the version and keeps the rest', async () => {
    const task = await createTask(api, dikeTaskInput());
    const response = await api.patch(`/api/tasks/${task.id}`, { title: 'Dijkversterking Salmsteke-Schoonhoven', phases: [{ kind: 'realisatie', start: '2032-01', end: '2033-06' }] }, ifMatch(task));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      title: 'Dijkversterking Salmsteke-Schoonhoven',
      version: 2,
      dikeTrajectId: '15-1',
      phases: [{ kind: 'realisatie', start: '2032-01', end: '2033-06' }],
    });
    const phases = await app.db.selectFrom('task_phases').selectAll().where('task_id', '=', task.id).execute();
    expect(phases).toHaveLength(1);
  });

  it('validates the merged task as a whole and changes nothing when it breaks a rule', async () => {
    const task = await createTask(api, riverTaskInput());
    const response = await api.patch(`/api/tasks/${task.id}`, { urgencyRank: 1 }, ifMatch(task));
    const body = expectProblem(response, 400, 'validation');
    expect(body.errors).toContainEqual({ in: 'body', pointer: '/urgencyRank', message: 'urgencyRank is only for HWBP tasks' });
    expect((await api.get(`/api/tasks/${task.id}`)).json()).toMatchObject({ version: 1, urgencyRank: null });
  });

  it('refuses server-owned fields and empty changes', async () => {
    const task = await createTask(api, dikeTaskInput());
    expectProblem(await api.patch(`/api/tasks/${task.id}`, { version: 7 }, ifMatch(task)), 400, 'validation');
    expectProblem(await api.patch(`/api/tasks/${task.id}`, {}, ifMatch(task)), 400, 'validation');
    expect((await api.get(`/api/tasks/${task.id}`)).json().version).toBe(1);
  });

  it('makes a task immovable by clearing its window', async () => {
    const task = await createTask(api, dikeTaskInput());
    const response = await api.patch(`/api/tasks/${task.id}`, { window: null }, ifMatch(task));
    expect(response.json()).toMatchObject({ window: null, movable: false, outsideWindow: false });
  });

  it('deletes a task with its phases', async () => {
    const task = await createTask(api, dikeTaskInput());
    expect((await api.delete(`/api/tasks/${task.id}`, ifMatch(task))).statusCode).toBe(204);
    expectProblem(await api.get(`/api/tasks/${task.id}`), 404, 'not_found');
    expect(await rowCounts()).toEqual({ tasks: [], phases: [] });
  });

  it('answers unknown task ids with 404 on every verb', async () => {
    expectProblem(await api.get('/api/tasks/missing'), 404, 'not_found');
    expectProblem(await api.patch('/api/tasks/missing', { title: 'x' }), 404, 'not_found');
    expectProblem(await api.delete('/api/tasks/missing'), 404, 'not_found');
  });
});
