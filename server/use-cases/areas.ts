import type { Area, AreaDirector, PatchAreaBody } from '../contracts/areas.js';
import { type Db, type Executor, writeTransaction } from '../db/database.js';
import { assertActorDirectsArea, getArea, insertArea, listAreaDirectors, setAreaDirectors, updateArea } from '../db/repositories/areas.js';
import type { WriteContext } from '../db/repositories/audit.js';

export { getArea, listAreas } from '../db/repositories/areas.js';

/** Adds an area; a director who opens one directs it. */
export async function createArea(db: Db, caller: WriteContext, area: Area): Promise<Area> {
  return writeTransaction(db, (trx) => insertArea(trx, area, caller));
}

/** Changes an area's name or description: its own directors and admins. */
export async function changeArea(db: Db, caller: WriteContext, areaId: string, patch: PatchAreaBody): Promise<Area> {
  return writeTransaction(db, async (trx) => {
    await getArea(trx, areaId);
    await assertActorDirectsArea(trx, caller.actor, areaId);
    return updateArea(trx, areaId, patch, caller);
  });
}

export async function areaDirectors(db: Executor, areaId: string): Promise<AreaDirector[]> {
  await getArea(db, areaId);
  return listAreaDirectors(db, areaId);
}

/** Makes exactly these users (each an area director) the area's directors; audited. */
export async function assignAreaDirectors(db: Db, caller: WriteContext, areaId: string, userIds: readonly string[]): Promise<AreaDirector[]> {
  return writeTransaction(db, (trx) => setAreaDirectors(trx, areaId, userIds, caller));
}
