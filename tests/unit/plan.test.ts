import { describe, expect, it } from 'vitest';
import { parseMonth } from '../../server/domain/months.js';
import { buildPlanModel, checkPlan, explainPlan, movesFromSolution, preparePlan, type PlanOptions } from '../../server/domain/plan.js';
import type { CapacityRule } from '../../server/domain/scenarios.js';
import type { Task } from '../../server/domain/tasks.js';
import { solveLexicographic } from '../../server/solver/highs.js';
import { startSolve } from '../../server/solver/index.js';
import { UNSET_TASK_FIELDS } from '../helpers/task-fields.js';

const m = (text: string) => parseMonth(text)!;

function task(id: string, overrides: Partial<Task>): Task {
  return {
    id,
    areaId: 'venlo',
    partyId: 'wl',
    programme: 'HWBP',
    kind: 'dike_reinforcement',
    title: id,
    ...UNSET_TASK_FIELDS,
    phases: [{ kind: 'realisatie', start: m('2030-01'), end: m('2031-12') }],
    window: { earliestStart: m('2027-01'), latestEnd: m('2045-12') },
    ...overrides,
  };
}

const lottum = task('lottum', { title: 'Dijkversterking Lottum', soilDemandM3: 100_000, soilType: 'klei' });
const widening = task('rivierverruiming', {
  title: 'Rivierverruiming Lottum',
  partyId: 'rws',
  programme: 'IRM',
  kind: 'river_measure',
  phases: [{ kind: 'realisatie', start: m('2033-01'), end: m('2034-12') }],
  window: { earliestStart: m('2028-01'), latestEnd: m('2040-12') },
  soilSupplyM3: 100_000,
  soilType: 'klei',
});

const options = (overrides: Partial<PlanOptions> = {}): PlanOptions => ({
  scope: { kind: 'area', areaId: 'venlo' },
  asOf: m('2026-11'),
  stepMonths: 6,
  minOverlap: 1,
  moveOthers: false,
  allowInversions: false,
  ...overrides,
});

async function plan(tasks: Task[], rules: CapacityRule[], planOptions: PlanOptions) {
  const problem = preparePlan(tasks, rules, planOptions);
  const model = buildPlanModel(problem);
  const solved = await solveLexicographic(model.milp, { timeLimitS: 10 });
  const moves = movesFromSolution(model, solved.values);
  return { problem, model, solved, moves, check: checkPlan(problem, moves) };
}

describe('the programme plan', () => {
  it('moves Lottum 18 months later to line up with the river widening and share its clay', async () => {
    const { problem, solved, moves, check } = await plan([lottum, widening], [], options());
    expect(solved.status).toBe('optimal');
    expect(moves).toEqual([{ taskId: 'lottum', shiftMonths: 18 }]);
    expect(check.value).toBe(11);
    const { moves: explained, figures } = explainPlan(problem, moves, (partyId) => partyId === 'wl');
    expect(explained[0]).toMatchObject({ taskId: 'lottum', shiftMonths: 18, soilGainedM3: 100_000, needsConsent: false, pairsLost: [] });
    expect(explained[0]!.pairsWon).toEqual([{ dikeTaskId: 'lottum', otherTaskId: 'rivierverruiming', partnerTaskId: 'rivierverruiming', partnerTitle: 'Rivierverruiming Lottum', soilMatchM3: 100_000 }]);
    expect(figures).toEqual({ valueBefore: 0, valueAfter: 11, alignedPairsBefore: 0, alignedPairsAfter: 1, alignedSoilBeforeM3: 0, alignedSoilAfterM3: 100_000, movedMonths: 18 });
  });

  it('never moves work whose realisation has started; with moveOthers the other task moves, needing consent', async () => {
    const started = task('lottum', { ...lottum, phases: [{ kind: 'realisatie', start: m('2026-01'), end: m('2027-12') }] });
    const river = task('rivierverruiming', { ...widening, phases: [{ kind: 'realisatie', start: m('2029-01'), end: m('2029-12') }], window: { earliestStart: m('2027-01'), latestEnd: m('2032-12') } });
    const fixed = await plan([started, river], [], options());
    expect(fixed.problem.movers).toEqual([]);
    expect(fixed.moves).toEqual([]);
    const others = await plan([started, river], [], options({ moveOthers: true }));
    expect(others.moves.map((move) => move.taskId)).toEqual(['rivierverruiming']);
    expect(explainPlan(others.problem, others.moves, (partyId) => partyId === 'wl').moves[0]!.needsConsent).toBe(true);
  });

  it('keeps moved work out of the past and after its started phases', async () => {
    const verkenningStarted = task('lottum', {
      ...lottum,
      phases: [
        { kind: 'verkenning', start: m('2025-01'), end: m('2026-12') },
        { kind: 'realisatie', start: m('2028-01'), end: m('2029-12') },
      ],
    });
    const early = task('uiterwaard', { ...widening, id: 'uiterwaard', phases: [{ kind: 'realisatie', start: m('2026-01'), end: m('2026-12') }], window: null });
    const { moves, problem } = await plan([verkenningStarted, early], [], options({ stepMonths: 1 }));
    // Aligning would need the realisation to start in 2026-12 or earlier: onto the started verkenning.
    expect(moves).toEqual([]);
    expect(Math.min(...problem.movers[0]!.candidates)).toBe(m('2027-01') - m('2028-01'));
  });

  it('keeps a capacity rule: never more sections at once than max(limit, today)', async () => {
    const second = task('arcen', { ...lottum, id: 'arcen', title: 'Dijkversterking Arcen', phases: [{ kind: 'realisatie', start: m('2037-01'), end: m('2038-12') }] });
    const rule: CapacityRule = { id: 'r', partyId: 'wl', programme: 'HWBP', maxConcurrent: 1, budgetPerYearEur: null };
    // Aligned only when exactly together with the widening: both sections would then overlap.
    const free = await plan([lottum, second, widening], [], options({ minOverlap: 24 }));
    expect(free.check.alignedPairs).toBe(2);
    const limited = await plan([lottum, second, widening], [rule], options({ minOverlap: 24 }));
    expect(limited.check.alignedPairs).toBe(1);
    expect(limited.check.feasible).toBe(true);
  });

  it('keeps urgency unless inversions are allowed, and then lists them', async () => {
    const urgent = task('lottum', { ...lottum, urgencyRank: 1 });
    const later = task('arcen', { ...lottum, id: 'arcen', urgencyRank: 2, phases: [{ kind: 'realisatie', start: m('2032-01'), end: m('2032-12') }], window: null });
    const kept = await plan([urgent, later, widening], [], options());
    expect(kept.moves).toEqual([]);
    const allowed = await plan([urgent, later, widening], [], options({ allowInversions: true }));
    expect(allowed.moves).toEqual([{ taskId: 'lottum', shiftMonths: 18 }]);
    expect(allowed.check.inversions).toEqual([{ type: 'urgency_inversion', moreUrgentTaskId: 'lottum', moreUrgentRank: 1, lessUrgentTaskId: 'arcen', lessUrgentRank: 2 }]);
  });

  it('solves in a worker thread, and a cancelled solve rejects', async () => {
    const model = buildPlanModel(preparePlan([lottum, widening], [], options()));
    const result = await startSolve(model.milp, 5).result;
    expect(movesFromSolution(model, result.values)).toEqual([{ taskId: 'lottum', shiftMonths: 18 }]);
    const cancelled = startSolve(model.milp, 5);
    cancelled.cancel();
    await expect(cancelled.result).rejects.toThrow('cancelled');
  });
});
