import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';

/** Where `npm start` (and the e2e tests) build the browser client. */
export const CLIENT_DIR = new URL('../../../dist/client/', import.meta.url);

/**
 * Serves the built client from this server (no CDN: meeting rooms may have no internet).
 * Without a build, the API runs alone, as in the API tests.
 */
export async function registerClient(app: FastifyInstance): Promise<boolean> {
  if (!existsSync(new URL('index.html', CLIENT_DIR))) return false;
  await app.register(fastifyStatic, { root: CLIENT_DIR.pathname, prefix: '/', index: ['index.html'], maxAge: '1h' });
  // A share link opens the same app, which reads the token from the path and shows the snapshot read-only.
  app.get('/s/:token', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
  return true;
}
