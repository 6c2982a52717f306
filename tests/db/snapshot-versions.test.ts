import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  CURRENT_SNAPSHOT_SCHEMA_VERSION,
  readStoredSnapshotContent,
  readThroughVersions,
  SNAPSHOT_CONTENT_VERSIONS,
  StoredSnapshotContentError,
  toStoredSnapshotContent,
  SnapshotContentSchema,
  type SnapshotContent,
} from '../../server/contracts/snapshot-content/index.js';
import { buildTestApp, clientAs, expectProblem, type TestClient } from '../helpers/app.js';

/** A snapshot's content_json exactly as rows were written before snapshots carried a schemaVersion. */
const V1_TEXT = readFileSync(new URL('../fixtures/snapshot-v1.json', import.meta.url), 'utf8');
const v1 = (): Record<string, unknown> => JSON.parse(V1_TEXT);
/** The version-1 fixture as version 2 read it: each task's length and the picture's asOf added, unknown. */
const v1AsV2 = () => {
  const content = v1() as { tasks: object[] };
  return { ...content, tasks: content.tasks.map((task) => ({ ...task, lengthKm: null })), asOf: null };
};
/** Version 4 added the area table (agenda and proposals), not recorded before it. */
const NO_TABLE = { agenda: null, openProposals: null, acceptedProposals: null };
/** The version-1 fixture as the newest code reads it: version 3 added the soil ledger, version 4 the area table, neither recorded then. */
const v1Upgraded = () => ({ ...v1AsV2(), soilLedger: null, ...NO_TABLE });

/** The offline viewer's build, which export.html inlines (see server/formats/offline-html.ts). */
const OFFLINE_DIR = new URL('../../dist/offline/', import.meta.url);
const offlineViewerBuilt = existsSync(new URL('offline.js', OFFLINE_DIR)) && existsSync(new URL('offline.css', OFFLINE_DIR));

describe('the version-1 fixture', () => {
  it('is stored content from before schemaVersion: no version field, the six parts of a snapshot', () => {
    expect(Object.keys(v1()).sort()).toEqual(['alignments', 'area', 'dikeTrajects', 'parties', 'scenario', 'tasks']);
  });
});

