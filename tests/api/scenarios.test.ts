import type { FastifyInstance } from 'fastify';
import type { Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvaluationResponse, ScenarioResponse } from '../../server/contracts/scenarios.js';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import type { Db } from '../../server/db/database.js';
import type { WriteContext } from '../../server/db/repositories/audit.js';
import { findUserRowByEmail, toActor } from '../../server/db/repositories/users.js';
import type { Database } from '../../server/db/schema.js';
import { DomainError } from '../../server/domain/errors.js';
import { applyScenario } from '../../server/use-cases/scenarios.js';
import { buildTestApp, clientAs, expectProblem, type TestClient, TEST_MONTH } from '../helpers/app.js';

let app: FastifyInstance;
let planner: TestClient;
let otherPlanner: TestClient;
let editor: TestClient;
let tasks: Map<string, TaskResponse>;

beforeEach(async () => {
  app = await buildTestApp({ seedDemo: true });
  planner = await clientAs(app, 'hdsr@demo.local');
  otherPlanner = await clientAs(app, 'wl@demo.local');
  editor = await clientAs(app, 'rws-on@demo.local');
  const list: TaskResponse[] = (await planner.get('/api/areas/sterke-lekdijk/tasks')).json();
  tasks = new Map(list.map((task) => [task.externalRef!, task]));
});
afterEach(() => app.close());

const id = (ref: string) => tasks.get(ref)!.id;

