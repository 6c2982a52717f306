import type { DikeTraject } from '../../contracts/dike-trajects.js';
import { notFound } from '../../domain/errors.js';
import { normFromReturnPeriod } from '../../domain/norms.js';
import type { Executor } from '../database.js';
import type { DikeTrajectRow } from '../schema.js';

function toDikeTraject(row: DikeTrajectRow): DikeTraject {
  return {
    id: row.id,
    dijkring: row.dijkring,
    normType: row.norm_type,
    signalingValue: normFromReturnPeriod(row.signaling_return_period_years),
    lowerLimit: normFromReturnPeriod(row.lower_limit_return_period_years),
    lengthKm: row.length_km,
    type: row.type,
    waterBoards: JSON.parse(row.water_boards) as string[],
    nbpwVersion: row.nbpw_version,
    registeredOn: row.registered_on,
    remark: row.remark,
  };
}

export async function listDikeTrajects(db: Executor): Promise<DikeTraject[]> {
  const rows = await db.selectFrom('dike_trajects').selectAll().execute();
  // National ids sort by dike ring number first ("2-1" before "13-1"), as planners read them.
  return rows.map(toDikeTraject).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

export async function getDikeTraject(db: Executor, id: string): Promise<DikeTraject> {
  const row = await db.selectFrom('dike_trajects').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('dike traject', id);
  return toDikeTraject(row);
}

/** Inserts or refreshes the national table; the source is authoritative for every row it holds. */
export async function upsertDikeTrajects(db: Executor, rows: DikeTrajectRow[]): Promise<void> {
  for (const row of rows) {
    const { id, ...rest } = row;
    await db
      .insertInto('dike_trajects')
      .values(row)
      .onConflict((conflict) => conflict.column('id').doUpdateSet(rest))
      .execute();
  }
}
