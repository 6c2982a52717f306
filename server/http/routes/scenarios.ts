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
  type ScenarioResponse,
} from '../../contracts/scenarios.js';
import { TaskSchema, toTaskResponse } from '../../contracts/tasks.js';
import { type Executor, writeTransaction } from '../../db/database.js';
import { listCapacityRules } from '../../db/repositories/capacity-rules.js';
import {
  deleteScenario,
  getScenario,
  insertScenario,
  listScenarios,
  markApplied,
  rebaseMoves,
  replaceMoves,
  updateScenario,
} from '../../db/repositories/scenarios.js';
import { getTask, listTasksForEvaluation, updateTask } from '../../db/repositories/tasks.js';
import { DomainError } from '../../domain/errors.js';
import { assertPlansFor, canEditPartyTasks } from '../../domain/permissions.js';
import { blockingViolations, evaluateScenario, swapMoves } from '../../domain/scenarios.js';
import { draftOf, shiftPhases } from '../../domain/tasks.js';
import { pictureOf } from '../area-picture.js';
import { actorOf, nowIso, writeContext } from '../context.js';
import { insertSnapshot, listSnapshots } from '../../db/repositories/snapshots.js';
import { withProblems } from './schemas.js';

/** Evaluates a scenario against the current baseline, loading only the tasks that can matter. */
async function evaluate(db: Executor, scenario: ScenarioResponse) {
  const moved = await Promise.all(scenario.moves.map((move) => getTask(db, move.taskId)));
  const tasks = await listTasksForEvaluation(db, {
    areaIds: [...new Set(moved.map((task) => task.areaId))],
    partyProgrammes: moved.map((task) => ({ partyId: task.partyId, programme: task.programme })),
  });
  const evaluation = evaluateScenario(tasks, scenario.moves, await listCapacityRules(db));
  return { moved, evaluation, applicable: blockingViolations(evaluation).length === 0 };
}

function assertNotApplied(scenario: ScenarioResponse): void {
  if (scenario.appliedAt) throw new DomainError('conflict', `scenario '${scenario.id}' was applied on ${scenario.appliedAt} and is closed`);
}

