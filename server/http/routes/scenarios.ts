import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../contracts/common.js';
import {
  CreateScenarioBody,
  EvaluationSchema,
  MovesBody,
  PatchScenarioBody,
  ScenarioParams,
  ScenarioSchema,
  SwapBody,
  toEvaluationResponse,
} from '../../contracts/scenarios.js';
import { AsOfQuery, TaskSchema, toTaskResponse } from '../../contracts/tasks.js';
import {
  applyScenario,
  changeScenario,
  createScenario,
  evaluateScenarioNow,
  getScenario,
  listScenarios,
  rebaseScenario,
  removeScenario,
  setMoves,
  swapSections,
} from '../../use-cases/scenarios.js';
import { asOfFrom, currentMonth, writeContext } from '../context.js';
import { withProblems } from './schemas.js';

export async function scenarioRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const planners = { access: 'plan_scenarios' } as const;
  const tags = ['scenarios'];

  app.get(
    '/api/scenarios',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: "Scenarios, newest first; with areaId, the area's own and those of no area (a programme's plan) that move a task in it",
        querystring: z.object({ areaId: Slug.optional() }),
        response: withProblems({ 200: z.array(ScenarioSchema) }, 400, 401),
      },
    },
    async (request) => listScenarios(app.db, request.query.areaId),
  );
  app.post(
    '/api/scenarios',
    {
      config: planners,
      schema: { tags, summary: 'Start a scenario for your party', body: CreateScenarioBody, response: withProblems({ 201: ScenarioSchema }, 400, 401, 403) },
    },
    async (request, reply) => {
      const { name, description, areaId } = request.body;
      const scenario = await createScenario(app.db, writeContext(request), { name, description: description ?? null, areaId: areaId ?? null });
      return reply.code(201).header('location', `/api/scenarios/${scenario.id}`).send(scenario);
    },
  );
  app.get(
    '/api/scenarios/:scenarioId',
    { config: { access: 'signed_in' }, schema: { tags, summary: 'One scenario with its moves', params: ScenarioParams, response: withProblems({ 200: ScenarioSchema }, 401, 404) } },
    async (request) => getScenario(app.db, request.params.scenarioId),
  );
  app.patch(
    '/api/scenarios/:scenarioId',
    {
      config: planners,
      schema: { tags, summary: 'Rename or describe a scenario', params: ScenarioParams, body: PatchScenarioBody, response: withProblems({ 200: ScenarioSchema }, 400, 401, 403, 404, 409) },
    },
    async (request) => changeScenario(app.db, writeContext(request), request.params.scenarioId, request.body),
  );
  app.delete(
    '/api/scenarios/:scenarioId',
    {
      config: planners,
      schema: { tags, summary: 'Delete a scenario (the baseline is untouched)', params: ScenarioParams, response: withProblems({ 204: z.null() }, 401, 403, 404) },
    },
    async (request, reply) => {
      await removeScenario(app.db, writeContext(request), request.params.scenarioId);
      return reply.code(204).send(null);
    },
  );
  app.put(
    '/api/scenarios/:scenarioId/moves',
    {
      config: planners,
      schema: {
        tags,
        summary: "Replace the scenario's moves: one per task, whole months, non-zero",
        params: ScenarioParams,
        body: MovesBody,
        response: withProblems({ 200: ScenarioSchema }, 400, 401, 403, 404, 409),
      },
    },
    async (request) => setMoves(app.db, writeContext(request), request.params.scenarioId, request.body),
  );
  app.post(
    '/api/scenarios/:scenarioId/swap',
    {
      config: planners,
      schema: {
        tags,
        summary: 'Add the two moves that exchange the realisation start months of two HWBP sections',
        params: ScenarioParams,
        body: SwapBody,
        response: withProblems({ 200: ScenarioSchema }, 400, 401, 403, 404, 409, 422),
      },
    },
    async (request) => swapSections(app.db, writeContext(request), request.params.scenarioId, request.body.taskIdA, request.body.taskIdB),
  );
  app.get(
    '/api/scenarios/:scenarioId/evaluation',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: 'What the scenario does to deadlines, capacity, urgency and alignments, against the current baseline (computed, never stored)',
        params: ScenarioParams,
        querystring: AsOfQuery,
        response: withProblems({ 200: EvaluationSchema }, 400, 401, 404),
      },
    },
    async (request) => {
      const { scenario, evaluation, applicable } = await evaluateScenarioNow(app.db, request.params.scenarioId, asOfFrom(request, request.query.asOf));
      return toEvaluationResponse(scenario.id, scenario.moves, evaluation, applicable);
    },
  );
  app.post(
    '/api/scenarios/:scenarioId/rebase',
    {
      config: planners,
      schema: {
        tags,
        summary: 'Take every move as set against the tasks as they are now, after evaluating again (the moves stay)',
        params: ScenarioParams,
        response: withProblems({ 200: ScenarioSchema }, 401, 403, 404, 409),
      },
    },
    async (request) => rebaseScenario(app.db, writeContext(request), request.params.scenarioId),
  );
  app.post(
    '/api/scenarios/:scenarioId/apply',
    {
      config: planners,
      schema: {
        tags,
        summary: 'Write every move to the baseline in one transaction (only without violations, and only for tasks you may edit)',
        params: ScenarioParams,
        description:
          'Refused with 409 and `changedTasks` when a moved task changed since its move was set (another apply, an edit): ' +
          'evaluate again, then take the moves over with POST /rebase. The scenario is evaluated before the write, which ' +
          'then checks that no task of the moved tasks\' parties\' programmes changed meanwhile, and evaluates again if one did: ' +
          'two scenarios applied at the same moment never together break a capacity rule (one is refused with 422).',
        response: withProblems({ 200: z.object({ scenario: ScenarioSchema, tasks: z.array(TaskSchema) }) }, 401, 403, 404, 409, 412, 422),
      },
    },
    async (request) => {
      const { scenario, tasks } = await applyScenario(app.db, writeContext(request), request.params.scenarioId);
      const month = currentMonth(request);
      return { scenario, tasks: tasks.map((task) => toTaskResponse(task, month)) };
    },
  );
}
