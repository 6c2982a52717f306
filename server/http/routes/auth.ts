import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DemoAccountsSchema, LoginBody, UserSchema } from '../../contracts/users.js';
import { getUser, SESSION_HOURS, signIn, signOut } from '../../use-cases/auth.js';
import { actorOf } from '../context.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { withProblems } from './schemas.js';

export interface AuthRouteOptions {
  /** The demo accounts to list on the login page; null outside demo mode. */
  demo: { password: string; accounts: z.infer<typeof DemoAccountsSchema>['accounts'] } | null;
  cookieSecure: boolean;
}

export async function authRoutes(server: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  // Setting and clearing use the same attributes, or a browser may keep the one it was given.
  const cookieAttributes = { httpOnly: true, sameSite: 'strict', secure: options.cookieSecure, path: '/' } as const;

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets an HTTP-only session cookie',
        description:
          'Limited per source address (10 attempts a minute) and per account (5 failures, then a wait that doubles ' +
          'from 2 s up to a minute); a refused attempt answers 429 with Retry-After and is not checked at all.',
        body: LoginBody,
        response: withProblems({ 200: UserSchema }, 400, 401, 429),
      },
    },
    async (request, reply) => {
      const { user, session } = await signIn(app.db, { address: request.ip, email: request.body.email, password: request.body.password }, new Date());
      reply.setCookie(SESSION_COOKIE, session.secret, { ...cookieAttributes, maxAge: SESSION_HOURS * 3600 });
      return user;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'End the session', response: withProblems({ 204: z.null() }, 403) },
    },
    async (request, reply) => {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret) await signOut(app.db, secret);
      reply.clearCookie(SESSION_COOKIE, cookieAttributes);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: 'signed_in' }, schema: { tags: ['auth'], summary: 'The signed-in user', response: withProblems({ 200: UserSchema }, 401) } },
    async (request) => getUser(app.db, actorOf(request).id),
  );

  app.get(
    '/api/auth/demo-accounts',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'In demo mode, the demo accounts the login page lists',
        response: withProblems({ 200: DemoAccountsSchema }),
      },
    },
    async () => (options.demo ? { demo: true, ...options.demo } : { demo: false, password: null, accounts: [] }),
  );
}
