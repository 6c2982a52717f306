import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { loadNationalDikeTrajects, seedDemoIfEmpty } from '../seed/load.js';
import type { Config } from './config.js';
import { createDatabase, migrateToLatest } from './db/database.js';
import { registerActor } from './http/plugins/actor.js';
import { registerDatabase } from './http/plugins/database.js';
import { registerErrorHandling } from './http/plugins/errors.js';
import { registerOpenApi } from './http/plugins/openapi.js';
import { nowIso } from './http/now.js';
import { alignmentRoutes } from './http/routes/alignments.js';
import { areaRoutes } from './http/routes/areas.js';
import { dikeTrajectRoutes } from './http/routes/dike-trajects.js';
import { metaRoutes } from './http/routes/meta.js';
import { partyRoutes } from './http/routes/parties.js';
import { taskRoutes } from './http/routes/tasks.js';

/**
 * Builds the whole application on its database (migrated, national table loaded, demo
 * seeded when asked) without listening, so tests drive it through `app.inject()`.
 */
export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    // Request ids in logs and problems let an operator find a user's failing request.
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const db = createDatabase(config.databasePath);
  registerDatabase(app, db);
  try {
    await migrateToLatest(db);
    await loadNationalDikeTrajects(db);
    if (config.seedDemo && (await seedDemoIfEmpty(db, nowIso()))) app.log.info('seeded the demo areas');
  } catch (error) {
    await db.destroy();
    throw error;
  }

  registerErrorHandling(app);
  registerActor(app);
  await registerOpenApi(app);
  await app.register(metaRoutes);
  await app.register(partyRoutes);
  await app.register(areaRoutes);
  await app.register(taskRoutes);
  await app.register(dikeTrajectRoutes);
  await app.register(alignmentRoutes);
  return app;
}
