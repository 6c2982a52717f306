import { randomUUID } from 'node:crypto';
import { readStoredSnapshotContent, StoredSnapshotContentError, toStoredSnapshotContent } from '../../contracts/snapshot-content/index.js';
import type { Snapshot, SnapshotContent, SnapshotSummary } from '../../contracts/snapshots.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { previousMeeting } from '../../domain/meeting-order.js';
import { userMessage } from '../../domain/messages.js';
import type { Actor } from '../../domain/permissions.js';
import { assertActorDirectsArea } from './areas.js';
import { hashSecret, newSecret } from '../../security/secrets.js';
import type { Executor } from '../database.js';
import { recordAudit, type WriteContext } from './audit.js';

const summaryColumns = [
  'id',
  'area_id as areaId',
  'scenario_id as scenarioId',
  'title',
  'meeting_date as meetingDate',
  'note',
  'created_by as createdBy',
  'created_by_label as createdByLabel',
  'created_at as createdAt',
] as const;

export async function insertSnapshot(
  db: Executor,
  fields: { areaId: string; scenarioId: string | null; title: string; meetingDate: string | null; note: string | null; content: SnapshotContent },
  context: WriteContext,
): Promise<Snapshot> {
  const id = randomUUID();
  await db
    .insertInto('snapshots')
    .values({
      id,
      area_id: fields.areaId,
      scenario_id: fields.scenarioId,
      title: fields.title,
      meeting_date: fields.meetingDate,
      note: fields.note,
      content_json: JSON.stringify(toStoredSnapshotContent(fields.content)),
      created_by: context.actor.id,
      created_by_label: context.actor.label,
      created_at: context.now,
    })
    .execute();
  return getSnapshot(db, id);
}

export async function listSnapshots(db: Executor, areaId?: string): Promise<SnapshotSummary[]> {
  let query = db.selectFrom('snapshots').select(summaryColumns).orderBy('created_at', 'desc').orderBy('id');
  if (areaId) query = query.where('area_id', '=', areaId);
  return query.execute();
}

export async function getSnapshot(db: Executor, id: string): Promise<Snapshot> {
  const row = await db.selectFrom('snapshots').select([...summaryColumns, 'content_json']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('snapshot', id);
  const { content_json, ...summary } = row;
  return { ...summary, content: readStoredSnapshotContent(parseStoredJson(content_json, id), id) };
}

/** The stored text as JSON; a row that is not JSON at all gets the same clear 409 as one of the wrong shape. */
function parseStoredJson(stored: unknown, id: string): unknown {
  if (typeof stored !== 'string') return stored; // a driver that hands JSON columns over parsed
  try {
    return JSON.parse(stored);
  } catch (error) {
    throw new StoredSnapshotContentError(`the stored content of snapshot '${id}' is not valid JSON, so it cannot be read`, null, id, { cause: error });
  }
}

/** A snapshot without its (large) content. */
export function summaryOf({ content: _content, ...summary }: Snapshot): SnapshotSummary {
  return summary;
}

/** The area's snapshot of the meeting before this one: what "since the previous meeting" compares with. */
export async function previousSnapshot(db: Executor, snapshot: SnapshotSummary): Promise<Snapshot | null> {
  const previous = previousMeeting(await listSnapshots(db, snapshot.areaId), snapshot);
  return previous ? getSnapshot(db, previous.id) : null;
}

export async function deleteSnapshot(db: Executor, id: string, context: WriteContext): Promise<void> {
  const snapshot = await getSnapshot(db, id);
  await db.deleteFrom('share_links').where('snapshot_id', '=', id).execute();
  await db.deleteFrom('snapshots').where('id', '=', id).execute();
  await recordAudit(db, context, { entityType: 'snapshot', entityId: id, action: 'delete', before: summaryOf(snapshot), after: null });
}

export interface ShareLink {
  id: string;
  snapshotId: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

const linkColumns = ['id', 'snapshot_id as snapshotId', 'created_at as createdAt', 'expires_at as expiresAt', 'revoked_at as revokedAt'] as const;

/** A read-only link: a 256-bit random token, returned once and stored only as its hash. */
export async function createShareLink(
  db: Executor,
  snapshotId: string,
  expiresAt: string | null,
  context: WriteContext,
): Promise<ShareLink & { token: string }> {
  if (expiresAt !== null && expiresAt <= context.now) {
    throw new DomainError('validation', 'a share link must expire in the future', {
      errors: [{ in: 'body', pointer: '/expiresAt', message: 'choose a moment after now, or none' }],
      userMessage: userMessage('share_link_expiry_past'),
    });
  }
  await getSnapshot(db, snapshotId);
  const token = newSecret('gpl');
  const id = randomUUID();
  await db
    .insertInto('share_links')
    .values({ id, snapshot_id: snapshotId, token_hash: hashSecret(token), created_by: context.actor.id, created_at: context.now, expires_at: expiresAt, revoked_at: null })
    .execute();
  const link: ShareLink = { id, snapshotId, createdAt: context.now, expiresAt, revokedAt: null };
  await recordAudit(db, context, { entityType: 'share_link', entityId: id, action: 'create', before: null, after: link });
  return { ...link, token };
}

export async function listShareLinks(db: Executor, snapshotId: string): Promise<ShareLink[]> {
  return db.selectFrom('share_links').select(linkColumns).where('snapshot_id', '=', snapshotId).orderBy('created_at').execute();
}

export async function getShareLink(db: Executor, linkId: string): Promise<ShareLink> {
  const link = await db.selectFrom('share_links').select(linkColumns).where('id', '=', linkId).executeTakeFirst();
  if (!link) throw notFound('share link', linkId);
  return link;
}

/** Throws `forbidden` unless the actor made the link, directs the snapshot's area, or is an admin. */
async function assertMayRevoke(db: Executor, actor: Actor, linkId: string): Promise<void> {
  const row = await db
    .selectFrom('share_links')
    .innerJoin('snapshots', 'snapshots.id', 'share_links.snapshot_id')
    .select(['share_links.created_by', 'snapshots.area_id'])
    .where('share_links.id', '=', linkId)
    .executeTakeFirst();
  if (!row) throw notFound('share link', linkId);
  if (row.created_by !== actor.id) await assertActorDirectsArea(db, actor, row.area_id);
}

/** Revokes a link (its maker, the area's directors and admins); audited. Run inside a transaction. */
export async function revokeShareLink(db: Executor, linkId: string, context: WriteContext): Promise<void> {
  await assertMayRevoke(db, context.actor, linkId);
  const before = await getShareLink(db, linkId);
  if (before.revokedAt !== null) return;
  await db.updateTable('share_links').set({ revoked_at: context.now }).where('id', '=', linkId).where('revoked_at', 'is', null).execute();
  await recordAudit(db, context, { entityType: 'share_link', entityId: linkId, action: 'update', before, after: await getShareLink(db, linkId) });
}

/** The snapshot a share token opens now, or null when the link is unknown, revoked or expired. */
export async function snapshotIdForToken(db: Executor, token: string, now: string): Promise<string | null> {
  const link = await db
    .selectFrom('share_links')
    .select(['snapshot_id', 'expires_at'])
    .where('token_hash', '=', hashSecret(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!link || (link.expires_at !== null && link.expires_at <= now)) return null;
  return link.snapshot_id;
}

export async function snapshotForToken(db: Executor, token: string, now: string): Promise<Snapshot | null> {
  const snapshotId = await snapshotIdForToken(db, token, now);
  return snapshotId === null ? null : getSnapshot(db, snapshotId);
}
