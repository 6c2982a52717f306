// npm run bench:plan: the programme plan on generated data shaped like the real programme (see
// issue 15), from a fixed seed printed with the result:
// - a water board's programme: 40 movable sections over 10 areas, 300 other tasks, stepMonths=3:
//   status optimal, target at most 10 s for both stages;
// - national: 250 movable sections over 500 areas, 5,000 other tasks, stepMonths=6: optimal or
//   gap at most 1%, target at most 30 s.
// Each solve runs in the solver's worker thread, as the server runs it.
import { performance } from 'node:perf_hooks';
import { buildPlanModel, checkPlan, movesFromSolution, preparePlan, type PlanOptions } from '../../server/domain/plan.js';
import type { CapacityRule } from '../../server/domain/scenarios.js';
import type { Phase, Programme, SoilType, Task } from '../../server/domain/tasks.js';
import { startSolve } from '../../server/solver/index.js';
import { UNSET_TASK_FIELDS } from '../helpers/task-fields.js';
import { seededRandom } from './national-data.js';

const SEED = Number(process.env.PLAN_BENCH_SEED ?? 20261115);
const AS_OF = 2026 * 12 + 10; // 2026-11
const LAST = 2049 * 12 + 11; // 2049-12

interface Generated {
  tasks: Task[];
  rules: CapacityRule[];
}

function generate(seed: number, shape: { boards: number; sections: number; areas: number; others: number; sectionAreas: 'spread' | 'unique' }): Generated {
  const rand = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const tasks: Task[] = [];
  const areaIds = Array.from({ length: shape.areas }, (_, index) => `area-${index}`);
  // National urgency ranks without ties.
  const ranks = Array.from({ length: shape.sections }, (_, index) => index + 1).sort(() => rand() - 0.5);
  const sectionAreas = shape.sectionAreas === 'unique' ? [...areaIds].sort(() => rand() - 0.5) : areaIds;
  for (let index = 0; index < shape.sections; index++) {
    const km = int(2, 46);
    // Realisation of 1.5-6 years, starting 2027-2046, ending by 2049-12.
    const length = Math.min(72, Math.max(18, Math.round(km * 1.5 + int(-6, 18))));
    const start = Math.min(int(2027 * 12, 2046 * 12 + 11), LAST - length + 1);
    const realisation: Phase = { kind: 'realisatie', start, end: start + length - 1 };
    const phases: Phase[] = [
      { kind: 'verkenning', start: start - 48, end: start - 25 },
      { kind: 'planuitwerking', start: start - 24, end: start - 1 },
      realisation,
    ];
    const window = { earliestStart: phases[0]!.start - int(0, 96), latestEnd: Math.min(LAST, realisation.end + int(0, 120)) };
    const soilType = pick<SoilType>(['klei', 'klei', 'zand']);
    tasks.push({
      id: `dike-${index}`,
      title: `Dijkversterking ${index}`,
      ...UNSET_TASK_FIELDS,
      areaId: shape.sectionAreas === 'unique' ? sectionAreas[index % sectionAreas.length]! : sectionAreas[index % shape.areas]!,
      partyId: `wb-${index % shape.boards}`,
      programme: 'HWBP',
      kind: 'dike_reinforcement',
      urgencyRank: ranks[index]!,
      phases,
      window,
      soilDemandM3: km * int(5_000, 20_000),
      soilSupplyM3: 0,
      soilType,
      costEur: km * 15_000_000,
      lengthKm: km,
    } as Task);
  }
  const programmes: Programme[] = ['KRW', 'IRM', 'PROVINCIE', 'GEMEENTE', 'OVERIG'];
  for (let index = 0; index < shape.others; index++) {
    const programme = pick(programmes);
    let start: number;
    let length: number;
    let window: Task['window'];
    if (programme === 'KRW' && rand() < 0.5) {
      // A KRW measure due by 2027-12, with a window it can actually meet.
      length = int(6, 12);
      start = int(2027 * 12, 2027 * 12 + 11 - length + 1);
      window = { earliestStart: AS_OF + 1, latestEnd: 2027 * 12 + 11 };
    } else {
      length = int(6, 48);
      start = int(2027 * 12, 2046 * 12 + 11);
      window = rand() < 0.5 ? { earliestStart: start - int(0, 36), latestEnd: start + length - 1 + int(0, 36) } : null;
    }
    const supplier = rand() < 0.6;
    tasks.push({
      id: `other-${index}`,
      title: `${programme} ${index}`,
      ...UNSET_TASK_FIELDS,
      areaId: areaIds[index % shape.areas]!,
      partyId: programme === 'KRW' || programme === 'IRM' ? 'rws' : programme === 'PROVINCIE' ? 'prov' : 'gem',
      programme,
      kind: programme === 'KRW' || programme === 'IRM' ? 'river_measure' : pick(['nature', 'infrastructure', 'spatial_development'] as const),
      phases: [{ kind: 'realisatie', start, end: start + length - 1 }],
      window,
      soilSupplyM3: supplier ? int(1, 30) * 10_000 : 0,
      soilDemandM3: supplier ? 0 : int(0, 10) * 5_000,
      soilType: pick<SoilType | null>(['klei', 'klei', 'zand', 'overig', null]),
    } as Task);
  }
  const rules: CapacityRule[] = Array.from({ length: shape.boards }, (_, index) => ({
    id: `rule-${index}`,
    partyId: `wb-${index}`,
    programme: 'HWBP',
    maxConcurrent: 3,
    budgetPerYearEur: null,
  }));
  return { tasks, rules };
}

