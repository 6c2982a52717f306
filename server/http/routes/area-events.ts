import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AreaParams } from '../../contracts/areas.js';
import { replayStart, type AreaEvent } from '../../use-cases/area-events.js';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 20_000;

function eventText(event: AreaEvent): string {
  const data = { seq: event.seq, kind: event.kind, at: event.at, actorLabel: event.actorLabel, actorPartyId: event.actorPartyId, ...event.payload };
  return `id: ${event.seq}\nevent: ${event.kind}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The live meeting screen (issue 17): `GET /api/areas/:areaId/events` streams the area's task
 * changes, proposal decisions and agenda changes as server-sent events, each with its number as
 * id, so a reconnecting browser resumes after the last one it saw (Last-Event-ID). Open streams
 * do not count against the per-address cap (they stay open by design), and they are left out of
 * the OpenAPI document, whose clients expect answers that end.
 */
export async function areaEventRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const hub = app.areaEvents;

  app.get(
    '/api/areas/:areaId/events',
    {
      config: { access: 'signed_in', addressCap: false },
      schema: {
        hide: true,
        params: AreaParams,
        headers: z.object({ 'last-event-id': z.string().max(100).optional() }),
        querystring: z.object({ lastEventId: z.string().max(100).optional() }),
      },
    },
    async (request, reply) => {
      const given = request.headers['last-event-id'] ?? request.query.lastEventId;
      const lastSeen = given !== undefined && /^\d{1,15}$/.test(given) ? Number(given) : undefined;
      const start = await replayStart(app.db, request.params.areaId, lastSeen);
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      response.write('retry: 2000\n\n');
      // The reload carries the newest id, so the browser's next reconnect does not ask for it again.
      if (start.reload) response.write(`id: ${start.after}\nevent: reload\ndata: {}\n\n`);
      const unsubscribe = hub.subscribe(request.params.areaId, start.after, (event) => response.write(eventText(event)), () => response.end());
      const keepalive = setInterval(() => response.write(': ping\n\n'), KEEPALIVE_MS);
      response.once('close', () => {
        clearInterval(keepalive);
        unsubscribe();
      });
    },
  );
}
