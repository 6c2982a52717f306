import type { MonthIndex } from '../domain/months.js';
import { TaskInput, toTaskDraft, toTaskInput, toTaskResponse, type CreateTaskBody, type TaskListQuery, type TaskPatch } from '../contracts/tasks.js';
import { type Db, type Executor, writeTransaction } from '../db/database.js';
import { listEntityAudit, type WriteContext } from '../db/repositories/audit.js';
import { getArea, getVersionedArea } from '../db/repositories/areas.js';
import { deleteTask, getTask, insertTask, listAreaTasks, updateTask } from '../db/repositories/tasks.js';
import type { AuditRow } from '../db/schema.js';
import { DomainError, fieldErrorsFromZod } from '../domain/errors.js';
import { userMessage } from '../domain/messages.js';
import { assertCanEditPartyTasks, resolveTaskParty } from '../domain/permissions.js';
import type { Task } from '../domain/tasks.js';

export { getTask } from '../db/repositories/tasks.js';

/**
 * Optimistic concurrency: a change must name the versions it was based on (`undefined`: none
 * named, 428); a stale one is 412 with the current task, so the client can show both versions.
 */
function assertBasedOn(task: Task, versions: readonly number[] | undefined, month: MonthIndex): void {
  if (versions === undefined) {
    throw new DomainError('precondition_required', 'send If-Match with the ETag of the version you changed');
  }
  if (!versions.includes(task.version)) {
    throw new DomainError('precondition_failed', `task '${task.id}' was changed in the meantime (now version ${task.version})`, {
      extensions: { current: toTaskResponse(task, month) },
      userMessage: userMessage('task_changed_meanwhile', { title: task.title, version: task.version }),
    });
  }
}

/** An area's tasks of every party, optionally filtered. */
export async function areaTasks(db: Executor, areaId: string, filters: TaskListQuery): Promise<Task[]> {
  await getArea(db, areaId);
  return listAreaTasks(db, areaId, filters);
}

/** How many changes an area's tasks have seen: answers built from them are kept per this number. */
export async function areaDataVersion(db: Executor, areaId: string): Promise<number> {
  return (await getVersionedArea(db, areaId)).dataVersion;
}

/** Adds a task; its party defaults to the actor's own, and naming another is for admins. */
export async function createTask(db: Db, caller: WriteContext, body: CreateTaskBody): Promise<Task> {
  const partyId = resolveTaskParty(caller.actor, body.partyId);
  const draft = toTaskDraft({ ...body, partyId });
  return writeTransaction(db, (trx) => insertTask(trx, draft, caller));
}

/** Changes some fields of a task based on one of `basedOn` (its versions); the result is validated as a whole. */
export async function changeTask(db: Db, caller: WriteContext, taskId: string, patch: TaskPatch, basedOn: readonly number[] | undefined): Promise<Task> {
  return writeTransaction(db, async (trx) => {
    const existing = await getTask(trx, taskId);
    assertCanEditPartyTasks(caller.actor, existing.partyId);
    assertBasedOn(existing, basedOn, caller.month);
    const merged = TaskInput.safeParse({ ...toTaskInput(existing), ...patch });
    if (!merged.success) {
      throw new DomainError('validation', 'the changed task is not valid', fieldErrorsFromZod(merged.error.issues, 'body'));
    }
    const draft = toTaskDraft(merged.data);
    assertCanEditPartyTasks(caller.actor, draft.partyId);
    return updateTask(trx, existing, draft, caller);
  });
}

/** Deletes a task based on one of `basedOn` (its versions). */
export async function removeTask(db: Db, caller: WriteContext, taskId: string, basedOn: readonly number[] | undefined): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const existing = await getTask(trx, taskId);
    assertCanEditPartyTasks(caller.actor, existing.partyId);
    assertBasedOn(existing, basedOn, caller.month);
    await deleteTask(trx, existing, caller);
  });
}

/** A task's audit rows, kept after its deletion; a task that never existed is not found. */
export async function taskHistory(db: Executor, taskId: string): Promise<AuditRow[]> {
  const rows = await listEntityAudit(db, 'task', taskId);
  if (rows.length === 0) await getTask(db, taskId);
  return rows;
}
