import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  SqliteDialect,
  SqliteDriver,
  type AbortableOperationOptions,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import { noteStorageError, noteStorageRecovered, storageState } from './storage-health.js';

/**
 * The only SQLite-specific code: opens the embedded database file with WAL (readers
 * never wait for the writer), enforced foreign keys, and a busy timeout.
 */
export function createSqliteDialect(path: string): SqliteDialect {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new StorageAwareSqliteDialect(database);
}

class StorageAwareSqliteDialect extends SqliteDialect {
  readonly #database: SQLite.Database;

  constructor(database: SQLite.Database) {
    super({ database });
    this.#database = database;
  }

  override createDriver(): Driver {
    return new StorageAwareSqliteDriver(this.#database);
  }
}

/**
 * Kysely's SQLite driver with two changes for a full or failing disk. On SQLITE_FULL and
 * I/O errors SQLite has already rolled the whole transaction back, so Kysely's ROLLBACK
 * would fail with "cannot rollback - no transaction is active" and replace the real error;
 * it is skipped when no transaction is open. And every statement reports storage failures
 * to storage-health, and, during an outage, a write that succeeds has a probe confirm that
 * the database can grow again before the outage is declared over.
 */
class StorageAwareSqliteDriver extends SqliteDriver {
  readonly #database: SQLite.Database;
  #connection: DatabaseConnection | undefined;

  constructor(database: SQLite.Database) {
    super({ database });
    this.#database = database;
  }

  override async init(options?: AbortableOperationOptions): Promise<void> {
    await super.init(options);
    this.#connection = watchStorage(await super.acquireConnection(), this.#database);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection!;
  }

  /**
   * Takes the write lock when the transaction begins: a deferred transaction that reads first
   * and writes later fails at once with SQLITE_BUSY when another process wrote in between.
   */
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#database.inTransaction) await super.rollbackTransaction(connection);
  }
}

function watchStorage(connection: DatabaseConnection, database: SQLite.Database): DatabaseConnection {
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      let result: QueryResult<R>;
      try {
        result = await connection.executeQuery<R>(query);
      } catch (error) {
        noteStorageError(error);
        throw error;
      }
      // numAffectedRows marks statements run for their effect (writes, COMMIT) rather than rows.
      const landedWrite =
        result.numAffectedRows !== undefined && !database.inTransaction && !/^\s*rollback\b/i.test(query.sql);
      if (landedWrite && !storageState().writable) confirmRoom(database);
      return result;
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

const probes = new WeakMap<SQLite.Database, () => void>();

/**
 * An update in place can succeed on a full disk, so one successful write does not prove
 * there is room. The probe stores (and removes again) a row that needs fresh pages and
 * commits, so the write-ahead log must grow too; only its success ends an outage.
 */
function confirmRoom(database: SQLite.Database): void {
  try {
    let probe = probes.get(database);
    if (!probe) {
      const value = 'x'.repeat(2 * (database.pragma('page_size', { simple: true }) as number));
      const store = database.prepare("insert or replace into app_meta (key, value) values ('storage_probe', ?)");
      const remove = database.prepare("delete from app_meta where key = 'storage_probe'");
      probe = database.transaction(() => {
        store.run(value);
        remove.run();
      });
      probes.set(database, probe);
    }
    probe();
  } catch (error) {
    // Anything but a storage failure means the probe could not run; the write it follows did.
    if (noteStorageError(error) !== undefined) return;
  }
  noteStorageRecovered();
}
