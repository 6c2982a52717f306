import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskInput, TaskResponse } from '../../server/contracts/tasks.js';
import { buildTestApp, clientAs, clientWith, expectProblem, ifMatch, type TestClient } from '../helpers/app.js';
import { createTask } from '../helpers/factories.js';

/*
 * A small constructed programme, figures computed by hand from DOMAIN.md and issue 14 (the test
 * apps plan at 2026-11, so the pace counts 24 years, 2026 to 2049):
 *
 * area noord: D1 wsa HWBP 15-1, rank 2, 12 km, realisatie 2030-07..2032-06, EUR 24M (1M/month)
 *             D3 wsa HWBP, rank 3, 6 km, realisatie 2031-06 only, EUR 1M
 *             O1 rws KRW, realisatie 2031-01..2031-12, supplies 50,000 m3 klei
 * area zuid:  D2 wsa HWBP 16-1, rank 1, no length, realisatie 2031-01..2031-12, EUR 12M, needs klei
 *             D4 wsa HWBP, rank 4, 5 km, realisatie 2020-01..2021-12 (done before 2026)
 *             D5 wsb HWBP, 10 km, realisatie 2040, window 2030-01..2049-12, needs 10,000 m3 zand
 *             O2 rws IRM, realisatie 2035, supplies 20,000 m3 zand
 * wsa's HWBP rule: at most 2 at once, EUR 20M a year. 2031-06 has D1, D2, D3: the one month over.
 * 2031 costs 12M (D1) + 12M (D2) + 1M (D3) = 25M: the one year over (2030: 6M, 2032: 6M).
 * Pairs: noord (D1,O1) aligned, soil min(60,000, 50,000) = 50,000; (D3,O1) aligned, no soil.
 * zuid: (D5,O2) alignable by the dike, shift the least months that overlap: 2040-01 - 49 = 2035-12,
 * soil min(10,000, 20,000) = 10,000; (D2,O2) klei/zand share nothing and cannot move: not listed.
 */

let app: FastifyInstance;
let admin: TestClient;
let viewer: TestClient;
const ids: Record<string, string> = {};
const tasks: Record<string, TaskResponse> = {};

const realisation = (start: string, end: string) => [{ kind: 'realisatie' as const, start, end }];

function dike(overrides: Partial<TaskInput>): Partial<TaskInput> {
  return { programme: 'HWBP', kind: 'dike_reinforcement', window: null, soilDemandM3: 0, soilType: 'klei', ...overrides };
}

beforeAll(async () => {
  app = await buildTestApp();
  admin = await clientAs(app);
  for (const party of [
    { id: 'wsa', name: 'Waterschap A', kind: 'waterschap' },
    { id: 'wsb', name: 'Waterschap B', kind: 'waterschap' },
    { id: 'wsc', name: 'Waterschap C', kind: 'waterschap' },
    { id: 'rws', name: 'Rijkswaterstaat', kind: 'rijk' },
  ]) {
    expect((await admin.post('/api/parties', party)).statusCode).toBe(201);
  }
  for (const area of [
    { id: 'noord', name: 'Noord' },
    { id: 'zuid', name: 'Zuid' },
  ]) {
    expect((await admin.post('/api/areas', area)).statusCode).toBe(201);
  }
  const created: Record<string, Partial<TaskInput>> = {
    D1: dike({ areaId: 'noord', partyId: 'wsa', title: 'D1', dikeTrajectId: '15-1', urgencyRank: 2, lengthKm: 12, costEur: 24_000_000, soilDemandM3: 60_000, phases: realisation('2030-07', '2032-06') }),
    D3: dike({ areaId: 'noord', partyId: 'wsa', title: 'D3', urgencyRank: 3, lengthKm: 6, costEur: 1_000_000, phases: realisation('2031-06', '2031-06') }),
    O1: { areaId: 'noord', partyId: 'rws', programme: 'KRW', kind: 'river_measure', title: 'O1', soilSupplyM3: 50_000, soilType: 'klei', phases: realisation('2031-01', '2031-12') },
    D2: dike({ areaId: 'zuid', partyId: 'wsa', title: 'D2', dikeTrajectId: '16-1', urgencyRank: 1, costEur: 12_000_000, soilDemandM3: 30_000, phases: realisation('2031-01', '2031-12') }),
    D4: dike({ areaId: 'zuid', partyId: 'wsa', title: 'D4', urgencyRank: 4, lengthKm: 5, phases: realisation('2020-01', '2021-12') }),
    D5: dike({ areaId: 'zuid', partyId: 'wsb', title: 'D5', lengthKm: 10, soilDemandM3: 10_000, soilType: 'zand', window: { earliestStart: '2030-01', latestEnd: '2049-12' }, phases: realisation('2040-01', '2040-12') }),
    O2: { areaId: 'zuid', partyId: 'rws', programme: 'IRM', kind: 'river_measure', title: 'O2', soilSupplyM3: 20_000, soilType: 'zand', phases: realisation('2035-01', '2035-12') },
  };
  for (const [name, input] of Object.entries(created)) {
    tasks[name] = await createTask(admin, input);
    ids[name] = tasks[name]!.id;
  }
  expect((await admin.post('/api/capacity-rules', { partyId: 'wsa', programme: 'HWBP', maxConcurrent: 2, budgetPerYearEur: 20_000_000 })).statusCode).toBe(201);
  expect((await admin.post('/api/users', { email: 'lezer@test.local', name: 'Lezer', partyId: 'rws', role: 'viewer', password: 'long-enough' })).statusCode).toBe(201);
  viewer = await clientAs(app, 'lezer@test.local');
});
afterAll(() => app.close());

