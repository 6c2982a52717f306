import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** False for routes that must answer even while an address is at its cap (the health check). */
    addressCap?: boolean;
  }
}

/**
 * Caps the requests one client address may have in progress. A request counts from its headers
 * until its answer is sent or its connection closes, so clients that trickle a body byte by byte
 * cannot hold more than `max` requests open; the request timeout closes those they do hold.
 * Behind a trusted proxy, `request.ip` is the forwarded client address.
 */
export function registerAddressCap(app: FastifyInstance, max: number): void {
  const inProgress = new Map<string, number>();
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.addressCap === false) return;
    const address = request.ip;
    const count = inProgress.get(address) ?? 0;
    if (count >= max) {
      // Closing the connection stops the client from keeping it busy with the rest of its body.
      reply.header('connection', 'close');
      throw new DomainError('too_many_requests', `too many requests in progress from your address (at most ${max}); try again shortly`, undefined, {
        retryAfter: 1,
      });
    }
    inProgress.set(address, count + 1);
    reply.raw.once('close', () => {
      const left = (inProgress.get(address) ?? 1) - 1;
      if (left === 0) inProgress.delete(address);
      else inProgress.set(address, left);
    });
  });
}
