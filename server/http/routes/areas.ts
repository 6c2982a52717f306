import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaDirectorSchema, AreaParams, AreaSchema, CreateAreaBody, PatchAreaBody, PutAreaDirectorsBody } from '../../contracts/areas.js';
import { areaDirectors, assignAreaDirectors, changeArea, createArea, getArea, listAreas } from '../../use-cases/areas.js';
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
      const area = await createArea(app.db, writeContext(request), { id, name, description: description ?? null });
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
    async (request) => changeArea(app.db, writeContext(request), request.params.areaId, request.body),
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
    async (request) => areaDirectors(app.db, request.params.areaId),
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
    async (request) => assignAreaDirectors(app.db, writeContext(request), request.params.areaId, request.body.userIds),
  );
}
