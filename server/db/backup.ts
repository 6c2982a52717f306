import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * Copies a live SQLite database to `destination` with SQLite's online backup, page by page,
 * while the app keeps reading and writing: the copy is one consistent state. Refuses to
 * overwrite an existing file.
 */
export async function backupSqlite(source: string, destination: string): Promise<{ pages: number }> {
  if (resolve(source) === resolve(destination)) throw new Error('the backup must go to another file than the database');
  if (existsSync(destination)) throw new Error(`${destination} exists already; choose a new file`);
  if (!existsSync(source)) throw new Error(`there is no database at ${source}`);
  mkdirSync(dirname(resolve(destination)), { recursive: true });
  const database = new SQLite(source, { fileMustExist: true });
  try {
    database.pragma('busy_timeout = 5000');
    // All pages in one step: copied 100 at a time (the default), a database of more than 100 pages
    // restarts its copy at every write the app makes between two steps, and under steady writes
    // never finishes. WAL readers do not block the app's writers meanwhile.
    const { totalPages } = await database.backup(destination, { progress: () => 0x7fffffff });
    return { pages: totalPages };
  } finally {
    database.close();
  }
}
