import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaParams } from '../../contracts/areas.js';
import {
  CreateTaskBody,
  TaskHistorySchema,
  TaskInput,
  TaskListQuery,
  TaskParams,
  TaskPatch,
  TaskSchema,
  toTaskDraft,
  toTaskHistory,
  toTaskInput,
  toTaskResponse,
} from '../../contracts/tasks.js';
import { getArea } from '../../db/repositories/areas.js';
import { listEntityAudit } from '../../db/repositories/audit.js';
import { deleteTask, getTask, insertTask, listAreaTasks, updateTask } from '../../db/repositories/tasks.js';
import { DomainError } from '../../domain/errors.js';
import { assertCanEditPartyTasks, resolveTaskParty } from '../../domain/permissions.js';
import type { Task } from '../../domain/tasks.js';
import { actorOf, writeContext } from '../context.js';
import { fieldErrorsFromZod } from '../problem.js';
import { withProblems } from './schemas.js';
import { writeTransaction } from '../../db/database.js';

function etagOf(task: Task): string {
  return `"${task.version}"`;
}

function withEtag(reply: FastifyReply, task: Task) {
  reply.header('etag', etagOf(task));
  return toTaskResponse(task);
}

/**
 * Optimistic concurrency: a change must name the version it was based on. Missing is 428;
 * stale is 412 with the current task, so the client can show both versions.
 */
function assertIfMatch(request: FastifyRequest, task: Task): void {
  const ifMatch = request.headers['if-match'];
  if (ifMatch === undefined) {
    throw new DomainError('precondition_required', 'send If-Match with the ETag of the version you changed');
  }
  const versions = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!versions.includes(etagOf(task))) {
    throw new DomainError('precondition_failed', `task '${task.id}' was changed in the meantime (now version ${task.version})`, undefined, {
      current: toTaskResponse(task),
    });
  }
}

export async function taskRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/areas/:areaId/tasks',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['tasks'],
        summary: "An area's tasks of every party, optionally filtered",
        params: AreaParams,
        querystring: TaskListQuery,
        response: withProblems({ 200: z.array(TaskSchema) }, 400, 401, 404),
      },
    },
    async (request) => {
      await getArea(app.db, request.params.areaId);
      const tasks = await listAreaTasks(app.db, request.params.areaId, request.query);
      return tasks.map(toTaskResponse);
    },
  );

  app.post(
    '/api/tasks',
    {
      config: { access: 'edit_tasks' },
      schema: {
        tags: ['tasks'],
        summary: "Add a task to an area; partyId defaults to the user's own party",
        body: CreateTaskBody,
        response: withProblems({ 201: TaskSchema }, 400, 401, 403, 409),
      },
    },
    async (request, reply) => {
      const partyId = resolveTaskParty(actorOf(request), request.body.partyId);
      const draft = toTaskDraft({ ...request.body, partyId });
      const task = await writeTransaction(app.db, (trx) => insertTask(trx, draft, writeContext(request)));
      reply.code(201).header('location', `/api/tasks/${task.id}`);
      return withEtag(reply, task);
    },
  );

  app.get(
    '/api/tasks/:taskId',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['tasks'],
        summary: 'One task, with its version as ETag',
        params: TaskParams,
        response: withProblems({ 200: TaskSchema }, 400, 401, 404),
      },
    },
    async (request, reply) => withEtag(reply, await getTask(app.db, request.params.taskId)),
  );

  app.patch(
    '/api/tasks/:taskId',
    {
      config: { access: 'edit_tasks' },
      schema: {
        tags: ['tasks'],
        summary: 'Change some fields of a task (If-Match required); the result is validated as a whole',
        params: TaskParams,
        headers: z.object({ 'if-match': z.string().max(200).optional() }),
        body: TaskPatch,
        response: withProblems({ 200: TaskSchema }, 400, 401, 403, 404, 409, 412, 428),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const task = await writeTransaction(app.db, async (trx) => {
        const existing = await getTask(trx, request.params.taskId);
        assertCanEditPartyTasks(actor, existing.partyId);
        assertIfMatch(request, existing);
        const merged = TaskInput.safeParse({ ...toTaskInput(existing), ...request.body });
        if (!merged.success) {
          throw new DomainError('validation', 'the changed task is not valid', fieldErrorsFromZod(merged.error.issues, 'body'));
        }
        const draft = toTaskDraft(merged.data);
        assertCanEditPartyTasks(actor, draft.partyId);
        return updateTask(trx, existing, draft, writeContext(request));
      });
      return withEtag(reply, task);
    },
  );

  app.delete(
    '/api/tasks/:taskId',
    {
      config: { access: 'edit_tasks' },
      schema: {
        tags: ['tasks'],
        summary: 'Delete a task (If-Match required)',
        params: TaskParams,
        headers: z.object({ 'if-match': z.string().max(200).optional() }),
        response: withProblems({ 204: z.null() }, 400, 401, 403, 404, 412, 428),
      },
    },
    async (request, reply) => {
      await writeTransaction(app.db, async (trx) => {
        const existing = await getTask(trx, request.params.taskId);
        assertCanEditPartyTasks(actorOf(request), existing.partyId);
        assertIfMatch(request, existing);
        await deleteTask(trx, existing, writeContext(request));
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/tasks/:taskId/history',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['tasks'],
        summary: "A task's changes: who, when, and which fields from what to what (kept after deletion)",
        params: TaskParams,
        response: withProblems({ 200: TaskHistorySchema }, 400, 401, 404),
      },
    },
    async (request) => {
      const rows = await listEntityAudit(app.db, 'task', request.params.taskId);
      if (rows.length === 0) await getTask(app.db, request.params.taskId);
      return toTaskHistory(rows);
    },
  );
}
