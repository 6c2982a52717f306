import { yearOfMonth, type MonthIndex, type MonthInterval } from '../domain/months.js';
import type { SnapshotContent } from '../contracts/snapshots.js';
import { toEvaluationResponse, type ScenarioResponse } from '../contracts/scenarios.js';
import { type Db, type Executor, writeTransaction } from '../db/database.js';
import type { WriteContext } from '../db/repositories/audit.js';
import { listCapacityRules } from '../db/repositories/capacity-rules.js';
import {
  deleteScenario,
  getScenario,
  insertScenario,
  markApplied,
  rebaseMoves,
  replaceMoves,
  updateScenario,
} from '../db/repositories/scenarios.js';
import { insertSnapshot, listSnapshots } from '../db/repositories/snapshots.js';
import { getTask, inTaskScope, listLoadTasks, listTasksForEvaluation, listTaskVersions, updateTask, type TaskScope } from '../db/repositories/tasks.js';
import type { ShiftMove } from '../domain/alignment.js';
import { DomainError } from '../domain/errors.js';
import { userMessage } from '../domain/messages.js';
import { assertPlansFor, canEditPartyTasks } from '../domain/permissions.js';
import { blockingViolations, evaluateScenario, swapMoves, urgencyReach, type CapacityRule, type LoadTask, type ScenarioEvaluation } from '../domain/scenarios.js';
import { draftOf, realisationPhase, shiftPhases, type Task } from '../domain/tasks.js';
import { isPictureCurrent, pictureOf } from './area-picture.js';
import { soilChanges, type AreaLedgerDelta } from './soil.js';

export { getScenario, listScenarios } from '../db/repositories/scenarios.js';

type Scenario = ScenarioResponse;

/** Tries of an apply whose plan changed under it before it is refused as busy. */
const APPLY_ATTEMPTS = 3;

function assertNotApplied(scenario: Scenario): void {
  if (scenario.appliedAt) {
    throw new DomainError('conflict', `scenario '${scenario.id}' was applied on ${scenario.appliedAt} and is closed`, {
      userMessage: userMessage('scenario_closed', { appliedAt: scenario.appliedAt }),
    });
  }
}

/** Loads a scenario for a change: it must be open and belong to the actor's party. */
async function ownOpenScenario(db: Executor, caller: WriteContext, scenarioId: string): Promise<Scenario> {
  const scenario = await getScenario(db, scenarioId);
  assertPlansFor(caller.actor, scenario.partyId, 'scenario');
  assertNotApplied(scenario);
  return scenario;
}

/** What an evaluation read and found: enough to check later, in a short transaction, that it still stands. */
interface Assessment {
  scenario: Scenario;
  /** The moved tasks as the evaluation saw them. */
  moved: Task[];
  /** The tasks that decide whether the scenario may be applied: the moved tasks' parties' programmes. */
  decisive: TaskScope;
  /** Every task of the moved tasks' areas. */
  tasks: Task[];
  /** The other tasks capacity and urgency counted. */
  loadTasks: LoadTask[];
  rules: CapacityRule[];
  evaluation: ScenarioEvaluation;
  applicable: boolean;
}

/**
 * The calendar years (as a month interval) in which these moved tasks are in realisation, before
 * or after their move: the only years whose capacity their moves can change.
 */
function touchedYears(moved: readonly Task[], shifts: ReadonlyMap<string, number>): MonthInterval {
  let from = Infinity;
  let to = -Infinity;
  for (const task of moved) {
    const realisation = realisationPhase(task);
    const shift = shifts.get(task.id) ?? 0;
    from = Math.min(from, realisation.start, realisation.start + shift);
    to = Math.max(to, realisation.end, realisation.end + shift);
  }
  return { start: yearOfMonth(from) * 12, end: yearOfMonth(to) * 12 + 11 };
}

/**
 * Whether a violation lies where the evaluation judged: capacity only for the programmes whose
 * tasks move (no other can change) and only in the years their moves touch.
 */
