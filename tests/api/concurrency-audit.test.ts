import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { buildTestApp, clientAs, expectProblem, ifMatch, type TestClient } from '../helpers/app.js';
import { createBasics, createTask, dikeTaskInput } from '../helpers/factories.js';

let app: FastifyInstance;
let api: TestClient;
let task: TaskResponse;
beforeEach(async () => {
  app = await buildTestApp();
  api = await clientAs(app);
  await createBasics(api);
  task = await createTask(api, dikeTaskInput());
});
afterEach(() => app.close());

describe('optimistic concurrency', () => {
  it('returns the version as ETag', async () => {
    const response = await api.get(`/api/tasks/${task.id}`);
    expect(response.headers.etag).toBe('"1"');
  });

  it('requires If-Match on change and delete (428) and changes nothing without it', async () => {
    expectProblem(await api.patch(`/api/tasks/${task.id}`, { title: 'x' }), 428, 'precondition_required');
    expectProblem(await api.delete(`/api/tasks/${task.id}`), 428, 'precondition_required');
    expect((await api.get(`/api/tasks/${task.id}`)).json()).toMatchObject({ version: 1, title: task.title });
  });

  it('answers a stale If-Match with 412 and the current task, so both versions can be shown', async () => {
    await api.patch(`/api/tasks/${task.id}`, { title: 'Eerste wijziging' }, ifMatch(task));
    const stale = expectProblem(await api.patch(`/api/tasks/${task.id}`, { title: 'Tweede' }, ifMatch(task)), 412, 'precondition_failed');
    expect(stale.current).toMatchObject({ id: task.id, version: 2, title: 'Eerste wijziging' });
    expectProblem(await api.delete(`/api/tasks/${task.id}`, ifMatch(task)), 412, 'precondition_failed');
  });

  it('lets exactly one of 50 simultaneous changes of the same version through', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) => api.patch(`/api/tasks/${task.id}`, { title: `Wijziging ${index}` }, ifMatch(task))),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(49);
    const history = (await api.get(`/api/tasks/${task.id}/history`)).json();
    expect(history.map((entry: { action: string }) => entry.action)).toEqual(['create', 'update']);
  });
});

describe('the audit trail', () => {
  it('lists who changed which fields from what to what, with months as YYYY-MM', async () => {
    await api.patch(
      `/api/tasks/${task.id}`,
      { title: 'Nieuwe titel', window: { earliestStart: '2025-01', latestEnd: '2045-12' } },
      ifMatch(task),
    );
    const history = (await api.get(`/api/tasks/${task.id}/history`)).json();
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ action: 'create', actor: { label: 'admin@test.local' } });
    expect(history[1].changes).toEqual([
      { field: 'title', from: task.title, to: 'Nieuwe titel' },
      { field: 'window', from: { earliestStart: '2025-01', latestEnd: '2040-12' }, to: { earliestStart: '2025-01', latestEnd: '2045-12' } },
    ]);
  });

  it('keeps a deleted task’s history', async () => {
    await api.delete(`/api/tasks/${task.id}`, ifMatch(task));
    const history = (await api.get(`/api/tasks/${task.id}/history`)).json();
    expect(history.map((entry: { action: string }) => entry.action)).toEqual(['create', 'delete']);
    expectProblem(await api.get('/api/tasks/never-existed/history'), 404, 'not_found');
  });

  it('records the request id with each row', async () => {
    const response = await api.patch(`/api/tasks/${task.id}`, { title: 'Met verzoek' }, ifMatch(task));
    expect(response.statusCode).toBe(200);
    const rows = await app.db.selectFrom('audit_log').selectAll().where('entity_id', '=', task.id).execute();
    expect(rows.every((row) => typeof row.request_id === 'string' && row.request_id.length > 0)).toBe(true);
  });

  it('cannot be changed or deleted, even with direct SQL', async () => {
    const before = await app.db.selectFrom('audit_log').selectAll().execute();
    expect(before.length).toBeGreaterThan(0);
    await expect(sql`update audit_log set actor_label = 'someone else'`.execute(app.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(app.db)).rejects.toThrow(/append-only/);
    expect(await app.db.selectFrom('audit_log').selectAll().execute()).toEqual(before);
  });

  it('writes the change and its audit row together or not at all', async () => {
    const auditRows = async () => (await app.db.selectFrom('audit_log').select('id').execute()).length;
    const countBefore = await auditRows();
    expectProblem(await api.patch(`/api/tasks/${task.id}`, { dikeTrajectId: '99-9' }, ifMatch(task)), 400, 'validation');
    expect(await auditRows()).toBe(countBefore);
  });
});
