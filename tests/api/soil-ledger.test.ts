import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_SNAPSHOT_SCHEMA_VERSION } from '../../server/contracts/snapshot-content/index.js';
import { buildTestApp, clientAs, clientWith, expectProblem, type TestClient } from '../helpers/app.js';
import { dikeTaskInput, riverTaskInput, createTask } from '../helpers/factories.js';

/*
 * The area's soil ledger through the API (DOMAIN.md, "Soil over time"). The expected figures are
 * computed by hand from DOMAIN.md, never by calling the ledger code.
 *
 * The test area "proef": a river measure frees 1,200 m³ of clay over 2030 (100 m³ a month), a
 * dike needs 600 m³ over 2031-01..2031-06 (100 m³ a month).
 * - Horizon 24: all 1,200 m³ wait in storage (peak 1,200 at the end of 2030-12); the dike takes
 *   600 from storage; 600 are left at the end and carted off after 2031-06.
 * - Horizon 3: a month's soil may be used up to three months later. Jan..Sep 2030 expire during
 *   2030 (900 m³ carted off); Oct, Nov and Dec 2030 feed the dike in Jan, Feb and Mar 2031 (300
 *   reused); Apr..Jun 2031 are short (300 brought in). Peak 300 (end of each month from Mar 2030).
 * - The dike 12 months earlier (2030-01..2030-06), horizon 3: Jan..Jun used directly (600
 *   reused), Jul..Dec stored; Jul, Aug, Sep expire at the end of Oct, Nov, Dec (300), Oct..Dec
 *   are left at the end (300): 600 carted off, nothing brought in, peak 300.
 */

let app: FastifyInstance;
let admin: TestClient;
let director: TestClient;
let viewer: TestClient;
let planner: TestClient;

beforeEach(async () => {
  app = await buildTestApp({ seedDemo: true });
  admin = await clientAs(app);
  director = await clientAs(app, 'regisseur@demo.local');
  viewer = await clientAs(app, 'lezer@demo.local');
  planner = await clientAs(app, 'hdsr@demo.local');
});
afterEach(() => app.close());

const DEFAULTS = { soilStorageMonths: 24, savingEurPerM3: 60, truckLoadM3: 24 };

async function proefArea(): Promise<{ riverId: string; dikeId: string }> {
  expect((await admin.post('/api/areas', { id: 'proef', name: 'Proefgebied' })).statusCode).toBe(201);
  const river = await createTask(
    admin,
    riverTaskInput({ areaId: 'proef', partyId: 'rws-on', programme: 'IRM', title: 'Uiterwaard proef', phases: [{ kind: 'realisatie', start: '2030-01', end: '2030-12' }], window: null, soilSupplyM3: 1200, soilType: 'klei' }),
  );
  const dike = await createTask(
    admin,
    dikeTaskInput({
      areaId: 'proef',
      partyId: 'hdsr',
      title: 'Dijk proef',
      dikeTrajectId: '44-1',
      urgencyRank: null,
      phases: [{ kind: 'realisatie', start: '2031-01', end: '2031-06' }],
      window: { earliestStart: '2029-01', latestEnd: '2035-12' },
      soilDemandM3: 600,
      soilType: 'klei',
    }),
  );
  return { riverId: river.id, dikeId: dike.id };
}

