import { randomUUID } from 'node:crypto';
import type { CreatePlanBody, PlanMessageCode, PlanResponse, PlanResult } from '../contracts/plans.js';
import { type Db, type Executor, writeTransaction } from '../db/database.js';
import type { WriteContext } from '../db/repositories/audit.js';
import { getArea } from '../db/repositories/areas.js';
import { listCapacityRules } from '../db/repositories/capacity-rules.js';
import { findParty } from '../db/repositories/parties.js';
import { finishPlanRow, findPlanRow, insertPlanRow, listPartyAreaIds, type PlanRow } from '../db/repositories/plans.js';
import { insertScenario, replaceMoves } from '../db/repositories/scenarios.js';
import { listTasksForEvaluation } from '../db/repositories/tasks.js';
import type { Task } from '../domain/tasks.js';
import { DomainError, notFound } from '../domain/errors.js';
import { userMessage } from '../domain/messages.js';
import { formatMonth, type MonthIndex } from '../domain/months.js';
import { planRefusal, type Actor } from '../domain/permissions.js';
import { preparePlan, type PlanOptions, type PlanScope } from '../domain/plan.js';
import { SolveCancelled, SolveOverran, startPlan, type RunningSolve } from '../solver/index.js';
import type { PlanOutcome } from '../solver/plan-job.js';
import { soilChanges } from './soil.js';

function planNotFound(planId: string): DomainError {
  return new DomainError('not_found', `plan '${planId}' does not exist`, { userMessage: userMessage('plan_not_found', { id: planId }) });
}

/** Solves running in this process, by plan id: to await, cancel, or stop when the app closes. */
const running = new Map<string, { db: Db; solve: RunningSolve<PlanOutcome>; done: Promise<void> }>();
/** More solves at once than this wait for none: the request is refused as busy. */
const MAX_RUNNING = 4;
/** How long a refused request is asked to wait: a typical solve takes seconds, the default limit 20. */
const BUSY_RETRY_AFTER_S = 30;

interface StoredOptions {
  asOf: MonthIndex;
  stepMonths: number;
  minOverlap: number;
  moveOthers: boolean;
  allowInversions: boolean;
  timeLimitS: number;
}

function assertMayPlan(actor: Actor, scope: PlanScope): void {
  const refusal = planRefusal(actor, scope);
  if (refusal === 'plan_national_forbidden') {
    throw new DomainError('forbidden', 'only area directors and admins may plan the whole country', { userMessage: userMessage('plan_national_forbidden') });
  }
  if (refusal === 'plan_role_forbidden') {
    throw new DomainError('forbidden', `your role (${actor.role}) may not ask for a plan`, { userMessage: userMessage('plan_role_forbidden') });
  }
  if (refusal === 'plan_party_forbidden' && scope.kind === 'party') {
    throw new DomainError('forbidden', `only planners of party '${scope.partyId}' may plan its programme`, {
      userMessage: userMessage('plan_party_forbidden', { party: scope.partyId }),
    });
  }
}

/**
 * Every task the plan can need: the scope's areas, the movers' parties' programmes, ranked HWBP
 * sections; and how many tasks may move (reading the scope's tasks once tells, cheaply).
 */
async function loadTasks(db: Executor, scope: PlanScope, options: PlanOptions) {
  let areaIds: string[];
  if (scope.kind === 'area') areaIds = [scope.areaId];
  else if (scope.kind === 'party') areaIds = await listPartyAreaIds(db, scope.partyId);
  else areaIds = (await db.selectFrom('areas').select('id').orderBy('id').execute()).map((row) => row.id);
  const first = areaIds.length > 0 ? await listTasksForEvaluation(db, { areaIds, partyProgrammes: [] }) : [];
  const rules = await listCapacityRules(db);
  const movers = preparePlan(first, rules, options).movers;
  const partyProgrammes = [...new Map(movers.map(({ task }) => [`${task.partyId}\u0000${task.programme}`, { partyId: task.partyId, programme: task.programme }])).values()];
  const tasks = partyProgrammes.length > 0 ? await listTasksForEvaluation(db, { areaIds, partyProgrammes }) : first;
  return { tasks, rules, movableTasks: movers.length };
}

function scopeOf(input: Pick<CreatePlanBody, 'areaId' | 'partyId'>): PlanScope {
  if (input.areaId) return { kind: 'area', areaId: input.areaId };
  if (input.partyId) return { kind: 'party', partyId: input.partyId };
  return { kind: 'national' };
}

function scenarioName(scope: PlanScope, now: string): string {
  const day = now.slice(0, 10);
  if (scope.kind === 'area') return `Plan gebied ${scope.areaId} ${day}`;
  if (scope.kind === 'party') return `Plan programma ${scope.partyId} ${day}`;
  return `Plan landelijk ${day}`;
}

/** How a solve that found no plan ended, as stored with the plan (rows without a code read as plain failures). */
type FailureCode = Extract<PlanMessageCode, 'plan_cancelled' | 'plan_interrupted' | 'plan_solver_overran' | 'plan_failed'>;

