import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanResponse } from '../../server/contracts/plans.js';
import { buildTestApp, clientAs, expectProblem, type TestClient } from '../helpers/app.js';
import { addSlowPlanWorkload } from '../helpers/plan-workload.js';

let app: FastifyInstance;
let admin: TestClient;
let hdsr: TestClient;
let wl: TestClient;
let viewer: TestClient;

beforeAll(async () => {
  app = await buildTestApp({ seedDemo: true });
  admin = await clientAs(app);
  hdsr = await clientAs(app, 'hdsr@demo.local');
  wl = await clientAs(app, 'wl@demo.local');
  viewer = await clientAs(app, 'lezer@demo.local');
});
afterAll(() => app.close());

/** The message a problem or a plan carries for its reader. */
function messageOf(body: object) {
  const { messageCode, messageParams } = body as { messageCode?: string; messageParams?: Record<string, unknown> };
  return { code: messageCode, params: messageParams };
}

async function until(client: TestClient, planId: string, done: (plan: PlanResponse) => boolean): Promise<PlanResponse> {
  for (;;) {
    const plan: PlanResponse = (await client.get(`/api/plans/${planId}`)).json();
    if (done(plan)) return plan;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('what plan answers tell their reader', () => {
  it('names why a plan is refused: the country, the role, another party, an unknown plan', async () => {
    expect(messageOf(expectProblem(await hdsr.post('/api/plans', {}), 403, 'forbidden'))).toEqual({ code: 'plan_national_forbidden', params: {} });
    expect(messageOf(expectProblem(await viewer.post('/api/plans', { areaId: 'vierwaarden' }), 403, 'forbidden'))).toEqual({ code: 'plan_role_forbidden', params: {} });
    expect(messageOf(expectProblem(await wl.post('/api/plans', { partyId: 'hdsr' }), 403, 'forbidden'))).toEqual({ code: 'plan_party_forbidden', params: { party: 'hdsr' } });
    expect(messageOf(expectProblem(await viewer.get('/api/plans/no-such-plan'), 404, 'not_found'))).toEqual({ code: 'plan_not_found', params: { id: 'no-such-plan' } });
  });

  it('refuses a plan in which nothing can move, before anything is saved', async () => {
    const scenariosBefore = (await wl.get('/api/scenarios?areaId=vierwaarden')).json().length;
    // By 2060 every realisation has started: started work never moves.
    const refused = await wl.post('/api/plans', { areaId: 'vierwaarden', asOf: '2060-01', moveOthers: true });
    expect(messageOf(expectProblem(refused, 422, 'rule_violation'))).toEqual({ code: 'plan_no_movable_tasks', params: {} });
    expect((await wl.get('/api/scenarios?areaId=vierwaarden')).json().length).toBe(scenariosBefore);
    expect(await app.db.selectFrom('plans').select('id').where('area_id', '=', 'vierwaarden').where('scope_kind', '=', 'area').execute()).toEqual([]);
  });

  it('says a finished plan is provably the best and how many moves it makes, with the soil each pair can exchange', async () => {
    const response = await wl.post('/api/plans', { areaId: 'vierwaarden' });
    expect(response.statusCode, response.body).toBe(201);
    const plan: PlanResponse = response.json();
    expect(plan.status).toBe('optimal');
    expect(plan.result!.moves.length).toBeGreaterThan(0);
    expect(messageOf(plan)).toEqual({ code: 'plan_optimal', params: { moves: plan.result!.moves.length } });
    for (const move of plan.result!.moves) for (const pair of [...move.pairsWon, ...move.pairsLost]) expect(['klei', 'zand', 'overig']).toContain(pair.soilType);
    // Only who asked (or an admin) may stop a plan, and the refusal says so.
    expect(messageOf(expectProblem(await hdsr.delete(`/api/plans/${plan.id}`), 403, 'forbidden'))).toEqual({ code: 'plan_cancel_forbidden', params: {} });
  });

  it('says the solver is busy when four plans are being solved, and a stopped plan that it was stopped', async () => {
    await addSlowPlanWorkload(app);
    const started: PlanResponse[] = [];
    for (let index = 0; index < 4; index++) {
      const response = await admin.post('/api/plans', { partyId: 'wl', stepMonths: 1, timeLimitS: 60, wait: false });
      expect(response.statusCode, response.body).toBe(202);
      started.push(response.json());
      expect(messageOf(started.at(-1)!)).toEqual({ code: 'plan_solving', params: { seconds: expect.any(Number) } });
    }
    const busy = await wl.post('/api/plans', { areaId: 'vierwaarden', wait: false });
    expect(messageOf(expectProblem(busy, 503, 'busy'))).toEqual({ code: 'plans_busy', params: { running: 4, seconds: 30 } });
    expect(busy.headers['retry-after']).toBe('30');
    for (const plan of started) {
      const stopped: PlanResponse = (await admin.delete(`/api/plans/${plan.id}`)).json();
      expect(stopped.status).toBe('cancelled');
      expect(messageOf(stopped)).toEqual({ code: 'plan_cancelled', params: {} });
      expect(messageOf((await wl.get(`/api/plans/${plan.id}`)).json())).toEqual({ code: 'plan_cancelled', params: {} });
    }
  }, 60_000);

  it('says when the time limit stopped the solver, and how far from the best the plan may be', async () => {
    const response = await wl.post('/api/plans', { partyId: 'wl', stepMonths: 1, timeLimitS: 0.5, wait: false });
    expect(response.statusCode, response.body).toBe(202);
    const plan = await until(wl, response.json().id, (candidate) => candidate.status !== 'solving');
    expect(plan.status).toBe('time_limit');
    expect(plan.messageCode).toBe('plan_time_limit');
    expect(plan.messageParams).toEqual({ seconds: 0.5, gap: { nl: expect.stringMatching(/^\d+(,\d)?%$/), en: expect.stringMatching(/^\d+(\.\d)?%$/) } });
    expect(plan.result!.gap).toBeGreaterThan(0);
  }, 60_000);
});
