import { randomUUID } from 'node:crypto';
import type { MonthIndex } from '../../domain/months.js';
import type { Actor } from '../../domain/permissions.js';
import type { Executor } from '../database.js';
import type { AuditRow } from '../schema.js';

/** Who writes, for which request, at what time: every repository write takes one and audits with it. */
export interface WriteContext {
  actor: Actor;
  requestId: string | null;
  now: string;
  /** The current planning month: writes never move work that started before it (DOMAIN.md, Time). */
  month: MonthIndex;
}

export type AuditEntity = 'task' | 'area' | 'party' | 'user' | 'capacity_rule' | 'scenario' | 'snapshot' | 'share_link' | 'proposal' | 'agenda_item';

/**
 * Appends one audit row. Call it inside the transaction of the change it records, so the
 * change and its trace land together or not at all.
 */
export async function recordAudit(
  db: Executor,
  context: WriteContext,
  entry: { entityType: AuditEntity; entityId: string; action: 'create' | 'update' | 'delete'; before: unknown; after: unknown },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      at: context.now,
      actor_id: context.actor.id,
      actor_label: context.actor.label,
      actor_party_id: context.actor.partyId,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      action: entry.action,
      before_json: entry.before === null ? null : JSON.stringify(entry.before),
      after_json: entry.after === null ? null : JSON.stringify(entry.after),
      request_id: context.requestId,
    })
    .execute();
}

/** An entity's audit rows, oldest first. */
export async function listEntityAudit(db: Executor, entityType: AuditEntity, entityId: string): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}
