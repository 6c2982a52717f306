import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/security/secrets.js';
import { newTestDatabase } from '../helpers/test-database.js';
import { buildTestApp, clientAs, clientWith, expectProblem, TEST_ADMIN, type TestClient } from '../helpers/app.js';

let app: FastifyInstance;
let admin: TestClient;
beforeEach(async () => {
  app = await buildTestApp({ seedDemo: true });
  admin = await clientAs(app);
});
afterEach(() => app.close());

const SAME_ORIGIN = { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' };

async function login(email: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
}

function sessionCookie(response: Awaited<ReturnType<typeof login>>): string {
  const cookie = response.cookies.find((candidate) => candidate.name === 'gp_session');
  if (!cookie) throw new Error('no session cookie');
  return `gp_session=${cookie.value}`;
}

describe('signing in and out', () => {
  it('sets an HTTP-only, SameSite=Strict session cookie that identifies the user', async () => {
    const response = await login('hdsr@demo.local', 'demo');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ email: 'hdsr@demo.local', partyId: 'hdsr', role: 'planner' });
    expect(response.json()).not.toHaveProperty('password');
    expect(response.json()).not.toHaveProperty('passwordHash');
    const cookie = response.cookies.find((candidate) => candidate.name === 'gp_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: sessionCookie(response) } });
    expect(me.json().email).toBe('hdsr@demo.local');
    const stored = await app.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).toContain(hashSecret(cookie.value));
  });

  it('ends the session on logout', async () => {
    const cookie = sessionCookie(await login('hdsr@demo.local', 'demo'));
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, ...SAME_ORIGIN } });
    expect(logout.statusCode).toBe(204);
    // Cleared with the attributes it was set with, so no browser keeps a stale copy.
    expect(logout.cookies.find((candidate) => candidate.name === 'gp_session')).toMatchObject({ value: '', sameSite: 'Strict', httpOnly: true, path: '/' });
    expectProblem(await app.inject({ url: '/api/auth/me', headers: { cookie } }), 401, 'unauthorized');
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = expectProblem(await login('nobody@demo.local', 'demo'), 401, 'unauthorized');
    const wrong = expectProblem(await login('hdsr@demo.local', 'wrong'), 401, 'unauthorized');
    expect(unknown.detail).toBe(wrong.detail);
  });

  it('limits sign-in attempts per source address', async () => {
    const fromOneAddress = (email: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.7', payload: { email, password: 'wrong' } });
    for (let attempt = 0; attempt < 10; attempt++) expect((await fromOneAddress(`guess${attempt}@demo.local`)).statusCode).toBe(401);
    const refused = await fromOneAddress('hdsr@demo.local');
    expectProblem(refused, 429, 'too_many_requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(50);
    expect((await login('hdsr@demo.local', 'demo')).statusCode).toBe(200);
  });

  it('limits guesses per account across addresses, without locking the real user out for long', async () => {
    const guess = (address: string, email = 'hdsr@demo.local', password = 'wrong') =>
      app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: address, payload: { email, password } });
    const statuses: number[] = [];
    for (let address = 1; address <= 5; address++) {
      for (let attempt = 0; attempt < 10; attempt++) statuses.push((await guess(`198.51.100.${address}`)).statusCode);
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(45);
    // An unknown account is limited exactly like a real one: the answers reveal nothing.
    const unknown: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) unknown.push((await guess('192.0.2.1', 'nobody@demo.local')).statusCode);
    expect(unknown).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Even the right password waits while the account is held back ...
    const held = await guess('192.0.2.9', 'hdsr@demo.local', 'demo');
    expectProblem(held, 429, 'too_many_requests');
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(2);
    // ... and gets in once the short wait has passed, which clears the account's failures.
    await app.db.updateTable('login_attempts').set((eb) => ({ at_ms: eb('at_ms', '-', 5_000) })).execute();
    expect((await guess('192.0.2.9', 'hdsr@demo.local', 'demo')).statusCode).toBe(200);
    expect((await guess('192.0.2.9')).statusCode).toBe(401);
  });

  it('counts attempts in the database, so every app process on it shares the limits', async () => {
    const database = await newTestDatabase({ shared: true });
    const first = await buildTestApp({ seedDemo: true, database });
    const second = await buildTestApp({ seedDemo: true, database });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 8; attempt++) {
        const server = attempt % 2 === 0 ? first : second;
        statuses.push((await server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'wl@demo.local', password: 'wrong' } })).statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('lists the demo accounts for the login page in demo mode', async () => {
    const response = await app.inject('/api/auth/demo-accounts');
    expect(response.json()).toMatchObject({ demo: true, password: 'demo' });
    expect(response.json().accounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'regisseur@demo.local', role: 'area_director' }),
        expect.objectContaining({ email: 'admin@demo.local', role: 'admin' }),
        expect.objectContaining({ email: 'rws-on@demo.local', partyId: 'rws-on' }),
      ]),
    );
  });
});

