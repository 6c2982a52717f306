import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, clientAs, expectProblem, type TestClient } from '../helpers/app.js';

let app: FastifyInstance;
let admin: TestClient;
let director: TestClient;
let newcomer: TestClient;
let newcomerId: string;

beforeEach(async () => {
  app = await buildTestApp({ seedDemo: true });
  admin = await clientAs(app);
  director = await clientAs(app, 'regisseur@demo.local');
  const created = await admin.post('/api/users', { email: 'nieuw@demo.local', name: 'Nieuwe regisseur', partyId: 'prov-limburg', role: 'area_director', password: 'long-enough' });
  expect(created.statusCode, created.body).toBe(201);
  newcomerId = created.json().id;
  newcomer = await clientAs(app, 'nieuw@demo.local');
});
afterEach(() => app.close());

const directorNames = async (areaId: string) => ((await director.get(`/api/areas/${areaId}/directors`)).json() as { name: string }[]).map((entry) => entry.name);

describe('area directors', () => {
  it('seeds the demo director as director of every demo area, readable by everyone signed in', async () => {
    const viewer = await clientAs(app, 'lezer@demo.local');
    for (const areaId of ['sterke-lekdijk', 'vierwaarden', 'meanderende-maas']) {
      const response = await viewer.get(`/api/areas/${areaId}/directors`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual([{ userId: expect.any(String), name: expect.any(String) }]);
    }
    expectProblem(await viewer.get('/api/areas/nope/directors'), 404, 'not_found');
  });

  it('keeps area settings to the area’s own directors and admins', async () => {
    expectProblem(await newcomer.patch('/api/areas/vierwaarden', { name: 'Overgenomen' }), 403, 'forbidden');
    expect((await director.patch('/api/areas/vierwaarden', { name: 'Vierwaarden (Venlo)' })).statusCode).toBe(200);
    expect((await admin.patch('/api/areas/vierwaarden', { description: 'Maas bij Venlo' })).statusCode).toBe(200);
    expect((await app.db.selectFrom('areas').select('name').where('id', '=', 'vierwaarden').executeTakeFirstOrThrow()).name).toBe('Vierwaarden (Venlo)');
  });

  it('lets admins assign exactly the directors named, audited, and the assignment gives the rights', async () => {
    const before = await directorNames('vierwaarden');
    expectProblem(await director.put('/api/areas/vierwaarden/directors', { userIds: [newcomerId] }), 403, 'forbidden');
    const planner = (await admin.get('/api/users')).json().find((user: { email: string }) => user.email === 'hdsr@demo.local');
    const refused = expectProblem(await admin.put('/api/areas/vierwaarden/directors', { userIds: [newcomerId, planner.id, 'ghost'] }), 400, 'validation');
    expect(refused.errors!.map((error) => error.pointer)).toEqual(['/userIds/1', '/userIds/2']);
    expectProblem(await admin.put('/api/areas/vierwaarden/directors', { userIds: [newcomerId, newcomerId] }), 400, 'validation');
    expectProblem(await admin.put('/api/areas/nope/directors', { userIds: [] }), 404, 'not_found');
    expect(await directorNames('vierwaarden')).toEqual(before);

    const assigned = await admin.put('/api/areas/vierwaarden/directors', { userIds: [newcomerId] });
    expect(assigned.json()).toEqual([{ userId: newcomerId, name: 'Nieuwe regisseur' }]);
    expect((await newcomer.patch('/api/areas/vierwaarden', { name: 'Vierwaarden' })).statusCode).toBe(200);
    expectProblem(await director.patch('/api/areas/vierwaarden', { name: 'Terug' }), 403, 'forbidden');
    const audit = await app.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('entity_type', '=', 'area').where('entity_id', '=', 'vierwaarden').orderBy('at').execute();
    const change = audit.find((row) => row.after_json?.includes('directors'))!;
    expect(JSON.parse(change.before_json!).directors.map((entry: { name: string }) => entry.name)).toEqual(before);
    expect(JSON.parse(change.after_json!).directors).toEqual([{ userId: newcomerId, name: 'Nieuwe regisseur' }]);
  });

  it('makes the director who opens an area its director', async () => {
    expect((await newcomer.post('/api/areas', { id: 'roermond', name: 'Roermond' })).statusCode).toBe(201);
    expect((await newcomer.get('/api/areas/roermond/directors')).json()).toEqual([{ userId: newcomerId, name: 'Nieuwe regisseur' }]);
    expectProblem(await director.patch('/api/areas/roermond', { name: 'Elders' }), 403, 'forbidden');
  });

  it('ends a removed user’s assignments with the user', async () => {
    await admin.put('/api/areas/vierwaarden/directors', { userIds: [newcomerId] });
    expect((await admin.delete(`/api/users/${newcomerId}`)).statusCode).toBe(200);
    expect(await directorNames('vierwaarden')).toEqual([]);
  });
});
