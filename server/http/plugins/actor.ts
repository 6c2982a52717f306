import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../domain/permissions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who this request acts as; every write is checked against and recorded for it. */
    actor: Actor;
  }
}

/**
 * Until accounts exist every request acts as one local administrator that may write for
 * any party. Routes only ever read `request.actor`, so sessions and tokens replace this
 * hook without touching them.
 */
export const LOCAL_ADMIN: Actor = Object.freeze({ id: 'local-admin', partyId: null, role: 'admin' });

export function registerActor(app: FastifyInstance): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (request) => {
    request.actor = LOCAL_ADMIN;
  });
}