describe('a version-1 snapshot read by the newest code', () => {
  let app: FastifyInstance;
  let viewer: TestClient;

  beforeEach(async () => {
    app = await buildTestApp({ seedDemo: true });
    viewer = await clientAs(app, 'lezer@demo.local');
  });
  afterEach(() => app.close());

  /** Inserts a snapshot row directly, as an older version of the application left it. */
  async function storedRow(contentJson: string, createdAt = '2026-01-15T10:00:00.000Z'): Promise<string> {
    const id = randomUUID();
    await app.db
      .insertInto('snapshots')
      .values({
        id,
        area_id: 'sterke-lekdijk',
        scenario_id: null,
        title: 'Tafel januari',
        meeting_date: '2026-01-15',
        note: null,
        content_json: contentJson,
        created_by: 'someone-earlier',
        created_by_label: 'regisseur@demo.local',
        created_at: createdAt,
      })
      .execute();
    return id;
  }

  it('opens with its content as it was stored', async () => {
    const id = await storedRow(V1_TEXT);
    const response = await viewer.get(`/api/snapshots/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id, areaId: 'sterke-lekdijk', title: 'Tafel januari', meetingDate: '2026-01-15' });
    expect(response.json().content).toEqual(v1Upgraded());
  });

  it('exports as JSON, CSV and (when the viewer is built) offline HTML', async () => {
    const id = await storedRow(V1_TEXT);
    const json = await viewer.get(`/api/snapshots/${id}/export.json`);
    expect(json.statusCode, json.body).toBe(200);
    expect(JSON.parse(json.body).content).toEqual(v1Upgraded());
    const csv = await viewer.get(`/api/snapshots/${id}/export.csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    for (const task of v1().tasks as { title: string }[]) expect(csv.body).toContain(task.title);
  });

  it.skipIf(!offlineViewerBuilt)('exports as one offline HTML file', async () => {
    const id = await storedRow(V1_TEXT);
    const html = await viewer.get(`/api/snapshots/${id}/export.html`);
    expect(html.statusCode, html.body).toBe(200);
    expect(html.body).toContain('Tafel januari');
  });

  it('compares with the current plan and shows in the meeting viewer', async () => {
    const id = await storedRow(V1_TEXT);
    const diff = await viewer.get(`/api/snapshots/${id}/diff?against=current`);
    expect(diff.statusCode, diff.body).toBe(200);
    expect(diff.json().against).toBe('current');
    // It recorded no soil ledger: its side of the soil change is "not recorded", today's is known.
    expect(diff.json()).toMatchObject({ reusedSoilBeforeM3: null, soilSavingBeforeEur: null, reusedSoilAfterM3: expect.any(Number), soilSavingAfterEur: expect.any(Number) });
    const view = await viewer.get(`/api/snapshots/${id}/view`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ previous: null, sincePrevious: null });
    expect(view.json().snapshot.content).toEqual(v1Upgraded());
  });

  it('is the previous meeting of a snapshot made today, which is stored with the current schemaVersion', async () => {
    const oldId = await storedRow(V1_TEXT);
    const director = await clientAs(app, 'regisseur@demo.local');
    const made = await director.post('/api/snapshots', { areaId: 'sterke-lekdijk', title: 'Tafel november' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().content).not.toHaveProperty('schemaVersion');
    const row = await app.db.selectFrom('snapshots').select('content_json').where('id', '=', made.json().id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.content_json).schemaVersion).toBe(CURRENT_SNAPSHOT_SCHEMA_VERSION);

    const view = await viewer.get(`/api/snapshots/${made.json().id}/view`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().previous.id).toBe(oldId);
    expect(view.json().sincePrevious.against).toBe(made.json().id);
  });

  it('opens through a share link', async () => {
    const id = await storedRow(V1_TEXT);
    const director = await clientAs(app, 'regisseur@demo.local');
    const { token } = (await director.post(`/api/snapshots/${id}/share-links`, {})).json();
    const shared = await viewer.get(`/api/shared/${token}`);
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().snapshot.content).toEqual(v1Upgraded());
  });

  describe('when the stored row cannot be read', () => {
    function expectUnreadable(response: Awaited<ReturnType<TestClient['get']>>, id: string, schemaVersion: number | null) {
      const body = expectProblem(response, 409, 'conflict');
      expect(body.detail).toContain(`snapshot '${id}'`);
      expect(body).toMatchObject({ snapshotId: id, schemaVersion });
      expect(response.body).not.toMatch(/ZodError|invalid_type|\.(ts|js):\d+|node_modules|select /i);
      return body;
    }

    it('answers a corrupted version-1 row with a clear 409 naming its schemaVersion, on every route that reads it', async () => {
      const content = v1() as { tasks: { phases: unknown }[] };
      content.tasks[0]!.phases = 'in de zomer';
      const id = await storedRow(JSON.stringify(content));
      for (const path of ['', '/export.json', '/export.csv', '/diff?against=current', '/view']) {
        const body = expectUnreadable(await viewer.get(`/api/snapshots/${id}${path}`), id, 1);
        expect(body.detail).toMatch(/schemaVersion 1\b.*\/tasks\/0\/phases/);
      }
    });

    it('answers a row that is not JSON with the same clear 409', async () => {
      const id = await storedRow('{"area": {"id": "sterke-lek');
      expectUnreadable(await viewer.get(`/api/snapshots/${id}`), id, null);
    });

    it('answers a row written by a newer application (schemaVersion 99) with a 409 that says so', async () => {
      const id = await storedRow(JSON.stringify({ ...v1(), schemaVersion: 99 }));
      const body = expectUnreadable(await viewer.get(`/api/snapshots/${id}`), id, 99);
      expect(body.detail).toMatch(/schemaVersion 99.*newer version/);
    });

    it('keeps the rest readable: the area’s list and a later snapshot, whose viewer names the unreadable predecessor', async () => {
      const id = await storedRow('not json at all');
      const director = await clientAs(app, 'regisseur@demo.local');
      const later = (await director.post('/api/snapshots', { areaId: 'sterke-lekdijk', title: 'Tafel november' })).json();
      const listed = await viewer.get('/api/snapshots?areaId=sterke-lekdijk');
      expect(listed.statusCode).toBe(200);
      expect(listed.json().map((summary: { id: string }) => summary.id)).toEqual([later.id, id]);
      expect((await viewer.get(`/api/snapshots/${later.id}`)).statusCode).toBe(200);
      // "Since the previous meeting" needs the previous content: refused clearly rather than silently left out.
      expectUnreadable(await viewer.get(`/api/snapshots/${later.id}/view`), id, null);
    });
  });
});

