import { buildApp } from './app.js';
import { loadConfig } from './config.js';

// Process concerns only: configuration, listening, and a clean close on signals.
const config = loadConfig();
const app = await buildApp(config);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing server and database');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'close failed');
        process.exit(1);
      },
    );
  });
}

await app.listen({ host: config.host, port: config.port });
console.log(`Gebiedsplanner runs at http://${config.host}:${app.server.address() && typeof app.server.address() === 'object' ? (app.server.address() as { port: number }).port : config.port}`);
console.log(`API documentation: http://${config.host}:${config.port}/api/docs`);