function withinYears(violation: ScenarioEvaluation['violations'][number], scope: TaskScope): boolean {
  if (violation.type !== 'capacity_concurrent' && violation.type !== 'capacity_budget') return true;
  const month = violation.type === 'capacity_concurrent' ? violation.month : violation.year * 12;
  const judged = scope.partyProgrammes.find((entry) => entry.partyId === violation.partyId && entry.programme === violation.programme);
  return judged !== undefined && (judged.realising === undefined || (month >= judged.realising.start && month <= judged.realising.end));
}

/** Evaluates a scenario against the current baseline, loading only the tasks that can matter. Reads only. */
async function assess(db: Executor, scenario: Scenario, asOf: MonthIndex): Promise<Assessment> {
  const first = await Promise.all(scenario.moves.map((move) => getTask(db, move.taskId)));
  const shifts = new Map(scenario.moves.map((move) => [move.taskId, move.shiftMonths]));
  // Capacity is judged per party programme where its moves act: outside those years nothing
  // changes, and the tasks there are not read.
  const programmes = new Map<string, Task[]>();
  for (const task of first) programmes.set(`${task.partyId}\u0000${task.programme}`, [...(programmes.get(`${task.partyId}\u0000${task.programme}`) ?? []), task]);
  const decisive: TaskScope = {
    areaIds: [],
    partyProgrammes: [...programmes.values()].map((moved) => ({ partyId: moved[0]!.partyId, programme: moved[0]!.programme, realising: touchedYears(moved, shifts) })),
  };
  // A ranked section can invert only with a moved one whose realisation end passes its own.
  const reach = urgencyReach(
    first
      .filter((task) => task.programme === 'HWBP' && task.urgencyRank !== null)
      .map((task) => {
        const baseEnd = realisationPhase(task).end;
        return { rank: task.urgencyRank!, baseEnd, end: baseEnd + (shifts.get(task.id) ?? 0) };
      }),
  );
  const areaIds = [...new Set(first.map((task) => task.areaId))];
  const tasks = await listTasksForEvaluation(db, { areaIds, partyProgrammes: [] }, false);
  const loadTasks = await listLoadTasks(db, decisive, reach, areaIds);
  const byId = new Map(tasks.map((task) => [task.id, task]));
  // The list is the evaluation's truth; a moved task it lacks changed area meanwhile (the check will see it).
  const moved = first.map((task) => byId.get(task.id) ?? task);
  const rules = await listCapacityRules(db);
  const evaluated = evaluateScenario(tasks, scenario.moves, rules, { asOf, loadTasks });
  const evaluation = { ...evaluated, violations: evaluated.violations.filter((violation) => withinYears(violation, decisive)) };
  return { scenario, moved, decisive, tasks, loadTasks, rules, evaluation, applicable: blockingViolations(evaluation).length === 0 };
}

/**
 * What a scenario does to deadlines, capacity, urgency and alignments against the plan as it is
 * now, and to the soil ledger of every area with a moved task; computed, never stored.
 */
export async function evaluateScenarioNow(
  db: Executor,
  scenarioId: string,
  asOf: MonthIndex,
): Promise<{ scenario: Scenario; evaluation: ScenarioEvaluation & { soil: AreaLedgerDelta[] }; applicable: boolean }> {
  const { scenario, evaluation, applicable, moved, tasks } = await assess(db, await getScenario(db, scenarioId), asOf);
  // The assessment read every task of the moved tasks' areas: their ledgers need nothing more.
  const soil = await soilChanges(db, tasks, scenario.moves, [...new Set(moved.map((task) => task.areaId))], asOf);
  return { scenario, evaluation: { ...evaluation, soil }, applicable };
}

export async function createScenario(db: Db, caller: WriteContext, fields: { name: string; description: string | null; areaId: string | null }): Promise<Scenario> {
  return writeTransaction(db, (trx) => insertScenario(trx, fields, caller));
}

export async function changeScenario(db: Db, caller: WriteContext, scenarioId: string, patch: { name?: string; description?: string | null }): Promise<Scenario> {
  return writeTransaction(db, async (trx) => {
    await ownOpenScenario(trx, caller, scenarioId);
    return updateScenario(trx, scenarioId, patch, caller.now);
  });
}

