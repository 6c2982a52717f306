import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDemoData } from '../../seed/load.js';
import { buildTestApp } from '../helpers/app.js';
import { newTestDatabase, TEST_BACKEND, type DatabaseEnv } from '../helpers/test-database.js';

const directories: string[] = [];
/** A database that outlives its app, as across a restart; on SQLite a file in a folder still to be made. */
async function restartableDatabase(): Promise<DatabaseEnv> {
  if (TEST_BACKEND === 'postgres') return newTestDatabase();
  const directory = mkdtempSync(join(tmpdir(), 'gebiedsplanner-'));
  directories.push(directory);
  return { DATABASE_PATH: join(directory, 'nested', 'planning.sqlite') };
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('start-up on a database file', () => {
  it('creates, migrates and seeds a fresh file, and a restart does not seed twice', async () => {
    const database = await restartableDatabase();
    const first = await buildTestApp({ seedDemo: true, database });
    const tasksAfterFirst = await first.db.selectFrom('tasks').select('id').execute();
    const phasesAfterFirst = await first.db.selectFrom('task_phases').select('task_id').execute();
    expect(tasksAfterFirst.length).toBe(readDemoData().tasks.length);
    await first.close();

    const second = await buildTestApp({ seedDemo: true, database });
    expect(await second.db.selectFrom('tasks').select('id').execute()).toEqual(tasksAfterFirst);
    expect((await second.db.selectFrom('task_phases').select('task_id').execute()).length).toBe(phasesAfterFirst.length);
    await second.close();
  });

  it('does not seed again after the demo tasks were deleted', async () => {
    const database = await restartableDatabase();
    const first = await buildTestApp({ seedDemo: true, database });
    await first.db.deleteFrom('task_phases').execute();
    await first.db.deleteFrom('tasks').execute();
    await first.close();
    const second = await buildTestApp({ seedDemo: true, database });
    expect(await second.db.selectFrom('tasks').select('id').execute()).toEqual([]);
    await second.close();
  });

  it('loads the national trajectory table even without demo data', async () => {
    const app = await buildTestApp({ seedDemo: false });
    const rows = await app.db.selectFrom('dike_trajects').selectAll().execute();
    expect(rows).toHaveLength(238);
    expect(await app.db.selectFrom('tasks').select('id').execute()).toEqual([]);
    await app.close();
  });
});

describe('the demo seed', () => {
  const demo = readDemoData();

  it('holds at least three areas, each with 8+ tasks from 3+ parties and 3+ programmes', () => {
    expect(demo.areas.map((area) => area.id)).toEqual(expect.arrayContaining(['sterke-lekdijk', 'vierwaarden']));
    expect(demo.areas.length).toBeGreaterThanOrEqual(3);
    for (const area of demo.areas) {
      const tasks = demo.tasks.filter((task) => task.areaId === area.id);
      expect(tasks.length, area.id).toBeGreaterThanOrEqual(8);
      expect(new Set(tasks.map((task) => task.partyId)).size, area.id).toBeGreaterThanOrEqual(3);
      expect(new Set(tasks.map((task) => task.programme)).size, area.id).toBeGreaterThanOrEqual(3);
      expect(tasks.some((task) => task.programme === 'HWBP')).toBe(true);
    }
  });

  it('uses the real trajectory ids and years of the sources', () => {
    const salmsteke = demo.tasks.find((task) => task.externalRef === 'SLD-SAL')!;
    expect(salmsteke.dikeTrajectId).toBe('15-1');
    expect(salmsteke.phases.at(-1)).toEqual({ kind: 'realisatie', start: '2023-06', end: '2024-12' });
    const ravensteinLith = demo.tasks.find((task) => task.externalRef === 'AM-RALI')!;
    expect(ravensteinLith).toMatchObject({ dikeTrajectId: '36-3', costEur: 235_000_000 });
  });
});