describe('GET /api/programmes/:partyId', () => {
  it('lists the water board’s sections by urgency with their trajectory, norm and length', async () => {
    const response = await viewer.get('/api/programmes/wsa');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.party).toEqual({ id: 'wsa', name: 'Waterschap A', kind: 'waterschap' });
    expect(body.asOf).toBe('2026-11');
    expect(body.years).toEqual({ from: 2020, to: 2032 });
    expect(body.tasks.map((task: { title: string }) => task.title)).toEqual(['D2', 'D1', 'D3', 'D4']);
    const trajects = Object.fromEntries(
      await Promise.all(['15-1', '16-1'].map(async (id) => [id, (await admin.get(`/api/dike-trajects/${id}`)).json()] as const)),
    );
    const [d2, d1] = body.tasks;
    expect(d1).toMatchObject({ areaId: 'noord', areaName: 'Noord', dikeTrajectId: '15-1', lengthKm: 12, urgencyRank: 2 });
    expect(d1.traject).toEqual({ id: '15-1', norm: trajects['15-1'].lowerLimit, lengthKm: trajects['15-1'].lengthKm });
    expect(d2).toMatchObject({ areaId: 'zuid', lengthKm: null, traject: { id: '16-1', norm: trajects['16-1'].lowerLimit } });
    expect(body.sectionsWithoutLength).toBe(1);
  });

  it('marks the one month over the concurrent limit and the one year over the budget, with the tasks', async () => {
    const body = (await viewer.get('/api/programmes/wsa')).json();
    expect(body.capacity).toHaveLength(1);
    const hwbp = body.capacity[0];
    expect(hwbp).toMatchObject({ programme: 'HWBP', maxConcurrent: 2, budgetPerYearEur: 20_000_000 });
    expect(hwbp.months).toHaveLength(13 * 12);
    expect(hwbp.months.find((month: { month: string }) => month.month === '2031-05').count).toBe(2);
    expect(hwbp.months.find((month: { month: string }) => month.month === '2020-06').count).toBe(1);
    expect(hwbp.monthsOver).toEqual([{ month: '2031-06', count: 3, limit: 2, taskIds: [ids.D1, ids.D2, ids.D3].sort() }]);
    const cost = Object.fromEntries(hwbp.costPerYear.map((entry: { year: number; amountEur: number }) => [entry.year, entry.amountEur]));
    expect(cost).toMatchObject({ 2020: 0, 2029: 0, 2030: 6_000_000, 2031: 25_000_000, 2032: 6_000_000 });
    expect(hwbp.yearsOver).toEqual([{ year: 2031, amountEur: 25_000_000, budgetEur: 20_000_000, taskIds: [ids.D1, ids.D2, ids.D3].sort() }]);
  });

  it('spreads each section’s km over its realisation months per year', async () => {
    const body = (await viewer.get('/api/programmes/wsa')).json();
    const km = Object.fromEntries(body.kmPerYear.map((entry: { year: number; km: number }) => [entry.year, entry.km]));
    expect(body.kmPerYear).toHaveLength(13);
    expect(km).toEqual({ 2020: 2.5, 2021: 2.5, 2022: 0, 2023: 0, 2024: 0, 2025: 0, 2026: 0, 2027: 0, 2028: 0, 2029: 0, 2030: 3, 2031: 12, 2032: 3 });
  });

  it('lists the opportunities where the party’s task is either side, across its areas', async () => {
    const wsa = (await viewer.get('/api/programmes/wsa')).json();
    expect(wsa.opportunities.counts).toEqual({ aligned: 2, alignable_by_dike: 0, alignable_by_other: 0, not_alignable: 0 });
    expect(wsa.opportunities.pairs.map((pair: { dikeTitle: string; otherTitle: string; soilMatchM3: number; areaId: string }) => [pair.areaId, pair.dikeTitle, pair.otherTitle, pair.soilMatchM3])).toEqual([
      ['noord', 'D1', 'O1', 50_000],
      ['noord', 'D3', 'O1', 0],
    ]);

    const rws = (await viewer.get('/api/programmes/rws')).json();
    expect(rws.tasks.map((task: { title: string }) => task.title)).toEqual(['O2', 'O1']);
    expect(rws.capacity.map((entry: { programme: string; maxConcurrent: number | null }) => [entry.programme, entry.maxConcurrent])).toEqual([
      ['IRM', null],
      ['KRW', null],
    ]);
    expect(rws.opportunities.counts).toEqual({ aligned: 2, alignable_by_dike: 1, alignable_by_other: 0, not_alignable: 0 });
    const byDike = rws.opportunities.pairs.find((pair: { status: string }) => pair.status === 'alignable_by_dike');
    expect(byDike).toMatchObject({ areaId: 'zuid', areaName: 'Zuid', dikeTaskId: ids.D5, dikePartyId: 'wsb', otherTaskId: ids.O2, move: { taskId: ids.D5, shiftMonths: -49 }, soilMatchM3: 10_000 });
    expect(byDike.explanation.nl).toMatch(/49 maanden eerder/);
    expect(rws.opportunities.total).toBe(3);

    const first = (await viewer.get('/api/programmes/rws?limit=1')).json();
    expect(first.opportunities).toMatchObject({ total: 3, counts: rws.opportunities.counts });
    expect(first.opportunities.pairs).toEqual([expect.objectContaining({ dikeTaskId: ids.D1, otherTaskId: ids.O1, status: 'aligned', soilMatchM3: 50_000 })]);
  });

  it('answers an empty programme for a party without tasks, and 404 for an unknown party', async () => {
    const body = (await viewer.get('/api/programmes/wsc')).json();
    expect(body).toMatchObject({ years: null, tasks: [], capacity: [], kmPerYear: [], opportunities: { pairs: [] } });
    expectProblem(await viewer.get('/api/programmes/nobody'), 404, 'not_found');
  });
});