async function ledger(client: TestClient, url: string) {
  const response = await client.get(url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('GET/PUT /api/areas/:areaId/soil-settings', () => {
  it('answers the defaults with their sources for an area that set nothing', async () => {
    const settings = await ledger(viewer, '/api/areas/vierwaarden/soil-settings');
    expect(settings).toMatchObject({ areaId: 'vierwaarden', ...DEFAULTS, own: { soilStorageMonths: false, savingEurPerM3: false, truckLoadM3: false }, updatedAt: null });
    expect(settings.defaults.savingEurPerM3).toMatchObject({ value: 60, estimate: false, topic: expect.stringContaining('KOSWAT 2023') });
    expect(settings.defaults.savingEurPerM3.note).toContain('ca. 60 EUR/m3 goedkoper');
    expect(settings.defaults.truckLoadM3).toMatchObject({ value: 24, estimate: false, topic: 'grondverzet IJsselmeerdijk Lemmer' });
    expect(settings.defaults.truckLoadM3.note).toContain('ruim 10.000 vrachtwagens');
    expect(settings.defaults.soilStorageMonths).toMatchObject({ value: 24, estimate: true });
    expectProblem(await viewer.get('/api/areas/atlantis/soil-settings'), 404, 'not_found');
    expect((await clientWith(app, {}).get('/api/areas/vierwaarden/soil-settings')).statusCode).toBe(401);
  });

  it("lets the area's own directors and admins set them, audited, and nobody else", async () => {
    const figures = { soilStorageMonths: 6, savingEurPerM3: 45.5, truckLoadM3: 20 };
    const created = await admin.post('/api/users', { email: 'nieuw@demo.local', name: 'Andere regisseur', partyId: 'prov-limburg', role: 'area_director', password: 'long-enough' });
    expect(created.statusCode, created.body).toBe(201);
    const otherDirector = await clientAs(app, 'nieuw@demo.local');
    expectProblem(await otherDirector.put('/api/areas/vierwaarden/soil-settings', figures), 403, 'forbidden');
    expectProblem(await planner.put('/api/areas/vierwaarden/soil-settings', figures), 403, 'forbidden');
    expectProblem(await viewer.put('/api/areas/vierwaarden/soil-settings', figures), 403, 'forbidden');
    expect((await clientWith(app, {}).put('/api/areas/vierwaarden/soil-settings', figures)).statusCode).toBe(401);
    expectProblem(await admin.put('/api/areas/atlantis/soil-settings', figures), 404, 'not_found');
    expect((await ledger(viewer, '/api/areas/vierwaarden/soil-settings')).own.soilStorageMonths).toBe(false);

    const set = await director.put('/api/areas/vierwaarden/soil-settings', figures);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ ...figures, own: { soilStorageMonths: true, savingEurPerM3: true, truckLoadM3: true }, updatedAt: expect.any(String) });
    expect(await ledger(viewer, '/api/areas/vierwaarden/soil-settings')).toMatchObject(figures);

    // null returns a figure to the default.
    const reset = await admin.put('/api/areas/vierwaarden/soil-settings', { ...figures, savingEurPerM3: null });
    expect(reset.json()).toMatchObject({ ...figures, savingEurPerM3: 60, own: { soilStorageMonths: true, savingEurPerM3: false, truckLoadM3: true } });

    const audit = await app.db
      .selectFrom('audit_log')
      .select(['actor_label', 'before_json', 'after_json'])
      .where('entity_type', '=', 'area')
      .where('entity_id', '=', 'vierwaarden')
      .where('after_json', 'like', '%soilSettings%')
      .orderBy('at')
      .execute();
    expect(audit.map((row) => row.actor_label)).toEqual(['regisseur@demo.local', expect.any(String)]);
    expect(JSON.parse(audit[0]!.before_json!)).toEqual({ soilSettings: { soilStorageMonths: null, savingEurPerM3: null, truckLoadM3: null } });
    expect(JSON.parse(audit[0]!.after_json!)).toEqual({ soilSettings: figures });
    expect(JSON.parse(audit[1]!.after_json!)).toEqual({ soilSettings: { ...figures, savingEurPerM3: null } });
  });

  it('refuses bad figures with one clear error per field, and changes nothing', async () => {
    const bad = expectProblem(
      await director.put('/api/areas/vierwaarden/soil-settings', { soilStorageMonths: 2.5, savingEurPerM3: -1, truckLoadM3: 0 }),
      400,
      'validation',
    );
    const byPointer = Object.fromEntries(bad.errors!.map((error) => [error.pointer, error.message]));
    expect(Object.keys(byPointer).sort()).toEqual(['/savingEurPerM3', '/soilStorageMonths', '/truckLoadM3']);
    expect(byPointer['/soilStorageMonths']).toMatch(/whole number of months/);
    expect(byPointer['/savingEurPerM3']).toMatch(/cannot be negative/);
    expect(byPointer['/truckLoadM3']).toMatch(/more than 0/);

    const tooLong = expectProblem(await director.put('/api/areas/vierwaarden/soil-settings', { ...DEFAULTS, soilStorageMonths: 241 }), 400, 'validation');
    expect(tooLong.errors!.map((error) => error.pointer)).toEqual(['/soilStorageMonths']);
    const missing = expectProblem(await director.put('/api/areas/vierwaarden/soil-settings', { soilStorageMonths: 12 }), 400, 'validation');
    expect(missing.errors!.map((error) => error.pointer).sort()).toEqual(['/savingEurPerM3', '/truckLoadM3']);
    expectProblem(await director.put('/api/areas/vierwaarden/soil-settings', { ...DEFAULTS, storageMonths: 12 }), 400, 'validation');
    expectProblem(await director.put('/api/areas/vierwaarden/soil-settings', { ...DEFAULTS, truckLoadM3: '24' }), 400, 'validation');
    expect((await ledger(viewer, '/api/areas/vierwaarden/soil-settings')).own).toEqual({ soilStorageMonths: false, savingEurPerM3: false, truckLoadM3: false });

    // 0 is a valid horizon: no storage allowed.
    expect((await director.put('/api/areas/vierwaarden/soil-settings', { ...DEFAULTS, soilStorageMonths: 0 })).statusCode).toBe(200);
    expect((await ledger(viewer, '/api/areas/vierwaarden/soil-settings')).soilStorageMonths).toBe(0);
  });
});

