import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DikeTrajectParams, DikeTrajectSchema } from '../../contracts/dike-trajects.js';
import { getDikeTraject, listDikeTrajects } from '../../use-cases/dike-trajects.js';
import { withProblems } from './schemas.js';

export async function dikeTrajectRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/dike-trajects',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['dike trajects'],
        summary: 'The national table of primary flood-defence trajectories (NBPW norms, lengths, water boards)',
        response: withProblems({ 200: z.array(DikeTrajectSchema) }),
      },
    },
    async () => listDikeTrajects(app.db),
  );
  app.get(
    '/api/dike-trajects/:trajectId',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['dike trajects'],
        summary: 'One trajectory by national id, e.g. 44-1',
        params: DikeTrajectParams,
        response: withProblems({ 200: DikeTrajectSchema }, 400, 404),
      },
    },
    async (request) => getDikeTraject(app.db, request.params.trajectId),
  );
}
