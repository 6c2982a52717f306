import { sql } from 'kysely';
import type { Programme, SoilType, Task, TaskKind } from '../../domain/tasks.js';
import type { Executor } from '../database.js';
import { phasesByTask, windowOf } from './tasks.js';

/**
 * What the programme page and the national overview need of a task: the detector's fields, the
 * programme figures' fields, and what the answers name. No description, geometry or audit
 * columns: at national scale (50,000 tasks) those would be most of the bytes read.
 */
export type PlanningTask = Pick<
  Task,
  | 'id'
  | 'areaId'
  | 'partyId'
  | 'programme'
  | 'kind'
  | 'title'
  | 'dikeTrajectId'
  | 'urgencyRank'
  | 'phases'
  | 'window'
  | 'soilSupplyM3'
  | 'soilDemandM3'
  | 'soilType'
  | 'lengthKm'
  | 'costEur'
  | 'status'
>;

/**
 * One cheap read of everything the overview's cache key rests on: the areas' task-data versions
 * (bumped by a trigger on every task write, from any process), their count, and the newest
 * change to an area or a party row (a rename or a new party changes no data version).
 */
export interface DataStamp {
  areaCount: number;
  versionSum: number;
  areasUpdatedAt: string | null;
  partyCount: number;
  partiesUpdatedAt: string | null;
}

export async function readDataStamp(db: Executor): Promise<DataStamp> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('areas').select((inner) => inner.fn.countAll().as('n')).as('areaCount'),
      eb.selectFrom('areas').select((inner) => inner.fn.coalesce(inner.fn.sum('data_version'), sql.lit(0)).as('s')).as('versionSum'),
      eb.selectFrom('areas').select((inner) => inner.fn.max('updated_at').as('u')).as('areasUpdatedAt'),
      eb.selectFrom('parties').select((inner) => inner.fn.countAll().as('n')).as('partyCount'),
      eb.selectFrom('parties').select((inner) => inner.fn.max('updated_at').as('u')).as('partiesUpdatedAt'),
    ])
    .executeTakeFirstOrThrow();
  // PostgreSQL answers count and sum as bigint text.
  return {
    areaCount: Number(row.areaCount ?? 0),
    versionSum: Number(row.versionSum ?? 0),
    areasUpdatedAt: (row.areasUpdatedAt as string | null) ?? null,
    partyCount: Number(row.partyCount ?? 0),
    partiesUpdatedAt: (row.partiesUpdatedAt as string | null) ?? null,
  };
}

/** Areas per statement: keeps the bound parameters far below SQLite's limit. */
const AREA_CHUNK = 400;

/**
 * The planning tasks of the given areas (all areas when `areaIds` is null), with their phases,
 * in two statements per chunk of areas: the task rows, then their phases by a join.
 */
export async function listPlanningTasks(db: Executor, areaIds: readonly string[] | null): Promise<PlanningTask[]> {
  const chunks: (readonly string[] | null)[] = [];
  if (areaIds === null) chunks.push(null);
  else for (let offset = 0; offset < areaIds.length; offset += AREA_CHUNK) chunks.push(areaIds.slice(offset, offset + AREA_CHUNK));
  const tasks: PlanningTask[] = [];
  for (const chunk of chunks) {
    if (chunk !== null && chunk.length === 0) continue;
    let taskQuery = db
      .selectFrom('tasks')
      .select([
        'id',
        'area_id',
        'party_id',
        'programme',
        'kind',
        'title',
        'dike_traject_id',
        'urgency_rank',
        'window_earliest_start',
        'window_latest_end',
        'soil_supply_m3',
        'soil_demand_m3',
        'soil_type',
        'length_km',
        'cost_eur',
        'status',
      ]);
    let phaseQuery = db
      .selectFrom('task_phases')
      .innerJoin('tasks', 'tasks.id', 'task_phases.task_id')
      .select(['task_phases.task_id', 'task_phases.kind', 'task_phases.start_month', 'task_phases.end_month']);
    if (chunk !== null) {
      taskQuery = taskQuery.where('area_id', 'in', [...chunk]);
      phaseQuery = phaseQuery.where('tasks.area_id', 'in', [...chunk]);
    }
    const [rows, phaseRows] = [await taskQuery.execute(), await phaseQuery.execute()];
    const phases = phasesByTask(phaseRows);
    for (const row of rows) {
      tasks.push({
        id: row.id,
        areaId: row.area_id,
        partyId: row.party_id,
        programme: row.programme as Programme,
        kind: row.kind as TaskKind,
        title: row.title,
        dikeTrajectId: row.dike_traject_id,
        urgencyRank: row.urgency_rank,
        phases: phases.get(row.id) ?? [],
        window: windowOf(row),
        soilSupplyM3: Number(row.soil_supply_m3),
        soilDemandM3: Number(row.soil_demand_m3),
        soilType: row.soil_type as SoilType | null,
        lengthKm: row.length_km === null ? null : Number(row.length_km),
        costEur: row.cost_eur === null ? null : Number(row.cost_eur),
        status: row.status,
      });
    }
  }
  return tasks;
}
