// npm run bench:scenarios: evaluating a 20-move scenario over 10 areas on the national data set.
import { performance } from 'node:perf_hooks';
import type { ShiftMove } from '../../server/domain/alignment.js';
import { evaluateScenario, type CapacityRule } from '../../server/domain/scenarios.js';
import { allowedShiftRange } from '../../server/domain/tasks.js';
import { groupByArea, median, nationalTasks } from './national-data.js';

const RUNS = 5;
const tasks = nationalTasks(500, 100);
const areas = [...groupByArea(tasks).values()];

// Two movable dike sections in each of ten areas, each moved as far as its window allows, up to a year.
const moves: ShiftMove[] = [];
for (const areaTasks of areas.slice(0, 10)) {
  const movable = areaTasks.filter((task) => task.programme === 'HWBP' && allowedShiftRange(task) !== null).slice(0, 2);
  for (const task of movable) {
    const range = allowedShiftRange(task)!;
    const shift = Math.max(range.min, Math.min(range.max, 12)) || -Math.min(12, -range.min) || 1;
    moves.push({ taskId: task.id, shiftMonths: shift });
  }
}
if (moves.length !== 20) throw new Error(`expected 20 moves, made ${moves.length}`);

// Every water board limits its HWBP work, as the demo seed does.
const rules: CapacityRule[] = [...new Set(tasks.filter((task) => task.programme === 'HWBP').map((task) => task.partyId))].map((partyId, index) => ({
  id: `rule-${index}`,
  partyId,
  programme: 'HWBP',
  maxConcurrent: 40,
  budgetPerYearEur: 600_000_000,
}));

// What the API loads for an evaluation: the affected areas, the moved tasks' party programmes, ranked HWBP sections.
const moved = new Set(moves.map((move) => move.taskId));
const movedTasks = tasks.filter((task) => moved.has(task.id));
const areaIds = new Set(movedTasks.map((task) => task.areaId));
const partyProgrammes = new Set(movedTasks.map((task) => `${task.partyId}/${task.programme}`));
const scope = tasks.filter(
  (task) => areaIds.has(task.areaId) || partyProgrammes.has(`${task.partyId}/${task.programme}`) || (task.programme === 'HWBP' && task.urgencyRank !== null),
);

const times: number[] = [];
let violations = 0;
for (let run = 0; run < RUNS + 1; run++) {
  const started = performance.now();
  const evaluation = evaluateScenario(scope, moves, rules);
  const elapsed = performance.now() - started;
  violations = evaluation.violations.length;
  if (run > 0) times.push(elapsed);
}
console.log(`evaluated over ${scope.length} tasks in scope, ${areaIds.size} areas re-detected, ${violations} violations`);
console.log(`scenarios tasks=${tasks.length} moves=${moves.length} evaluate_ms=${median(times).toFixed(1)}`);
