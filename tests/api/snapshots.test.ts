import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { sql, type Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import type { Db } from '../../server/db/database.js';
import { findUserRowByEmail, toActor } from '../../server/db/repositories/users.js';
import type { Database } from '../../server/db/schema.js';
import { createSnapshot } from '../../server/use-cases/snapshots.js';
import { hashSecret } from '../../server/security/secrets.js';
import { CLIENT_DIR } from '../../server/http/plugins/client.js';
import { buildTestApp, clientAs, clientWith, expectProblem, ifMatch, TEST_ADMIN, type TestClient, TEST_MONTH } from '../helpers/app.js';

let app: FastifyInstance;
let director: TestClient;
let planner: TestClient;
let viewer: TestClient;
let admin: TestClient;
let anonymous: TestClient;
let byRef: Map<string, TaskResponse>;

beforeEach(async () => {
  app = await buildTestApp({ seedDemo: true });
  director = await clientAs(app, 'regisseur@demo.local');
  planner = await clientAs(app, 'hdsr@demo.local');
  viewer = await clientAs(app, 'lezer@demo.local');
  admin = await clientAs(app);
  anonymous = clientWith(app, {});
  const tasks: TaskResponse[] = (await planner.get('/api/areas/sterke-lekdijk/tasks')).json();
  byRef = new Map(tasks.map((task) => [task.externalRef!, task]));
});
afterEach(() => app.close());

async function snapshot(title = 'Tafel november', client = director) {
  const response = await client.post('/api/snapshots', { areaId: 'sterke-lekdijk', title, meetingDate: '2026-11-30' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function moveCub(months: string[]) {
  const cub = byRef.get('SLD-CUB')!;
  const current: TaskResponse = (await planner.get(`/api/tasks/${cub.id}`)).json();
  const phases = current.phases.map((phase, index) => ({ ...phase, start: months[index * 2]!, end: months[index * 2 + 1]! }));
  const response = await planner.patch(`/api/tasks/${cub.id}`, { phases }, ifMatch(current));
  expect(response.statusCode, response.body).toBe(200);
}

/**
 * The app's database, except that the first write transaction waits until `resume` is called;
 * `arrived` settles when it starts waiting, so the test can change the plan in between.
 */
function pausedBeforeFirstWrite(db: Db): { db: Db; arrived: Promise<void>; resume: () => void } {
  let arrive!: () => void;
  let resume!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const resumed = new Promise<void>((resolve) => (resume = resolve));
  let first = true;
  const paused = new Proxy(db, {
    get(target, property) {
      if (property === 'transaction') {
        return () => {
          const wait = first ? (arrive(), resumed) : Promise.resolve();
          first = false;
          const builder = target.transaction();
          return {
            setIsolationLevel: (level: Parameters<typeof builder.setIsolationLevel>[0]) => ({
              execute: async <T>(work: (trx: Transaction<Database>) => Promise<T>) => {
                await wait;
                return builder.setIsolationLevel(level).execute(work);
              },
            }),
          };
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: paused, arrived, resume };
}

describe('/api/snapshots', () => {
  it('freezes the area, tasks, parties, norms and alignments, and stays unchanged when the plan changes', async () => {
    const frozen = await snapshot();
    expect(frozen.content.tasks).toHaveLength(11);
    expect(frozen.content.parties.map((party: { id: string }) => party.id).sort()).toEqual(['gem-wijk-bij-duurstede', 'hdsr', 'prov-utrecht', 'rws-on']);
    expect(frozen.content.dikeTrajects.map((traject: { id: string }) => traject.id)).toEqual(['15-1', '44-1']);
    expect(frozen.content.alignments.total).toBe(frozen.content.alignments.pairs.length);
    expect(frozen).toMatchObject({ title: 'Tafel november', meetingDate: '2026-11-30', createdByLabel: 'regisseur@demo.local' });
    await moveCub(['2019-03', '2021-12', '2022-01', '2025-12', '2028-01', '2031-12']);
    expect((await viewer.get(`/api/snapshots/${frozen.id}`)).json()).toEqual(frozen);
  });

  it('refuses any change to a stored snapshot, even with direct SQL, and has no update route', async () => {
    const frozen = await snapshot();
    await expect(sql`update snapshots set title = 'Anders'`.execute(app.db)).rejects.toThrow(/append-only/);
    expectProblem(await director.patch(`/api/snapshots/${frozen.id}`, { title: 'Anders' }), 404, 'not_found');
    expect((await viewer.get(`/api/snapshots/${frozen.id}`)).json().title).toBe('Tafel november');
  });

  it('lets directors, planners and admins make snapshots, and only admins delete them, audited', async () => {
    expectProblem(await viewer.post('/api/snapshots', { areaId: 'sterke-lekdijk', title: 'x' }), 403, 'forbidden');
    await snapshot('Van de planner', planner);
    const frozen = await snapshot();
    expectProblem(await director.delete(`/api/snapshots/${frozen.id}`), 403, 'forbidden');
    expect((await admin.delete(`/api/snapshots/${frozen.id}`)).statusCode).toBe(204);
    const audit = await app.db.selectFrom('audit_log').select(['action', 'entity_type']).where('entity_id', '=', frozen.id).execute();
    expect(audit).toEqual([{ action: 'delete', entity_type: 'snapshot' }]);
    expect((await viewer.get('/api/snapshots?areaId=sterke-lekdijk')).json()).toHaveLength(1);
  });

  it('takes a scenario’s moves into the picture', async () => {
    const scenario = (await planner.post('/api/scenarios', { name: 'Later', areaId: 'sterke-lekdijk' })).json();
    await planner.put(`/api/scenarios/${scenario.id}/moves`, [{ taskId: byRef.get('SLD-CUB')!.id, shiftMonths: 1 }]);
    const response = await director.post('/api/snapshots', { areaId: 'sterke-lekdijk', title: 'Met scenario', scenarioId: scenario.id });
    const cub = response.json().content.tasks.find((task: TaskResponse) => task.externalRef === 'SLD-CUB');
    expect(cub.phases.at(-1).start).toBe('2027-02');
    expect(response.json().content.scenario).toMatchObject({ name: 'Later' });
  });

  it('stores the plan as it is when the snapshot is written, when a task changed while its picture was built', async () => {
    const row = await findUserRowByEmail(app.db, 'regisseur@demo.local');
    const paused = pausedBeforeFirstWrite(app.db);
    const making = createSnapshot(paused.db, { actor: toActor(row!), requestId: null, now: new Date().toISOString(), month: TEST_MONTH }, {
      areaId: 'sterke-lekdijk',
      scenarioId: null,
      title: 'Tafel',
      meetingDate: null,
      note: null,
    });
    await paused.arrived;
    const cub = byRef.get('SLD-CUB')!;
    expect((await planner.patch(`/api/tasks/${cub.id}`, { title: 'Culemborg (herzien)' }, ifMatch(cub))).statusCode).toBe(200);
    paused.resume();
    const frozen = await making;
    expect(frozen.content.tasks.find((task) => task.id === cub.id)).toMatchObject({ title: 'Culemborg (herzien)', version: 2 });
  });
});

describe('share links', () => {
  it('give a 256-bit token once, store only its hash, and open that one snapshot without an account', async () => {
    const frozen = await snapshot();
    const created = await director.post(`/api/snapshots/${frozen.id}/share-links`, {});
    expect(created.statusCode, created.body).toBe(201);
    const { token, url, id } = created.json();
    expect(token).toMatch(/^gpl_[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(`/s/${token}`);
    const row = await app.db.selectFrom('share_links').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSecret(token));
    expect((await director.get(`/api/snapshots/${frozen.id}/share-links`)).body).not.toContain(token);
    const shared = await anonymous.get(`/api/shared/${token}`);
    expect(shared.statusCode).toBe(200);
    expect(shared.json().snapshot.id).toBe(frozen.id);
  });

  it('open nothing else: not another snapshot, not the API, and no writes', async () => {
    const frozen = await snapshot();
    const { token } = (await director.post(`/api/snapshots/${frozen.id}/share-links`, {})).json();
    const withToken = clientWith(app, { authorization: `Bearer ${token}` });
    expectProblem(await withToken.get(`/api/snapshots/${frozen.id}`), 401, 'unauthorized');
    expectProblem(await withToken.get('/api/areas'), 401, 'unauthorized');
    // No write route exists behind a share token: the router finds nothing to run.
    expectProblem(await anonymous.post(`/api/shared/${token}`, {}), 404, 'not_found');
    expectProblem(await anonymous.delete(`/api/shared/${token}`), 404, 'not_found');
    expectProblem(await anonymous.get(`/api/shared/${token.slice(0, -1)}x`), 404, 'not_found');
  });

  it('stop working when revoked or expired', async () => {
    const frozen = await snapshot();
    const revoked = (await director.post(`/api/snapshots/${frozen.id}/share-links`, {})).json();
    expect((await director.delete(`/api/share-links/${revoked.id}`)).statusCode).toBe(204);
    expectProblem(await anonymous.get(`/api/shared/${revoked.token}`), 404, 'not_found');
    const expired = (await director.post(`/api/snapshots/${frozen.id}/share-links`, { expiresAt: '2099-01-01T00:00:00Z' })).json();
    await app.db.updateTable('share_links').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', expired.id).execute();
    expectProblem(await anonymous.get(`/api/shared/${expired.token}`), 404, 'not_found');
    const future = (await director.post(`/api/snapshots/${frozen.id}/share-links`, { expiresAt: '2099-01-01T00:00:00Z' })).json();
    expect((await anonymous.get(`/api/shared/${future.token}`)).statusCode).toBe(200);
  });
});

describe('share link rules', () => {
  it('refuses a link that has already expired, and stores nothing', async () => {
    const frozen = await snapshot();
    const refused = expectProblem(await director.post(`/api/snapshots/${frozen.id}/share-links`, { expiresAt: '2020-01-01T00:00:00Z' }), 400, 'validation');
    expect(refused.errors).toEqual([expect.objectContaining({ pointer: '/expiresAt' })]);
    expect(await app.db.selectFrom('share_links').selectAll().execute()).toEqual([]);
  });

  it("lets only the link's maker, the area's directors and admins revoke it, and audits making and revoking", async () => {
    const frozen = await snapshot('Tafel', planner);
    const links = await Promise.all([1, 2, 3, 4].map(async () => (await planner.post(`/api/snapshots/${frozen.id}/share-links`, {})).json()));
    const otherPlanner = await clientAs(app, 'wl@demo.local');
    const outsideDirector = await admin.post('/api/users', { email: 'elders@demo.local', name: 'Elders', partyId: 'prov-limburg', role: 'area_director', password: 'long-enough' });
    expect(outsideDirector.statusCode).toBe(201);
    const elsewhere = await clientAs(app, 'elders@demo.local');
    expectProblem(await otherPlanner.delete(`/api/share-links/${links[0].id}`), 403, 'forbidden');
    expectProblem(await elsewhere.delete(`/api/share-links/${links[0].id}`), 403, 'forbidden');
    expectProblem(await viewer.delete(`/api/share-links/${links[0].id}`), 403, 'forbidden');
    expect((await app.db.selectFrom('share_links').select('revoked_at').where('revoked_at', 'is not', null).execute()).length).toBe(0);
    expect((await planner.delete(`/api/share-links/${links[0].id}`)).statusCode).toBe(204);
    expect((await director.delete(`/api/share-links/${links[1].id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/share-links/${links[2].id}`)).statusCode).toBe(204);
    expectProblem(await admin.delete('/api/share-links/missing'), 404, 'not_found');
    const audit = await app.db.selectFrom('audit_log').select(['action', 'actor_label', 'entity_id']).where('entity_type', '=', 'share_link').orderBy('at').execute();
    expect(audit.filter((row) => row.action === 'create')).toHaveLength(4);
    // Revokes in one millisecond share their time: the order of the links decides, not the audit's.
    const linkOrder = (id: string) => links.findIndex((link: { id: string }) => link.id === id);
    const revokes = audit.filter((row) => row.action === 'update').sort((a, b) => linkOrder(a.entity_id) - linkOrder(b.entity_id));
    expect(revokes.map((row) => [row.entity_id, row.actor_label])).toEqual([
      [links[0].id, 'hdsr@demo.local'],
      [links[1].id, 'regisseur@demo.local'],
      [links[2].id, TEST_ADMIN.email],
    ]);
    expect(JSON.stringify(audit)).not.toContain(links[3].token);
  });

  it.skipIf(!existsSync(new URL('index.html', CLIENT_DIR)))('answers a revoked /s/ link with 404 and a page in the viewer’s language', async () => {
    const frozen = await snapshot();
    const link = (await director.post(`/api/snapshots/${frozen.id}/share-links`, {})).json();
    const open = await app.inject({ url: link.url });
    expect(open.statusCode).toBe(200);
    await director.delete(`/api/share-links/${link.id}`);
    const dutch = await app.inject({ url: link.url, headers: { 'accept-language': 'nl-NL,nl;q=0.9,en;q=0.8' } });
    expect(dutch.statusCode).toBe(404);
    expect(dutch.headers['content-type']).toMatch(/^text\/html/);
    expect(dutch.body).toContain('<html lang="nl">');
    expect(dutch.body).toContain('Deze link werkt niet');
    const english = await app.inject({ url: link.url, headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(english.body).toContain('<html lang="en">');
    expect((await app.inject({ url: '/s/never-made' })).statusCode).toBe(404);
  });
});

describe('comparing snapshots', () => {
  it('lists tasks added, removed and moved per phase, fields changed, pair statuses changed, and aligned soil', async () => {
    const before = await snapshot('Oktober');
    await moveCub(['2019-03', '2021-12', '2022-01', '2025-12', '2027-02', '2031-01']);
    const added = (
      await planner.post('/api/tasks', { areaId: 'sterke-lekdijk', programme: 'HWBP', kind: 'dike_reinforcement', title: 'Nieuw dijkvak', phases: [{ kind: 'realisatie', start: '2040-01', end: '2041-12' }] })
    ).json();
    const lunenburg = byRef.get('PU-LUNENBURG')!;
    const provincie = await clientAs(app, 'prov-utrecht@demo.local');
    await provincie.delete(`/api/tasks/${lunenburg.id}`, ifMatch(lunenburg));
    const lekboulevard = byRef.get('GEM-WBD-LEKBOULEVARD')!;
    await (await clientAs(app, 'gem-wijk-bij-duurstede@demo.local')).patch(`/api/tasks/${lekboulevard.id}`, { costEur: 4_500_000 }, ifMatch(lekboulevard));
    const after = await snapshot('November');

    const diff = (await viewer.get(`/api/snapshots/${before.id}/diff?against=${after.id}`)).json();
    expect(diff.added).toEqual([{ taskId: added.id, title: 'Nieuw dijkvak' }]);
    expect(diff.removed).toEqual([{ taskId: lunenburg.id, title: lunenburg.title }]);
    expect(diff.moved).toEqual([
      {
        taskId: byRef.get('SLD-CUB')!.id,
        title: byRef.get('SLD-CUB')!.title,
        phases: [{ kind: 'realisatie', startShift: 1, endShift: 1, from: { start: '2027-01', end: '2030-12' }, to: { start: '2027-02', end: '2031-01' } }],
      },
    ]);
    expect(diff.changed).toEqual([{ taskId: lekboulevard.id, title: lekboulevard.title, fields: [{ field: 'costEur', from: 4_000_000, to: 4_500_000 }] }]);
    expect(diff.pairChanges).toContainEqual(
      expect.objectContaining({ dikeTaskId: byRef.get('SLD-CUB')!.id, otherTaskId: byRef.get('PU-NHW-CUB')!.id, before: 'alignable_by_dike', after: 'aligned' }),
    );
    expect(diff.alignedSoilBeforeM3).not.toBe(diff.alignedSoilAfterM3);

    const current = (await viewer.get(`/api/snapshots/${after.id}/diff?against=current`)).json();
    expect(current).toMatchObject({ against: 'current', added: [], removed: [], moved: [], changed: [], pairChanges: [] });

    const { token } = (await director.post(`/api/snapshots/${after.id}/share-links`, {})).json();
    const shared = (await anonymous.get(`/api/shared/${token}`)).json();
    expect(shared.previous).toMatchObject({ id: before.id, title: 'Oktober' });
    expect(shared.sincePrevious.moved).toHaveLength(1);
  });
});

describe('snapshot exports', () => {
  it('gives the tasks and pairs as CSV, with formula-like cells neutralised, and the snapshot as JSON', async () => {
    await planner.post('/api/tasks', {
      areaId: 'sterke-lekdijk',
      programme: 'HWBP',
      kind: 'dike_reinforcement',
      title: '=HYPERLINK("http://evil")',
      phases: [{ kind: 'realisatie', start: '2040-01', end: '2041-12' }],
    });
    const frozen = await snapshot();
    const csv = await viewer.get(`/api/snapshots/${frozen.id}/export.csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="snapshot-.*\.csv"/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.body).not.toMatch(/(^|;)=HYPERLINK/m);
    expect(csv.body).toContain('Sterke Lekdijk - Salmsteke (dijk);Hoogheemraadschap De Stichtse Rijnlanden;HWBP');
    const json = await viewer.get(`/api/snapshots/${frozen.id}/export.json`);
    expect(JSON.parse(json.body)).toEqual(frozen);
    const { token } = (await director.post(`/api/snapshots/${frozen.id}/share-links`, {})).json();
    expect((await anonymous.get(`/api/shared/${token}/export.csv`)).body).toBe(csv.body);
  });
});

describe('a share link names no one', () => {
  it('answers /api/shared/:token and its downloads without an e-mail address, a user name or a user id', async () => {
    const me = (await director.get('/api/auth/me')).json();
    const before = await snapshot('Oktober');
    const frozen = await snapshot('November');
    expect(frozen.createdByLabel).toContain('@');
    const { token } = (await director.post(`/api/snapshots/${frozen.id}/share-links`, {})).json();
    const shared = await anonymous.get(`/api/shared/${token}`);
    expect(shared.statusCode).toBe(200);
    expect(shared.json().previous.id).toBe(before.id);
    expect(shared.body).not.toContain('@');
    expect(shared.body).not.toContain(me.name);
    expect(shared.body).not.toContain(me.id);
    expect(Object.keys(shared.json().snapshot)).not.toContain('createdByLabel');
    // Parties are named; that is all an outsider learns of who is involved.
    expect(shared.json().snapshot.content.parties.map((party: { name: string }) => party.name)).toContain('Hoogheemraadschap De Stichtse Rijnlanden');
    for (const format of ['json', 'csv', 'html']) {
      const download = await anonymous.get(`/api/shared/${token}/export.${format}`);
      if (download.statusCode === 404 && format === 'html') continue; // the offline viewer is not built in this checkout
      expect(download.statusCode, format).toBe(200);
      expect(download.body, format).not.toContain(frozen.createdByLabel);
      expect(download.body, format).not.toContain(me.name);
      expect(download.body, format).not.toContain(me.id);
    }
    // Signed in, the maker is still shown.
    expect((await viewer.get(`/api/snapshots/${frozen.id}/view`)).json().snapshot.createdByLabel).toBe(frozen.createdByLabel);
  });
});

describe('since the previous meeting', () => {
  it('goes by meeting date, and by the time they were made for snapshots without one', async () => {
    const made = async (title: string, meetingDate: string | null) => {
      const response = await director.post('/api/snapshots', { areaId: 'sterke-lekdijk', title, meetingDate });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    // Made in this order, held in the opposite order of meetings.
    const late = await made('Tafel 2099', '2099-06-01');
    const early = await made('Tafel 2000', '2000-01-10');
    const automatic = await made('Voor toepassen', null);
    const previousOf = async (snapshot: { id: string }) => (await viewer.get(`/api/snapshots/${snapshot.id}/view`)).json().previous?.id ?? null;
    expect(await previousOf(early)).toBeNull();
    expect(await previousOf(automatic)).toBe(early.id);
    expect(await previousOf(late)).toBe(automatic.id);
  });
});
