import { randomUUID } from 'node:crypto';
import type { ScenarioMove, ScenarioResponse } from '../../contracts/scenarios.js';
import type { ShiftMove } from '../../domain/alignment.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Executor } from '../database.js';
import { recordAudit, type WriteContext } from './audit.js';

type Scenario = ScenarioResponse;

async function movesOf(db: Executor, scenarioId: string): Promise<ScenarioMove[]> {
  const rows = await db
    .selectFrom('scenario_moves')
    .select(['task_id', 'shift_months', 'task_version'])
    .where('scenario_id', '=', scenarioId)
    .orderBy('task_id')
    .execute();
  return rows.map((row) => ({ taskId: row.task_id, shiftMonths: row.shift_months, taskVersion: row.task_version }));
}

export async function getScenario(db: Executor, id: string): Promise<Scenario> {
  const row = await db.selectFrom('scenarios').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('scenario', id);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    areaId: row.area_id,
    partyId: row.party_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    appliedAt: row.applied_at,
    moves: await movesOf(db, id),
  };
}

/**
 * Scenarios, newest first; of one area: its own, and those of no area (a programme's plan) that
 * move a task in it, so the area's timeline can open them too.
 */
export async function listScenarios(db: Executor, areaId?: string): Promise<Scenario[]> {
  let query = db.selectFrom('scenarios').select('id').orderBy('created_at', 'desc');
  if (areaId) {
    query = query.where((eb) =>
      eb.or([
        eb('scenarios.area_id', '=', areaId),
        eb.and([
          eb('scenarios.area_id', 'is', null),
          eb.exists(
            eb
              .selectFrom('scenario_moves')
              .innerJoin('tasks', 'tasks.id', 'scenario_moves.task_id')
              .select('scenario_moves.task_id')
              .whereRef('scenario_moves.scenario_id', '=', 'scenarios.id')
              .where('tasks.area_id', '=', areaId),
          ),
        ]),
      ]),
    );
  }
  const ids = await query.execute();
  return Promise.all(ids.map((row) => getScenario(db, row.id)));
}

export async function insertScenario(
  db: Executor,
  fields: { name: string; description: string | null; areaId: string | null },
  context: WriteContext,
): Promise<Scenario> {
  if (fields.areaId && !(await db.selectFrom('areas').select('id').where('id', '=', fields.areaId).executeTakeFirst())) {
    throw new DomainError('validation', 'the scenario refers to an area that does not exist', [
      { in: 'body', pointer: '/areaId', message: `area '${fields.areaId}' does not exist` },
    ]);
  }
  const id = randomUUID();
  await db
    .insertInto('scenarios')
    .values({
      id,
      name: fields.name,
      description: fields.description,
      area_id: fields.areaId,
      party_id: context.actor.partyId,
      created_by: context.actor.id,
      created_at: context.now,
      updated_at: context.now,
      applied_at: null,
      applied_by: null,
    })
    .execute();
  return getScenario(db, id);
}

export async function updateScenario(db: Executor, id: string, patch: { name?: string; description?: string | null }, now: string): Promise<Scenario> {
  await db.updateTable('scenarios').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
  return getScenario(db, id);
}

/**
 * Replaces the scenario's moves; every task must exist. A move that stays as it was keeps the
 * task version it was set at; a new or changed move records the task's version now. Run
 * inside a transaction.
 */
export async function replaceMoves(db: Executor, id: string, moves: readonly ShiftMove[], now: string): Promise<Scenario> {
  const versions = new Map<string, number>();
  if (moves.length > 0) {
    const rows = await db.selectFrom('tasks').select(['id', 'version']).where('id', 'in', moves.map((move) => move.taskId)).execute();
    for (const row of rows) versions.set(row.id, row.version);
    const errors = moves.flatMap((move, index) =>
      versions.has(move.taskId) ? [] : [{ in: 'body' as const, pointer: `/${index}/taskId`, message: `task '${move.taskId}' does not exist` }],
    );
    if (errors.length > 0) throw new DomainError('validation', 'a move refers to a task that does not exist', errors);
  }
  const previous = new Map((await movesOf(db, id)).map((move) => [move.taskId, move]));
  await db.deleteFrom('scenario_moves').where('scenario_id', '=', id).execute();
  if (moves.length > 0) {
    await db
      .insertInto('scenario_moves')
      .values(
        moves.map((move) => {
          const kept = previous.get(move.taskId);
          const taskVersion = kept && kept.shiftMonths === move.shiftMonths ? kept.taskVersion : versions.get(move.taskId)!;
          return { scenario_id: id, task_id: move.taskId, shift_months: move.shiftMonths, task_version: taskVersion };
        }),
      )
      .execute();
  }
  await db.updateTable('scenarios').set({ updated_at: now }).where('id', '=', id).execute();
  return getScenario(db, id);
}

/** Takes every move as set against the tasks as they are now: after the planner re-evaluated. */
export async function rebaseMoves(db: Executor, id: string, now: string): Promise<Scenario> {
  await db
    .updateTable('scenario_moves')
    .set((eb) => ({ task_version: eb.selectFrom('tasks').select('tasks.version').whereRef('tasks.id', '=', 'scenario_moves.task_id') }))
    .where('scenario_id', '=', id)
    .execute();
  await db.updateTable('scenarios').set({ updated_at: now }).where('id', '=', id).execute();
  return getScenario(db, id);
}

export async function deleteScenario(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('scenario_moves').where('scenario_id', '=', id).execute();
  await db.deleteFrom('scenarios').where('id', '=', id).execute();
}

export async function markApplied(db: Executor, id: string, context: WriteContext): Promise<Scenario> {
  await db.updateTable('scenarios').set({ applied_at: context.now, applied_by: context.actor.id, updated_at: context.now }).where('id', '=', id).execute();
  const scenario = await getScenario(db, id);
  await recordAudit(db, context, { entityType: 'scenario', entityId: id, action: 'update', before: null, after: { appliedAt: scenario.appliedAt, moves: scenario.moves } });
  return scenario;
}
