import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { actorForApiToken, actorForSession } from '../../db/repositories/credentials.js';
import { DomainError } from '../../domain/errors.js';
import { roleHas, type Actor, type Capability } from '../../domain/permissions.js';

export const SESSION_COOKIE = 'gp_session';

/** Who may call a route: anyone, any signed-in user, or holders of a capability. Every route names one. */
export type Access = 'public' | 'signed_in' | Capability;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** How the actor proved itself; cookie-authenticated writes get the cross-site check. */
    authMethod: 'session' | 'token' | null;
  }
  interface FastifyInstance {
    /** Every route with the access rule it declared, for the route inventory test and the docs. */
    routeAccess(): { method: string; url: string; access: Access | undefined }[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The matched route's own declaration decides, never the URL's text: the router has already
 * decoded the path, so `/%61pi/users` is the `/api/users` route with its rule. A route that
 * declares nothing is refused (deny by default); only the not-found handler, which reveals
 * nothing, needs no rule.
 */
function accessOf(request: FastifyRequest): Access | 'undeclared' {
  const declared = request.routeOptions.config?.access;
  if (declared) return declared;
  return request.is404 ? 'public' : 'undeclared';
}

/**
 * Refuses a state-changing browser request that comes from another site. SameSite=Strict
 * already keeps the cookie off cross-site requests; this checks Origin and Fetch Metadata as
 * well, so an old browser or a sibling subdomain cannot ride a session.
 */
function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new DomainError('forbidden', 'cross-site requests may not change anything');
  }
  if (origin === undefined) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (host !== request.headers.host) throw new DomainError('forbidden', 'cross-site requests may not change anything');
}

async function resolveActor(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  const now = new Date();
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match ? await actorForApiToken(app.db, match[1]!, now) : undefined;
    if (!actor) throw new DomainError('unauthorized', 'the API token is not valid');
    request.actor = actor;
    request.authMethod = 'token';
    return;
  }
  const secret = request.cookies[SESSION_COOKIE];
  if (secret) {
    const actor = await actorForSession(app.db, secret, now);
    if (actor) {
      request.actor = actor;
      request.authMethod = 'session';
    }
  }
}

/**
 * The one place routes are guarded: resolves the actor from a bearer token or the session
 * cookie, then holds the request against its route's declared `access` and the same-origin rule.
 */
export async function registerAuth(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('authMethod', null);
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.decorate('routeAccess', () =>
    routes.flatMap((route) =>
      [route.method].flat().map((method) => ({ method, url: route.url, access: route.config?.access })),
    ),
  );
  app.addHook('onRequest', async (request) => {
    const access = accessOf(request);
    if (access === 'undeclared') {
      request.log.error({ route: request.routeOptions.url }, 'route declares no access rule: refused');
      throw new DomainError('forbidden', 'this route is not open to anyone');
    }
    // Public reads (the client's files, share pages) need no one: no session lookup for every
    // script. A bearer token is still checked, so a script with a bad one learns so at once.
    if (access === 'public' && SAFE_METHODS.has(request.method) && request.headers.authorization === undefined) return;
    await resolveActor(app, request);
    // Bearer tokens are never sent by a browser on its own, so only the other writes need the check.
    if (!SAFE_METHODS.has(request.method) && request.authMethod !== 'token') assertSameOrigin(request);
    if (access === 'public') return;
    if (!request.actor) throw new DomainError('unauthorized', 'sign in, or send an API token as Authorization: Bearer <token>');
    if (access !== 'signed_in' && !roleHas(request.actor.role, access)) {
      throw new DomainError('forbidden', `your role (${request.actor.role}) may not do this`);
    }
  });
}

/**
 * Registers routes open to everyone that cannot declare an access rule themselves (the static
 * client, the API documentation: third-party plugins): this scope declares it for them.
 */
export async function registerPublic(app: FastifyInstance, register: (scope: FastifyInstance) => Promise<void>): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await register(scope);
  });
}