interface StoredOutcome {
  result: PlanResult | null;
  failure: string | null;
  failureCode?: FailureCode;
}

/** What the plan's status tells its reader. */
function statusMessage(status: PlanResponse['status'], options: StoredOptions, elapsedMs: number, outcome: StoredOutcome): Pick<PlanResponse, 'messageCode' | 'messageParams'> {
  const result = outcome.result;
  if (status === 'solving') return { messageCode: 'plan_solving', messageParams: { seconds: Math.floor(elapsedMs / 1000) } };
  if (status === 'optimal' && result) {
    return result.moves.length === 0
      ? { messageCode: 'plan_no_improvement', messageParams: {} }
      : { messageCode: 'plan_optimal', messageParams: { moves: result.moves.length } };
  }
  if (status === 'time_limit' && result) {
    const percent = Math.ceil(result.gap * 1000) / 10;
    const gap = { nl: `${percent.toLocaleString('nl-NL')}%`, en: `${percent.toLocaleString('en-GB')}%` };
    return { messageCode: 'plan_time_limit', messageParams: { seconds: options.timeLimitS, gap } };
  }
  if (status === 'cancelled') return { messageCode: 'plan_cancelled', messageParams: {} };
  const code = outcome.failureCode ?? 'plan_failed';
  return { messageCode: code, messageParams: code === 'plan_solver_overran' ? { seconds: options.timeLimitS } : {} };
}

function toResponse(row: PlanRow, nowMs: number): PlanResponse {
  const options = JSON.parse(row.options_json) as StoredOptions;
  const stored: StoredOutcome = row.result_json ? (JSON.parse(row.result_json) as StoredOutcome) : { result: null, failure: null };
  let status = row.status as PlanResponse['status'];
  let outcome = stored;
  const createdMs = Date.parse(row.created_at);
  const elapsedMs = (row.finished_at ? Date.parse(row.finished_at) : nowMs) - createdMs;
  // A solve no process runs any more (its server stopped) will never finish.
  if (status === 'solving' && !running.has(row.id) && elapsedMs > (options.timeLimitS + 120) * 1000) {
    status = 'failed';
    outcome = { result: null, failure: 'the solve was interrupted (the server stopped)', failureCode: 'plan_interrupted' };
  }
  return {
    id: row.id,
    status,
    scope: row.scope_kind as PlanResponse['scope'],
    areaId: row.area_id,
    partyId: row.party_id,
    asOf: formatMonth(options.asOf),
    stepMonths: options.stepMonths,
    minOverlap: options.minOverlap,
    moveOthers: options.moveOthers,
    allowInversions: options.allowInversions,
    timeLimitS: options.timeLimitS,
    requestedBy: row.requested_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    elapsedMs: Math.max(0, elapsedMs),
    scenarioId: row.scenario_id,
    result: outcome.result,
    failure: outcome.failure,
    ...statusMessage(status, options, Math.max(0, elapsedMs), outcome),
  };
}

/** Saves the plan's moves as a scenario and records the result, in one short transaction. */
async function finish(
  db: Db,
  caller: WriteContext,
  planId: string,
  scope: PlanScope,
  status: 'optimal' | 'time_limit',
  solved: PlanResult,
  { tasks, asOf }: { tasks: readonly Task[]; asOf: MonthIndex },
): Promise<void> {
  // The ledger change is read and computed before the write: the tasks hold every task of the scope's areas.
  const movedAreas = [...new Set(solved.moves.map((move) => move.areaId))];
  const result: PlanResult = { ...solved, soil: await soilChanges(db, tasks, solved.moves, movedAreas, asOf) };
  const finishedAt = new Date().toISOString();
  await writeTransaction(db, async (trx) => {
    const current = await findPlanRow(trx, planId);
    if (!current || current.status !== 'solving') return;
    const description =
      `Programmaplan (${status === 'optimal' ? 'optimaal' : `tijdslimiet, gat ${(result.gap * 100).toFixed(2)}%`}): ` +
      `waarde ${result.valueBefore.toFixed(1)} → ${result.valueAfter.toFixed(1)}, ${result.alignedPairsBefore} → ${result.alignedPairsAfter} gelijktijdige paren, ` +
      `${result.movedMonths} maanden verschoven.`;
    const scenario = await insertScenario(trx, { name: scenarioName(scope, finishedAt), description, areaId: scope.kind === 'area' ? scope.areaId : null }, { ...caller, now: finishedAt });
    await replaceMoves(trx, scenario.id, result.moves.map(({ taskId, shiftMonths }) => ({ taskId, shiftMonths })), finishedAt);
    await finishPlanRow(trx, planId, { status, resultJson: JSON.stringify({ result, failure: null } satisfies StoredOutcome), scenarioId: scenario.id, finishedAt });
  });
}

async function fail(db: Db, planId: string, status: 'failed' | 'cancelled', message: string, failureCode: FailureCode): Promise<void> {
  const outcome: StoredOutcome = { result: null, failure: message, failureCode };
  await writeTransaction(db, (trx) => finishPlanRow(trx, planId, { status, resultJson: JSON.stringify(outcome), scenarioId: null, finishedAt: new Date().toISOString() }));
}

