import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AlignmentQuery, AlignmentReportSchema, AreaSummarySchema, toAlignmentReportResponse } from '../../contracts/alignments.js';
import { AreaParams } from '../../contracts/areas.js';
import { AsOfQuery } from '../../contracts/tasks.js';
import { areaAlignments, areaSummaries } from '../../use-cases/alignments.js';
import { areaDataVersion } from '../../use-cases/tasks.js';
import { asOfFrom } from '../context.js';
import { CachedJson } from '../cached-json.js';
import { withProblems } from './schemas.js';

export async function alignmentRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  // One per app: each app has its own database, whose versions mean nothing to another.
  const reportAnswers = new CachedJson(AlignmentReportSchema, 1_000);
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
    async (request, reply) => {
      const { areaId } = request.params;
      const { minOverlap, limit } = request.query;
      const month = asOfFrom(request, request.query.asOf);
      return reportAnswers.send(request, reply, JSON.stringify([areaId, minOverlap, limit, month]), await areaDataVersion(app.db, areaId), async () => {
        const { report, tasks } = await areaAlignments(app.db, areaId, minOverlap, month);
        return toAlignmentReportResponse(areaId, report, tasks, limit);
      });
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