describe('without credentials', () => {
  it('answers every API route but health, login, demo accounts and the documentation with 401', async () => {
    for (const url of ['/api/areas', '/api/parties', '/api/dike-trajects', '/api/users', '/api/auth/me', '/api/tokens']) {
      expectProblem(await app.inject(url), 401, 'unauthorized');
    }
    for (const url of ['/api/health', '/api/openapi.json', '/api/auth/demo-accounts', '/api/docs/']) {
      expect((await app.inject(url)).statusCode, url).toBe(200);
    }
  });

  it('refuses a bad bearer token instead of falling back to anonymous', async () => {
    expectProblem(await app.inject({ url: '/api/health', headers: { authorization: 'Bearer nope' } }), 401, 'unauthorized');
  });
});

describe('API tokens', () => {
  it('shows a token once, stores only its hash, and stops it working when revoked', async () => {
    const created = await admin.post('/api/tokens', { name: 'import script' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^gpt_[A-Za-z0-9_-]{43}$/);
    const row = await app.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSecret(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const script = clientWith(app, { authorization: `Bearer ${token}` });
    expect((await script.get('/api/areas')).statusCode).toBe(200);
    const listed = (await admin.get('/api/tokens')).json();
    expect(listed.find((entry: { id: string }) => entry.id === id)).not.toHaveProperty('token');

    expect((await admin.delete(`/api/tokens/${id}`)).statusCode).toBe(204);
    expectProblem(await script.get('/api/areas'), 401, 'unauthorized');
  });

  it('cannot revoke another user’s token', async () => {
    const { id } = (await admin.post('/api/tokens', { name: 'mine' })).json();
    const other = await clientAs(app, 'hdsr@demo.local');
    expectProblem(await other.delete(`/api/tokens/${id}`), 404, 'not_found');
  });
});

describe('cross-site protection for cookie sessions', () => {
  it('refuses writes whose Origin or Fetch Metadata is another site, and changes nothing', async () => {
    const cookie = sessionCookie(await login(TEST_ADMIN.email, TEST_ADMIN.password));
    const payload = { id: 'evil', name: 'Evil', kind: 'overig' };
    const foreign = await app.inject({ method: 'POST', url: '/api/parties', payload, headers: { cookie, origin: 'https://evil.example', host: 'localhost:80' } });
    expectProblem(foreign, 403, 'forbidden');
    const crossSite = await app.inject({ method: 'POST', url: '/api/parties', payload, headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    expectProblem(crossSite, 403, 'forbidden');
    expect(await app.db.selectFrom('parties').select('id').where('id', '=', 'evil').execute()).toEqual([]);
    const same = await app.inject({ method: 'POST', url: '/api/parties', payload, headers: { cookie, ...SAME_ORIGIN } });
    expect(same.statusCode).toBe(201);
  });
});

describe('bootstrap admin', () => {
  it('refuses to start without demo data, users or an admin to create', async () => {
    const { buildApp } = await import('../../server/app.js');
    const { loadConfig } = await import('../../server/config.js');
    await expect(buildApp(loadConfig({ LOG_LEVEL: 'silent', ...(await newTestDatabase()), SEED_DEMO: 'false' }))).rejects.toThrow(
      /ADMIN_EMAIL and ADMIN_PASSWORD/,
    );
  });

  it('creates the configured admin once', async () => {
    const admins = await app.db.selectFrom('users').select(['email', 'role', 'party_id']).where('email', '=', TEST_ADMIN.email).execute();
    expect(admins).toEqual([{ email: TEST_ADMIN.email, role: 'admin', party_id: null }]);
    expect((await login(TEST_ADMIN.email, TEST_ADMIN.password)).statusCode).toBe(200);
  });
});

describe('/api/users', () => {
  it('lets admins create, change and remove users, never returning a password', async () => {
    const created = await admin.post('/api/users', {
      email: 'Planner@HDSR.nl',
      name: 'Planner HDSR',
      partyId: 'hdsr',
      role: 'editor',
      password: 'a-long-password',
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ email: 'planner@hdsr.nl', role: 'editor' });
    expect(created.body).not.toMatch(/password/i);
    const changed = await admin.patch(`/api/users/${user.id}`, { role: 'planner', password: 'another-password' });
    expect(changed.json().role).toBe('planner');
    expect((await login('planner@hdsr.nl', 'another-password')).statusCode).toBe(200);
    expect((await admin.get('/api/users')).body).not.toMatch(/argon2|password/i);
    const removed = await admin.delete(`/api/users/${user.id}`);
    expect(removed.json()).toEqual({ id: user.id, revokedCredentials: { sessions: 1, apiTokens: 0 } });
    expectProblem(await login('planner@hdsr.nl', 'another-password'), 401, 'unauthorized');
    const audit = await app.db.selectFrom('audit_log').select(['action', 'after_json']).where('entity_id', '=', user.id).execute();
    expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'delete']);
    expect(JSON.stringify(audit)).not.toMatch(/argon2|another-password/);
  });

  it('refuses duplicate emails, unknown parties, party-less non-admins and removing the last admin', async () => {
    const base = { email: 'x@y.nl', name: 'X', partyId: 'hdsr', role: 'editor', password: 'a-long-password' };
    expect((await admin.post('/api/users', base)).statusCode).toBe(201);
    expectProblem(await admin.post('/api/users', base), 409, 'conflict');
    expectProblem(await admin.post('/api/users', { ...base, email: 'z@y.nl', partyId: 'nope' }), 400, 'validation');
    expectProblem(await admin.post('/api/users', { ...base, email: 'z@y.nl', partyId: null }), 400, 'validation');
    expectProblem(await admin.post('/api/users', { ...base, email: 'z@y.nl', password: 'short' }), 400, 'validation');
    const users = (await admin.get('/api/users')).json() as { id: string; role: string; email: string }[];
    for (const user of users.filter((candidate) => candidate.role === 'admin' && candidate.email !== TEST_ADMIN.email)) {
      expect((await admin.delete(`/api/users/${user.id}`)).statusCode).toBe(200);
    }
    const self = users.find((user) => user.email === TEST_ADMIN.email)!;
    expectProblem(await admin.delete(`/api/users/${self.id}`), 409, 'conflict');
  });
});

describe('a new password', () => {
  it("ends the user's sessions and API tokens, says so, and leaves other users' tokens working", async () => {
    const user = (await admin.post('/api/users', { email: 'leak@hdsr.nl', name: 'Lek', partyId: 'hdsr', role: 'editor', password: 'old-password' })).json();
    const asSession = clientWith(app, { cookie: sessionCookie(await login('leak@hdsr.nl', 'old-password')) });
    const asToken = await clientAs(app, 'leak@hdsr.nl');
    const secondToken = (await asToken.post('/api/tokens', { name: 'script' })).json().token;
    const bystander = await clientAs(app, 'hdsr@demo.local');
    expect((await asToken.get('/api/areas')).statusCode).toBe(200);

    const changed = await admin.patch(`/api/users/${user.id}`, { password: 'new-password' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().revokedCredentials).toEqual({ sessions: 1, apiTokens: 2 });
    expectProblem(await asSession.get('/api/areas'), 401, 'unauthorized');
    expectProblem(await asToken.get('/api/areas'), 401, 'unauthorized');
    expectProblem(await clientWith(app, { authorization: `Bearer ${secondToken}` }).post('/api/tokens', { name: 'x' }), 401, 'unauthorized');
    expect((await bystander.get('/api/areas')).statusCode).toBe(200);
    const revoked = await app.db.selectFrom('api_tokens').select('revoked_at').where('user_id', '=', user.id).execute();
    expect(revoked.every((row) => row.revoked_at !== null)).toBe(true);

    const renamed = await admin.patch(`/api/users/${user.id}`, { name: 'Lek II' });
    expect(renamed.json().revokedCredentials).toEqual({ sessions: 0, apiTokens: 0 });
  });

  it("ends a removed user's tokens in the same answer", async () => {
    const user = (await admin.post('/api/users', { email: 'gone@hdsr.nl', name: 'Weg', partyId: 'hdsr', role: 'editor', password: 'a-password' })).json();
    const asToken = await clientAs(app, 'gone@hdsr.nl');
    const removed = await admin.delete(`/api/users/${user.id}`);
    expect(removed.json().revokedCredentials).toEqual({ sessions: 0, apiTokens: 1 });
    expectProblem(await asToken.get('/api/areas'), 401, 'unauthorized');
  });
});

describe('hardening', () => {
  it('sends security headers with a content security policy', async () => {
    const response = await app.inject('/api/health');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('refuses bodies over 1 MiB with a 413 problem', async () => {
    const response = await admin.post('/api/areas', { id: 'big', name: 'x'.repeat(1_100_000) });
    expectProblem(response, 413, 'payload_too_large');
  });

  it('hides the internals of an unexpected failure', async () => {
    const broken = await buildTestApp();
    broken.get('/api/explode', { config: { access: 'signed_in' } }, async () => {
      throw new Error('SELECT password_hash FROM users at /srv/secret.ts:12');
    });
    const client = await clientAs(broken);
    const body = expectProblem(await client.get('/api/explode'), 500, 'internal');
    expect(JSON.stringify(body)).not.toMatch(/SELECT|secret\.ts|stack/);
    await broken.close();
  });
});