describe('readStoredSnapshotContent', () => {
  it('reads version-1 content without a schemaVersion as the current content type', () => {
    const content = readStoredSnapshotContent(v1());
    expectTypeOf(content).toEqualTypeOf<SnapshotContent>();
    expect(content).toEqual(v1Upgraded());
  });

  it('reads content it stored itself back unchanged', () => {
    const stored = toStoredSnapshotContent(readStoredSnapshotContent(v1()));
    expect(stored.schemaVersion).toBe(CURRENT_SNAPSHOT_SCHEMA_VERSION);
    expect(CURRENT_SNAPSHOT_SCHEMA_VERSION).toBe(4);
    expect(readStoredSnapshotContent(JSON.parse(JSON.stringify(stored)))).toEqual(v1Upgraded());
  });

  it('refuses a schemaVersion from the future, naming it', () => {
    const read = () => readStoredSnapshotContent({ ...v1(), schemaVersion: 99 }, 'abc');
    expect(read).toThrow(StoredSnapshotContentError);
    expect(read).toThrow(/snapshot 'abc'.*schemaVersion 99.*reads 1 to 4/);
  });

  it('refuses a schemaVersion that is not a whole number from 1', () => {
    for (const schemaVersion of ['1', 0, -1, 1.5, null]) {
      expect(() => readStoredSnapshotContent({ ...v1(), schemaVersion })).toThrow(/no valid schemaVersion/);
    }
  });

  it('refuses content that does not match its version, as a 409 conflict naming the version and the first bad field', () => {
    const content = v1() as { area: { id: unknown } };
    content.area.id = 42;
    try {
      readStoredSnapshotContent(content, 'abc');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StoredSnapshotContentError);
      expect(error).toMatchObject({ code: 'conflict', schemaVersion: 1, snapshotId: 'abc' });
      expect((error as Error).message).toMatch(/snapshot 'abc' does not match snapshot schemaVersion 1 \(1 problem, the first at \/area\/id\)/);
      expect((error as Error).cause).toBeInstanceOf(z.ZodError);
    }
  });

  it('keeps every version frozen: its schema imports nothing but zod and older versions, so a change to a live schema cannot change it', () => {
    const imports = (file: string) => readFileSync(new URL(`../../server/contracts/snapshot-content/${file}`, import.meta.url), 'utf8').match(/^import .*$/gm);
    expect(imports('v1.ts')).toEqual(["import { z } from 'zod';"]);
    expect(imports('v2.ts')).toEqual(["import { z } from 'zod';", "import { SnapshotContentV1Schema, TaskV1 } from './v1.js';"]);
    expect(imports('v3.ts')).toEqual(["import { z } from 'zod';", "import { SnapshotContentV2Schema } from './v2.js';"]);
    expect(imports('v4.ts')).toEqual(["import { z } from 'zod';", "import { SnapshotContentV3Schema } from './v3.js';"]);
  });

  it('reads a version-2 row (a task length and the month it was made at) as it was stored, its soil ledger not recorded', () => {
    const stored = { ...v1AsV2(), asOf: '2026-11' };
    (stored.tasks[0] as { lengthKm: number | null }).lengthKm = 5.2;
    expect(readStoredSnapshotContent({ ...stored, schemaVersion: 2 })).toEqual({ ...stored, soilLedger: null, ...NO_TABLE });
  });

  it('reads a version-3 row with its soil ledger as it was stored, its area table not recorded', () => {
    const figures = { releasedM3: 100, neededM3: 40, usedDirectlyM3: 40, takenFromStorageM3: 0, storedM3: 60, storageLevelM3: 60, surplusM3: 0, shortageM3: 0 };
    const zero = { releasedM3: 0, neededM3: 0, usedDirectlyM3: 0, takenFromStorageM3: 0, storedM3: 0, storageLevelM3: 0, surplusM3: 0, shortageM3: 0 };
    const totals = { releasedM3: 100, neededM3: 40, usedDirectlyM3: 40, takenFromStorageM3: 0, reusedM3: 40, broughtInM3: 0, cartedOffM3: 60, closingSurplusM3: 60, peakStorageM3: 60 };
    const none = { releasedM3: 0, neededM3: 0, usedDirectlyM3: 0, takenFromStorageM3: 0, reusedM3: 0, broughtInM3: 0, cartedOffM3: 0, closingSurplusM3: 0, peakStorageM3: 0 };
    const current = {
      ...v1AsV2(),
      asOf: '2026-11',
      soilLedger: {
        settings: { soilStorageMonths: 24, savingEurPerM3: 60, truckLoadM3: 24 },
        firstMonth: '2030-01',
        lastMonth: '2030-01',
        rows: [{ month: '2030-01', types: { klei: figures, zand: zero, overig: zero }, storageLevelM3: 60, releasingTaskIds: ['a'], needingTaskIds: ['a'] }],
        byType: { klei: totals, zand: none, overig: none },
        total: totals,
        value: { savingEur: 2400, lorryLoadsAvoided: 40 / 12 },
      },
    };
    expect(readStoredSnapshotContent({ ...current, schemaVersion: 3 })).toEqual({ ...current, ...NO_TABLE });
    expect(() => readStoredSnapshotContent({ ...v1AsV2(), asOf: '2026-11', schemaVersion: 3 })).toThrow(/does not match snapshot schemaVersion 3 .*\/soilLedger/);
  });
});