/** Deletes a scenario of the actor's party; the baseline is untouched. */
export async function removeScenario(db: Db, caller: WriteContext, scenarioId: string): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const scenario = await getScenario(trx, scenarioId);
    assertPlansFor(caller.actor, scenario.partyId, 'scenario');
    await deleteScenario(trx, scenario.id);
  });
}

export async function setMoves(db: Db, caller: WriteContext, scenarioId: string, moves: readonly ShiftMove[]): Promise<Scenario> {
  return writeTransaction(db, async (trx) => {
    await ownOpenScenario(trx, caller, scenarioId);
    return replaceMoves(trx, scenarioId, moves, caller.now);
  });
}

/** Adds the two moves that exchange the realisation start months of two HWBP sections. */
export async function swapSections(db: Db, caller: WriteContext, scenarioId: string, taskIdA: string, taskIdB: string): Promise<Scenario> {
  return writeTransaction(db, async (trx) => {
    const scenario = await ownOpenScenario(trx, caller, scenarioId);
    const [a, b] = await Promise.all([getTask(trx, taskIdA), getTask(trx, taskIdB)]);
    if (a.programme !== 'HWBP' || b.programme !== 'HWBP') {
      throw new DomainError('rule_violation', 'a swap exchanges two HWBP dike sections', { userMessage: userMessage('swap_needs_hwbp') });
    }
    const swap = swapMoves(a, b);
    if (swap.length === 0) {
      throw new DomainError('rule_violation', 'the two sections already start their realisation in the same month', { userMessage: userMessage('swap_same_start') });
    }
    const others = scenario.moves.filter((move) => move.taskId !== a.id && move.taskId !== b.id);
    return replaceMoves(trx, scenario.id, [...others, ...swap], caller.now);
  });
}

/** Takes every move as set against the tasks as they are now (after the planner evaluated again). */
export async function rebaseScenario(db: Db, caller: WriteContext, scenarioId: string): Promise<Scenario> {
  return writeTransaction(db, async (trx) => {
    await ownOpenScenario(trx, caller, scenarioId);
    return rebaseMoves(trx, scenarioId, caller.now);
  });
}

/** The refusals of an apply, in the order a planner should hear them. Throws; returns when the scenario may be applied. */
function assertApplicable(caller: WriteContext, assessment: Assessment): void {
  const { scenario, moved, evaluation } = assessment;
  const setAt = new Map(scenario.moves.map((move) => [move.taskId, move.taskVersion]));
  const changed = moved.filter((task) => task.version !== setAt.get(task.id));
  if (changed.length > 0) {
    const titles = changed.map((task) => task.title);
    throw new DomainError('conflict', `changed since their moves were set: ${titles.join('; ')}; evaluate the scenario again before applying`, {
      extensions: { changedTasks: changed.map((task) => ({ id: task.id, title: task.title })) },
      userMessage: userMessage('scenario_tasks_changed', { titles }),
    });
  }
  const foreign = moved.filter((task) => !canEditPartyTasks(caller.actor, task.partyId));
  if (foreign.length > 0) {
    const titles = foreign.map((task) => task.title);
    throw new DomainError('forbidden', `you may not change: ${titles.join('; ')}`, {
      extensions: { taskIds: foreign.map((task) => task.id) },
      userMessage: userMessage('scenario_foreign_tasks', { titles }),
    });
  }
  const blocking = blockingViolations(evaluation);
  if (blocking.length > 0) {
    const response = toEvaluationResponse(scenario.id, scenario.moves, evaluation, false);
    throw new DomainError('rule_violation', `the scenario breaks ${blocking.length} rule(s); see violations`, {
      extensions: { violations: response.violations.filter((violation) => violation.type === 'window' || !violation.inBaseline) },
      userMessage: userMessage('scenario_violations', { count: blocking.length }),
    });
  }
}

function sameMoves(a: Scenario['moves'], b: Scenario['moves']): boolean {
  const key = (moves: Scenario['moves']) => JSON.stringify([...moves].sort((x, y) => x.taskId.localeCompare(y.taskId)));
  return key(a) === key(b);
}

function rulesFor(rules: readonly CapacityRule[], scope: TaskScope): string {
  return JSON.stringify(rules.filter((rule) => scope.partyProgrammes.some((pp) => pp.partyId === rule.partyId && pp.programme === rule.programme)));
}

