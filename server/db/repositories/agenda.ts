import { randomUUID } from 'node:crypto';
import { DomainError, notFound } from '../../domain/errors.js';
import type { AgendaComment, AgendaItem, AgendaLink, AgendaStatus } from '../../domain/proposals.js';
import type { Executor } from '../database.js';
import type { AgendaItemRow } from '../schema.js';
import { recordAreaEvent } from './area-events.js';
import { recordAudit, type WriteContext } from './audit.js';

function linkColumns(link: AgendaLink): { kind: string; ref: string; other_ref: string } {
  if (link.kind === 'task') return { kind: 'task', ref: link.taskId, other_ref: '' };
  if (link.kind === 'pair') return { kind: 'pair', ref: link.dikeTaskId, other_ref: link.otherTaskId };
  return { kind: 'proposal', ref: link.proposalId, other_ref: '' };
}

function linkOf(row: { kind: string; ref: string; other_ref: string }): AgendaLink {
  if (row.kind === 'task') return { kind: 'task', taskId: row.ref };
  if (row.kind === 'pair') return { kind: 'pair', dikeTaskId: row.ref, otherTaskId: row.other_ref };
  return { kind: 'proposal', proposalId: row.ref };
}

async function withDetails(db: Executor, rows: readonly AgendaItemRow[]): Promise<AgendaItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [links, comments] = await Promise.all([
    db.selectFrom('agenda_links').selectAll().where('item_id', 'in', ids).orderBy('kind').orderBy('ref').orderBy('other_ref').execute(),
    db.selectFrom('agenda_comments').selectAll().where('item_id', 'in', ids).orderBy('created_at').orderBy('id').execute(),
  ]);
  return rows.map((row) => ({
    id: row.id,
    areaId: row.area_id,
    title: row.title,
    text: row.text,
    ownerPartyId: row.owner_party_id,
    status: row.status as AgendaStatus,
    decision: row.decision,
    decidedSnapshotId: row.decided_snapshot_id,
    decidedAt: row.decided_at,
    links: links.filter((link) => link.item_id === row.id).map(linkOf),
    comments: comments
      .filter((comment) => comment.item_id === row.id)
      .map((comment): AgendaComment => ({
        id: comment.id,
        text: comment.text,
        author: { id: comment.author_id, label: comment.author_label, partyId: comment.author_party_id },
        createdAt: comment.created_at,
      })),
    createdBy: { id: row.created_by, label: row.created_by_label },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  }));
}

