import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaParams } from '../../contracts/areas.js';
import {
  TaskInput,
  TaskListQuery,
  TaskParams,
  TaskPatch,
  TaskSchema,
  toTaskDraft,
  toTaskInput,
  toTaskResponse,
} from '../../contracts/tasks.js';
import { getArea } from '../../db/repositories/areas.js';
import { deleteTask, getTask, insertTask, listAreaTasks, updateTask } from '../../db/repositories/tasks.js';
import { DomainError } from '../../domain/errors.js';
import { assertCanEditPartyTasks } from '../../domain/permissions.js';
import { nowIso } from '../now.js';
import { fieldErrorsFromZod } from '../problem.js';
import { withProblems } from './schemas.js';

export async function taskRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/areas/:areaId/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: "An area's tasks of every party, optionally filtered",
        params: AreaParams,
        querystring: TaskListQuery,
        response: withProblems({ 200: z.array(TaskSchema) }, 400, 404),
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
      schema: {
        tags: ['tasks'],
        summary: "Add a task to an area for the acting user's party",
        body: TaskInput,
        response: withProblems({ 201: TaskSchema }, 400, 403, 409),
      },
    },
    async (request, reply) => {
      const draft = toTaskDraft(request.body);
      assertCanEditPartyTasks(request.actor, draft.partyId);
      const task = await app.db.transaction().execute((trx) => insertTask(trx, draft, request.actor.id, nowIso()));
      return reply.code(201).header('location', `/api/tasks/${task.id}`).send(toTaskResponse(task));
    },
  );

  app.get(
    '/api/tasks/:taskId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'One task',
        params: TaskParams,
        response: withProblems({ 200: TaskSchema }, 400, 404),
      },
    },
    async (request) => toTaskResponse(await getTask(app.db, request.params.taskId)),
  );

  app.patch(
    '/api/tasks/:taskId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Change some fields of a task; the result is validated as a whole',
        params: TaskParams,
        body: TaskPatch,
        response: withProblems({ 200: TaskSchema }, 400, 403, 404, 409, 412),
      },
    },
    async (request) => {
      const task = await app.db.transaction().execute(async (trx) => {
        const existing = await getTask(trx, request.params.taskId);
        assertCanEditPartyTasks(request.actor, existing.partyId);
        const merged = TaskInput.safeParse({ ...toTaskInput(existing), ...request.body });
        if (!merged.success) {
          throw new DomainError('validation', 'the changed task is not valid', fieldErrorsFromZod(merged.error.issues, 'body'));
        }
        const draft = toTaskDraft(merged.data);
        assertCanEditPartyTasks(request.actor, draft.partyId);
        return updateTask(trx, existing.id, existing.version, draft, request.actor.id, nowIso());
      });
      return toTaskResponse(task);
    },
  );

  app.delete(
    '/api/tasks/:taskId',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Delete a task',
        params: TaskParams,
        response: withProblems({ 204: z.null() }, 400, 403, 404),
      },
    },
    async (request, reply) => {
      await app.db.transaction().execute(async (trx) => {
        const existing = await getTask(trx, request.params.taskId);
        assertCanEditPartyTasks(request.actor, existing.partyId);
        await deleteTask(trx, existing.id);
      });
      return reply.code(204).send(null);
    },
  );
}
