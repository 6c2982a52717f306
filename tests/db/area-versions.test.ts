import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { buildTestApp, clientAs, ifMatch, type TestClient } from '../helpers/app.js';
import { dikeTaskInput } from '../helpers/factories.js';

let app: FastifyInstance;
let planner: TestClient;
beforeEach(async () => {
  app = await buildTestApp({ seedDemo: true });
  planner = await clientAs(app, 'hdsr@demo.local');
});
afterEach(() => app.close());

async function versions(): Promise<Record<string, number>> {
  const rows = await app.db.selectFrom('areas').select(['id', 'data_version']).execute();
  return Object.fromEntries(rows.map((row) => [row.id, Number(row.data_version)]));
}

describe("an area's data version", () => {
  it('counts every insert, update and delete of its tasks, and only of its own', async () => {
    const start = await versions();
    const created: TaskResponse = (await planner.post('/api/tasks', dikeTaskInput({ areaId: 'sterke-lekdijk', dikeTrajectId: '44-1' }))).json();
    const changed: TaskResponse = (await planner.patch(`/api/tasks/${created.id}`, { title: 'Anders' }, ifMatch(created))).json();
    expect((await planner.delete(`/api/tasks/${created.id}`, ifMatch(changed))).statusCode).toBe(204);
    const end = await versions();
    expect(end['sterke-lekdijk']).toBe(start['sterke-lekdijk']! + 3);
    expect(end.vierwaarden).toBe(start.vierwaarden);
  });

  it('counts a task moving to another area in both areas, also when written by direct SQL', async () => {
    const [task] = (await planner.get('/api/areas/sterke-lekdijk/tasks?partyId=hdsr')).json() as TaskResponse[];
    const start = await versions();
    await app.db.updateTable('tasks').set({ area_id: 'vierwaarden' }).where('id', '=', task!.id).execute();
    const end = await versions();
    expect(end['sterke-lekdijk']).toBe(start['sterke-lekdijk']! + 1);
    expect(end.vierwaarden).toBe(start.vierwaarden! + 1);
    expect(end['meanderende-maas']).toBe(start['meanderende-maas']);
  });
});
