import type { FastifyRequest } from 'fastify';
import type { WriteContext } from '../db/repositories/audit.js';
import type { Actor } from '../domain/permissions.js';

/** The server's clock, read by the HTTP layer; the domain is always handed `now`. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** The signed-in actor; the access hook has already refused the request when there is none. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('route reached without an actor: its access config is wrong');
  return request.actor;
}

/** Who writes, for which request, now: what every audited write needs. */
export function writeContext(request: FastifyRequest): WriteContext {
  return { actor: actorOf(request), requestId: request.id, now: nowIso() };
}
