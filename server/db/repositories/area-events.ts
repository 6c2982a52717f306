import { sql } from 'kysely';
import { databaseKind, type Executor } from '../database.js';
import type { WriteContext } from './audit.js';

/** What an area's live screens hear about (issue 17). */
export const AREA_EVENT_KINDS = ['task_created', 'task_changed', 'task_deleted', 'proposal_made', 'proposal_decided', 'agenda_changed'] as const;
export type AreaEventKind = (typeof AREA_EVENT_KINDS)[number];

export interface AreaEvent {
  areaId: string;
  /** Increasing per area: the event stream's id, what a reconnecting client replays after. */
  seq: number;
  kind: AreaEventKind;
  at: string;
  actorLabel: string;
  actorPartyId: string | null;
  /** What changed, by id and title: enough to say it and to reload just that. */
  payload: Record<string, unknown>;
}

/** Events are kept at least a day (DOMAIN-wise 24 hours); older ones leave as the area is written to. */
export const AREA_EVENT_RETENTION_MS = 48 * 60 * 60 * 1000;

/** The PostgreSQL channel every app process listens on; the payload is the area id. */
export const AREA_EVENTS_CHANNEL = 'area_events';

/**
 * Appends one event to an area's log, numbered after the last (the head row is locked until the
 * transaction ends, so the area's events commit in number order), and drops the area's events
 * older than the retention. On PostgreSQL the other processes hear of it when it commits. Run
 * inside the transaction of the change it reports.
 */
export async function recordAreaEvent(db: Executor, context: WriteContext, areaId: string, kind: AreaEventKind, payload: Record<string, unknown>): Promise<number> {
  const head = await db
    .insertInto('area_event_heads')
    .values({ area_id: areaId, last_seq: 1 })
    .onConflict((conflict) => conflict.column('area_id').doUpdateSet((eb) => ({ last_seq: eb('area_event_heads.last_seq', '+', 1) })))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('area_events')
    .values({
      area_id: areaId,
      seq: head.last_seq,
      kind,
      at: context.now,
      actor_label: context.actor.label,
      actor_party_id: context.actor.partyId,
      payload_json: JSON.stringify(payload),
    })
    .execute();
  const cutoff = new Date(Date.parse(context.now) - AREA_EVENT_RETENTION_MS).toISOString();
  await db.deleteFrom('area_events').where('area_id', '=', areaId).where('at', '<', cutoff).execute();
  // NOTIFY is delivered when (and only if) the transaction commits.
  if (databaseKind(db) === 'postgres') await sql`select pg_notify(${AREA_EVENTS_CHANNEL}, ${areaId})`.execute(db);
  return head.last_seq;
}

/** An area's events after `afterSeq`, oldest first, at most `limit`. */
export async function listAreaEventsAfter(db: Executor, areaId: string, afterSeq: number, limit = 500): Promise<AreaEvent[]> {
  const rows = await db.selectFrom('area_events').selectAll().where('area_id', '=', areaId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((row) => ({
    areaId: row.area_id,
    seq: row.seq,
    kind: row.kind as AreaEventKind,
    at: row.at,
    actorLabel: row.actor_label,
    actorPartyId: row.actor_party_id,
    payload: JSON.parse(row.payload_json) as Record<string, unknown>,
  }));
}

/** The area's last event number (0 before its first) and its oldest kept one (null when none is kept). */
export async function areaEventBounds(db: Executor, areaId: string): Promise<{ last: number; oldestKept: number | null }> {
  const [head, oldest] = await Promise.all([
    db.selectFrom('area_event_heads').select('last_seq').where('area_id', '=', areaId).executeTakeFirst(),
    db
      .selectFrom('area_events')
      .select((eb) => eb.fn.min<number>('seq').as('seq'))
      .where('area_id', '=', areaId)
      .executeTakeFirst(),
  ]);
  return { last: head?.last_seq ?? 0, oldestKept: oldest?.seq ?? null };
}
