import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiTokenSchema, CreatedTokenSchema, CreateTokenBody, TokenParams } from '../../contracts/users.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../use-cases/tokens.js';
import { actorOf, nowIso } from '../context.js';
import { withProblems } from './schemas.js';

export async function tokenRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/tokens',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for scripts; the token is shown only in this answer',
        body: CreateTokenBody,
        response: withProblems({ 201: CreatedTokenSchema }, 400, 401),
      },
    },
    async (request, reply) => {
      const token = await createApiToken(app.db, actorOf(request).id, request.body.name, nowIso());
      return reply.code(201).send(token);
    },
  );
  app.get(
    '/api/tokens',
    { config: { access: 'signed_in' }, schema: { tags: ['auth'], summary: 'Your API tokens (without their secrets)', response: withProblems({ 200: z.array(ApiTokenSchema) }, 401) } },
    async (request) => listApiTokens(app.db, actorOf(request).id),
  );
  app.delete(
    '/api/tokens/:tokenId',
    {
      config: { access: 'signed_in' },
      schema: { tags: ['auth'], summary: 'Revoke one of your API tokens', params: TokenParams, response: withProblems({ 204: z.null() }, 401, 404) },
    },
    async (request, reply) => {
      await revokeApiToken(app.db, actorOf(request).id, request.params.tokenId, nowIso());
      return reply.code(204).send(null);
    },
  );
}