async function run(label: 'party' | 'national', data: Generated, options: PlanOptions, timeLimitS: number) {
  const started = performance.now();
  const problem = preparePlan(data.tasks, data.rules, options);
  const model = buildPlanModel(problem);
  const buildMs = performance.now() - started;
  const solve = startSolve(model.milp, timeLimitS);
  const result = await solve.result;
  const moves = movesFromSolution(model, result.values);
  const check = checkPlan(problem, moves);
  const totalMs = performance.now() - started;
  const sections = problem.movers.length;
  console.log(
    `plan ${label}: build_ms=${buildMs.toFixed(0)} cols=${model.milp.numCols} rows=${model.milp.numRows} nnz=${model.milp.rowIndices.length} ` +
      `stage1=${result.primary.status}/${result.primary.solveMs.toFixed(0)}ms stage2=${result.secondary?.status ?? '-'}/${result.secondary?.solveMs.toFixed(0) ?? '-'}ms ` +
      `value ${(model.baselineValueScaled / 10_000).toFixed(1)} -> ${check.value.toFixed(1)} (bound ${(result.primary.bound / 10_000).toFixed(1)}) ` +
      `moves=${moves.length} moved_months=${check.movedMonths} feasible=${check.feasible} total_ms=${totalMs.toFixed(0)}`,
  );
  return { label, sections, binaries: model.binaries, status: result.status, gap: result.primary.gap, solveMs: result.solveMs };
}

console.log(`plan seed=${SEED}`);
const board = generate(SEED, { boards: 1, sections: 40, areas: 10, others: 300, sectionAreas: 'spread' });
const party = await run(
  'party',
  board,
  { scope: { kind: 'party', partyId: 'wb-0' }, asOf: AS_OF, stepMonths: 3, minOverlap: 1, moveOthers: false, allowInversions: false },
  60,
);
const country = generate(SEED + 1, { boards: 21, sections: 250, areas: 500, others: 5_000, sectionAreas: 'unique' });
const national = await run('national', country, { scope: { kind: 'national' }, asOf: AS_OF, stepMonths: 6, minOverlap: 1, moveOthers: false, allowInversions: false }, 60);
for (const result of [party, national]) {
  console.log(`plan scope=${result.label} sections=${result.sections} binaries=${result.binaries} status=${result.status} gap=${(result.gap * 100).toFixed(2)}% solve_ms=${result.solveMs.toFixed(0)}`);
}
