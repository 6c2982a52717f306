import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaParams } from '../../contracts/areas.js';
import {
  CreateTaskBody,
  TaskHistorySchema,
  TaskListQuery,
  TaskParams,
  TaskPatch,
  TaskSchema,
  toTaskHistory,
  toTaskResponse,
} from '../../contracts/tasks.js';
import type { Task } from '../../domain/tasks.js';
import { areaDataVersion, areaTasks, changeTask, createTask, getTask, removeTask, taskHistory } from '../../use-cases/tasks.js';
import { asOfFrom, currentMonth, writeContext } from '../context.js';
import { CachedJson } from '../cached-json.js';
import { withProblems } from './schemas.js';

function withEtag(request: FastifyRequest, reply: FastifyReply, task: Task) {
  reply.header('etag', `"${task.version}"`);
  return toTaskResponse(task, currentMonth(request));
}

/** The task versions an If-Match header names (`"3"`, `W/"3"`, comma-separated); undefined when it is missing. */
function ifMatchVersions(header: string | undefined): number[] | undefined {
  if (header === undefined) return undefined;
  return header.split(',').flatMap((tag) => {
    const version = /^"(0|[1-9]\d*)"$/.exec(tag.trim().replace(/^W\//, ''))?.[1];
    return version === undefined ? [] : [Number(version)];
  });
}

export async function taskRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  // One per app: each app has its own database, whose versions mean nothing to another.
  const areaTaskAnswers = new CachedJson(z.array(TaskSchema), 2_000);

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
    async (request, reply) => {
      const { asOf, ...filters } = request.query;
      const { areaId } = request.params;
      const month = asOfFrom(request, asOf);
      const key = JSON.stringify([areaId, month, filters.partyId, filters.programme, filters.kind]);
      return areaTaskAnswers.send(request, reply, key, await areaDataVersion(app.db, areaId), async () =>
        (await areaTasks(app.db, areaId, filters)).map((task) => toTaskResponse(task, month)),
      );
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
      const task = await createTask(app.db, writeContext(request), request.body);
      reply.code(201).header('location', `/api/tasks/${task.id}`);
      return withEtag(request, reply, task);
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
    async (request, reply) => withEtag(request, reply, await getTask(app.db, request.params.taskId)),
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
      const basedOn = ifMatchVersions(request.headers['if-match']);
      const task = await changeTask(app.db, writeContext(request), request.params.taskId, request.body, basedOn);
      return withEtag(request, reply, task);
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
      await removeTask(app.db, writeContext(request), request.params.taskId, ifMatchVersions(request.headers['if-match']));
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
    async (request) => toTaskHistory(await taskHistory(app.db, request.params.taskId)),
  );
}
