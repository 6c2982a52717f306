// npm run bench:scenarios: evaluating a 20-move scenario over 10 areas on the national data set,
// through the real server (GET /api/scenarios/:id/evaluation over HTTP on SQLite, database reads
// included) and, for comparison, the pure evaluation alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ShiftMove } from '../../server/domain/alignment.js';
import { evaluateScenario, type CapacityRule } from '../../server/domain/scenarios.js';
import { allowedShiftRange } from '../../server/domain/tasks.js';
import { apiToken, loadNationalData, startServer } from './api.js';
import { groupByArea, median, nationalTasks } from './national-data.js';

const RUNS = 5;
const HTTP_RUNS = 30;
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

// The same scenario and rules stored in a database the real server reads.
const SCENARIO_ID = 'bench-scenario';
const STAMP = '2026-01-01T00:00:00.000Z';
const folder = mkdtempSync(join(tmpdir(), 'gp-bench-scenarios-'));
const httpTimes: number[] = [];
let httpViolations = -1;
try {
  const path = join(folder, 'planning.sqlite');
  const load = await loadNationalData({ kind: 'sqlite', path }, tasks, async (trx) => {
    await trx
      .insertInto('capacity_rules')
      .values(
        rules.map((rule) => ({
          id: rule.id,
          party_id: rule.partyId,
          programme: rule.programme,
          max_concurrent: rule.maxConcurrent,
          budget_per_year_eur: rule.budgetPerYearEur,
          created_at: STAMP,
          updated_at: STAMP,
        })),
      )
      .execute();
    await trx
      .insertInto('scenarios')
      .values({
        id: SCENARIO_ID,
        name: 'bench',
        description: null,
        area_id: null,
        party_id: movedTasks[0]!.partyId,
        created_by: 'bench',
        created_at: STAMP,
        updated_at: STAMP,
        applied_at: null,
        applied_by: null,
      })
      .execute();
    await trx
      .insertInto('scenario_moves')
      .values(moves.map((move) => ({ scenario_id: SCENARIO_ID, task_id: move.taskId, shift_months: move.shiftMonths, task_version: 1 })))
      .execute();
  });
  console.log(`loaded tasks=${tasks.length} into SQLite in ${(load.migrateMs + load.insertMs).toFixed(0)} ms`);
  const server = await startServer({ DATABASE_PATH: path });
  try {
    const token = await apiToken(server.base);
    // The first calls warm the JIT and the page cache and are not counted.
    for (let run = 0; run < HTTP_RUNS + 3; run++) {
      const started = performance.now();
      const response = await fetch(`${server.base}/api/scenarios/${SCENARIO_ID}/evaluation`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await response.json()) as { violations?: unknown[] };
      const elapsed = performance.now() - started;
      if (response.status !== 200) throw new Error(`evaluation: ${response.status} ${JSON.stringify(body)}`);
      httpViolations = body.violations!.length;
      if (run >= 3) httpTimes.push(elapsed);
    }
  } finally {
    await server.stop();
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
// The server judges capacity only in the years the moves touch, so it can list fewer violations
// (those elsewhere were in the baseline and stay); it never lists more.
if (httpViolations > violations) throw new Error(`the server found ${httpViolations} violations, the pure evaluation over the whole scope ${violations}`);

console.log(`evaluated over ${scope.length} tasks in scope, ${areaIds.size} areas re-detected, ${violations} violations (${httpViolations} in the years the moves touch)`);
console.log(
  `scenarios tasks=${tasks.length} moves=${moves.length} evaluate_http_ms=${median(httpTimes).toFixed(1)} evaluate_ms=${median(times).toFixed(1)}`,
);
