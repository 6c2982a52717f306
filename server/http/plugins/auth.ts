import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorForApiToken, actorForSession } from '../../db/repositories/credentials.js';
import { DomainError } from '../../domain/errors.js';
import { roleHas, type Actor, type Capability } from '../../domain/permissions.js';

export const SESSION_COOKIE = 'gp_session';

/** Who may call a route: anyone, any signed-in user (the default under /api), or holders of a capability. */
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
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function accessOf(request: FastifyRequest): Access {
  const configured = request.routeOptions.config?.access;
  if (configured) return configured;
  const path = request.url.split('?')[0]!;
  // Outside the API (the client, shared snapshot pages) and the API documentation, anyone may read.
  return path.startsWith('/api/') && !path.startsWith('/api/docs') ? 'signed_in' : 'public';
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
 * cookie, then holds the request against its route's `access` and the same-origin rule.
 */
export async function registerAuth(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('authMethod', null);
  app.addHook('onRequest', async (request) => {
    // The client's files and share pages need no one: no session lookup for every script and style.
    if (!request.url.startsWith('/api/') && SAFE_METHODS.has(request.method)) return;
    await resolveActor(app, request);
    const access = accessOf(request);
    // Bearer tokens are never sent by a browser on its own, so only the other writes need the check.
    if (!SAFE_METHODS.has(request.method) && request.authMethod !== 'token') assertSameOrigin(request);
    if (access === 'public') return;
    if (!request.actor) throw new DomainError('unauthorized', 'sign in, or send an API token as Authorization: Bearer <token>');
    if (access !== 'signed_in' && !roleHas(request.actor.role, access)) {
      throw new DomainError('forbidden', `your role (${request.actor.role}) may not do this`);
    }
  });
}
