import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { VersionedCache } from '../db/versioned-cache.js';

/**
 * Answers that are read far more often than their data changes (an area's tasks, its alignment
 * report), kept as finished JSON per area data version: a repeated read costs one version lookup
 * and the socket write, not the database rows, the detector and the serialisation again. The
 * version is read before the answer is built, so what is kept is never older than its version.
 */
export class CachedJson<T> {
  readonly #cache: VersionedCache<string>;

  constructor(
    private readonly schema: z.ZodType<T>,
    capacity: number,
  ) {
    this.#cache = new VersionedCache(capacity);
  }

  async send(reply: FastifyReply, key: string, version: number, build: () => Promise<T>): Promise<FastifyReply> {
    // Checked against the route's answer schema once, as the serializer would check every answer.
    const body = await this.#cache.get(key, version, async () => JSON.stringify(this.schema.parse(await build())));
    return reply.type('application/json; charset=utf-8').send(body);
  }
}
