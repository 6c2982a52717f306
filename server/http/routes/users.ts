import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangedUserSchema, CreateUserBody, PatchUserBody, RemovedUserSchema, UserParams, UserSchema } from '../../contracts/users.js';
import { changeUser, createUser, listUsers, removeUser } from '../../use-cases/users.js';
import { writeContext } from '../context.js';
import { withProblems } from './schemas.js';

export async function userRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const admin = { access: 'manage_users' } as const;
  app.get(
    '/api/users',
    { config: admin, schema: { tags: ['users'], summary: 'All users (admins)', response: withProblems({ 200: z.array(UserSchema) }, 401, 403) } },
    async () => listUsers(app.db),
  );
  app.post(
    '/api/users',
    {
      config: admin,
      schema: {
        tags: ['users'],
        summary: 'Add a user (admins); the password is stored as an argon2id hash and never returned',
        body: CreateUserBody,
        response: withProblems({ 201: UserSchema }, 400, 401, 403, 409),
      },
    },
    async (request, reply) => {
      const user = await createUser(app.db, writeContext(request), request.body);
      return reply.code(201).header('location', `/api/users/${user.id}`).send(user);
    },
  );
  app.patch(
    '/api/users/:userId',
    {
      config: admin,
      schema: {
        tags: ['users'],
        summary: "Change a user's email, name, party, role or password (admins); a new password ends the user's sessions and API tokens",
        params: UserParams,
        body: PatchUserBody,
        response: withProblems({ 200: ChangedUserSchema }, 400, 401, 403, 404, 409),
      },
    },
    async (request) => changeUser(app.db, writeContext(request), request.params.userId, request.body),
  );
  app.delete(
    '/api/users/:userId',
    {
      config: admin,
      schema: {
        tags: ['users'],
        summary: 'Remove a user, ending their sessions and tokens (admins); the audit trail keeps their actions',
        params: UserParams,
        response: withProblems({ 200: RemovedUserSchema }, 401, 403, 404, 409),
      },
    },
    async (request) => removeUser(app.db, writeContext(request), request.params.userId),
  );
}
