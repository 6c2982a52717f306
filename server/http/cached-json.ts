import type { FastifyReply, FastifyRequest } from 'fastify';
import { gzipSync } from 'node:zlib';
import type { z } from 'zod';
import { VersionedCache } from '../db/versioned-cache.js';

/** A finished answer, and its gzip form once a client asked for it. */
interface Kept {
  json: string;
  gzip?: Buffer;
}

function acceptsGzip(request: FastifyRequest): boolean {
  return /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
}

/**
 * Answers that are read far more often than their data changes (an area's tasks, its alignment
 * report), kept as finished JSON per area data version: a repeated read costs one version lookup
 * and the socket write, not the database rows, the detector and the serialisation again. They
 * are large (an area's report is a few hundred KB), so a browser, which always accepts gzip,
 * gets the compressed form, compressed once per version. The version is read before the answer
 * is built, so what is kept is never older than its version.
 */
export class CachedJson<T> {
  readonly #cache: VersionedCache<Kept>;

  constructor(
    private readonly schema: z.ZodType<T>,
    capacity: number,
  ) {
    this.#cache = new VersionedCache(capacity);
  }

  async send(request: FastifyRequest, reply: FastifyReply, key: string, version: number, build: () => Promise<T>): Promise<FastifyReply> {
    // Checked against the route's answer schema once, as the serializer would check every answer.
    const kept = await this.#cache.get(key, version, async () => ({ json: JSON.stringify(this.schema.parse(await build())) }));
    reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
    if (!acceptsGzip(request)) return reply.send(kept.json);
    kept.gzip ??= gzipSync(kept.json);
    return reply.header('content-encoding', 'gzip').send(kept.gzip);
  }
}
