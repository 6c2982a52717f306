import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { databaseKind } from '../../db/database.js';
import { announceStorageState, claimWriteRetry, storageFailureOf, storageState } from '../../db/storage-health.js';
import { STORAGE_RETRY_AFTER_SECONDS } from '../problem.js';

/**
 * `database` says why the server cannot do its work: `full` (no room to store changes),
 * `unwritable` (read-only file or failing disk), `unreachable` (cannot even read). The healthy
 * answer is `{ status: 'ok', database: 'ok', engine }`; `engine` names the database in use.
 */
const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['ok', 'full', 'unwritable', 'unreachable']),
  engine: z.enum(['sqlite', 'postgres']),
  since: z.iso.datetime().optional().describe('when the database stopped accepting writes'),
});

// While writes fail, health retries one at most this often, so that it turns ok again once
// space returns even if no user writes; polling faster than this reads the remembered state.
const WRITE_RETRY_MS = 2_000;

export async function metaRoutes(server: FastifyInstance): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const engine = databaseKind(app.db);
  app.get(
    '/api/health',
    {
      config: { access: 'public', addressCap: false },
      schema: {
        tags: ['meta'],
        summary: 'Liveness, database reachability and whether it accepts writes (503 when not)',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (request, reply) => {
      try {
        await app.db.selectFrom('app_meta').select('key').limit(1).execute();
      } catch (error) {
        request.log.error({ err: error }, 'the database cannot be read');
        return reply
          .code(503)
          .header('retry-after', String(STORAGE_RETRY_AFTER_SECONDS))
          .send({ status: 'unavailable' as const, database: 'unreachable' as const, engine });
      }
      if (claimWriteRetry(Date.now(), WRITE_RETRY_MS)) {
        // A tiny real write; if it lands, the driver's probe decides whether the outage is over.
        const value = new Date().toISOString();
        try {
          await app.db
            .insertInto('app_meta')
            .values({ key: 'storage_checked_at', value })
            .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
            .execute();
        } catch (error) {
          if (storageFailureOf(error) === undefined) throw error;
        }
      }
      announceStorageState(request.log);
      const state = storageState();
      if (state.writable) return { status: 'ok' as const, database: 'ok' as const, engine };
      return reply
        .code(503)
        .header('retry-after', String(STORAGE_RETRY_AFTER_SECONDS))
        .send({
          status: 'unavailable' as const,
          database: state.failure === 'full' ? ('full' as const) : ('unwritable' as const),
          engine,
          since: state.since.toISOString(),
        });
    },
  );
}
