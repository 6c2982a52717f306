import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaParams, AreaSchema, CreateAreaBody, PatchAreaBody } from '../../contracts/areas.js';
import { getArea, insertArea, listAreas, updateArea } from '../../db/repositories/areas.js';
import { writeContext } from '../context.js';
import { withProblems } from './schemas.js';

export async function areaRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/areas',
    { config: { access: 'signed_in' }, schema: { tags: ['areas'], summary: 'All areas', response: withProblems({ 200: z.array(AreaSchema) }) } },
    async () => listAreas(app.db),
  );
  app.post(
    '/api/areas',
    {
      config: { access: 'manage_areas' },
      schema: {
        tags: ['areas'],
        summary: 'Add an area (gebied): the unit of a shared table',
        body: CreateAreaBody,
        response: withProblems({ 201: AreaSchema }, 400, 401, 403, 409),
      },
    },
    async (request, reply) => {
      const { id, name, description } = request.body;
      const area = await app.db
        .transaction()
        .execute((trx) => insertArea(trx, { id, name, description: description ?? null }, writeContext(request)));
      return reply.code(201).header('location', `/api/areas/${area.id}`).send(area);
    },
  );
  app.get(
    '/api/areas/:areaId',
    {
      config: { access: 'signed_in' },
      schema: { tags: ['areas'], summary: 'One area', params: AreaParams, response: withProblems({ 200: AreaSchema }, 400, 404) },
    },
    async (request) => getArea(app.db, request.params.areaId),
  );
  app.patch(
    '/api/areas/:areaId',
    {
      config: { access: 'manage_areas' },
      schema: {
        tags: ['areas'],
        summary: "Change an area's name or description",
        params: AreaParams,
        body: PatchAreaBody,
        response: withProblems({ 200: AreaSchema }, 400, 401, 403, 404),
      },
    },
    async (request) =>
      app.db.transaction().execute((trx) => updateArea(trx, request.params.areaId, request.body, writeContext(request))),
  );
}
