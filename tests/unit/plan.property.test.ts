import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlanModel, checkPlan, movesFromSolution, preparePlan, type PlanOptions } from '../../server/domain/plan.js';
import { evaluateScenario, type CapacityRule } from '../../server/domain/scenarios.js';
import type { Phase, Programme, SoilType, Task } from '../../server/domain/tasks.js';
import { solveLexicographic } from '../../server/solver/highs.js';
import { bruteForcePlan, oracleCandidates, oracleFeasible, oracleValueScaled } from '../helpers/plan-oracle.js';
import { UNSET_TASK_FIELDS } from '../helpers/task-fields.js';

const BASE = 2027 * 12;

const taskSpec = fc.record({
  start: fc.integer({ min: 0, max: 48 }),
  length: fc.constantFrom(6, 12, 18, 24),
  earlier: fc.option(fc.record({ gap: fc.integer({ min: 0, max: 6 }), length: fc.integer({ min: 3, max: 18 }) }), { freq: 2 }),
  window: fc.option(fc.record({ before: fc.integer({ min: 0, max: 36 }), after: fc.integer({ min: 0, max: 36 }) }), { freq: 6 }),
  supply: fc.constantFrom(0, 0, 8_000, 40_000),
  demand: fc.constantFrom(0, 0, 15_000, 60_000),
  soilType: fc.constantFrom<SoilType | null>(null, 'klei', 'zand', 'overig'),
  cost: fc.option(fc.integer({ min: 1, max: 40 }).map((units) => units * 7_200), { freq: 2 }),
  rank: fc.option(fc.integer({ min: 1, max: 8 }), { freq: 4 }),
});

type Spec = typeof taskSpec extends fc.Arbitrary<infer T> ? T : never;

/** Windows scale with the step, so that tasks keep at most about six candidate shifts. */
function makeTask(id: string, spec: Spec, fields: Pick<Task, 'areaId' | 'partyId' | 'programme' | 'kind'>, step: number): Task {
  const realisation: Phase = { kind: 'realisatie', start: BASE + spec.start, end: BASE + spec.start + spec.length - 1 };
  const phases: Phase[] = [realisation];
  if (spec.earlier) {
    const end = realisation.start - 1 - spec.earlier.gap;
    phases.unshift({ kind: 'planuitwerking', start: end - spec.earlier.length + 1, end });
  }
  const reach = (months: number) => months % (3 * step);
  const window = spec.window ? { earliestStart: phases[0]!.start - reach(spec.window.before), latestEnd: realisation.end + reach(spec.window.after) } : null;
  return {
    id,
    title: id,
    ...UNSET_TASK_FIELDS,
    ...fields,
    phases,
    window,
    soilSupplyM3: spec.supply,
    soilDemandM3: spec.demand,
    soilType: spec.soilType,
    costEur: spec.cost,
    urgencyRank: fields.programme === 'HWBP' ? spec.rank : null,
  };
}

