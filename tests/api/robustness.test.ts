import type { FastifyInstance } from 'fastify';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../helpers/app.js';

let app: FastifyInstance | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await app?.close();
  app = undefined;
});

async function listening(env: Record<string, string>): Promise<number> {
  app = await buildTestApp({ env });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as { port: number }).port;
}

interface SlowClient {
  /** Everything the server sent. */
  received(): string;
  /** Resolves with the milliseconds from opening until the server closed the connection. */
  closed: Promise<number>;
}

/** A client that sends a request's headers, then its body one byte a second. */
function trickle(port: number): SlowClient {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  socket.write('POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{');
  const timer = setInterval(() => socket.writable && socket.write(' '), 1_000);
  const closed = new Promise<number>((resolve) =>
    socket.on('close', () => {
      clearInterval(timer);
      resolve(Date.now() - started);
    }),
  );
  return { received: () => received, closed };
}

describe('slow and greedy clients', () => {
  it('closes a connection that sends its body one byte a second within the request timeout', async () => {
    const port = await listening({ REQUEST_TIMEOUT_S: '2' });
    const client = trickle(port);
    const elapsed = await client.closed;
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    // The timeout plus Node's one-second check, with room for a busy machine.
    expect(elapsed).toBeLessThan(4_500);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('caps the requests one address has in progress, and keeps the health check fast meanwhile', async () => {
    const port = await listening({ REQUEST_TIMEOUT_S: '20', MAX_REQUESTS_PER_ADDRESS: '5' });
    const clients = Array.from({ length: 5 }, () => trickle(port));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const extra = trickle(port);
    const closedAfter = await extra.closed;
    expect(closedAfter).toBeLessThan(2_000);
    expect(extra.received()).toMatch(/^HTTP\/1\.1 429/);
    expect(extra.received()).toMatch(/retry-after: 1/i);
    const started = Date.now();
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(500);
    expect(clients.every((client) => client.received() === '')).toBe(true);
    // When the held requests end, the address may send again.
    for (const socket of sockets.splice(0)) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fetch(`http://127.0.0.1:${port}/api/areas`)).status).toBe(401);
  });
});

describe('behind a reverse proxy', () => {
  const attempt = (server: FastifyInstance, forwardedFor: string, email: string) =>
    server.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.0.0.2',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { email, password: 'wrong' },
    });

  it('limits each forwarded client on its own only when the proxy is trusted', async () => {
    app = await buildTestApp({ env: { TRUST_PROXY: '10.0.0.0/8' } });
    for (let index = 0; index < 10; index++) expect((await attempt(app, '203.0.113.5', `a${index}@demo.local`)).statusCode).toBe(401);
    expectProblem(await attempt(app, '203.0.113.5', 'a10@demo.local'), 429, 'too_many_requests');
    expect((await attempt(app, '203.0.113.6', 'b@demo.local')).statusCode).toBe(401);
    const addresses = await app.db.selectFrom('login_attempts').select('address').distinct().execute();
    expect(addresses.map((row) => row.address).sort()).toEqual(['203.0.113.5', '203.0.113.6']);
  });

  it('ignores X-Forwarded-For from anyone else', async () => {
    app = await buildTestApp();
    for (let index = 0; index < 10; index++) expect((await attempt(app, `203.0.113.${index}`, `a${index}@demo.local`)).statusCode).toBe(401);
    expectProblem(await attempt(app, '203.0.113.99', 'z@demo.local'), 429, 'too_many_requests');
  });
});