describe('a simulated future version 5 (tasks gain a contractor, the content a list of risks)', () => {
  const V5Schema = SnapshotContentSchema.extend({
    tasks: z.array(SnapshotContentSchema.shape.tasks.element.extend({ contractor: z.string().nullable() })),
    risks: z.array(z.object({ title: z.string(), status: z.string() })),
  });
  type V5 = z.infer<typeof V5Schema>;
  const upgradeV4ToV5 = (content: SnapshotContent): V5 => ({
    ...content,
    tasks: content.tasks.map((task) => ({ ...task, contractor: null })),
    risks: [],
  });
  const withV5 = { schemas: [...SNAPSHOT_CONTENT_VERSIONS.schemas, V5Schema], upgrades: [...SNAPSHOT_CONTENT_VERSIONS.upgrades, upgradeV4ToV5] };

  it('reads a stored version-1 row as version 5 through every upgrade in turn', () => {
    const content = readThroughVersions<V5>(v1(), withV5);
    expect(V5Schema.parse(content)).toEqual(content);
    expect(content.risks).toEqual([]);
    expect(content.agenda).toBeNull();
    expect(content.asOf).toBeNull();
    expect(content.soilLedger).toBeNull();
    expect(content.tasks.every((task) => task.contractor === null && task.lengthKm === null)).toBe(true);
    expect(content.tasks.map((task) => task.title)).toEqual((v1().tasks as { title: string }[]).map((task) => task.title));
  });

  it('reads a version-5 row against the version-5 schema, and still refuses a version-5 row that lacks its new parts', () => {
    const v5Row = { ...upgradeV4ToV5(SnapshotContentSchema.parse(v1Upgraded())), risks: [{ title: 'Grond Salmsteke', status: 'open' }], schemaVersion: 5 };
    expect(readThroughVersions<V5>(v5Row, withV5).risks).toEqual([{ title: 'Grond Salmsteke', status: 'open' }]);
    expect(() => readThroughVersions({ ...v1Upgraded(), schemaVersion: 5 }, withV5)).toThrow(/does not match snapshot schemaVersion 5/);
  });

  it('is refused by today’s code as a version it does not know', () => {
    expect(() => readStoredSnapshotContent({ ...v1Upgraded(), schemaVersion: 5 })).toThrow(/schemaVersion 5, which this server cannot read/);
  });
});
