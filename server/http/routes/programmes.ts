import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OverviewQuery, OverviewSchema, ProgrammeParams, ProgrammeQuery, ProgrammeSchema } from '../../contracts/programmes.js';
import { listCapacityRules } from '../../use-cases/capacity-rules.js';
import { nationalOverview, partyProgramme, readDataStamp, type DataStamp } from '../../use-cases/programmes.js';
import { asOfFrom } from '../context.js';
import { CachedJson } from '../cached-json.js';
import { withProblems } from './schemas.js';

/** What, beside the sum of the areas' data versions, an answer rests on: areas and parties added, renamed or removed. */
function stampKey(stamp: DataStamp): string {
  return [stamp.areaCount, stamp.areasUpdatedAt, stamp.partyCount, stamp.partiesUpdatedAt].join('|');
}

export async function programmeRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  // One per app: each app has its own database, whose versions mean nothing to another.
  const programmeAnswers = new CachedJson(ProgrammeSchema, 500);
  const overviewAnswers = new CachedJson(OverviewSchema, 50);

  app.get(
    '/api/programmes/:partyId',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['programmes'],
        summary: 'A party’s programme across all areas: its tasks in urgency order, realisations and cost against its limits, km per year, and every alignment opportunity',
        params: ProgrammeParams,
        querystring: ProgrammeQuery,
        response: withProblems({ 200: ProgrammeSchema }, 400, 401, 404),
      },
    },
    async (request, reply) => {
      const { partyId } = request.params;
      const { limit } = request.query;
      const month = asOfFrom(request, request.query.asOf);
      // Capacity rules change no data version: they are part of the key, read with the stamp.
      const [stamp, rules] = await Promise.all([readDataStamp(app.db), listCapacityRules(app.db, partyId)]);
      const key = JSON.stringify([partyId, month, limit, stampKey(stamp), rules]);
      return programmeAnswers.send(request, reply, key, stamp.versionSum, () => partyProgramme(app.db, partyId, month, limit));
    },
  );

  app.get(
    '/api/overview',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['programmes'],
        summary: 'The national overview: per water board and area the dike sections, km, alignments and soil; km per year against the pace needed by 2049; the trajectory table',
        querystring: OverviewQuery,
        response: withProblems({ 200: OverviewSchema }, 400, 401),
      },
    },
    async (request, reply) => {
      const month = asOfFrom(request, request.query.asOf);
      const stamp = await readDataStamp(app.db);
      return overviewAnswers.send(request, reply, JSON.stringify([month, stampKey(stamp)]), stamp.versionSum, () => nationalOverview(app.db, month));
    },
  );
}
