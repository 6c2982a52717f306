import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../helpers/app.js';
import { createBasics, createTask, dikeTaskInput, riverTaskInput } from '../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
  await createBasics(app);
});
afterEach(() => app.close());

async function rowCounts() {
  const tasks = await app.db.selectFrom('tasks').selectAll().execute();
  const phases = await app.db.selectFrom('task_phases').selectAll().execute();
  return { tasks, phases };
}

describe('POST /api/tasks', () => {
  it('stores a task with its phases and answers with server-made fields', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/tasks', payload: dikeTaskInput() });
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
    expect(tasks[0]).toMatchObject({ window_earliest_start: 2025 * 12, created_by: 'local-admin' });
    expect(phases.map((phase) => [phase.kind, phase.start_month, phase.end_month])).toEqual(
      expect.arrayContaining([['realisatie', 2030 * 12, 2031 * 12 + 11]]),
    );
  });

  it('accepts a schedule outside its window and flags it', async () => {
    const task = await createTask(app, dikeTaskInput({ window: { earliestStart: '2027-01', latestEnd: '2040-12' } }));
    expect(task).toMatchObject({ movable: true, outsideWindow: true });
  });

  it('keeps a GeoJSON geometry in WGS84', async () => {
    const geometry = { type: 'LineString' as const, coordinates: [[5.3, 51.97], [5.35, 51.96]] };
    const task = await createTask(app, dikeTaskInput({ geometry }));
    expect((await app.inject(`/api/tasks/${task.id}`)).json().geometry).toEqual(geometry);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: { ...dikeTaskInput(), geometry: { type: 'Point', coordinates: [155000, 463000] } },
    });
    expectProblem(bad, 400, 'validation');
  });

  it('refuses broken rules field by field and writes nothing', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: {
        ...dikeTaskInput(),
        phases: [
          { kind: 'planuitwerking', start: '2030-01', end: '2031-06' },
          { kind: 'realisatie', start: '2031-01', end: '2030-12' },
        ],
        window: { earliestStart: '2025-01', latestEnd: '2051-01' },
      },
    });
    const body = expectProblem(response, 400, 'validation');
    expect(body.errors!.map((error) => error.pointer)).toEqual(
      expect.arrayContaining(['/phases/1/end', '/phases/1/start', '/window/latestEnd']),
    );
    expect((await rowCounts()).tasks).toEqual([]);
  });

  it('refuses server-owned fields in the body', async () => {
    for (const field of ['id', 'version', 'createdAt', 'updatedAt', 'movable', 'outsideWindow']) {
      const response = await app.inject({ method: 'POST', url: '/api/tasks', payload: { ...dikeTaskInput(), [field]: 'x' } });
      const body = expectProblem(response, 400, 'validation');
      expect(body.errors).toContainEqual({ in: 'body', pointer: `/${field}`, message: `unknown field '${field}'` });
    }
    expect((await rowCounts()).tasks).toEqual([]);
  });

  it('refuses unknown area, party and trajectory ids as 400 with each field named', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: dikeTaskInput({ areaId: 'nowhere', partyId: 'nobody', dikeTrajectId: '99-9' }),
    });
    const body = expectProblem(response, 400, 'validation');
    expect(body.errors!.map((error) => error.pointer)).toEqual(['/areaId', '/partyId', '/dikeTrajectId']);
    expect((await rowCounts()).tasks).toEqual([]);
  });

  it('refuses a second task with the same external reference in one party (409)', async () => {
    await createTask(app, dikeTaskInput({ externalRef: 'SAL-1' }));
    expectProblem(await app.inject({ method: 'POST', url: '/api/tasks', payload: dikeTaskInput({ externalRef: 'SAL-1' }) }), 409, 'conflict');
    await createTask(app, riverTaskInput({ externalRef: 'SAL-1' }));
    expect((await rowCounts()).tasks).toHaveLength(2);
  });
});

describe('GET /api/areas/:areaId/tasks', () => {
  it('lists the area tasks and filters by party, programme and kind', async () => {
    await createTask(app, dikeTaskInput());
    await createTask(app, riverTaskInput());
    const all = (await app.inject('/api/areas/lek/tasks')).json();
    expect(all.map((task: { partyId: string }) => task.partyId)).toEqual(['hdsr', 'rws']);
    expect((await app.inject('/api/areas/lek/tasks?partyId=rws')).json()).toHaveLength(1);
    expect((await app.inject('/api/areas/lek/tasks?programme=HWBP')).json()).toHaveLength(1);
    expect((await app.inject('/api/areas/lek/tasks?kind=nature')).json()).toHaveLength(0);
  });

  it('answers an unknown area with 404 and a bad filter with 400', async () => {
    expectProblem(await app.inject('/api/areas/nowhere/tasks'), 404, 'not_found');
    const body = expectProblem(await app.inject('/api/areas/lek/tasks?programme=NATO'), 400, 'validation');
    expect(body.errors![0]).toMatchObject({ in: 'querystring', pointer: '/programme' });
  });
});

describe('GET, PATCH and DELETE /api/tasks/:taskId', () => {
  it('changes only the given fields, bumps the version and keeps the rest', async () => {
    const task = await createTask(app, dikeTaskInput());
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/tasks/${task.id}`,
      payload: { title: 'Dijkversterking Salmsteke-Schoonhoven', phases: [{ kind: 'realisatie', start: '2032-01', end: '2033-06' }] },
    });
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
    const task = await createTask(app, riverTaskInput());
    const response = await app.inject({ method: 'PATCH', url: `/api/tasks/${task.id}`, payload: { urgencyRank: 1 } });
    const body = expectProblem(response, 400, 'validation');
    expect(body.errors).toContainEqual({ in: 'body', pointer: '/urgencyRank', message: 'urgencyRank is only for HWBP tasks' });
    expect((await app.inject(`/api/tasks/${task.id}`)).json()).toMatchObject({ version: 1, urgencyRank: null });
  });

  it('refuses server-owned fields and empty changes', async () => {
    const task = await createTask(app, dikeTaskInput());
    expectProblem(await app.inject({ method: 'PATCH', url: `/api/tasks/${task.id}`, payload: { version: 7 } }), 400, 'validation');
    expectProblem(await app.inject({ method: 'PATCH', url: `/api/tasks/${task.id}`, payload: {} }), 400, 'validation');
    expect((await app.inject(`/api/tasks/${task.id}`)).json().version).toBe(1);
  });

  it('makes a task immovable by clearing its window', async () => {
    const task = await createTask(app, dikeTaskInput());
    const response = await app.inject({ method: 'PATCH', url: `/api/tasks/${task.id}`, payload: { window: null } });
    expect(response.json()).toMatchObject({ window: null, movable: false, outsideWindow: false });
  });

  it('deletes a task with its phases', async () => {
    const task = await createTask(app, dikeTaskInput());
    expect((await app.inject({ method: 'DELETE', url: `/api/tasks/${task.id}` })).statusCode).toBe(204);
    expectProblem(await app.inject(`/api/tasks/${task.id}`), 404, 'not_found');
    expect(await rowCounts()).toEqual({ tasks: [], phases: [] });
  });

  it('answers unknown task ids with 404 on every verb', async () => {
    expectProblem(await app.inject('/api/tasks/missing'), 404, 'not_found');
    expectProblem(await app.inject({ method: 'PATCH', url: '/api/tasks/missing', payload: { title: 'x' } }), 404, 'not_found');
    expectProblem(await app.inject({ method: 'DELETE', url: '/api/tasks/missing' }), 404, 'not_found');
  });
});
