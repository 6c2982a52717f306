import type { Executor } from '../database.js';
import type { PlansTable } from '../schema.js';

export type PlanRow = PlansTable;

export async function insertPlanRow(db: Executor, row: PlanRow): Promise<void> {
  await db.insertInto('plans').values(row).execute();
}

export async function findPlanRow(db: Executor, id: string): Promise<PlanRow | undefined> {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records how a solve ended; only a plan still `solving` changes (a cancel or a late finish loses). */
export async function finishPlanRow(
  db: Executor,
  id: string,
  fields: { status: string; resultJson: string | null; scenarioId: string | null; finishedAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('plans')
    .set({ status: fields.status, result_json: fields.resultJson, scenario_id: fields.scenarioId, finished_at: fields.finishedAt })
    .where('id', '=', id)
    .where('status', '=', 'solving')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The areas where a party has tasks: a party plan's scope. */
export async function listPartyAreaIds(db: Executor, partyId: string): Promise<string[]> {
  const rows = await db.selectFrom('tasks').select('area_id').distinct().where('party_id', '=', partyId).orderBy('area_id').execute();
  return rows.map((row) => row.area_id);
}
