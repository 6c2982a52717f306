import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreatePartyBody, PartySchema } from '../../contracts/parties.js';
import { createParty, listParties } from '../../use-cases/parties.js';
import { writeContext } from '../context.js';
import { withProblems } from './schemas.js';

export async function partyRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/parties',
    { config: { access: 'signed_in' }, schema: { tags: ['parties'], summary: 'All parties', response: withProblems({ 200: z.array(PartySchema) }) } },
    async () => listParties(app.db),
  );
  app.post(
    '/api/parties',
    {
      config: { access: 'manage_parties' },
      schema: {
        tags: ['parties'],
        summary: 'Add a party (organisation)',
        body: CreatePartyBody,
        response: withProblems({ 201: PartySchema }, 400, 401, 403, 409),
      },
    },
    async (request, reply) => {
      const party = await createParty(app.db, writeContext(request), request.body);
      return reply.code(201).header('location', `/api/parties/${party.id}`).send(party);
    },
  );
}
