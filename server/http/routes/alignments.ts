import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AlignmentQuery, AlignmentReportSchema, AreaSummarySchema, toAlignmentReportResponse } from '../../contracts/alignments.js';
import { AreaParams } from '../../contracts/areas.js';
import { getArea, listAreas } from '../../db/repositories/areas.js';
import { listAreaTasks } from '../../db/repositories/tasks.js';
import { detectAlignments, summarizeAlignments } from '../../domain/alignment.js';
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
      await getArea(app.db, areaId);
      // Always computed from the current tasks, never cached: the next call after any change reflects it.
      const tasks = await listAreaTasks(app.db, areaId);
      return toAlignmentReportResponse(areaId, detectAlignments(tasks, request.query.minOverlap), tasks, request.query.limit);
    },
  );

  app.get(
    '/api/area-summaries',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['alignments'],
        summary: 'Every area with its number of tasks and parties and its alignment counts: the start page',
        response: withProblems({ 200: z.array(AreaSummarySchema) }, 401),
      },
    },
    async () => {
      const summaries = [];
      for (const area of await listAreas(app.db)) {
        const tasks = await listAreaTasks(app.db, area.id);
        summaries.push({
          areaId: area.id,
          name: area.name,
          description: area.description,
          taskCount: tasks.length,
          partyCount: new Set(tasks.map((task) => task.partyId)).size,
          alignments: summarizeAlignments(detectAlignments(tasks)),
        });
      }
      return summaries;
    },
  );
}
