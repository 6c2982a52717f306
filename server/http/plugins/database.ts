import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

/** Shares the database with the routes and closes it when the server closes. */
export function registerDatabase(app: FastifyInstance, db: Db): void {
  app.decorate('db', db);
  app.addHook('onClose', async () => {
    await db.destroy();
  });
}
