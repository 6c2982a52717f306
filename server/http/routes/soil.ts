import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AreaParams } from '../../contracts/areas.js';
import { PutSoilSettingsBody, SoilLedgerQuery, SoilLedgerSchema, SoilSettingsSchema, toSoilLedgerResponse, type SoilLedgerResponse, toSoilSettingsResponse } from '../../contracts/soil.js';
import { soilLedgerCsv } from '../../formats/soil-ledger-csv.js';
import { areaSoilLedger, changeSoilSettings, soilSettingsOf } from '../../use-cases/soil.js';
import { currentMonth, writeContext } from '../context.js';
import { withProblems } from './schemas.js';

/** The ledger as a spreadsheet download (the route's JSON schema does not apply to it). */
function sendCsv(reply: FastifyReply, answer: SoilLedgerResponse) {
  const name = `grondbalans-${answer.areaId}${answer.scenarioId ? `-scenario-${answer.scenarioId.slice(0, 8)}` : ''}-${answer.asOf}.csv`;
  reply.header('content-disposition', `attachment; filename="${name}"`);
  return reply.type('text/csv; charset=utf-8').send(soilLedgerCsv(answer));
}

export async function soilRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['soil'];

  app.get(
    '/api/areas/:areaId/soil-settings',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary: "The area's soil key figures in effect (storage horizon, saving per m³, m³ per lorry), which are its own, and the defaults with their sources",
        params: AreaParams,
        response: withProblems({ 200: SoilSettingsSchema }, 400, 401, 404),
      },
    },
    async (request) => toSoilSettingsResponse(await soilSettingsOf(app.db, request.params.areaId)),
  );
  app.put(
    '/api/areas/:areaId/soil-settings',
    {
      config: { access: 'manage_areas' },
      schema: {
        tags,
        summary: "Set the area's own soil key figures, each one or null for the default (the area's own directors and admins; audited)",
        params: AreaParams,
        body: PutSoilSettingsBody,
        response: withProblems({ 200: SoilSettingsSchema }, 400, 401, 403, 404),
      },
    },
    async (request) => toSoilSettingsResponse(await changeSoilSettings(app.db, writeContext(request), request.params.areaId, request.body)),
  );
  app.get(
    '/api/areas/:areaId/soil-ledger',
    {
      config: { access: 'signed_in' },
      schema: {
        tags,
        summary:
          "The area's soil ledger month by month (released, needed, used, stored, surplus, shortage per soil type), its totals and what local reuse is worth; " +
          'with scenarioId at the scenario’s positions and its change against the baseline; format=csv for a spreadsheet',
        params: AreaParams,
        querystring: SoilLedgerQuery,
        response: withProblems({ 200: SoilLedgerSchema }, 400, 401, 404),
      },
    },
    async (request, reply) => {
      const { scenarioId, format } = request.query;
      const answer = toSoilLedgerResponse(await areaSoilLedger(app.db, request.params.areaId, scenarioId ?? null, currentMonth(request)));
      return format === 'csv' ? sendCsv(reply, answer) : answer;
    },
  );
}
