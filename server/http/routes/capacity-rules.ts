import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../contracts/common.js';
import { CapacityRuleParams, CapacityRuleSchema, CreateCapacityRuleBody, PatchCapacityRuleBody } from '../../contracts/scenarios.js';
import { changeCapacityRule, createCapacityRule, listCapacityRules, removeCapacityRule } from '../../use-cases/capacity-rules.js';
import { writeContext } from '../context.js';
import { withProblems } from './schemas.js';

export async function capacityRuleRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const planners = { access: 'plan_scenarios' } as const;
  app.get(
    '/api/capacity-rules',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['scenarios'],
        summary: 'Capacity rules: per party and programme, tasks in realisation at once and/or budget per year',
        querystring: z.object({ partyId: Slug.optional() }),
        response: withProblems({ 200: z.array(CapacityRuleSchema) }, 400, 401),
      },
    },
    async (request) => listCapacityRules(app.db, request.query.partyId),
  );
  app.post(
    '/api/capacity-rules',
    {
      config: planners,
      schema: {
        tags: ['scenarios'],
        summary: "Set a capacity rule for one of your party's programmes",
        body: CreateCapacityRuleBody,
        response: withProblems({ 201: CapacityRuleSchema }, 400, 401, 403, 409),
      },
    },
    async (request, reply) => reply.code(201).send(await createCapacityRule(app.db, writeContext(request), request.body)),
  );
  app.patch(
    '/api/capacity-rules/:ruleId',
    {
      config: planners,
      schema: {
        tags: ['scenarios'],
        summary: 'Change a capacity rule of your party',
        params: CapacityRuleParams,
        body: PatchCapacityRuleBody,
        response: withProblems({ 200: CapacityRuleSchema }, 400, 401, 403, 404),
      },
    },
    async (request) => changeCapacityRule(app.db, writeContext(request), request.params.ruleId, request.body),
  );
  app.delete(
    '/api/capacity-rules/:ruleId',
    {
      config: planners,
      schema: {
        tags: ['scenarios'],
        summary: 'Remove a capacity rule of your party',
        params: CapacityRuleParams,
        response: withProblems({ 204: z.null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      await removeCapacityRule(app.db, writeContext(request), request.params.ruleId);
      return reply.code(204).send(null);
    },
  );
}
