import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../contracts/common.js';
import { CapacityRuleParams, CapacityRuleSchema, CreateCapacityRuleBody, PatchCapacityRuleBody } from '../../contracts/scenarios.js';
import {
  deleteCapacityRule,
  getCapacityRule,
  insertCapacityRule,
  listCapacityRules,
  updateCapacityRule,
} from '../../db/repositories/capacity-rules.js';
import { DomainError } from '../../domain/errors.js';
import { assertPlansFor } from '../../domain/permissions.js';
import { actorOf, writeContext } from '../context.js';
import { withProblems } from './schemas.js';
import { writeTransaction } from '../../db/database.js';

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
    async (request, reply) => {
      const actor = actorOf(request);
      const partyId = request.body.partyId ?? actor.partyId;
      if (!partyId) {
        throw new DomainError('validation', 'name the party', [{ in: 'body', pointer: '/partyId', message: 'partyId is required for a user without a party' }]);
      }
      assertPlansFor(actor, partyId, 'capacity rule');
      const rule = await writeTransaction(app.db, (trx) =>
        insertCapacityRule(
          trx,
          { partyId, programme: request.body.programme, maxConcurrent: request.body.maxConcurrent ?? null, budgetPerYearEur: request.body.budgetPerYearEur ?? null },
          writeContext(request),
        ),
      );
      return reply.code(201).send(rule);
    },
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
    async (request) =>
      writeTransaction(app.db, async (trx) => {
        const existing = await getCapacityRule(trx, request.params.ruleId);
        assertPlansFor(actorOf(request), existing.partyId, 'capacity rule');
        return updateCapacityRule(trx, existing, request.body, writeContext(request));
      }),
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
      await writeTransaction(app.db, async (trx) => {
        const existing = await getCapacityRule(trx, request.params.ruleId);
        assertPlansFor(actorOf(request), existing.partyId, 'capacity rule');
        await deleteCapacityRule(trx, existing, writeContext(request));
      });
      return reply.code(204).send(null);
    },
  );
}
