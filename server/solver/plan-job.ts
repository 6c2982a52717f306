/**
 * A whole plan as the worker runs it: read the problem, build the model, solve it, check the
 * solution and explain it. Everything that costs time happens here, off the request thread: for
 * the national case building the model alone holds a thread for a quarter to three quarters of a
 * second (`npm run bench:plan`), which every other request would otherwise wait for.
 */
import type { PlanResult } from '../contracts/plans.js';
import { canEditPartyTasks, type Actor } from '../domain/permissions.js';
import { buildPlanModel, checkPlan, explainPlan, movesFromSolution, preparePlan, VALUE_SOIL_UNIT_M3, type PlanModel, type PlanOptions, type PlanProblem } from '../domain/plan.js';
import type { CapacityRule } from '../domain/scenarios.js';
import type { SoilType, Task } from '../domain/tasks.js';
import { solveLexicographic, type LexicographicResult, type SolveStatus } from './highs.js';

/** What a plan is computed from: plain data, so it crosses to the worker by structured clone. */
export interface PlanJob {
  tasks: Task[];
  rules: CapacityRule[];
  options: PlanOptions;
  /** Who asked: decides which moves need another party's consent. */
  actor: Actor;
  timeLimitS: number;
}

export interface PlanOutcome {
  status: SolveStatus;
  result: PlanResult;
}

/** The soil two tasks can exchange, by kind: `overig` (or none) takes the other's kind. */
function sharedSoilType(a: Task | undefined, b: Task | undefined): SoilType {
  const kinds = [a?.soilType, b?.soilType].filter((kind): kind is SoilType => kind !== null && kind !== undefined && kind !== 'overig');
  return kinds[0] ?? 'overig';
}

/** What the solver found, checked and explained. Throws when the solution breaks a constraint. */
function resultOf(problem: PlanProblem, model: PlanModel, actor: Actor, solved: LexicographicResult): PlanResult {
  const moves = movesFromSolution(model, solved.values);
  const check = checkPlan(problem, moves);
  if (!check.feasible) throw new Error(`the solver's plan breaks ${check.violations.length} constraint(s): ${check.violations[0]!.detail}`);
  const { moves: explained, figures } = explainPlan(problem, moves, (partyId) => canEditPartyTasks(actor, partyId));
  const tasksById = new Map(problem.tasks.map((task) => [task.id, task]));
  const withSoil = <T extends { dikeTaskId: string; otherTaskId: string }>(ref: T) => ({ ...ref, soilType: sharedSoilType(tasksById.get(ref.dikeTaskId), tasksById.get(ref.otherTaskId)) });
  const bound = solved.primary.status === 'optimal' ? check.valueScaled : Math.max(check.valueScaled, Math.floor(solved.primary.bound + 1e-6));
  return {
    moves: explained.map((move) => ({ ...move, pairsWon: move.pairsWon.map(withSoil), pairsLost: move.pairsLost.map(withSoil) })),
    ...figures,
    valueBound: bound / VALUE_SOIL_UNIT_M3,
    gap: solved.primary.status === 'optimal' ? 0 : (bound - check.valueScaled) / Math.max(1, check.valueScaled),
    inversions: check.inversions.map(({ type: _type, ...inversion }) => inversion),
    modelSize: {
      variables: model.milp.numCols,
      binaries: model.binaries,
      constraints: model.milp.numRows,
      nonzeros: model.milp.rowIndices.length,
      movableTasks: problem.movers.length,
      pairs: problem.pairs.length,
    },
    solveMs: Math.round(solved.solveMs),
  };
}

/**
 * Computes a plan from its job: the best set of moves, checked against every constraint and
 * explained. Blocking for as long as HiGHS works: run it in a worker (see startPlan).
 *
 * @example const { status, result } = await runPlanJob({ tasks, rules, options, actor, timeLimitS: 20 });
 */
export async function runPlanJob(job: PlanJob): Promise<PlanOutcome> {
  const problem = preparePlan(job.tasks, job.rules, job.options);
  const model = buildPlanModel(problem);
  const solved = await solveLexicographic(model.milp, { timeLimitS: job.timeLimitS });
  return { status: solved.status, result: resultOf(problem, model, job.actor, solved) };
}
