import type { Area, AreaDirector, PatchAreaBody } from '../../contracts/areas.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { assertDirectsArea, type Actor } from '../../domain/permissions.js';
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

/** An area with the count of changes to its tasks: answers computed from them are kept per this version. */
export type VersionedArea = Area & { dataVersion: number };

export async function listVersionedAreas(db: Executor): Promise<VersionedArea[]> {
  return db.selectFrom('areas').select([...areaColumns, 'data_version as dataVersion']).orderBy('name').execute();
}

export async function getVersionedArea(db: Executor, id: string): Promise<VersionedArea> {
  const area = await db.selectFrom('areas').select([...areaColumns, 'data_version as dataVersion']).where('id', '=', id).executeTakeFirst();
  if (!area) throw notFound('area', id);
  return area;
}

/** Inserts an area; a taken id is a conflict, decided by the primary key. */
export async function insertArea(db: Executor, area: Area, context: WriteContext): Promise<Area> {
  await db.insertInto('areas').values({ ...area, created_at: context.now, updated_at: context.now }).execute();
  // The director who opens an area's table directs it.
  if (context.actor.role === 'area_director') {
    await db.insertInto('area_directors').values({ area_id: area.id, user_id: context.actor.id, assigned_at: context.now }).execute();
  }
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

export async function listAreaDirectors(db: Executor, areaId: string): Promise<AreaDirector[]> {
  return db
    .selectFrom('area_directors')
    .innerJoin('users', 'users.id', 'area_directors.user_id')
    .select(['users.id as userId', 'users.name'])
    .where('area_directors.area_id', '=', areaId)
    .orderBy('users.name')
    .execute();
}

/** Whether the actor is assigned to direct this area (admins need not be). */
export async function isAssignedDirector(db: Executor, actor: Actor, areaId: string): Promise<boolean> {
  const assigned = await db
    .selectFrom('area_directors')
    .select('user_id')
    .where('area_id', '=', areaId)
    .where('user_id', '=', actor.id)
    .executeTakeFirst();
  return assigned !== undefined;
}

/** Throws `forbidden` unless the actor is an admin or a director assigned to this area. */
export async function assertActorDirectsArea(db: Executor, actor: Actor, areaId: string): Promise<void> {
  assertDirectsArea(actor, areaId, await isAssignedDirector(db, actor, areaId));
}

/** Makes exactly these users (each an area director) the area's directors. Run inside a transaction. */
export async function setAreaDirectors(db: Executor, areaId: string, userIds: readonly string[], context: WriteContext): Promise<AreaDirector[]> {
  await getArea(db, areaId);
  const users = userIds.length === 0 ? [] : await db.selectFrom('users').select(['id', 'role']).where('id', 'in', [...userIds]).execute();
  const roles = new Map(users.map((user) => [user.id, user.role]));
  const errors = userIds.flatMap((userId, index) => {
    const role = roles.get(userId);
    if (role === 'area_director') return [];
    const message = role === undefined ? `user '${userId}' does not exist` : `user '${userId}' is not an area director (role ${role})`;
    return [{ in: 'body' as const, pointer: `/userIds/${index}`, message }];
  });
  if (errors.length > 0) throw new DomainError('validation', 'only existing area directors can direct an area', errors);
  const before = await listAreaDirectors(db, areaId);
  await db.deleteFrom('area_directors').where('area_id', '=', areaId).execute();
  if (userIds.length > 0) {
    await db
      .insertInto('area_directors')
      .values(userIds.map((userId) => ({ area_id: areaId, user_id: userId, assigned_at: context.now })))
      .execute();
  }
  const after = await listAreaDirectors(db, areaId);
  await recordAudit(db, context, { entityType: 'area', entityId: areaId, action: 'update', before: { directors: before }, after: { directors: after } });
  return after;
}
