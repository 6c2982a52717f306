import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { snapshotIdForToken } from '../../db/repositories/snapshots.js';
import { nowIso } from '../context.js';
import { registerPublic } from './auth.js';

/** Where `npm start` (and the e2e tests) build the browser client. */
export const CLIENT_DIR = new URL('../../../dist/client/', import.meta.url);

const LINK_GONE = {
  nl: {
    lang: 'nl',
    title: 'Deze link werkt niet (meer)',
    text: 'De deellink is onbekend, ingetrokken of verlopen. Vraag wie hem stuurde om een nieuwe.',
    home: 'Naar de Gebiedsplanner',
  },
  en: {
    lang: 'en',
    title: 'This link does not work (any more)',
    text: 'The share link is unknown, revoked or expired. Ask whoever sent it for a new one.',
    home: 'Go to the Gebiedsplanner',
  },
};

/** Dutch unless the browser prefers English over Dutch. */
function viewerLanguage(request: FastifyRequest): 'nl' | 'en' {
  const header = String(request.headers['accept-language'] ?? '').toLowerCase();
  const nl = header.search(/\bnl\b/);
  const en = header.search(/\ben\b/);
  return en !== -1 && (nl === -1 || en < nl) ? 'en' : 'nl';
}

function linkGonePage(language: 'nl' | 'en'): string {
  const text = LINK_GONE[language];
  return `<!doctype html>
<html lang="${text.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; color: #1a1a1a">
<main><h1>${text.title}</h1><p>${text.text}</p><p><a href="/" style="color: #0b5394">${text.home}</a></p></main>
</body></html>`;
}

/**
 * Serves the built client from this server (no CDN: meeting rooms may have no internet).
 * Without a build, the API runs alone, as in the API tests.
 */
export async function registerClient(app: FastifyInstance): Promise<boolean> {
  if (!existsSync(new URL('index.html', CLIENT_DIR))) return false;
  await registerPublic(app, async (scope) => {
    await scope.register(fastifyStatic, { root: CLIENT_DIR.pathname, prefix: '/', index: ['index.html'], maxAge: '1h' });
    // A share link opens the same app, which reads the token from the path and shows the snapshot
    // read-only; a link that opens nothing says so at once, in the viewer's language.
    scope.get<{ Params: { token: string } }>('/s/:token', { schema: { hide: true } }, async (request, reply) => {
      if ((await snapshotIdForToken(app.db, request.params.token, nowIso())) !== null) return reply.sendFile('index.html');
      return reply.code(404).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(linkGonePage(viewerLanguage(request)));
    });
  });
  return true;
}