const instance = fc
  .record({
    dikes: fc.array(fc.record({ spec: taskSpec, party: fc.constantFrom('hdsr', 'hdsr', 'wl'), area: fc.constantFrom('a1', 'a1', 'a2') }), { minLength: 1, maxLength: 5 }),
    others: fc.array(fc.record({ spec: taskSpec, programme: fc.constantFrom<Programme>('KRW', 'IRM', 'PROVINCIE'), area: fc.constantFrom('a1', 'a1', 'a2') }), { minLength: 1, maxLength: 4 }),
    fixedSections: fc.array(taskSpec, { maxLength: 2 }),
    hdsrConcurrent: fc.constantFrom(null, 1, 2, 2),
    hdsrBudget: fc.constantFrom(null, 50_000, 150_000),
    rwsConcurrent: fc.constantFrom(null, 1),
    asOf: fc.integer({ min: -12, max: 24 }),
    scope: fc.constantFrom<PlanOptions['scope']>({ kind: 'area', areaId: 'a1' }, { kind: 'party', partyId: 'hdsr' }, { kind: 'national' }),
    stepMonths: fc.constantFrom(1, 3, 6, 12),
    minOverlap: fc.constantFrom(1, 1, 6),
    moveOthers: fc.boolean(),
    allowInversions: fc.boolean(),
  })
  .map((spec) => {
    const tasks: Task[] = [
      ...spec.dikes.map((dike, index) => makeTask(`d${index}`, dike.spec, { areaId: dike.area, partyId: dike.party, programme: 'HWBP', kind: 'dike_reinforcement' }, spec.stepMonths)),
      ...spec.others.map((other, index) => makeTask(`o${index}`, other.spec, { areaId: other.area, partyId: other.programme === 'PROVINCIE' ? 'prov' : 'rws', programme: other.programme, kind: 'river_measure' }, spec.stepMonths)),
      ...spec.fixedSections.map((section, index) => makeTask(`f${index}`, { ...section, window: null, rank: section.rank ?? 4 }, { areaId: 'a9', partyId: 'hdsr', programme: 'HWBP', kind: 'dike_reinforcement' }, spec.stepMonths)),
    ];
    const rules: CapacityRule[] = [];
    if (spec.hdsrConcurrent !== null || spec.hdsrBudget !== null) {
      rules.push({ id: 'r1', partyId: 'hdsr', programme: 'HWBP', maxConcurrent: spec.hdsrConcurrent, budgetPerYearEur: spec.hdsrBudget });
    }
    if (spec.rwsConcurrent !== null) rules.push({ id: 'r2', partyId: 'rws', programme: 'KRW', maxConcurrent: spec.rwsConcurrent, budgetPerYearEur: null });
    const options: PlanOptions = {
      scope: spec.scope,
      asOf: BASE + spec.asOf,
      stepMonths: spec.stepMonths,
      minOverlap: spec.minOverlap,
      moveOthers: spec.moveOthers,
      allowInversions: spec.allowInversions,
    };
    return { tasks, rules, options };
  })
  .filter(({ tasks, options }) => {
    const candidates = [...oracleCandidates(tasks, options).values()];
    return candidates.length >= 1 && candidates.length <= 5 && candidates.every((shifts) => shifts.length <= 6);
  });

describe('the programme plan', () => {
  it('is feasible, of the brute-force best value, and moves the least among the best', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async ({ tasks, rules, options }) => {
        const problem = preparePlan(tasks, rules, options);
        const model = buildPlanModel(problem);
        const solved = await solveLexicographic(model.milp, { timeLimitS: 10 });
        expect(solved.status).toBe('optimal');
        const moves = movesFromSolution(model, solved.values);
        const shifts = new Map(moves.map((move) => [move.taskId, move.shiftMonths]));
        const oracle = bruteForcePlan(tasks, rules, options);

        expect(oracleFeasible(tasks, rules, shifts, options)).toBe(true);
        const check = checkPlan(problem, moves);
        expect(check.violations).toEqual([]);
        expect(check.valueScaled).toBe(oracle.valueScaled);
        expect(oracleValueScaled(tasks, shifts, options)).toBe(oracle.valueScaled);
        expect(check.movedMonths).toBe(oracle.movedMonths);
        expect(Math.round(solved.primary.objective)).toBe(oracle.valueScaled);

        if (!options.allowInversions) {
          expect(evaluateScenario(tasks, moves, rules, { asOf: options.asOf, minOverlap: options.minOverlap }).warnings).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('always has the all-zero plan feasible', () => {
    fc.assert(
      fc.property(instance, ({ tasks, rules, options }) => {
        expect(checkPlan(preparePlan(tasks, rules, options), []).feasible).toBe(true);
        expect(oracleFeasible(tasks, rules, new Map(), options)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('checks any set of moves as DOMAIN.md does', () => {
    const withMoves = instance.chain(({ tasks, rules, options }) => {
      const candidates = [...oracleCandidates(tasks, options)];
      return fc.tuple(...candidates.map(([, shifts]) => fc.constantFrom(...shifts))).map((chosen) => ({
        tasks,
        rules,
        options,
        moves: candidates.map(([taskId], index) => ({ taskId, shiftMonths: chosen[index]! })).filter((move) => move.shiftMonths !== 0),
      }));
    });
    fc.assert(
      fc.property(withMoves, ({ tasks, rules, options, moves }) => {
        const shifts = new Map(moves.map((move) => [move.taskId, move.shiftMonths]));
        const check = checkPlan(preparePlan(tasks, rules, options), moves);
        expect(check.feasible).toBe(oracleFeasible(tasks, rules, shifts, options));
        expect(check.valueScaled).toBe(oracleValueScaled(tasks, shifts, options));
      }),
      { numRuns: 300 },
    );
  });
});
