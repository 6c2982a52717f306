import SQLite from 'better-sqlite3';

/** A write the database refused because it would break one of its constraints. */
export interface ConstraintViolation {
  kind: 'unique' | 'foreign_key' | 'check' | 'not_null';
  /** The table it happened on, when the database says. */
  table: string | null;
}

const SQLITE_KINDS: Record<string, ConstraintViolation['kind']> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null',
};

const POSTGRES_KINDS: Record<string, ConstraintViolation['kind']> = {
  '23505': 'unique',
  '23503': 'foreign_key',
  '23514': 'check',
  '23502': 'not_null',
};

/**
 * The constraint violation behind an error from either database, if it is one. Uniqueness and
 * references are the database's to decide (two processes may insert the same slug at the same
 * moment); this turns its verdict into something the error mapper can explain.
 */
export function constraintViolationOf(error: unknown): ConstraintViolation | undefined {
  if (error instanceof SQLite.SqliteError) {
    const kind = SQLITE_KINDS[error.code];
    if (!kind) return undefined;
    // SQLite names the columns: "UNIQUE constraint failed: users.email".
    const table = /failed: (\w+)\./.exec(error.message)?.[1] ?? null;
    return { kind, table };
  }
  const { code, table } = (error ?? {}) as { code?: unknown; table?: unknown };
  if (typeof code === 'string' && code in POSTGRES_KINDS) return { kind: POSTGRES_KINDS[code]!, table: typeof table === 'string' ? table : null };
  return undefined;
}

/** PostgreSQL refuses text it cannot store (a NUL character); SQLite would keep it. */
export function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '22021' || code === '22P05';
}
