import type { Area, PatchAreaBody } from '../../contracts/areas.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Executor } from '../database.js';
import { recordAudit, type WriteContext } from './audit.js';

const areaColumns = ['id', 'name', 'description'] as const;

export async function listAreas(db: Executor): Promise<Area[]> {
  return db.selectFrom('areas').select(areaColumns).orderBy('name').execute();
}

export async function findArea(db: Executor, id: string): Promise<Area | undefined> {
  return db.selectFrom('areas').select(areaColumns).where('id', '=', id).executeTakeFirst();
}

export async function getArea(db: Executor, id: string): Promise<Area> {
  const area = await findArea(db, id);
  if (!area) throw notFound('area', id);
  return area;
}

/** Inserts an area; a taken id is a conflict. Run inside a transaction so check and insert are one. */
export async function insertArea(db: Executor, area: Area, context: WriteContext): Promise<Area> {
  if (await findArea(db, area.id)) throw new DomainError('conflict', `area '${area.id}' already exists`);
  await db.insertInto('areas').values({ ...area, created_at: context.now, updated_at: context.now }).execute();
  await recordAudit(db, context, { entityType: 'area', entityId: area.id, action: 'create', before: null, after: area });
  return area;
}

export async function updateArea(db: Executor, id: string, patch: PatchAreaBody, context: WriteContext): Promise<Area> {
  const before = await getArea(db, id);
  await db
    .updateTable('areas')
    .set({ ...patch, updated_at: context.now })
    .where('id', '=', id)
    .execute();
  const after = await getArea(db, id);
  await recordAudit(db, context, { entityType: 'area', entityId: id, action: 'update', before, after });
  return after;
}