describe('GET /api/overview', () => {
  it('gives per area and per water board the sections, km, alignments and soil', async () => {
    const response = await viewer.get('/api/overview');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.asOf).toBe('2026-11');
    expect(body.areas).toEqual([
      { areaId: 'noord', name: 'Noord', sections: 2, km: 18, sectionsWithoutLength: 0, aligned: 2, alignable: 0, soilM3: 50_000 },
      { areaId: 'zuid', name: 'Zuid', sections: 3, km: 15, sectionsWithoutLength: 1, aligned: 0, alignable: 1, soilM3: 10_000 },
    ]);
    expect(body.totals).toEqual({ areas: 2, sections: 5, km: 33, sectionsWithoutLength: 1, aligned: 2, alignable: 1, soilM3: 60_000 });
    expect(body.waterBoards).toEqual(
      expect.arrayContaining([
        { partyId: 'wsa', name: 'Waterschap A', areas: 2, sections: 4, km: 23, sectionsWithoutLength: 1, aligned: 2, alignable: 0, soilM3: 50_000 },
        { partyId: 'wsb', name: 'Waterschap B', areas: 1, sections: 1, km: 10, sectionsWithoutLength: 0, aligned: 0, alignable: 1, soilM3: 10_000 },
        { partyId: 'wsc', name: 'Waterschap C', areas: 0, sections: 0, km: 0, sectionsWithoutLength: 0, aligned: 0, alignable: 0, soilM3: 0 },
      ]),
    );
    expect(body.waterBoards).toHaveLength(3);
  });

  it('gives km in realisation per year and the pace needed to finish the remaining km by 2049', async () => {
    const body = (await viewer.get('/api/overview')).json();
    const km = Object.fromEntries(body.kmPerYear.map((entry: { year: number; km: number }) => [entry.year, entry.km]));
    expect(body.kmPerYear).toHaveLength(2040 - 2020 + 1);
    expect(km).toMatchObject({ 2020: 2.5, 2021: 2.5, 2025: 0, 2030: 3, 2031: 12, 2032: 3, 2035: 0, 2040: 10 });
    // Remaining: D1 12 + D3 6 + D5 10 (D4 ended in 2021; D2 has no length) over 2026..2049.
    expect(body.pace).toMatchObject({ year: 2026, remainingKm: 28, sectionsWithoutLength: 1, yearsLeft: 24 });
    expect(body.pace.neededKmPerYear).toBeCloseTo(28 / 24, 3);
    expect(body.pace.nationalEstimate).toMatchObject({ km: 1400, sourceDate: '2025-04' });
    expect(body.pace.nationalEstimate.source).toMatch(/hoogwaterbescherming/);
  });

  it('lists all 238 trajectories with the tasks that touch them', async () => {
    const body = (await viewer.get('/api/overview')).json();
    expect(body.trajects).toHaveLength(238);
    const national = (await admin.get('/api/dike-trajects/15-1')).json();
    expect(body.trajects.find((traject: { id: string }) => traject.id === '15-1')).toEqual({
      id: '15-1',
      waterBoards: national.waterBoards,
      norm: national.lowerLimit,
      lengthKm: national.lengthKm,
      tasks: [{ id: ids.D1, title: 'D1', areaId: 'noord' }],
    });
    expect(body.trajects.find((traject: { id: string }) => traject.id === '16-1').tasks).toEqual([{ id: ids.D2, title: 'D2', areaId: 'zuid' }]);
  });

  it('answers at a requested month', async () => {
    const body = (await viewer.get('/api/overview?asOf=2033-01')).json();
    expect(body.asOf).toBe('2033-01');
    // Only D5 (10 km, ends 2040) is left, over 2033..2049.
    expect(body.pace).toMatchObject({ year: 2033, remainingKm: 10, sectionsWithoutLength: 0, yearsLeft: 17 });
  });
});

