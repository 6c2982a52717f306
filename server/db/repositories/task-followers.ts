import { scheduleChanged } from '../../domain/proposals.js';
import type { Task } from '../../domain/tasks.js';
import type { Executor } from '../database.js';
import { recordAreaEvent } from './area-events.js';
import type { WriteContext } from './audit.js';
import { supersedeOpenProposals } from './proposals.js';

/**
 * What follows every write of a task, in its transaction, whichever way it came (form, import,
 * scenario, accepted proposal): its open proposals are superseded when its phases or window
 * changed or it was deleted, and the areas it was or is in hear of it.
 */
export async function followTaskWrite(db: Executor, context: WriteContext, before: Task | null, after: Task | null): Promise<void> {
  if (before && (!after || scheduleChanged(before, after))) await supersedeOpenProposals(db, before.id, context);
  const kind = !before ? 'task_created' : !after ? 'task_deleted' : 'task_changed';
  const task = (after ?? before)!;
  for (const areaId of new Set([before?.areaId, after?.areaId].filter((id): id is string => id !== undefined))) {
    await recordAreaEvent(db, context, areaId, kind, { taskId: task.id, title: task.title, partyId: task.partyId, version: after?.version ?? null });
  }
}
