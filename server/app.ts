import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { demoAccounts, ensureAdmin, loadNationalDikeTrajects, readDemoData, seedDemoIfEmpty, seedDemoUsersIfNone } from '../seed/load.js';
import type { Config } from './config.js';
import { monthInNetherlands } from './domain/months.js';
import { createDatabase, migrateToLatest } from './db/database.js';
import { registerAddressCap } from './http/plugins/address-cap.js';
import { registerAreaEvents } from './http/area-event-hub.js';
import { registerAuth } from './http/plugins/auth.js';
import { registerNulTextRefusal } from './http/plugins/nul-text.js';
import { registerClient } from './http/plugins/client.js';
import { registerDatabase } from './http/plugins/database.js';
import { registerErrorHandling } from './http/plugins/errors.js';
import { sendProblem, toProblem } from './http/problem.js';
import { registerOpenApi } from './http/plugins/openapi.js';
import { nowIso } from './http/context.js';
import { alignmentRoutes } from './http/routes/alignments.js';
import { areaRoutes } from './http/routes/areas.js';
import { areaEventRoutes } from './http/routes/area-events.js';
import { authRoutes } from './http/routes/auth.js';
import { capacityRuleRoutes } from './http/routes/capacity-rules.js';
import { dikeTrajectRoutes } from './http/routes/dike-trajects.js';
import { metaRoutes } from './http/routes/meta.js';
import { importRoutes } from './http/routes/imports.js';
import { partyRoutes } from './http/routes/parties.js';
import { planRoutes } from './http/routes/plans.js';
import { programmeRoutes } from './http/routes/programmes.js';
import { proposalRoutes } from './http/routes/proposals.js';
import { scenarioRoutes } from './http/routes/scenarios.js';
import { snapshotRoutes } from './http/routes/snapshots.js';
import { soilRoutes } from './http/routes/soil.js';
import { taskRoutes } from './http/routes/tasks.js';
import { tokenRoutes } from './http/routes/tokens.js';
import { userRoutes } from './http/routes/users.js';

/**
 * Builds the whole application on its database (migrated, national table loaded, demo
 * seeded when asked) without listening, so tests drive it through `app.inject()`.
 */
export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: 1024 * 1024,
    // A client that sends its request slowly is cut off; Node checks open requests every second.
    requestTimeout: config.requestTimeoutMs,
    http: { headersTimeout: Math.min(config.requestTimeoutMs, 10_000), connectionsCheckingInterval: 1_000 },
    trustProxy: config.trustedProxies.length > 0 ? [...config.trustedProxies] : false,
    // Request ids in logs and problems let an operator find a user's failing request.
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    // Errors the router raises before any route (over-long parameters, bad URLs) are problems too.
    frameworkErrors: (error, request, reply) => {
      sendProblem(reply, toProblem(error, request));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.decorate('planningMonth', () => config.planningMonth ?? monthInNetherlands(new Date()));
  app.setSerializerCompiler(serializerCompiler);

  // Read and validated once: seeding, demo accounts and the login page all use it.
  const demo = config.seedDemo ? readDemoData() : null;
  const db = createDatabase(config.database);
  registerDatabase(app, db);
  try {
    await migrateToLatest(db);
    await loadNationalDikeTrajects(db);
    if (demo) {
      if (await seedDemoIfEmpty(db, demo, nowIso())) app.log.info('seeded the demo areas');
      if (await seedDemoUsersIfNone(db, demo, nowIso())) app.log.info('created the demo accounts (password: demo)');
    }
    await ensureAdmin(db, config.bootstrapAdmin, nowIso());
  } catch (error) {
    await db.destroy();
    throw error;
  }

  registerErrorHandling(app);
  registerAddressCap(app, config.maxRequestsPerAddress);
  registerAreaEvents(app, config.database);
  registerNulTextRefusal(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // vis-timeline positions its items with inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
  });
  await registerAuth(app);
  await registerOpenApi(app);
  await app.register(authRoutes, { demo: demo ? demoAccounts(demo) : null, cookieSecure: config.cookieSecure });
  await app.register(tokenRoutes);
  await app.register(userRoutes);
  await app.register(metaRoutes);
  await app.register(partyRoutes);
  await app.register(areaRoutes);
  await app.register(taskRoutes);
  await app.register(dikeTrajectRoutes);
  await app.register(alignmentRoutes);
  await app.register(capacityRuleRoutes);
  await app.register(scenarioRoutes);
  await app.register(planRoutes);
  await app.register(programmeRoutes);
  await app.register(snapshotRoutes);
  await app.register(soilRoutes);
  await app.register(importRoutes);
  await app.register(proposalRoutes);
  await app.register(areaEventRoutes);
  if (!(await registerClient(app))) app.log.info('no client build found: serving the API only');
  return app;
}
