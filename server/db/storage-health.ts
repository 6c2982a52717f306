import SQLite from 'better-sqlite3';

/**
 * Whether the database can store changes. One process serves one database, so the state is
 * module-level: the SQLite driver records every storage failure and confirmed recovery here,
 * and the error mapper and the health check read it.
 */

/** `full`: no room to grow (disk or page limit). `unavailable`: read-only, unopenable or failing I/O. */
export type StorageFailure = 'full' | 'unavailable';

// Codes that say nothing about the request and will pass once an operator frees space or fixes
// the file; corruption, misuse and constraint errors stay ordinary failures.
const UNAVAILABLE_PREFIXES = ['SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN', 'SQLITE_PERM'];

/**
 * PostgreSQL's SQLSTATE codes for the same troubles: disk full (53100), out of resources, a
 * read-only server (25006), and the server shutting down or unreachable (57P0x, 08xxx).
 */
function postgresFailureOf(code: unknown): StorageFailure | undefined {
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  if (code === '53100') return 'full';
  if (code === '25006' || code.startsWith('53') || code.startsWith('57P0') || code.startsWith('08')) return 'unavailable';
  return undefined;
}

/** The storage failure behind an error (or its causes), if it is one. */
export function storageFailureOf(error: unknown): StorageFailure | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const postgres = postgresFailureOf((current as { code?: unknown }).code);
    if (postgres) return postgres;
    if (!(current instanceof SQLite.SqliteError)) continue;
    if (current.code === 'SQLITE_FULL') return 'full';
    if (UNAVAILABLE_PREFIXES.some((prefix) => current.code.startsWith(prefix))) return 'unavailable';
  }
  return undefined;
}

interface Failing {
  failure: StorageFailure;
  cause: Error;
  since: Date;
  announced: boolean;
}

let failing: Failing | null = null;
let recovered: { failure: StorageFailure; since: Date; until: Date } | null = null;
let lastWriteRetry = 0;

/** Records an error if it is a storage failure; the first one of an outage is kept as its cause. */
export function noteStorageError(error: unknown, now = new Date()): StorageFailure | undefined {
  const failure = storageFailureOf(error);
  if (failure && !failing) {
    failing = { failure, cause: error as Error, since: now, announced: false };
    recovered = null;
  } else if (failure === 'full' && failing?.failure === 'unavailable') {
    // A full disk is the more useful thing to tell an operator than the I/O error before it.
    failing = { ...failing, failure, cause: error as Error, announced: false };
  }
  return failure;
}

/** Ends an outage: call only once a write is known to have found room again. */
export function noteStorageRecovered(now = new Date()): void {
  if (!failing) return;
  recovered = { failure: failing.failure, since: failing.since, until: now };
  failing = null;
}

export type StorageState = { writable: true } | { writable: false; failure: StorageFailure; since: Date };

export function storageState(): StorageState {
  return failing ? { writable: false, failure: failing.failure, since: failing.since } : { writable: true };
}

/**
 * Whether the health check should try a real write now: while writes fail, at most once per
 * `everyMs`, so polling cannot turn a broken disk into a stream of doomed writes.
 */
export function claimWriteRetry(nowMs: number, everyMs: number): boolean {
  if (!failing || nowMs - lastWriteRetry < everyMs) return false;
  lastWriteRetry = nowMs;
  return true;
}

interface StorageLog {
  error(details: object, message: string): void;
  info(details: object, message: string): void;
}

/**
 * Logs each change of state once, however many requests see it: the cause of an outage (the
 * SQLite error itself, not the failed ROLLBACK after it) and its end.
 */
export function announceStorageState(log: StorageLog): void {
  if (failing && !failing.announced) {
    failing.announced = true;
    const what = failing.failure === 'full' ? 'is full' : 'cannot be written';
    log.error(
      { err: failing.cause, storage: failing.failure, since: failing.since.toISOString() },
      `the database ${what} (${failing.cause.message}); changes answer 503 until a write succeeds`,
    );
  }
  if (recovered) {
    const { failure, since, until } = recovered;
    recovered = null;
    log.info({ storage: failure, since: since.toISOString(), until: until.toISOString() }, 'the database accepts writes again');
  }
}