async function newScenario(client = planner, body: object = { name: 'Proef', areaId: 'sterke-lekdijk' }): Promise<ScenarioResponse> {
  const response = await client.post('/api/scenarios', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function evaluation(scenarioId: string): Promise<EvaluationResponse> {
  const response = await planner.get(`/api/scenarios/${scenarioId}/evaluation`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/**
 * The app's database, except that every write transaction waits until `arrivals` of them have been
 * asked for: so several use cases can be made to finish their reads before any of them writes, the
 * moment two processes acting at once have in common.
 */
function gatedBeforeWrites(db: Db, arrivals: number): Db {
  let waiting = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return new Proxy(db, {
    get(target, property) {
      if (property === 'transaction') {
        return () => {
          if (++waiting >= arrivals) open();
          const builder = target.transaction();
          return {
            setIsolationLevel: (level: Parameters<typeof builder.setIsolationLevel>[0]) => ({
              execute: async <T>(work: (trx: Transaction<Database>) => Promise<T>) => {
                await gate;
                return builder.setIsolationLevel(level).execute(work);
              },
            }),
          };
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function callerAs(email: string): Promise<WriteContext> {
  const row = await findUserRowByEmail(app.db, email);
  return { actor: toActor(row!), requestId: null, now: new Date().toISOString(), month: TEST_MONTH };
}

describe('/api/capacity-rules', () => {
  it('lists the seeded water-board rules and lets a planner change only their own', async () => {
    const rules = (await planner.get('/api/capacity-rules')).json();
    const hdsr = rules.find((rule: { partyId: string }) => rule.partyId === 'hdsr');
    expect(hdsr).toMatchObject({ programme: 'HWBP', maxConcurrent: 3, budgetPerYearEur: 100_000_000 });
    expect((await planner.patch(`/api/capacity-rules/${hdsr.id}`, { maxConcurrent: 4 })).json().maxConcurrent).toBe(4);
    expectProblem(await otherPlanner.patch(`/api/capacity-rules/${hdsr.id}`, { maxConcurrent: 9 }), 403, 'forbidden');
    expectProblem(await editor.post('/api/capacity-rules', { programme: 'KRW', maxConcurrent: 2 }), 403, 'forbidden');
    expectProblem(await planner.post('/api/capacity-rules', { programme: 'HWBP', maxConcurrent: 2 }), 409, 'conflict');
    expectProblem(await planner.post('/api/capacity-rules', { programme: 'KRW' }), 400, 'validation');
    const created = await planner.post('/api/capacity-rules', { programme: 'KRW', budgetPerYearEur: 5_000_000 });
    expect(created.json()).toMatchObject({ partyId: 'hdsr', programme: 'KRW', maxConcurrent: null });
    expect((await planner.delete(`/api/capacity-rules/${created.json().id}`)).statusCode).toBe(204);
  });
});

describe('/api/scenarios', () => {
  it('creates, renames, lists and deletes a scenario of the creator’s party', async () => {
    const scenario = await newScenario();
    expect(scenario).toMatchObject({ name: 'Proef', partyId: 'hdsr', areaId: 'sterke-lekdijk', moves: [], appliedAt: null });
    expect((await planner.patch(`/api/scenarios/${scenario.id}`, { name: 'Proef 2' })).json().name).toBe('Proef 2');
    expect((await editor.get('/api/scenarios?areaId=sterke-lekdijk')).json()).toHaveLength(1);
    expectProblem(await editor.post('/api/scenarios', { name: 'Niet mijn rol' }), 403, 'forbidden');
    expectProblem(await otherPlanner.patch(`/api/scenarios/${scenario.id}`, { name: 'Overgenomen' }), 403, 'forbidden');
    expect((await planner.delete(`/api/scenarios/${scenario.id}`)).statusCode).toBe(204);
    expectProblem(await planner.get(`/api/scenarios/${scenario.id}`), 404, 'not_found');
  });

  it('takes one non-zero move per existing task, and nothing when a move is bad', async () => {
    const scenario = await newScenario();
    const moves = [{ taskId: id('SLD-JAV'), shiftMonths: -3 }];
    const recorded = moves.map((move) => ({ ...move, taskVersion: 1 }));
    expect((await planner.put(`/api/scenarios/${scenario.id}/moves`, moves)).json().moves).toEqual(recorded);
    expectProblem(await planner.put(`/api/scenarios/${scenario.id}/moves`, [{ taskId: id('SLD-JAV'), shiftMonths: 0 }]), 400, 'validation');
    expectProblem(await planner.put(`/api/scenarios/${scenario.id}/moves`, [...moves, ...moves]), 400, 'validation');
    expectProblem(await planner.put(`/api/scenarios/${scenario.id}/moves`, [{ taskId: 'missing', shiftMonths: 2 }]), 400, 'validation');
    expectProblem(await planner.put(`/api/scenarios/${scenario.id}/moves`, [{ taskId: id('SLD-JAV'), shiftMonths: 1.5 }]), 400, 'validation');
    expect((await planner.get(`/api/scenarios/${scenario.id}`)).json().moves).toEqual(recorded);
    expectProblem(await planner.put(`/api/scenarios/${scenario.id}/moves`, [{ ...moves[0], taskVersion: 7 }]), 400, 'validation');
  });

  it('evaluates forbidden moves at the current month: into the past, outside the window, without one, of started work', async () => {
    const scenario = await newScenario();
    // At 2026-11 Culemborg's verkenning and planuitwerking have started; its realisation (2027-01) is the moving part.
    await planner.put(`/api/scenarios/${scenario.id}/moves`, [
      { taskId: id('SLD-CUB'), shiftMonths: -12 },
      { taskId: id('SLD-WAM'), shiftMonths: 6 },
      { taskId: id('KRW-LEK-JAV'), shiftMonths: 3 },
      { taskId: id('SLD-JAV'), shiftMonths: 60 },
    ]);
    const result = await evaluation(scenario.id);
    expect(result.asOf).toBe('2026-11');
    expect(result.applicable).toBe(false);
    expect(result.violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'window', taskId: id('SLD-CUB'), reason: 'past', allowed: { min: -2, max: 48 }, inBaseline: false }),
        expect.objectContaining({ type: 'window', taskId: id('SLD-WAM'), reason: 'no_window', allowed: null }),
        expect.objectContaining({ type: 'window', taskId: id('KRW-LEK-JAV'), reason: 'started', allowed: null }),
        expect.objectContaining({ type: 'window', taskId: id('SLD-JAV'), reason: 'outside_window', inBaseline: false }),
      ]),
    );
    // Work refused for the past stays where it is; a move beyond a window is shown where it would land.
    expect(result.shiftedTasks.find((task) => task.id === id('SLD-CUB'))!.phases.at(-1)).toEqual({ kind: 'realisatie', start: '2027-01', end: '2030-12' });
    expect(result.shiftedTasks.find((task) => task.id === id('SLD-JAV'))!.phases.at(-1)).toEqual({ kind: 'realisatie', start: '2033-01', end: '2036-12' });
    // Looking from another month changes what has started.
    const earlier = (await planner.get(`/api/scenarios/${scenario.id}/evaluation?asOf=2018-01`)).json();
    expect(earlier.asOf).toBe('2018-01');
    expect(earlier.violations.find((violation: { taskId?: string }) => violation.taskId === id('SLD-CUB')).reason).toBe('outside_window');
  });

  it('swaps two sections, keeping their durations, and flags the swap of a section already built', async () => {
    const scenario = await newScenario();
    const swapped = await planner.post(`/api/scenarios/${scenario.id}/swap`, { taskIdA: id('SLD-CUB'), taskIdB: id('SLD-JAV') });
    expect(swapped.statusCode, swapped.body).toBe(200);
    const moves = swapped.json().moves as { taskId: string; shiftMonths: number }[];
    expect(moves.find((move) => move.taskId === id('SLD-CUB'))!.shiftMonths).toBe(12);
    expect(moves.find((move) => move.taskId === id('SLD-JAV'))!.shiftMonths).toBe(-12);
    const result = await evaluation(scenario.id);
    expect(result.violations).toEqual([]);
    expect(result.shiftedTasks.find((task) => task.id === id('SLD-JAV'))!.phases.at(-1)).toEqual({ kind: 'realisatie', start: '2027-01', end: '2030-12' });

    // Salmsteke was built in 2023-2024: a swap with it moves nothing of it.
    const built = await newScenario();
    await planner.post(`/api/scenarios/${built.id}/swap`, { taskIdA: id('SLD-SAL'), taskIdB: id('SLD-ICU') });
    const refused = await evaluation(built.id);
    expect(refused.applicable).toBe(false);
    expect(refused.violations).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'window', taskId: id('SLD-SAL'), reason: 'no_window' })]));
    expect(refused.shiftedTasks.find((task) => task.id === id('SLD-SAL'))!.phases.at(-1)).toEqual({ kind: 'realisatie', start: '2023-06', end: '2024-12' });
    expectProblem(await planner.post(`/api/scenarios/${scenario.id}/swap`, { taskIdA: id('SLD-SAL'), taskIdB: id('SAL-UW') }), 422, 'rule_violation');
  });

  it('finds the capacity rule a move breaks, and the urgency it inverts', async () => {
    const scenario = await newScenario();
    // In 2027 Wijk-Amerongen, Salmsteke-Schoonhoven and Culemborg are in realisation: the limit is 3.
    await planner.put(`/api/scenarios/${scenario.id}/moves`, [{ taskId: id('SLD-JAV'), shiftMonths: -12 }]);
    const result = await evaluation(scenario.id);
    const capacity = result.violations.filter((violation) => violation.type === 'capacity_concurrent');
    expect(capacity.length).toBeGreaterThan(0);
    expect(capacity[0]).toMatchObject({ partyId: 'hdsr', programme: 'HWBP', limit: 3, count: 4, inBaseline: false });
    // Culemborg (rank 14) finishing after Irenesluis-Culemborgse Veer (rank 22), which it finished before.
    await planner.put(`/api/scenarios/${scenario.id}/moves`, [{ taskId: id('SLD-CUB'), shiftMonths: 30 }]);
    expect((await evaluation(scenario.id)).warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'urgency_inversion', moreUrgentTaskId: id('SLD-CUB'), moreUrgentRank: 14 })]),
    );
  });

  it('reports the alignments a move wins and the aligned soil before and after', async () => {
    const scenario = await newScenario();
    await planner.put(`/api/scenarios/${scenario.id}/moves`, [{ taskId: id('SLD-CUB'), shiftMonths: 1 }]);
    const result = await evaluation(scenario.id);
    expect(result.applicable).toBe(true);
    const delta = result.alignmentDelta.find((area) => area.areaId === 'sterke-lekdijk')!;
    expect(delta.changes).toContainEqual(
      expect.objectContaining({ dikeTaskId: id('SLD-CUB'), otherTaskId: id('PU-NHW-CUB'), before: 'alignable_by_dike', after: 'aligned' }),
    );
    expect(delta.alignedSoilAfterM3).toBeGreaterThanOrEqual(0);
  });

  it('refuses to apply with violations or with another party’s task, naming the tasks, and changes nothing', async () => {
    const forbidden = await newScenario();
    await planner.put(`/api/scenarios/${forbidden.id}/moves`, [{ taskId: id('SLD-CUB'), shiftMonths: -12 }]);
    const refused = expectProblem(await planner.post(`/api/scenarios/${forbidden.id}/apply`), 422, 'rule_violation') as unknown as { violations: unknown[] };
    expect(refused.violations).toHaveLength(1);
    expect(refused).toMatchObject({ messageCode: 'scenario_violations', messageParams: { count: 1 } });
    const foreign = await newScenario();
    await planner.put(`/api/scenarios/${foreign.id}/moves`, [{ taskId: id('PU-LUNENBURG'), shiftMonths: 3 }]);
    const body = expectProblem(await planner.post(`/api/scenarios/${foreign.id}/apply`), 403, 'forbidden') as unknown as { taskIds: string[]; detail: string };
    expect(body.taskIds).toEqual([id('PU-LUNENBURG')]);
    expect(body.detail).toContain('Herinrichting Lunenburgerwaard');
    expect(body).toMatchObject({ messageCode: 'scenario_foreign_tasks', messageParams: { titles: [tasks.get('PU-LUNENBURG')!.title] } });
    const after: TaskResponse[] = (await planner.get('/api/areas/sterke-lekdijk/tasks')).json();
    expect(after.every((task) => task.version === 1)).toBe(true);
  });

  it('applies a valid scenario in one go: baseline moved, versions bumped, audit rows written, scenario closed', async () => {
    const scenario = await newScenario();
    await planner.put(`/api/scenarios/${scenario.id}/moves`, [{ taskId: id('SLD-CUB'), shiftMonths: 1 }, { taskId: id('SLD-JAV'), shiftMonths: 2 }]);
    const applied = await planner.post(`/api/scenarios/${scenario.id}/apply`);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().scenario.appliedAt).not.toBeNull();
    const cub: TaskResponse = (await planner.get(`/api/tasks/${id('SLD-CUB')}`)).json();
    expect(cub.version).toBe(2);
    expect(cub.phases.at(-1)).toEqual({ kind: 'realisatie', start: '2027-02', end: '2031-01' });
    // Its verkenning and planuitwerking had started by 2026-11: they stay where they were.
    expect(cub.phases[0]).toEqual({ kind: 'verkenning', start: '2019-03', end: '2021-12' });
    const history = (await planner.get(`/api/tasks/${id('SLD-JAV')}/history`)).json();
    expect(history.at(-1)).toMatchObject({ action: 'update', actor: { label: 'hdsr@demo.local' } });
    expectProblem(await planner.post(`/api/scenarios/${scenario.id}/apply`), 409, 'conflict');
    expectProblem(await planner.put(`/api/scenarios/${scenario.id}/moves`, []), 409, 'conflict');
    // No snapshots existed, so none was taken automatically.
    expect((await planner.get('/api/snapshots?areaId=sterke-lekdijk')).json()).toEqual([]);
  });

  it('takes a snapshot of the plan before applying when the area already has snapshots', async () => {
    const director = await clientAs(app, 'regisseur@demo.local');
    expect((await director.post('/api/snapshots', { areaId: 'sterke-lekdijk', title: 'Tafel' })).statusCode).toBe(201);
    const scenario = await newScenario();
    await planner.put(`/api/scenarios/${scenario.id}/moves`, [{ taskId: id('SLD-CUB'), shiftMonths: 1 }]);
    expect((await planner.post(`/api/scenarios/${scenario.id}/apply`)).statusCode).toBe(200);
    const snapshots = (await planner.get('/api/snapshots?areaId=sterke-lekdijk')).json();
    expect(snapshots).toHaveLength(2);
    const automatic = (await planner.get(`/api/snapshots/${snapshots[0].id}`)).json();
    expect(automatic.title).toBe('Vóór toepassen van scenario “Proef”');
    const cub = automatic.content.tasks.find((task: TaskResponse) => task.externalRef === 'SLD-CUB');
    expect(cub.phases.at(-1).start).toBe('2027-01');
  });

  it('applies only one of two scenarios that move the same task at the same moment', async () => {
    const planB = await clientAs(app, 'hdsr@demo.local');
    const [first, second] = await Promise.all([newScenario(), newScenario(planB, { name: 'Proef B', areaId: 'sterke-lekdijk' })]);
    await planner.put(`/api/scenarios/${first.id}/moves`, [{ taskId: id('SLD-CUB'), shiftMonths: 2 }]);
    await planB.put(`/api/scenarios/${second.id}/moves`, [{ taskId: id('SLD-CUB'), shiftMonths: 3 }]);
    const answers = await Promise.all([planner.post(`/api/scenarios/${first.id}/apply`), planB.post(`/api/scenarios/${second.id}/apply`)]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const refused = expectProblem(answers.find((answer) => answer.statusCode === 409)!, 409, 'conflict') as { changedTasks?: unknown };
    expect(refused.changedTasks).toEqual([{ id: id('SLD-CUB'), title: tasks.get('SLD-CUB')!.title }]);
    const cub: TaskResponse = (await planner.get(`/api/tasks/${id('SLD-CUB')}`)).json();
    const shifted = cub.phases.at(-1)!.start;
    expect(['2027-03', '2027-04']).toContain(shifted);
    expect(cub.version).toBe(2);
  });

  it('refuses a scenario whose task was edited since its move was set, until the planner takes the moves over', async () => {
    const scenario = await newScenario();
    await planner.put(`/api/scenarios/${scenario.id}/moves`, [{ taskId: id('SLD-CUB'), shiftMonths: 1 }, { taskId: id('SLD-JAV'), shiftMonths: 2 }]);
    const cub: TaskResponse = (await planner.get(`/api/tasks/${id('SLD-CUB')}`)).json();
    expect((await planner.patch(`/api/tasks/${cub.id}`, { title: 'Culemborg (herzien)' }, { 'if-match': `"${cub.version}"` })).statusCode).toBe(200);
    // Changing another move keeps the version the unchanged move was set at.
    const reset = await planner.put(`/api/scenarios/${scenario.id}/moves`, [{ taskId: id('SLD-CUB'), shiftMonths: 1 }, { taskId: id('SLD-JAV'), shiftMonths: 3 }]);
    expect(reset.json().moves.find((move: { taskId: string }) => move.taskId === cub.id).taskVersion).toBe(1);
    const refused = expectProblem(await planner.post(`/api/scenarios/${scenario.id}/apply`), 409, 'conflict') as { changedTasks?: unknown };
    expect(refused.changedTasks).toEqual([{ id: cub.id, title: 'Culemborg (herzien)' }]);
    expect(refused).toMatchObject({ messageCode: 'scenario_tasks_changed', messageParams: { titles: ['Culemborg (herzien)'] } });
    expect((await planner.get(`/api/tasks/${id('SLD-JAV')}`)).json().version).toBe(1);
    expectProblem(await otherPlanner.post(`/api/scenarios/${scenario.id}/rebase`), 403, 'forbidden');
    const rebased = await planner.post(`/api/scenarios/${scenario.id}/rebase`);
    expect(rebased.json().moves.map((move: { taskVersion: number }) => move.taskVersion)).toEqual(
      rebased.json().moves.map((move: { taskId: string }) => (move.taskId === cub.id ? 2 : 1)),
    );
    expect((await planner.post(`/api/scenarios/${scenario.id}/apply`)).statusCode).toBe(200);
  });

  /**
   * Two scenarios of hdsr, each within its rule of at most two OVERIG tasks in realisation at once,
   * together over it: three tasks a year each, two years apart; one moves the first two years
   * later, the other the last two years earlier, both onto the middle one.
   */
  async function twoScenariosOverCapacityTogether() {
    expect((await planner.post('/api/capacity-rules', { programme: 'OVERIG', maxConcurrent: 2 })).statusCode).toBe(201);
    const task = async (title: string, year: number): Promise<TaskResponse> => {
      const response = await planner.post('/api/tasks', {
        areaId: 'sterke-lekdijk',
        programme: 'OVERIG',
        kind: 'other',
        title,
        phases: [{ kind: 'realisatie', start: `${year}-01`, end: `${year}-12` }],
        window: { earliestStart: '2028-01', latestEnd: '2040-12' },
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    const early = await task('Vroeg', 2030);
    await task('Midden', 2032);
    const late = await task('Laat', 2034);
    const planB = await clientAs(app, 'hdsr@demo.local');
    const first = await newScenario();
    const second = await newScenario(planB, { name: 'Proef B', areaId: 'sterke-lekdijk' });
    await planner.put(`/api/scenarios/${first.id}/moves`, [{ taskId: early.id, shiftMonths: 24 }]);
    await planB.put(`/api/scenarios/${second.id}/moves`, [{ taskId: late.id, shiftMonths: -24 }]);
    expect((await evaluation(first.id)).applicable).toBe(true);
    expect((await evaluation(second.id)).applicable).toBe(true);
    return { early, late, first, second, planB };
  }

  /** Exactly one of the two moved: the plan never holds three at once. */
  async function expectOneApplied(early: TaskResponse, late: TaskResponse) {
    const versions = await Promise.all([early, late].map(async (one) => ((await planner.get(`/api/tasks/${one.id}`)).json() as TaskResponse).version));
    expect(versions.sort()).toEqual([1, 2]);
    const scenarios: ScenarioResponse[] = (await planner.get('/api/scenarios?areaId=sterke-lekdijk')).json();
    expect(scenarios.filter((scenario) => scenario.appliedAt !== null)).toHaveLength(1);
  }

  it('applies only one of two scenarios of a party that fit its capacity alone but not together, when both apply at once', async () => {
    const { early, late, first, second, planB } = await twoScenariosOverCapacityTogether();
    const answers = await Promise.all([planner.post(`/api/scenarios/${first.id}/apply`), planB.post(`/api/scenarios/${second.id}/apply`)]);
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses[0], answers.map((answer) => answer.body).join('\n')).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    const refused = answers.find((answer) => answer.statusCode !== 200)!;
    if (refused.statusCode === 422) {
      const body = expectProblem(refused, 422, 'rule_violation') as unknown as { violations: { type: string }[]; messageCode: string };
      expect(body.violations).toContainEqual(
        expect.objectContaining({ type: 'capacity_concurrent', partyId: 'hdsr', programme: 'OVERIG', month: '2032-01', count: 3, limit: 2, inBaseline: false }),
      );
      expect(body.messageCode).toBe('scenario_violations');
    } else {
      expectProblem(refused, 409, 'conflict');
    }
    await expectOneApplied(early, late);
  });

  it('refuses the second of two such scenarios with the new capacity violation when both evaluated before either wrote', async () => {
    const { early, late, first, second } = await twoScenariosOverCapacityTogether();
    const db = gatedBeforeWrites(app.db, 2);
    const caller = await callerAs('hdsr@demo.local');
    const results = await Promise.allSettled([applyScenario(db, caller, first.id), applyScenario(db, caller, second.id)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refusal = results.find((result) => result.status === 'rejected')!.reason as DomainError;
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal.code).toBe('rule_violation');
    expect(refusal.userMessage).toEqual({ code: 'scenario_violations', params: { count: 12 } }); // each month of 2032
    expect(refusal.extensions?.violations).toContainEqual(expect.objectContaining({ type: 'capacity_concurrent', programme: 'OVERIG', count: 3, limit: 2 }));
    await expectOneApplied(early, late);
  });
});

describe('messages users read', () => {
  it('come as a code with params next to the English detail, for refusals the browser shows', async () => {
    const missing = expectProblem(await planner.get('/api/areas/atlantis'), 404, 'not_found') as unknown as Record<string, unknown>;
    expect(missing).toMatchObject({ messageCode: 'entity_not_found', messageParams: { entity: 'area', id: 'atlantis' } });
    const invalid = expectProblem(await planner.post('/api/scenarios', { name: '' }), 400, 'validation') as unknown as Record<string, unknown>;
    expect(invalid).toMatchObject({ messageCode: 'invalid_fields', messageParams: { count: 1 } });
    const forbidden = expectProblem(await editor.post('/api/scenarios', { name: 'Niet mijn rol' }), 403, 'forbidden') as unknown as Record<string, unknown>;
    expect(forbidden).toMatchObject({ messageCode: 'forbidden', messageParams: {} });
    const taken = expectProblem(await planner.post('/api/capacity-rules', { programme: 'HWBP', maxConcurrent: 2 }), 409, 'conflict') as unknown as Record<string, unknown>;
    expect(taken).toMatchObject({ messageCode: 'capacity_rule_taken' });
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'hdsr@demo.local', password: 'wrong' } });
    expect(expectProblem(signIn, 401, 'unauthorized')).toMatchObject({ messageCode: 'sign_in_failed' });
  });
});