/**
 * Asks for a plan: checks who asks, reads the scope's tasks and rules, builds the model and starts
 * the solver in a worker; the plan is kept in the `plans` table (status `solving`) at once. When
 * the solver is done the plan's moves are checked, explained and saved as a scenario. With
 * `wait` the answer waits for that; otherwise poll {@link getPlan}. `asOf`: the month to plan at
 * (the request's, or the current planning month).
 */
export async function requestPlan(db: Db, caller: WriteContext, input: CreatePlanBody, asOf: MonthIndex): Promise<{ plan: PlanResponse; finished: boolean }> {
  const scope = scopeOf(input);
  assertMayPlan(caller.actor, scope);
  if (scope.kind === 'area') await getArea(db, scope.areaId);
  if (scope.kind === 'party' && !(await findParty(db, scope.partyId))) throw notFound('party', scope.partyId);
  if (running.size >= MAX_RUNNING) {
    throw new DomainError('busy', `the solver is busy with ${running.size} other plans; try again in ${BUSY_RETRY_AFTER_S} seconds`, {
      extensions: { retryAfter: BUSY_RETRY_AFTER_S },
      userMessage: userMessage('plans_busy', { running: running.size, seconds: BUSY_RETRY_AFTER_S }),
    });
  }

  const options: PlanOptions = { scope, asOf, stepMonths: input.stepMonths, minOverlap: input.minOverlap, moveOthers: input.moveOthers, allowInversions: input.allowInversions };
  const { tasks, rules, movableTasks } = await loadTasks(db, scope, options);
  // A plan with nothing that may move is the baseline: say so rather than save an empty scenario.
  if (movableTasks === 0) {
    throw new DomainError('rule_violation', 'nothing in this scope may move: no movable dike section (or, with moveOthers, other task) has room in its window', {
      userMessage: userMessage('plan_no_movable_tasks'),
    });
  }

  const planId = randomUUID();
  const stored: StoredOptions = { asOf, stepMonths: input.stepMonths, minOverlap: input.minOverlap, moveOthers: input.moveOthers, allowInversions: input.allowInversions, timeLimitS: input.timeLimitS };
  await writeTransaction(db, (trx) =>
    insertPlanRow(trx, {
      id: planId,
      scope_kind: scope.kind,
      area_id: scope.kind === 'area' ? scope.areaId : null,
      party_id: scope.kind === 'party' ? scope.partyId : null,
      requested_by: caller.actor.id,
      status: 'solving',
      options_json: JSON.stringify(stored),
      result_json: null,
      scenario_id: null,
      created_at: caller.now,
      finished_at: null,
    }),
  );

  // Building the model takes long enough for the national case to hold up other requests: the worker does it.
  const solve = startPlan({ tasks, rules, options, actor: caller.actor, timeLimitS: input.timeLimitS });
  const done = solve.result
    .then(
      (solved) => finish(db, caller, planId, scope, solved.status, solved.result, { tasks, asOf }),
      (error: unknown) => (error instanceof SolveCancelled ? fail(db, planId, 'cancelled', error.message, 'plan_cancelled') : Promise.reject(error)),
    )
    .catch((error: unknown) =>
      fail(db, planId, 'failed', error instanceof Error ? error.message : String(error), error instanceof SolveOverran ? 'plan_solver_overran' : 'plan_failed'),
    )
    // The database may be closed by then (the app stopped): nothing left to record.
    .catch(() => undefined)
    .finally(() => running.delete(planId));
  running.set(planId, { db, solve, done });
  if (input.wait) await done;
  return { plan: await getPlan(db, planId), finished: input.wait };
}

/** A plan as stored; while it is being solved, with the time since it was asked for. */
export async function getPlan(db: Executor, planId: string): Promise<PlanResponse> {
  const row = await findPlanRow(db, planId);
  if (!row) throw planNotFound(planId);
  return toResponse(row, Date.now());
}

/** Stops a plan being solved (its requester or an admin); a finished plan stays as it is. */
export async function cancelPlan(db: Db, caller: WriteContext, planId: string): Promise<PlanResponse> {
  const row = await findPlanRow(db, planId);
  if (!row) throw planNotFound(planId);
  if (caller.actor.role !== 'admin' && caller.actor.id !== row.requested_by) {
    throw new DomainError('forbidden', 'only who asked for a plan (or an admin) may cancel it', { userMessage: userMessage('plan_cancel_forbidden') });
  }
  const solve = running.get(planId);
  if (solve) {
    solve.solve.cancel();
    await solve.done;
  } else if (row.status === 'solving') {
    await fail(db, planId, 'cancelled', 'the solve was cancelled', 'plan_cancelled');
  }
  return getPlan(db, planId);
}

/** Stops every solve of this database (the app is closing). */
export async function stopPlans(db: Db): Promise<void> {
  const mine = [...running.values()].filter((entry) => entry.db === db);
  for (const entry of mine) entry.solve.cancel();
  await Promise.all(mine.map((entry) => entry.done));
}
