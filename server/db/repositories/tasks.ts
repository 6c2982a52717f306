import { randomUUID } from 'node:crypto';
import { DomainError, notFound, type FieldError } from '../../domain/errors.js';
import type { LoadTask, UrgencyReach } from '../../domain/scenarios.js';
import type { Phase, PhaseKind, Programme, SoilType, Task, TaskDraft, TaskKind, TaskWindow } from '../../domain/tasks.js';
import type { TaskListQuery } from '../../contracts/tasks.js';
import type { ExpressionBuilder } from 'kysely';
import { overlapMonths, type MonthInterval } from '../../domain/months.js';
import type { Executor } from '../database.js';
import type { Database, TaskRow } from '../schema.js';
import { recordAudit, type WriteContext } from './audit.js';
import { followTaskWrite } from './task-followers.js';

/** A task row's window: both columns, or none. */
export function windowOf(row: Pick<TaskRow, 'window_earliest_start' | 'window_latest_end'>): TaskWindow | null {
  return row.window_earliest_start === null || row.window_latest_end === null
    ? null
    : { earliestStart: row.window_earliest_start, latestEnd: row.window_latest_end };
}

function toTask(row: TaskRow, phases: Phase[]): Task {
  return {
    id: row.id,
    areaId: row.area_id,
    partyId: row.party_id,
    programme: row.programme as Programme,
    kind: row.kind as TaskKind,
    title: row.title,
    description: row.description,
    dikeTrajectId: row.dike_traject_id,
    urgencyRank: row.urgency_rank,
    phases,
    window: windowOf(row),
    soilSupplyM3: row.soil_supply_m3,
    soilDemandM3: row.soil_demand_m3,
    soilType: row.soil_type as SoilType | null,
    river: row.river,
    kmFrom: row.km_from,
    kmTo: row.km_to,
    lengthKm: row.length_km,
    geometry: row.geometry === null ? null : JSON.parse(row.geometry),
    costEur: row.cost_eur,
    status: row.status,
    externalRef: row.external_ref,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A task's columns as the database stores them (the bookkeeping columns aside). */
export function draftColumns(draft: TaskDraft) {
  return {
    area_id: draft.areaId,
    party_id: draft.partyId,
    programme: draft.programme,
    kind: draft.kind,
    title: draft.title,
    description: draft.description,
    dike_traject_id: draft.dikeTrajectId,
    urgency_rank: draft.urgencyRank,
    window_earliest_start: draft.window?.earliestStart ?? null,
    window_latest_end: draft.window?.latestEnd ?? null,
    soil_supply_m3: draft.soilSupplyM3,
    soil_demand_m3: draft.soilDemandM3,
    soil_type: draft.soilType,
    river: draft.river,
    km_from: draft.kmFrom,
    km_to: draft.kmTo,
    length_km: draft.lengthKm,
    geometry: draft.geometry === null ? null : JSON.stringify(draft.geometry),
    cost_eur: draft.costEur,
    status: draft.status,
    external_ref: draft.externalRef,
  };
}

const PHASE_ORDER: Record<PhaseKind, number> = { verkenning: 0, planuitwerking: 1, realisatie: 2 };

/** Phase rows by task, each task's phases in their only order. */
export function phasesByTask(phaseRows: readonly Pick<Database['task_phases'], 'task_id' | 'kind' | 'start_month' | 'end_month'>[]): Map<string, Phase[]> {
  const byTask = new Map<string, Phase[]>();
  for (const row of phaseRows) {
    const phases = byTask.get(row.task_id) ?? [];
    phases.push({ kind: row.kind as PhaseKind, start: row.start_month, end: row.end_month });
    byTask.set(row.task_id, phases);
  }
  for (const phases of byTask.values()) phases.sort((a, b) => PHASE_ORDER[a.kind] - PHASE_ORDER[b.kind]);
  return byTask;
}

/** Task rows with their phase rows. */
function withPhases(rows: readonly TaskRow[], phaseRows: readonly Database['task_phases'][]): Task[] {
  const byTask = phasesByTask(phaseRows);
  return rows.map((row) => toTask(row, byTask.get(row.id) ?? []));
}

async function attachPhases(db: Executor, rows: TaskRow[]): Promise<Task[]> {
  if (rows.length === 0) return [];
  const phaseRows = await db
    .selectFrom('task_phases')
    .selectAll()
    .where(
      'task_id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  return withPhases(rows, phaseRows);
}

/** SQLite limits bound parameters per statement: large lists get their phases in chunks. */
async function attachPhasesInChunks(db: Executor, rows: TaskRow[]): Promise<Task[]> {
  const tasks: Task[] = [];
  for (let offset = 0; offset < rows.length; offset += 500) tasks.push(...(await attachPhases(db, rows.slice(offset, offset + 500))));
  return tasks;
}

/** An area's tasks, optionally filtered, ordered by party and title. */
export async function listAreaTasks(db: Executor, areaId: string, filters: TaskListQuery = {}): Promise<Task[]> {
  let query = db.selectFrom('tasks').selectAll().where('area_id', '=', areaId);
  if (filters.partyId) query = query.where('party_id', '=', filters.partyId);
  if (filters.programme) query = query.where('programme', '=', filters.programme);
  if (filters.kind) query = query.where('kind', '=', filters.kind);
  return attachPhasesInChunks(db, await query.orderBy('party_id').orderBy('title').orderBy('id').execute());
}

/**
 * Every task a plan or a scenario evaluation reads whole: those in the given areas, those of the
 * given parties' programmes (for capacity), and, unless `withRanked` is false, every ranked HWBP
 * section (for urgency). The phases come in one query over the same selection, not one per batch
 * of tasks.
 */
export async function listTasksForEvaluation(db: Executor, scope: TaskScope, withRanked = true): Promise<Task[]> {
  const selected = (eb: WithRealisation) => {
    const ranked = eb.and([eb('tasks.programme', '=', 'HWBP'), eb('tasks.urgency_rank', 'is not', null)]);
    return eb.or([inScope(eb, scope), ...(withRanked ? [ranked] : [])]);
  };
  const [rows, phaseRows] = await Promise.all([
    tasksWithRealisation(db).selectAll('tasks').where(selected).orderBy('tasks.id').execute(),
    db
      .selectFrom('task_phases')
      .selectAll()
      .where('task_id', 'in', tasksWithRealisation(db).select('tasks.id').where(selected))
      .execute(),
  ]);
  return withPhases(rows, phaseRows);
}

/**
 * What capacity and urgency need of the tasks outside `exceptAreaIds`: those of the scope's
 * party programmes (within their `realising` months) and the ranked HWBP sections within an
 * urgency reach (where a moved section can invert with them). Nine columns and the realisation
 * phase per task: a programme can hold thousands of tasks, and a whole task row per task made
 * reading them the slowest part of an evaluation.
 */
export async function listLoadTasks(
  db: Executor,
  scope: Pick<TaskScope, 'partyProgrammes'>,
  reach: readonly UrgencyReach[],
  exceptAreaIds: readonly string[],
): Promise<LoadTask[]> {
  const base = () => {
    const query = tasksWithRealisation(db).select([
      'tasks.id',
      'tasks.area_id',
      'tasks.party_id',
      'tasks.programme',
      'tasks.cost_eur',
      'tasks.urgency_rank',
      'tasks.version',
      'realisation.start_month',
      'realisation.end_month',
    ]);
    return exceptAreaIds.length > 0 ? query.where('tasks.area_id', 'not in', [...exceptAreaIds]) : query;
  };
  // Two reads, each on its own index; one OR over both would scan every realisation.
  const [ofProgrammes, ranked] = await Promise.all([
    scope.partyProgrammes.length > 0 ? base().where((eb) => inScope(eb, { areaIds: [], partyProgrammes: scope.partyProgrammes })).execute() : [],
    reach.length > 0
      ? base()
          .where('tasks.programme', '=', 'HWBP')
          .where((eb) =>
            eb.or(
              reach.map(({ fromEnd, toEnd, ranks, rank }) =>
                eb.and([eb.between('realisation.end_month', fromEnd, toEnd), eb('tasks.urgency_rank', ranks === 'above' ? '>' : '<', rank)]),
              ),
            ),
          )
          .execute()
      : [],
  ]);
  const byId = new Map<string, LoadTask>();
  for (const row of [...ofProgrammes, ...ranked]) {
    byId.set(row.id, {
      id: row.id,
      areaId: row.area_id,
      partyId: row.party_id,
      programme: row.programme as Programme,
      costEur: row.cost_eur,
      urgencyRank: row.urgency_rank,
      version: row.version,
      phases: [{ kind: 'realisatie', start: row.start_month, end: row.end_month }],
    });
  }
  return [...byId.values()];
}

/**
 * Which tasks an evaluation reads and its version check covers: those in these areas, and those
 * of these parties' programmes, of each only those in realisation within its `realising` when
 * given (capacity is only judged in the years a scenario's moves of that programme touch).
 */
export interface TaskScope {
  areaIds: readonly string[];
  partyProgrammes: readonly { partyId: string; programme: string; realising?: MonthInterval }[];
}

/** Tasks joined with their realisation phase: conditions on when a task is realised are a join, not a subquery per row. */
type WithRealisation = ExpressionBuilder<Database & { realisation: Database['task_phases'] }, 'tasks' | 'realisation'>;

function tasksWithRealisation(db: Executor) {
  return db
    .selectFrom('tasks')
    .innerJoin('task_phases as realisation', (join) => join.onRef('realisation.task_id', '=', 'tasks.id').on('realisation.kind', '=', 'realisatie'));
}

/** The tasks of a scope, as a condition on `tasks` joined with their realisation. */
function inScope(eb: WithRealisation, scope: TaskScope) {
  const ofProgramme = ({ partyId, programme, realising }: TaskScope['partyProgrammes'][number]) => {
    const programmeTasks = [eb('tasks.party_id', '=', partyId), eb('tasks.programme', '=', programme)];
    if (realising === undefined) return eb.and(programmeTasks);
    return eb.and([...programmeTasks, eb('realisation.start_month', '<=', realising.end), eb('realisation.end_month', '>=', realising.start)]);
  };
  return eb.or([...(scope.areaIds.length > 0 ? [eb('tasks.area_id', 'in', [...scope.areaIds])] : []), ...scope.partyProgrammes.map(ofProgramme)]);
}

/** Whether a task lies in a scope: the same test {@link listTaskVersions} makes in SQL. */
export function inTaskScope(task: Pick<Task, 'areaId' | 'partyId' | 'programme' | 'phases'>, scope: TaskScope): boolean {
  if (scope.areaIds.includes(task.areaId)) return true;
  const realisation = task.phases.find((phase) => phase.kind === 'realisatie');
  return scope.partyProgrammes.some(
    ({ partyId, programme, realising }) =>
      task.partyId === partyId &&
      task.programme === programme &&
      (realising === undefined || (realisation !== undefined && overlapMonths(realisation, realising) > 0)),
  );
}

/**
 * The version of every task in a scope, by id: cheap enough to read again inside a short write
 * transaction, to check that what was computed before it still stands.
 */
export async function listTaskVersions(db: Executor, scope: TaskScope): Promise<Map<string, number>> {
  if (scope.areaIds.length === 0 && scope.partyProgrammes.length === 0) return new Map();
  const rows = await tasksWithRealisation(db)
    .select(['tasks.id', 'tasks.version'])
    .where((eb) => inScope(eb, scope))
    .execute();
  return new Map(rows.map((row) => [row.id, row.version]));
}

/** A party's tasks with the given external references, by reference: what an import matches rows to. */
export async function listPartyTasksByRef(db: Executor, partyId: string, refs: readonly string[]): Promise<Map<string, Task>> {
  const tasks: Task[] = [];
  for (let offset = 0; offset < refs.length; offset += 500) {
    const rows = await db
      .selectFrom('tasks')
      .selectAll()
      .where('party_id', '=', partyId)
      .where('external_ref', 'in', refs.slice(offset, offset + 500))
      .execute();
    tasks.push(...(await attachPhasesInChunks(db, rows)));
  }
  return new Map(tasks.map((task) => [task.externalRef!, task]));
}

export async function findTask(db: Executor, id: string): Promise<Task | undefined> {
  const row = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await attachPhases(db, [row]))[0] : undefined;
}

export async function getTask(db: Executor, id: string): Promise<Task> {
  const task = await findTask(db, id);
  if (!task) throw notFound('task', id);
  return task;
}

/**
 * Checks that the area, party and trajectory a draft names exist, with a 400 per field: the
 * foreign keys would refuse them too, but without saying which field is wrong.
 */
export async function assertTaskReferences(db: Executor, draft: TaskDraft): Promise<void> {
  const errors: FieldError[] = [];
  const missing = async (table: 'areas' | 'parties' | 'dike_trajects', id: string) =>
    (await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) === undefined;
  if (await missing('areas', draft.areaId)) {
    errors.push({ in: 'body', pointer: '/areaId', message: `area '${draft.areaId}' does not exist` });
  }
  if (await missing('parties', draft.partyId)) {
    errors.push({ in: 'body', pointer: '/partyId', message: `party '${draft.partyId}' does not exist` });
  }
  if (draft.dikeTrajectId !== null && (await missing('dike_trajects', draft.dikeTrajectId))) {
    errors.push({
      in: 'body',
      pointer: '/dikeTrajectId',
      message: `dike traject '${draft.dikeTrajectId}' is not in the national table`,
    });
  }
  if (errors.length > 0) throw new DomainError('validation', 'the task refers to records that do not exist', errors);
  // A taken externalRef is the unique constraint's to refuse, also between processes.
}

async function insertPhases(db: Executor, taskId: string, phases: readonly Phase[]): Promise<void> {
  await db
    .insertInto('task_phases')
    .values(phases.map((phase) => ({ task_id: taskId, kind: phase.kind, start_month: phase.start, end_month: phase.end })))
    .execute();
}

/** Inserts a validated draft with its phases and audits it. Run inside a transaction. */
export async function insertTask(db: Executor, draft: TaskDraft, context: WriteContext): Promise<Task> {
  await assertTaskReferences(db, draft);
  const id = randomUUID();
  const { now, actor } = context;
  await db
    .insertInto('tasks')
    .values({ id, ...draftColumns(draft), version: 1, created_at: now, created_by: actor.id, updated_at: now, updated_by: actor.id })
    .execute();
  await insertPhases(db, id, draft.phases);
  const task = await getTask(db, id);
  await recordAudit(db, context, { entityType: 'task', entityId: id, action: 'create', before: null, after: task });
  await followTaskWrite(db, context, null, task);
  return task;
}

/**
 * Replaces a task's fields and phases and bumps its version, but only if it is still at
 * `expectedVersion`: a concurrent change in between is a failed precondition, not an overwrite.
 * Run inside a transaction.
 */
export async function updateTask(db: Executor, existing: Task, draft: TaskDraft, context: WriteContext): Promise<Task> {
  await assertTaskReferences(db, draft);
  const result = await db
    .updateTable('tasks')
    .set((eb) => ({ ...draftColumns(draft), version: eb('version', '+', 1), updated_at: context.now, updated_by: context.actor.id }))
    .where('id', '=', existing.id)
    .where('version', '=', existing.version)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) {
    throw new DomainError('precondition_failed', `task '${existing.id}' was changed by someone else in the meantime`);
  }
  await db.deleteFrom('task_phases').where('task_id', '=', existing.id).execute();
  await insertPhases(db, existing.id, draft.phases);
  const task = await getTask(db, existing.id);
  await recordAudit(db, context, { entityType: 'task', entityId: task.id, action: 'update', before: existing, after: task });
  await followTaskWrite(db, context, existing, task);
  return task;
}

export async function deleteTask(db: Executor, existing: Task, context: WriteContext): Promise<void> {
  await db.deleteFrom('task_phases').where('task_id', '=', existing.id).execute();
  const result = await db
    .deleteFrom('tasks')
    .where('id', '=', existing.id)
    .where('version', '=', existing.version)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) {
    throw new DomainError('precondition_failed', `task '${existing.id}' was changed by someone else in the meantime`);
  }
  await recordAudit(db, context, { entityType: 'task', entityId: existing.id, action: 'delete', before: existing, after: null });
  await followTaskWrite(db, context, existing, null);
}

export async function countTasks(db: Executor): Promise<number> {
  const { count } = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}
