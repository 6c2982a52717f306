import type { FastifyInstance } from 'fastify';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlignmentReportResponse } from '../../server/contracts/alignments.js';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { buildTestApp, clientAs, expectProblem, ifMatch, type TestClient } from '../helpers/app.js';
import { dikeTaskInput, riverTaskInput } from '../helpers/factories.js';

let app: FastifyInstance;
let api: TestClient;
beforeAll(async () => {
  app = await buildTestApp({ seedDemo: true });
  api = await clientAs(app);
});
afterAll(() => app.close());

async function report(areaId: string, query = ''): Promise<AlignmentReportResponse> {
  const response = await api.get(`/api/areas/${areaId}/alignments${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function refsById(areaId: string): Promise<Map<string, string>> {
  const tasks: TaskResponse[] = (await api.get(`/api/areas/${areaId}/tasks`)).json();
  return new Map(tasks.map((task) => [task.id, task.externalRef!]));
}

describe('GET /api/areas/:areaId/alignments on the demo seed', () => {
  it('finds the Salmsteke dike and uiterwaard aligned with 60,000 m³ clay to share', async () => {
    const refs = await refsById('sterke-lekdijk');
    const { pairs, minOverlap, areaId } = await report('sterke-lekdijk');
    expect({ areaId, minOverlap }).toEqual({ areaId: 'sterke-lekdijk', minOverlap: 1 });
    const salmsteke = pairs.find((pair) => refs.get(pair.dikeTaskId) === 'SLD-SAL' && refs.get(pair.otherTaskId) === 'SAL-UW');
    expect(salmsteke).toMatchObject({ status: 'aligned', overlapMonths: 1, soilMatchM3: 60_000, move: null });
    expect(salmsteke!.explanation.nl).toBe('Realisaties overlappen 1 maand; 60.000 m³ klei uitwisselbaar.');
  });

  it('shows every status and a soil opportunity somewhere in the demo', async () => {
    const statuses = new Set<string>();
    let soilOpportunities = 0;
    for (const area of ['sterke-lekdijk', 'vierwaarden', 'meanderende-maas']) {
      for (const pair of (await report(area)).pairs) {
        statuses.add(pair.status);
        if (pair.status === 'not_alignable' && pair.soilMatchM3 > 0) soilOpportunities++;
      }
    }
    expect([...statuses].sort()).toEqual(['alignable_by_dike', 'alignable_by_other', 'aligned', 'not_alignable']);
    expect(soilOpportunities).toBeGreaterThan(0);
  });

  it('counts every dike x other pair, reported or not', async () => {
    const tasks: TaskResponse[] = (await api.get('/api/areas/vierwaarden/tasks')).json();
    const dikes = tasks.filter((task) => task.programme === 'HWBP' && task.kind === 'dike_reinforcement').length;
    const others = tasks.filter((task) => task.programme !== 'HWBP').length;
    const { counts } = await report('vierwaarden');
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(dikes * others);
  });

  it('asks for more shared months when minOverlap grows', async () => {
    const loose = await report('sterke-lekdijk', '?minOverlap=1');
    const strict = await report('sterke-lekdijk', '?minOverlap=24');
    expect(strict.minOverlap).toBe(24);
    expect(strict.counts.aligned).toBeLessThan(loose.counts.aligned);
  });

  it('lists aligned pairs first, the most soil first, and cuts the list at limit', async () => {
    const full = await report('sterke-lekdijk');
    const order = ['aligned', 'alignable_by_dike', 'alignable_by_other', 'not_alignable'];
    for (let index = 1; index < full.pairs.length; index++) {
      const [before, after] = [full.pairs[index - 1]!, full.pairs[index]!];
      const rank = order.indexOf(before.status) - order.indexOf(after.status);
      expect(rank < 0 || (rank === 0 && before.soilMatchM3 >= after.soilMatchM3)).toBe(true);
    }
    const limited = await report('sterke-lekdijk', '?limit=3');
    expect(limited.pairs).toEqual(full.pairs.slice(0, 3));
    expect(limited.total).toBe(full.pairs.length);
    expect(limited.counts).toEqual(full.counts);
  });

  it('refuses a bad minOverlap with a 400 problem', async () => {
    for (const value of ['0', '121', '2.5', 'many', '']) {
      const body = expectProblem(await api.get(`/api/areas/sterke-lekdijk/alignments?minOverlap=${value}`), 400, 'validation');
      expect(body.errors![0]).toMatchObject({ in: 'querystring', pointer: '/minOverlap' });
    }
  });

  it('gives a browser that accepts gzip the same answer compressed, and says so', async () => {
    const plain = await api.get('/api/areas/sterke-lekdijk/alignments');
    const packed = await api.get('/api/areas/sterke-lekdijk/alignments', { 'accept-encoding': 'gzip, deflate, br' });
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers.vary).toMatch(/accept-encoding/);
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(gunzipSync(packed.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('answers an unknown area with 404', async () => {
    expectProblem(await api.get('/api/areas/atlantis/alignments'), 404, 'not_found');
  });
});

describe('GET /api/area-summaries', () => {
  it('gives every area its task, party and alignment counts', async () => {
    const summaries = (await api.get('/api/area-summaries')).json();
    const lek = summaries.find((summary: { areaId: string }) => summary.areaId === 'sterke-lekdijk');
    const detail = await report('sterke-lekdijk');
    expect(lek).toMatchObject({
      name: 'Sterke Lekdijk',
      taskCount: 11,
      partyCount: 4,
      alignments: {
        aligned: detail.counts.aligned,
        alignable: detail.counts.alignable_by_dike + detail.counts.alignable_by_other,
        soilOpportunities: detail.pairs.filter((pair) => pair.status === 'not_alignable').length,
      },
    });
  });
});

describe('alignments follow every change at once', () => {
  it('reflects a created, changed and deleted task in the next call', async () => {
    await api.post('/api/areas', { id: 'lek', name: 'Lek' });
    await api.post('/api/parties', { id: 'rws', name: 'Rijkswaterstaat', kind: 'rijk' });
    const dike = (await api.post('/api/tasks', dikeTaskInput({ partyId: 'hdsr', window: null }))).json();
    expect((await report('lek')).pairs).toEqual([]);

    const river = (await api.post('/api/tasks', riverTaskInput({ window: null }))).json();
    const created = await report('lek');
    expect(created.pairs).toEqual([
      expect.objectContaining({ dikeTaskId: dike.id, otherTaskId: river.id, status: 'not_alignable', soilMatchM3: 60_000 }),
    ]);

    await api.patch(`/api/tasks/${river.id}`, { phases: [{ kind: 'realisatie', start: '2031-06', end: '2032-06' }] }, ifMatch(river));
    expect((await report('lek')).pairs[0]).toMatchObject({ status: 'aligned', overlapMonths: 7 });

    await api.delete(`/api/tasks/${river.id}`, ifMatch({ version: river.version + 1 }));
    expect((await report('lek')).counts).toEqual({ aligned: 0, alignable_by_dike: 0, alignable_by_other: 0, not_alignable: 0 });
  });
});
