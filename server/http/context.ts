import type { FastifyRequest } from 'fastify';
import type { WriteContext } from '../db/repositories/audit.js';
import { parseMonth, type MonthIndex } from '../domain/months.js';
import type { Actor } from '../domain/permissions.js';

/** The server's clock, read by the HTTP layer; the domain is always handed `now`. */
export function nowIso(): string {
  return new Date().toISOString();
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The current planning month: the configured one, or the current month in the Netherlands. */
    planningMonth(): MonthIndex;
  }
}

/** The current month the request is answered at: the `asOf` of every answer that does not name one. */
export function currentMonth(request: FastifyRequest): MonthIndex {
  return request.server.planningMonth();
}

/** The month an answer is computed at: the one the request names (`?asOf=YYYY-MM`), or the current month. */
export function asOfFrom(request: FastifyRequest, requested: string | undefined): MonthIndex {
  return requested === undefined ? currentMonth(request) : parseMonth(requested)!;
}

/** The signed-in actor; the access hook has already refused the request when there is none. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('route reached without an actor: its access config is wrong');
  return request.actor;
}

/** Who writes, for which request, now: what every audited write needs. */
export function writeContext(request: FastifyRequest): WriteContext {
  return { actor: actorOf(request), requestId: request.id, now: nowIso(), month: currentMonth(request) };
}