export async function getAgendaItem(db: Executor, id: string): Promise<AgendaItem> {
  const row = await db.selectFrom('agenda_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('agenda item', id);
  return (await withDetails(db, [row]))[0]!;
}

/** An area's agenda in the order its items were put on it. */
export async function listAgenda(db: Executor, areaId: string): Promise<AgendaItem[]> {
  return withDetails(db, await db.selectFrom('agenda_items').selectAll().where('area_id', '=', areaId).orderBy('created_at').orderBy('id').execute());
}

/** The parties with at least one task in the area: their users may add to its agenda. */
export async function partiesWithTasksIn(db: Executor, areaId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('tasks').select('party_id').distinct().where('area_id', '=', areaId).execute();
  return new Set(rows.map((row) => row.party_id));
}

/** 400 per link that names a task, pair or proposal outside this area, and per unknown owner party. */
export async function assertAgendaReferences(db: Executor, areaId: string, fields: { ownerPartyId?: string | null; links?: readonly AgendaLink[] }): Promise<void> {
  const errors: { in: 'body'; pointer: string; message: string }[] = [];
  if (fields.ownerPartyId) {
    const party = await db.selectFrom('parties').select('id').where('id', '=', fields.ownerPartyId).executeTakeFirst();
    if (!party) errors.push({ in: 'body', pointer: '/ownerPartyId', message: `party '${fields.ownerPartyId}' does not exist` });
  }
  const inArea = async (table: 'tasks' | 'proposals', id: string) =>
    (await db.selectFrom(table).select('id').where('id', '=', id).where('area_id', '=', areaId).executeTakeFirst()) !== undefined;
  for (const [index, link] of (fields.links ?? []).entries()) {
    const ids = link.kind === 'task' ? [link.taskId] : link.kind === 'pair' ? [link.dikeTaskId, link.otherTaskId] : [link.proposalId];
    const table = link.kind === 'proposal' ? 'proposals' : 'tasks';
    for (const id of ids) {
      if (!(await inArea(table, id))) errors.push({ in: 'body', pointer: `/links/${index}`, message: `'${id}' is not a ${link.kind === 'proposal' ? 'proposal' : 'task'} of area '${areaId}'` });
    }
  }
  if (errors.length > 0) throw new DomainError('validation', 'the agenda item refers to records outside the area', errors);
}

async function replaceLinks(db: Executor, itemId: string, links: readonly AgendaLink[]): Promise<void> {
  await db.deleteFrom('agenda_links').where('item_id', '=', itemId).execute();
  const unique = new Map(links.map((link) => [JSON.stringify(linkColumns(link)), linkColumns(link)]));
  if (unique.size > 0) await db.insertInto('agenda_links').values([...unique.values()].map((columns) => ({ item_id: itemId, ...columns }))).execute();
}

async function announce(db: Executor, context: WriteContext, item: AgendaItem, change: string): Promise<void> {
  await recordAreaEvent(db, context, item.areaId, 'agenda_changed', { itemId: item.id, title: item.title, status: item.status, change });
}

export interface NewAgendaItem {
  areaId: string;
  title: string;
  text: string | null;
  ownerPartyId: string | null;
  links: AgendaLink[];
}

/** Puts an item on an area's agenda, open; audited and told to the area. Run inside a transaction. */
export async function insertAgendaItem(db: Executor, fields: NewAgendaItem, context: WriteContext): Promise<AgendaItem> {
  await assertAgendaReferences(db, fields.areaId, fields);
  const id = randomUUID();
  await db
    .insertInto('agenda_items')
    .values({
      id,
      area_id: fields.areaId,
      title: fields.title,
      text: fields.text,
      owner_party_id: fields.ownerPartyId,
      status: 'open',
      decision: null,
      decided_snapshot_id: null,
      decided_at: null,
      created_by: context.actor.id,
      created_by_label: context.actor.label,
      created_at: context.now,
      updated_at: context.now,
      version: 1,
    })
    .execute();
  await replaceLinks(db, id, fields.links);
  const item = await getAgendaItem(db, id);
  await recordAudit(db, context, { entityType: 'agenda_item', entityId: id, action: 'create', before: null, after: item });
  await announce(db, context, item, 'created');
  return item;
}

/** What a change of an item writes: its own fields, not its id, comments or bookkeeping. */
export type AgendaItemChange = Pick<AgendaItem, 'title' | 'text' | 'ownerPartyId' | 'status' | 'decision' | 'decidedSnapshotId' | 'decidedAt' | 'links'>;

/** Writes an item's new state and bumps its version; audited and told to the area. Run inside a transaction. */
export async function updateAgendaItem(db: Executor, existing: AgendaItem, change: AgendaItemChange, context: WriteContext): Promise<AgendaItem> {
  await assertAgendaReferences(db, existing.areaId, change);
  await db
    .updateTable('agenda_items')
    .set({
      title: change.title,
      text: change.text,
      owner_party_id: change.ownerPartyId,
      status: change.status,
      decision: change.decision,
      decided_snapshot_id: change.decidedSnapshotId,
      decided_at: change.decidedAt,
      updated_at: context.now,
      version: existing.version + 1,
    })
    .where('id', '=', existing.id)
    .execute();
  await replaceLinks(db, existing.id, change.links);
  const item = await getAgendaItem(db, existing.id);
  await recordAudit(db, context, { entityType: 'agenda_item', entityId: item.id, action: 'update', before: existing, after: item });
  await announce(db, context, item, existing.status === item.status ? 'changed' : item.status);
  return item;
}

/** Adds a comment to an item; audited as a change of the item. Run inside a transaction. */
export async function addAgendaComment(db: Executor, existing: AgendaItem, text: string, context: WriteContext): Promise<AgendaItem> {
  await db
    .insertInto('agenda_comments')
    .values({
      id: randomUUID(),
      item_id: existing.id,
      text,
      author_id: context.actor.id,
      author_label: context.actor.label,
      author_party_id: context.actor.partyId,
      created_at: context.now,
    })
    .execute();
  await db.updateTable('agenda_items').set({ updated_at: context.now, version: existing.version + 1 }).where('id', '=', existing.id).execute();
  const item = await getAgendaItem(db, existing.id);
  await recordAudit(db, context, { entityType: 'agenda_item', entityId: item.id, action: 'update', before: existing, after: item });
  await announce(db, context, item, 'commented');
  return item;
}

/** Takes an item off the agenda; audited. Run inside a transaction. */
export async function deleteAgendaItem(db: Executor, existing: AgendaItem, context: WriteContext): Promise<void> {
  await db.deleteFrom('agenda_items').where('id', '=', existing.id).execute();
  await recordAudit(db, context, { entityType: 'agenda_item', entityId: existing.id, action: 'delete', before: existing, after: null });
  await announce(db, context, existing, 'deleted');
}

/** Whether a snapshot (a meeting) exists and belongs to the area. */
export async function isMeetingOfArea(db: Executor, snapshotId: string, areaId: string): Promise<boolean> {
  return (await db.selectFrom('snapshots').select('id').where('id', '=', snapshotId).where('area_id', '=', areaId).executeTakeFirst()) !== undefined;
}