describe('who may read and when answers change', () => {
  it('refuses both to a caller who is not signed in', async () => {
    const anonymous = clientWith(app, {});
    expectProblem(await anonymous.get('/api/overview'), 401, 'unauthorized');
    expectProblem(await anonymous.get('/api/programmes/wsa'), 401, 'unauthorized');
  });

  it('recomputes a kept answer after a task write and a capacity rule change', async () => {
    const before = (await viewer.get('/api/overview')).json();
    expect((await viewer.get('/api/overview', { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBe('gzip');
    const programmeBefore = (await viewer.get('/api/programmes/wsa')).json();
    const changed = await admin.patch(`/api/tasks/${ids.D4}`, { lengthKm: 7 }, ifMatch(tasks.D4!));
    expect(changed.statusCode, changed.body).toBe(200);

    const after = (await viewer.get('/api/overview')).json();
    expect(after.totals.km).toBe(before.totals.km + 2);
    expect(after.areas.find((area: { areaId: string }) => area.areaId === 'zuid').km).toBe(17);
    const programmeAfter = (await viewer.get('/api/programmes/wsa')).json();
    expect(programmeAfter.kmPerYear.find((entry: { year: number }) => entry.year === 2020).km).toBe(3.5);
    expect(programmeBefore.kmPerYear.find((entry: { year: number }) => entry.year === 2020).km).toBe(2.5);

    const rule = (await admin.get('/api/capacity-rules?partyId=wsa')).json()[0];
    expect((await admin.patch(`/api/capacity-rules/${rule.id}`, { maxConcurrent: 3 })).statusCode).toBe(200);
    const relaxed = (await viewer.get('/api/programmes/wsa')).json();
    expect(relaxed.capacity[0]).toMatchObject({ maxConcurrent: 3, monthsOver: [] });
  });
});
