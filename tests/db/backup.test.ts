import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupSqlite } from '../../server/db/backup.js';
import { buildTestApp, clientAs } from '../helpers/app.js';
import { dikeTaskInput } from '../helpers/factories.js';
import { TEST_BACKEND } from '../helpers/test-database.js';

describe.skipIf(TEST_BACKEND !== 'sqlite')('backing up the embedded database', () => {
  it('copies a consistent database while the app keeps writing, and refuses to overwrite', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'gp-backup-'));
    const source = join(folder, 'planning.sqlite');
    const app = await buildTestApp({ seedDemo: true, database: { DATABASE_PATH: source } });
    const planner = await clientAs(app, 'hdsr@demo.local');
    const before = (await app.db.selectFrom('tasks').select('id').execute()).length;
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const response = await planner.post('/api/tasks', dikeTaskInput({ areaId: 'sterke-lekdijk', dikeTrajectId: '44-1', title: `Tijdens backup ${written}` }));
        if (response.statusCode === 201) written += 1;
      }
    })();
    const copy = join(folder, 'kopie', 'backup.sqlite');
    const { pages } = await backupSqlite(source, copy);
    writing = false;
    await writer;
    await app.close();

    expect(pages).toBeGreaterThan(0);
    const backup = new SQLite(copy, { readonly: true });
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    const tasks = (backup.prepare('select count(*) as count from tasks').get() as { count: number }).count;
    const phases = (backup.prepare('select count(distinct task_id) as count from task_phases').get() as { count: number }).count;
    backup.close();
    expect(tasks).toBeGreaterThanOrEqual(before);
    expect(tasks).toBeLessThanOrEqual(before + written);
    // Every task in the copy came with its phases: no write was caught halfway.
    expect(phases).toBe(tasks);
    await expect(backupSqlite(source, copy)).rejects.toThrow(/exists already/);
  });

  it('runs as npm run backup -- <file>', () => {
    const folder = mkdtempSync(join(tmpdir(), 'gp-backup-cli-'));
    const source = join(folder, 'planning.sqlite');
    new SQLite(source).exec('create table t (x integer); insert into t values (1)');
    const target = join(folder, 'out.sqlite');
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'server/backup.ts', target], {
      env: { ...process.env, DATABASE_PATH: source },
      encoding: 'utf8',
    });
    expect(output).toContain(`to ${target}`);
    expect(existsSync(target)).toBe(true);
  });
});