describe('GET /api/areas/:areaId/soil-ledger', () => {
  it('answers the months, totals and value of the baseline, computed with the area’s own figures', async () => {
    await proefArea();
    const base = await ledger(viewer, '/api/areas/proef/soil-ledger');
    expect(base).toMatchObject({ areaId: 'proef', scenarioId: null, asOf: '2026-11', delta: null, settings: DEFAULTS, firstMonth: '2030-01', lastMonth: '2031-06' });
    expect(base.rows).toHaveLength(18);
    expect(base.rows[0]).toMatchObject({ month: '2030-01', storageLevelM3: 100, releasingTaskIds: [expect.any(String)], needingTaskIds: [] });
    expect(base.rows[0].types.klei).toEqual({ releasedM3: 100, neededM3: 0, usedDirectlyM3: 0, takenFromStorageM3: 0, storedM3: 100, storageLevelM3: 100, surplusM3: 0, shortageM3: 0 });
    expect(base.rows[0].types.zand.releasedM3).toBe(0);
    expect(base.total).toMatchObject({ releasedM3: 1200, neededM3: 600, reusedM3: 600, takenFromStorageM3: 600, broughtInM3: 0, cartedOffM3: 600, closingSurplusM3: 600, peakStorageM3: 1200 });
    expect(base.value).toEqual({ savingEur: 36_000, lorryLoadsAvoided: 50 });

    expect((await director.put('/api/areas/proef/soil-settings', { soilStorageMonths: 3, savingEurPerM3: 50, truckLoadM3: 20 })).statusCode).toBe(403);
    expect((await admin.put('/api/areas/proef/soil-settings', { soilStorageMonths: 3, savingEurPerM3: 50, truckLoadM3: 20 })).statusCode).toBe(200);
    const short = await ledger(viewer, '/api/areas/proef/soil-ledger');
    expect(short.settings).toEqual({ soilStorageMonths: 3, savingEurPerM3: 50, truckLoadM3: 20 });
    expect(short.total).toMatchObject({ reusedM3: 300, broughtInM3: 300, cartedOffM3: 900, closingSurplusM3: 0, peakStorageM3: 300 });
    expect(short.value).toEqual({ savingEur: 15_000, lorryLoadsAvoided: 30 });
    const month = (text: string) => short.rows.find((row: { month: string }) => row.month === text).types.klei;
    expect(month('2030-04')).toMatchObject({ surplusM3: 100, storageLevelM3: 300 });
    expect(month('2031-01')).toMatchObject({ takenFromStorageM3: 100, shortageM3: 0, storageLevelM3: 200 });
    expect(month('2031-04')).toMatchObject({ takenFromStorageM3: 0, shortageM3: 100, storageLevelM3: 0 });
  });

  it('answers an area without soil tasks with an empty ledger, and unknown areas and scenarios with 404', async () => {
    expect((await admin.post('/api/areas', { id: 'leeg', name: 'Leeg' })).statusCode).toBe(201);
    const empty = await ledger(viewer, '/api/areas/leeg/soil-ledger');
    expect(empty).toMatchObject({ firstMonth: null, lastMonth: null, rows: [], value: { savingEur: 0, lorryLoadsAvoided: 0 } });
    expect(empty.total.reusedM3).toBe(0);
    expectProblem(await viewer.get('/api/areas/atlantis/soil-ledger'), 404, 'not_found');
    expectProblem(await viewer.get('/api/areas/leeg/soil-ledger?scenarioId=nope'), 404, 'not_found');
    expectProblem(await viewer.get('/api/areas/leeg/soil-ledger?format=xml'), 400, 'validation');
  });

  it('downloads the ledger as CSV with the one CSV writer', async () => {
    await proefArea();
    const response = await viewer.get('/api/areas/proef/soil-ledger?format=csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="grondbalans-proef-2026-11\.csv"/);
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const lines = response.body.slice(1).split('\r\n');
    expect(lines).toContain('maand;grondsoort;vrijgekomen_m3;nodig_m3;direct_gebruikt_m3;uit_opslag_m3;opgeslagen_m3;opslag_eind_maand_m3;overschot_afgevoerd_m3;tekort_aangevoerd_m3');
    expect(lines).toContain('2030-01;klei;100;0;0;0;100;100;0;0');
    expect(lines).toContain('2031-06;klei;0;100;0;100;0;600;0;0');
    expect(lines.some((line) => line.startsWith('2030-01;zand'))).toBe(false);
    expect(lines).toContain('totaal;1200;600;600;0;600;600;1200');
    expect(lines).toContain('36000;50');
  });

  it('answers the demo areas Meanderende Maas and Vierwaarden with months of storage and of shortage or surplus', async () => {
    for (const areaId of ['meanderende-maas', 'vierwaarden']) {
      const answer = await ledger(viewer, `/api/areas/${areaId}/soil-ledger`);
      type Row = { storageLevelM3: number; types: Record<string, { surplusM3: number; shortageM3: number }> };
      const some = (test: (row: Row) => boolean) => (answer.rows as Row[]).some(test);
      expect(some((row) => row.storageLevelM3 > 0), areaId).toBe(true);
      expect(some((row) => Object.values(row.types).some((figures) => figures.surplusM3 > 0 || figures.shortageM3 > 0)), areaId).toBe(true);
      expect(answer.total.reusedM3, areaId).toBeGreaterThan(0);
    }
  });
});

describe('a scenario and the soil ledger', () => {
  it('answers the ledger at the scenario’s positions with its change, and the evaluation reports the same change per area', async () => {
    const { dikeId } = await proefArea();
    expect((await admin.put('/api/areas/proef/soil-settings', { soilStorageMonths: 3, savingEurPerM3: null, truckLoadM3: null })).statusCode).toBe(200);
    const created = await planner.post('/api/scenarios', { name: 'Dijk eerder', areaId: 'proef' });
    expect(created.statusCode, created.body).toBe(201);
    const scenarioId = created.json().id;
    expect((await planner.put(`/api/scenarios/${scenarioId}/moves`, [{ taskId: dikeId, shiftMonths: -12 }])).statusCode).toBe(200);

    const expected = {
      reusedM3: { baseline: 300, scenario: 600, change: 300 },
      shortageM3: { baseline: 300, scenario: 0, change: -300 },
      surplusM3: { baseline: 900, scenario: 600, change: -300 },
      peakStorageM3: { baseline: 300, scenario: 300, change: 0 },
      savingEur: { baseline: 18_000, scenario: 36_000, change: 18_000 },
      lorryLoadsAvoided: { baseline: 25, scenario: 50, change: 25 },
    };
    const scenario = await ledger(viewer, `/api/areas/proef/soil-ledger?scenarioId=${scenarioId}`);
    expect(scenario).toMatchObject({ scenarioId, firstMonth: '2030-01', lastMonth: '2030-12', delta: expected });
    expect(scenario.delta.byType.klei.reusedM3).toEqual(expected.reusedM3);
    expect(scenario.delta.byType.zand.reusedM3).toEqual({ baseline: 0, scenario: 0, change: 0 });
    expect(scenario.rows[0].types.klei).toMatchObject({ usedDirectlyM3: 100, storedM3: 0 });

    const evaluation = await planner.get(`/api/scenarios/${scenarioId}/evaluation`);
    expect(evaluation.statusCode, evaluation.body).toBe(200);
    expect(evaluation.json().soil).toEqual([{ areaId: 'proef', ...scenario.delta }]);
    // The existing parts are as they were.
    expect(evaluation.json()).toMatchObject({ scenarioId, asOf: '2026-11', applicable: expect.any(Boolean), alignmentDelta: [expect.objectContaining({ areaId: 'proef' })] });

    const csv = await viewer.get(`/api/areas/proef/soil-ledger?scenarioId=${scenarioId}&format=csv`);
    expect(csv.body.split('\r\n')).toContain('lokaal_hergebruikt_m3;300;600;300');
  });
});

describe('a snapshot and the soil ledger', () => {
  it('keeps the ledger as it was when the plan and the figures change, and its diff reports the change in reused soil and saving', async () => {
    const made = await director.post('/api/snapshots', { areaId: 'vierwaarden', title: 'Tafel grond' });
    expect(made.statusCode, made.body).toBe(201);
    const snapshot = made.json();
    const live = await ledger(viewer, '/api/areas/vierwaarden/soil-ledger');
    const { areaId, scenarioId, asOf, delta, ...liveBody } = live;
    expect({ areaId, scenarioId, asOf, delta }).toEqual({ areaId: 'vierwaarden', scenarioId: null, asOf: '2026-11', delta: null });
    expect(snapshot.content.soilLedger).toEqual(liveBody);

    // The plan changes: a dike needs far more clay, and the area keeps soil only a year.
    const tasks = (await viewer.get('/api/areas/vierwaarden/tasks')).json() as { id: string; title: string; version: number; soilDemandM3: number }[];
    const velden = tasks.find((task) => task.title.includes('Venlo-Velden'))!;
    const changed = await admin.patch(`/api/tasks/${velden.id}`, { soilDemandM3: velden.soilDemandM3 + 500_000 }, { 'if-match': `"${velden.version}"` });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await director.put('/api/areas/vierwaarden/soil-settings', { soilStorageMonths: 12, savingEurPerM3: 70, truckLoadM3: null })).statusCode).toBe(200);

    const after = await ledger(viewer, '/api/areas/vierwaarden/soil-ledger');
    expect(after.total.neededM3).toBeCloseTo(live.total.neededM3 + 500_000, 3);
    expect(after.value.savingEur).not.toBe(live.value.savingEur);
    const reread = await ledger(viewer, `/api/snapshots/${snapshot.id}`);
    expect(reread.content.soilLedger).toEqual(snapshot.content.soilLedger);
    const row = await app.db.selectFrom('snapshots').select('content_json').where('id', '=', snapshot.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.content_json)).toMatchObject({ schemaVersion: CURRENT_SNAPSHOT_SCHEMA_VERSION, soilLedger: liveBody });

    const diff = await ledger(viewer, `/api/snapshots/${snapshot.id}/diff?against=current`);
    expect(diff).toMatchObject({
      reusedSoilBeforeM3: live.total.reusedM3,
      reusedSoilAfterM3: after.total.reusedM3,
      soilSavingBeforeEur: live.value.savingEur,
      soilSavingAfterEur: after.value.savingEur,
    });
  });
});