export async function scenarioRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const planners = { access: 'plan_scenarios' } as const;
  const tags = ['scenarios'];

  /** Loads a scenario for a change: it must be open and belong to the actor's party. */
  async function ownOpenScenario(db: Executor, request: { params: { scenarioId: string } } & Parameters<typeof actorOf>[0]) {
    const scenario = await getScenario(db, request.params.scenarioId);
    assertPlansFor(actorOf(request), scenario.partyId, 'scenario');
    assertNotApplied(scenario);
    return scenario;
  }

  app.get(
    '/api/scenarios',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: 'Scenarios, newest first, optionally of one area',
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
      const scenario = await writeTransaction(app.db, (trx) =>
        insertScenario(
          trx,
          { name: request.body.name, description: request.body.description ?? null, areaId: request.body.areaId ?? null },
          writeContext(request),
        ),
      );
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
    async (request) =>
      writeTransaction(app.db, async (trx) => {
        await ownOpenScenario(trx, request);
        return updateScenario(trx, request.params.scenarioId, request.body, nowIso());
      }),
  );
  app.delete(
    '/api/scenarios/:scenarioId',
    {
      config: planners,
      schema: { tags, summary: 'Delete a scenario (the baseline is untouched)', params: ScenarioParams, response: withProblems({ 204: z.null() }, 401, 403, 404) },
    },
    async (request, reply) => {
      await writeTransaction(app.db, async (trx) => {
        const scenario = await getScenario(trx, request.params.scenarioId);
        assertPlansFor(actorOf(request), scenario.partyId, 'scenario');
        await deleteScenario(trx, scenario.id);
      });
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
    async (request) =>
      writeTransaction(app.db, async (trx) => {
        await ownOpenScenario(trx, request);
        return replaceMoves(trx, request.params.scenarioId, request.body, nowIso());
      }),
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
    async (request) =>
      writeTransaction(app.db, async (trx) => {
        const scenario = await ownOpenScenario(trx, request);
        const [a, b] = await Promise.all([getTask(trx, request.body.taskIdA), getTask(trx, request.body.taskIdB)]);
        if (a.programme !== 'HWBP' || b.programme !== 'HWBP') throw new DomainError('rule_violation', 'a swap exchanges two HWBP dike sections');
        const swap = swapMoves(a, b);
        if (swap.length === 0) throw new DomainError('rule_violation', 'the two sections already start their realisation in the same month');
        const others = scenario.moves.filter((move) => move.taskId !== a.id && move.taskId !== b.id);
        return replaceMoves(trx, scenario.id, [...others, ...swap], nowIso());
      }),
  );
  app.get(
    '/api/scenarios/:scenarioId/evaluation',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: 'What the scenario does to deadlines, capacity, urgency and alignments, against the current baseline (computed, never stored)',
        params: ScenarioParams,
        response: withProblems({ 200: EvaluationSchema }, 401, 404),
      },
    },
    async (request) => {
      const scenario = await getScenario(app.db, request.params.scenarioId);
      const { evaluation, applicable } = await evaluate(app.db, scenario);
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
    async (request) =>
      writeTransaction(app.db, async (trx) => {
        await ownOpenScenario(trx, request);
        return rebaseMoves(trx, request.params.scenarioId, nowIso());
      }),
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
          'evaluate again, then take the moves over with POST /rebase.',
        response: withProblems({ 200: z.object({ scenario: ScenarioSchema, tasks: z.array(TaskSchema) }) }, 401, 403, 404, 409, 412, 422),
      },
    },
    async (request) =>
      writeTransaction(app.db, async (trx) => {
        const scenario = await ownOpenScenario(trx, request);
        if (scenario.moves.length === 0) throw new DomainError('rule_violation', 'the scenario has no moves to apply');
        const { moved, evaluation } = await evaluate(trx, scenario);
        const setAt = new Map(scenario.moves.map((move) => [move.taskId, move.taskVersion]));
        const changed = moved.filter((task) => task.version !== setAt.get(task.id));
        if (changed.length > 0) {
          throw new DomainError(
            'conflict',
            `changed since their moves were set: ${changed.map((task) => task.title).join('; ')}; evaluate the scenario again before applying`,
            undefined,
            { changedTasks: changed.map((task) => ({ id: task.id, title: task.title })) },
          );
        }
        const actor = actorOf(request);
        const foreign = moved.filter((task) => !canEditPartyTasks(actor, task.partyId));
        if (foreign.length > 0) {
          throw new DomainError('forbidden', `you may not change: ${foreign.map((task) => task.title).join('; ')}`, undefined, {
            taskIds: foreign.map((task) => task.id),
          });
        }
        const blocking = blockingViolations(evaluation);
        if (blocking.length > 0) {
          const response = toEvaluationResponse(scenario.id, scenario.moves, evaluation, false);
          throw new DomainError('rule_violation', `the scenario breaks ${blocking.length} rule(s); see violations`, undefined, {
            violations: response.violations.filter((violation) => violation.type === 'window' || !violation.inBaseline),
          });
        }
        const context = writeContext(request);
        // Areas that hold meetings (they have snapshots) keep a picture of the plan as it was before.
        for (const areaId of [...new Set(moved.map((task) => task.areaId))].sort()) {
          if ((await listSnapshots(trx, areaId)).length === 0) continue;
          await insertSnapshot(
            trx,
            {
              areaId,
              scenarioId: null,
              title: `Vóór toepassen van scenario “${scenario.name}”`,
              meetingDate: null,
              note: `Automatisch gemaakt bij het toepassen van scenario ${scenario.id}.`,
              content: await pictureOf(trx, areaId, null),
            },
            context,
          );
        }
        const shifts = new Map(scenario.moves.map((move) => [move.taskId, move.shiftMonths]));
        const updated = [];
        for (const task of moved) {
          updated.push(await updateTask(trx, task, { ...draftOf(task), phases: shiftPhases(task.phases, shifts.get(task.id)!) }, context));
        }
        return { scenario: await markApplied(trx, scenario.id, context), tasks: updated.map(toTaskResponse) };
      }),
  );
}
