import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreatePlanBody, PlanParams, PlanSchema } from '../../contracts/plans.js';
import { cancelPlan, getPlan, requestPlan, stopPlans } from '../../use-cases/plans.js';
import { asOfFrom, writeContext } from '../context.js';
import { withProblems } from './schemas.js';

export async function planRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];
  // Who may ask depends on the scope (see requestPlan): checked there, not by one capability.
  const signedIn = { access: 'signed_in' } as const;

  // The solver's workers must not outlive the app (nor write to its closed database).
  app.addHook('preClose', async () => {
    await stopPlans(app.db);
  });

  app.post(
    '/api/plans',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Ask for a programme plan: the best set of moves for an area, a party’s programme or the country',
        description:
          'Maximises the aligned pairs (each counting 1 + soil/10,000) without breaking windows, capacity or urgency, then ' +
          'moves as little as possible. Started work never moves. National plans: area directors and admins; a party’s ' +
          'programme: its planners, area directors and admins; an area: planners, area directors and admins. The plan is ' +
          'saved as a scenario (scenarioId). With wait=false the answer is 202 at once; poll GET /api/plans/{planId}.',
        body: CreatePlanBody,
        response: withProblems({ 201: PlanSchema, 202: PlanSchema }, 400, 401, 403, 404, 503),
      },
    },
    async (request, reply) => {
      const { plan, finished } = await requestPlan(app.db, writeContext(request), request.body, asOfFrom(request, request.body.asOf));
      return reply.code(finished ? 201 : 202).header('location', `/api/plans/${plan.id}`).send(plan);
    },
  );
  app.get(
    '/api/plans/:planId',
    {
      config: signedIn,
      schema: { tags, summary: 'A plan: its result, or while it is solved its status and elapsed time', params: PlanParams, response: withProblems({ 200: PlanSchema }, 401, 404) },
    },
    async (request) => getPlan(app.db, request.params.planId),
  );
  app.delete(
    '/api/plans/:planId',
    {
      config: signedIn,
      schema: { tags, summary: 'Cancel a plan being solved (who asked for it, or an admin)', params: PlanParams, response: withProblems({ 200: PlanSchema }, 401, 403, 404) },
    },
    async (request) => cancelPlan(app.db, writeContext(request), request.params.planId),
  );
}
