import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AlignmentQuery, AlignmentReportSchema, AreaSummarySchema, toAlignmentReportResponse } from '../../contracts/alignments.js';
import { AreaParams } from '../../contracts/areas.js';
import { AsOfQuery } from '../../contracts/tasks.js';
import { areaAlignments, areaSummaries } from '../../use-cases/alignments.js';
import { asOfFrom } from '../context.js';
import { withProblems } from './schemas.js';

export async function alignmentRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/areas/:areaId/alignments',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['alignments'],
        summary: 'Which dike sections line up with other parties’ tasks, which could with the smallest allowed shift, and the soil they could share',
        params: AreaParams,
        querystring: AlignmentQuery,
        response: withProblems({ 200: AlignmentReportSchema }, 400, 404),
      },
    },
    async (request) => {
      const { areaId } = request.params;
      const { report, tasks } = await areaAlignments(app.db, areaId, request.query.minOverlap, asOfFrom(request, request.query.asOf));
      return toAlignmentReportResponse(areaId, report, tasks, request.query.limit);
    },
  );

  app.get(
    '/api/area-summaries',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['alignments'],
        summary: 'Every area with its number of tasks and parties and its alignment counts: the start page',
        querystring: AsOfQuery,
        response: withProblems({ 200: z.array(AreaSummarySchema) }, 400, 401),
      },
    },
    async (request) => areaSummaries(app.db, asOfFrom(request, request.query.asOf)),
  );
}