/**
 * Whether what the assessment decided on still holds, read inside the write transaction: the
 * scenario's moves, the capacity rules, and the version of every task of the moved tasks'
 * parties' programmes (the moved tasks among them, and every task capacity counted).
 */
async function assessmentStands(trx: Executor, assessment: Assessment): Promise<boolean> {
  const { scenario, decisive, tasks, loadTasks, rules } = assessment;
  const current = await getScenario(trx, scenario.id);
  assertNotApplied(current);
  if (!sameMoves(current.moves, scenario.moves)) return false;
  if (rulesFor(await listCapacityRules(trx), decisive) !== rulesFor(rules, decisive)) return false;
  const expected = new Map([...tasks, ...loadTasks].filter((task) => inTaskScope(task, decisive)).map((task) => [task.id, task.version]));
  const versions = await listTaskVersions(trx, decisive);
  if (versions.size !== expected.size) return false;
  for (const [id, version] of versions) if (expected.get(id) !== version) return false;
  return true;
}

/**
 * Writes every move of a scenario to the baseline, only when no move leaves its window, no
 * capacity violation is new, and the actor may change every moved task; areas that hold meetings
 * (they have snapshots) first get a snapshot of the plan as it was.
 *
 * The evaluation and the snapshot pictures (the alignment detector) run before the write
 * transaction; the transaction is short and first checks that everything they decided on is
 * unchanged. When not (another apply or an edit landed in between), everything is computed
 * again: so two scenarios applied at the same moment, each fine alone but together over a
 * capacity rule, never both land. Moved tasks that changed since their moves were set are a 409
 * naming them; after {@link APPLY_ATTEMPTS} tries with a plan changing underneath, a 409 too.
 */
export async function applyScenario(db: Db, caller: WriteContext, scenarioId: string): Promise<{ scenario: Scenario; tasks: Task[] }> {
  for (let attempt = 1; attempt <= APPLY_ATTEMPTS; attempt++) {
    const scenario = await ownOpenScenario(db, caller, scenarioId);
    if (scenario.moves.length === 0) {
      throw new DomainError('rule_violation', 'the scenario has no moves to apply', { userMessage: userMessage('scenario_no_moves') });
    }
    // Writes always use the current month: nothing that has started moves.
    const asOf = caller.month;
    const assessment = await assess(db, scenario, asOf);
    assertApplicable(caller, assessment);
    const areaIds = [...new Set(assessment.moved.map((task) => task.areaId))].sort();
    const pictures: SnapshotContent[] = [];
    for (const areaId of areaIds) {
      if ((await listSnapshots(db, areaId)).length > 0) pictures.push(await pictureOf(db, areaId, null, asOf));
    }
    const applied = await writeTransaction(db, async (trx) => {
      if (!(await assessmentStands(trx, assessment))) return null;
      for (const picture of pictures) if (!(await isPictureCurrent(trx, picture))) return null;
      // An area that held its first meeting in the meantime gets its picture too: compute it again.
      for (const areaId of areaIds) {
        if (!pictures.some((picture) => picture.area.id === areaId) && (await listSnapshots(trx, areaId)).length > 0) return null;
      }
      for (const picture of pictures) {
        await insertSnapshot(
          trx,
          {
            areaId: picture.area.id,
            scenarioId: null,
            title: `Vóór toepassen van scenario “${scenario.name}”`,
            meetingDate: null,
            note: `Automatisch gemaakt bij het toepassen van scenario ${scenario.id}.`,
            content: picture,
          },
          caller,
        );
      }
      const shifts = new Map(scenario.moves.map((move) => [move.taskId, move.shiftMonths]));
      const tasks: Task[] = [];
      for (const task of assessment.moved) {
        tasks.push(await updateTask(trx, task, { ...draftOf(task), phases: shiftPhases(task.phases, shifts.get(task.id)!, asOf) }, caller));
      }
      return { scenario: await markApplied(trx, scenario.id, caller), tasks };
    });
    if (applied) return applied;
  }
  throw new DomainError('conflict', 'the plan kept changing while the scenario was being applied; evaluate it again and retry', {
    userMessage: userMessage('scenario_plan_busy'),
  });
}
