import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AlignmentQuery, AlignmentReportSchema, AreaSummarySchema } from '../../contracts/alignments.js';
import { AreaParams } from '../../contracts/areas.js';
import { getArea, listAreas } from '../../db/repositories/areas.js';
import { listAreaTasks } from '../../db/repositories/tasks.js';
import { byListingPriority, detectAlignments, summarizeAlignments } from '../../domain/alignment.js';
import { explainAlignment } from '../../domain/alignment-explanation.js';
import { withProblems } from './schemas.js';

export async function alignmentRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/areas/:areaId/alignments',
    {
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
      const report = detectAlignments(tasks, request.query.minOverlap);
      const byId = new Map(tasks.map((task) => [task.id, task]));
      const listed = [...report.pairs].sort(byListingPriority).slice(0, request.query.limit ?? report.pairs.length);
      return {
        areaId,
        minOverlap: report.minOverlap,
        counts: report.counts,
        total: report.pairs.length,
        pairs: listed.map((pair) => ({
          ...pair,
          explanation: explainAlignment(pair, byId.get(pair.dikeTaskId)!, byId.get(pair.otherTaskId)!),
        })),
      };
    },
  );

  app.get(
    '/api/area-summaries',
    {
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
