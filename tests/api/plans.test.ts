import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanResponse } from '../../server/contracts/plans.js';
import { buildTestApp, clientAs, clientWith, expectProblem, TEST_PLANNING_MONTH, type TestClient } from '../helpers/app.js';
import { addSlowPlanWorkload } from '../helpers/plan-workload.js';

let app: FastifyInstance;
let admin: TestClient;
let hdsr: TestClient;
let wl: TestClient;
let director: TestClient;
let viewer: TestClient;
let editor: TestClient;

beforeAll(async () => {
  app = await buildTestApp({ seedDemo: true });
  admin = await clientAs(app);
  hdsr = await clientAs(app, 'hdsr@demo.local');
  wl = await clientAs(app, 'wl@demo.local');
  director = await clientAs(app, 'regisseur@demo.local');
  viewer = await clientAs(app, 'lezer@demo.local');
  editor = await clientAs(app, 'rws-on@demo.local');
});
afterAll(() => app.close());

async function planOf(client: TestClient, body: object): Promise<PlanResponse> {
  const response = await client.post('/api/plans', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('POST /api/plans', () => {
  it('lets only area directors and admins plan the country', async () => {
    expectProblem(await wl.post('/api/plans', {}), 403, 'forbidden');
    expectProblem(await viewer.post('/api/plans', {}), 403, 'forbidden');
    const plan = await planOf(director, { timeLimitS: 20 });
    expect(plan).toMatchObject({ scope: 'national', areaId: null, partyId: null, asOf: TEST_PLANNING_MONTH });
    expect(['optimal', 'time_limit']).toContain(plan.status);
    expect((await admin.post('/api/plans', { wait: true })).statusCode).toBe(201);
  });

  it("lets a party's own planners and directors plan its programme, and no one else", async () => {
    expectProblem(await wl.post('/api/plans', { partyId: 'hdsr' }), 403, 'forbidden');
    expectProblem(await editor.post('/api/plans', { partyId: 'rws-on' }), 403, 'forbidden');
    const own = await planOf(hdsr, { partyId: 'hdsr' });
    expect(own).toMatchObject({ scope: 'party', partyId: 'hdsr', status: 'optimal' });
    // Only its own sections move.
    const hdsrTasks: { id: string; partyId: string }[] = (await hdsr.get('/api/areas/sterke-lekdijk/tasks')).json();
    const owner = new Map(hdsrTasks.map((task) => [task.id, task.partyId]));
    for (const move of own.result!.moves) expect(owner.get(move.taskId)).toBe('hdsr');
    // The programme's plan is a scenario of no area: each area it moves a task in lists it, others do not.
    expect(own.result!.moves.length).toBeGreaterThan(0);
    const movedAreas = new Set(own.result!.moves.map((move) => move.areaId));
    for (const areaId of ['sterke-lekdijk', 'vierwaarden', 'meanderende-maas']) {
      const listed = ((await hdsr.get(`/api/scenarios?areaId=${areaId}`)).json() as { id: string }[]).some((scenario) => scenario.id === own.scenarioId);
      expect(listed, areaId).toBe(movedAreas.has(areaId));
    }
    expect((await director.post('/api/plans', { partyId: 'wl' })).statusCode).toBe(201);
    expectProblem(await hdsr.post('/api/plans', { partyId: 'no-such-party' }), 403, 'forbidden');
    expectProblem(await admin.post('/api/plans', { partyId: 'no-such-party' }), 404, 'not_found');
  });

  it('refuses bad options, and anonymous callers', async () => {
    expectProblem(await hdsr.post('/api/plans', { areaId: 'vierwaarden', partyId: 'hdsr' }), 400, 'validation');
    expectProblem(await hdsr.post('/api/plans', { areaId: 'vierwaarden', stepMonths: 2 }), 400, 'validation');
    expectProblem(await hdsr.post('/api/plans', { areaId: 'vierwaarden', timeLimitS: 121 }), 400, 'validation');
    expectProblem(await clientWith(app, {}).post('/api/plans', {}), 401, 'unauthorized');
  });

  it('saves the plan as a scenario that evaluates without a window or new capacity violation', async () => {
    const plan = await planOf(wl, { areaId: 'vierwaarden', moveOthers: true, asOf: '2027-01', stepMonths: 3 });
    expect(plan).toMatchObject({ scope: 'area', areaId: 'vierwaarden', asOf: '2027-01', status: 'optimal' });
    const result = plan.result!;
    expect(result.gap).toBe(0);
    expect(result.valueAfter).toBeGreaterThanOrEqual(result.valueBefore);
    expect(result.movedMonths).toBe(result.moves.reduce((sum, move) => sum + Math.abs(move.shiftMonths), 0));
    expect(result.modelSize.variables).toBeGreaterThan(0);
    for (const move of result.moves) expect(move.needsConsent).toBe(move.partyId !== 'wl');
    const scenario = (await wl.get(`/api/scenarios/${plan.scenarioId}`)).json();
    expect(scenario).toMatchObject({ areaId: 'vierwaarden', partyId: 'wl' });
    expect(scenario.moves.map(({ taskId, shiftMonths }: { taskId: string; shiftMonths: number }) => ({ taskId, shiftMonths }))).toEqual(
      [...result.moves].sort((a, b) => a.taskId.localeCompare(b.taskId)).map(({ taskId, shiftMonths }) => ({ taskId, shiftMonths })),
    );
    const evaluation = await wl.get(`/api/scenarios/${plan.scenarioId}/evaluation`);
    expect(evaluation.statusCode, evaluation.body).toBe(200);
    const violations = evaluation.json().violations as { type: string; inBaseline: boolean }[];
    expect(violations.filter((violation) => violation.type === 'window' || !violation.inBaseline)).toEqual([]);
    expect(evaluation.json().warnings).toEqual([]);
    // The plan reports the same soil ledger change as its scenario's evaluation at the plan's month.
    expect(result.moves.length).toBeGreaterThan(0);
    const atPlanMonth = (await wl.get(`/api/scenarios/${plan.scenarioId}/evaluation?asOf=2027-01`)).json();
    expect(result.soil).toEqual(atPlanMonth.soil);
    expect(result.soil!.map((area: { areaId: string }) => area.areaId)).toEqual(['vierwaarden']);

    const again = await viewer.get(`/api/plans/${plan.id}`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(plan);
    expectProblem(await viewer.get('/api/plans/no-such-plan'), 404, 'not_found');
  });

  it('answers at once when asked not to wait, keeps the server responsive, and can be polled or cancelled', async () => {
    await addSlowPlanWorkload(app);
    const started = await wl.post('/api/plans', { partyId: 'wl', stepMonths: 1, timeLimitS: 3, wait: false });
    expect(started.statusCode, started.body).toBe(202);
    const plan: PlanResponse = started.json();
    expect(started.headers.location).toBe(`/api/plans/${plan.id}`);

    const healthMs: number[] = [];
    let polled: PlanResponse = plan;
    while (polled.status === 'solving') {
      const before = performance.now();
      expect((await clientWith(app, {}).get('/api/health')).statusCode).toBe(200);
      healthMs.push(performance.now() - before);
      const poll = await wl.get(`/api/plans/${plan.id}`);
      expect(poll.statusCode, poll.body).toBe(200);
      polled = poll.json();
      if (polled.status === 'solving') expect(polled.elapsedMs).toBeGreaterThanOrEqual(0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(healthMs.length).toBeGreaterThan(0);
    // A solve on the request thread would hold every answer for its whole run (up to 3 s here);
    // a second is room for a machine busy with other tests.
    expect(Math.max(...healthMs)).toBeLessThan(1_000);
    expect(['optimal', 'time_limit']).toContain(polled.status);
    expect(polled.scenarioId).not.toBeNull();

    // Cancelling: only its requester (or an admin); a cancelled plan saves no scenario.
    const second: PlanResponse = (await wl.post('/api/plans', { partyId: 'wl', stepMonths: 1, timeLimitS: 30, wait: false })).json();
    expectProblem(await hdsr.delete(`/api/plans/${second.id}`), 403, 'forbidden');
    const cancelled = await wl.delete(`/api/plans/${second.id}`);
    expect(cancelled.statusCode).toBe(200);
    expect(['cancelled', 'optimal', 'time_limit']).toContain(cancelled.json().status);
    if (cancelled.json().status === 'cancelled') expect(cancelled.json().scenarioId).toBeNull();
  }, 120_000);
});
