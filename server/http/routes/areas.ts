import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaDirectorSchema, AreaParams, AreaSchema, CreateAreaBody, PatchAreaBody, PutAreaDirectorsBody } from '../../contracts/areas.js';
import { assertActorDirectsArea, getArea, insertArea, listAreaDirectors, listAreas, setAreaDirectors, updateArea } from '../../db/repositories/areas.js';
import { actorOf, writeContext } from '../context.js';
import { withProblems } from './schemas.js';
import { writeTransaction } from '../../db/database.js';

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
      const area = await writeTransaction(app.db, (trx) => insertArea(trx, { id, name, description: description ?? null }, writeContext(request)));
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
        summary: "Change an area's name or description (the area's own directors and admins)",
        params: AreaParams,
        body: PatchAreaBody,
        response: withProblems({ 200: AreaSchema }, 400, 401, 403, 404),
      },
    },
    async (request) =>
      writeTransaction(app.db, async (trx) => {
        await getArea(trx, request.params.areaId);
        await assertActorDirectsArea(trx, actorOf(request), request.params.areaId);
        return updateArea(trx, request.params.areaId, request.body, writeContext(request));
      }),
  );
  app.get(
    '/api/areas/:areaId/directors',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['areas'],
        summary: "The area directors who direct this area (its settings, share links and agenda are theirs and the admins')",
        params: AreaParams,
        response: withProblems({ 200: z.array(AreaDirectorSchema) }, 400, 401, 404),
      },
    },
    async (request) => {
      await getArea(app.db, request.params.areaId);
      return listAreaDirectors(app.db, request.params.areaId);
    },
  );
  app.put(
    '/api/areas/:areaId/directors',
    {
      config: { access: 'manage_users' },
      schema: {
        tags: ['areas'],
        summary: "Assign the area's directors (admins): exactly the users named, each with the role area_director; audited",
        params: AreaParams,
        body: PutAreaDirectorsBody,
        response: withProblems({ 200: z.array(AreaDirectorSchema) }, 400, 401, 403, 404),
      },
    },
    async (request) =>
      writeTransaction(app.db, (trx) => setAreaDirectors(trx, request.params.areaId, request.body.userIds, writeContext(request))),
  );
}
