import { z } from 'zod';
import { DomainError, toPointer } from '../../domain/errors.js';
import { SnapshotContentV1Schema, type SnapshotContentV1 } from './v1.js';
import { SnapshotContentV2Schema, type SnapshotContentV2 } from './v2.js';
import { SnapshotContentV3Schema, type SnapshotContentV3 } from './v3.js';
import { SnapshotContentV4Schema, type SnapshotContentV4 } from './v4.js';

/*
 * A snapshot's content is stored as JSON that must still open years later, after the live task,
 * alignment and party shapes have grown. So the stored shape is versioned apart from the live
 * API types: every landed version has a frozen schema (v1.ts, v2.ts, ...) that is never edited,
 * and one upgrade function takes version N to N + 1. Reading validates a row against its own
 * version's schema, then upgrades it step by step to the current version.
 *
 * To change the stored content: add vN+1.ts (a full copy, changed), append its schema to
 * STORED_SCHEMAS and an `upgrade vN→vN+1` function to UPGRADES, and point the current schema
 * and type below at it.
 */

/** One step of the chain: version N's content (as its schema parsed it) to version N + 1's. */
export type SnapshotContentUpgrade = (content: never) => unknown;

/** The versions a reader knows: `schemas[N - 1]` is version N, `upgrades[N - 1]` is vN→vN+1. */
export interface SnapshotContentVersions {
  readonly schemas: readonly z.ZodType[];
  readonly upgrades: readonly SnapshotContentUpgrade[];
}

/** Frozen schemas of every version that ever landed, oldest first. Never edit or remove one. */
const STORED_SCHEMAS = [SnapshotContentV1Schema, SnapshotContentV2Schema, SnapshotContentV3Schema, SnapshotContentV4Schema] as const;

/** `upgrade vN→vN+1` at index N - 1. */
const UPGRADES: readonly SnapshotContentUpgrade[] = [
  // v1→v2: no task had a length yet, and the picture recorded no asOf (read it at the month it was made).
  (content: SnapshotContentV1): SnapshotContentV2 => ({ ...content, tasks: content.tasks.map((task) => ({ ...task, lengthKm: null })), asOf: null }),
  // v2→v3: the picture recorded no soil ledger, and the area's key figures then are unknown: not recorded.
  (content: SnapshotContentV2): SnapshotContentV3 => ({ ...content, soilLedger: null }),
  // v3→v4: the picture recorded no agenda and no proposals: not recorded.
  (content: SnapshotContentV3): SnapshotContentV4 => ({ ...content, agenda: null, openProposals: null, acceptedProposals: null }),
];

export const SNAPSHOT_CONTENT_VERSIONS: SnapshotContentVersions = { schemas: STORED_SCHEMAS, upgrades: UPGRADES };

/** The schema version every snapshot is written with now. */
export const CURRENT_SNAPSHOT_SCHEMA_VERSION = 4 as const;

/** The current version's content: what the API answers and what new snapshots store. */
export const SnapshotContentSchema = SnapshotContentV4Schema;
export type SnapshotContent = SnapshotContentV4;

/** Content as stored from now on: the current version, marked with its number. */
export const StoredSnapshotContentSchema = SnapshotContentSchema.extend({ schemaVersion: z.literal(CURRENT_SNAPSHOT_SCHEMA_VERSION) });
export type StoredSnapshotContent = z.infer<typeof StoredSnapshotContentSchema>;

if (STORED_SCHEMAS.length !== CURRENT_SNAPSHOT_SCHEMA_VERSION || UPGRADES.length !== CURRENT_SNAPSHOT_SCHEMA_VERSION - 1) {
  throw new Error('snapshot content: every version needs its frozen schema, and every version but the current one an upgrade');
}

/**
 * A snapshot whose stored content this server cannot read: corrupted, or written by a newer
 * version of the application. A 409 naming the snapshot and its schemaVersion; the schema's
 * complaints are kept as `cause` for the logs, not sent.
 */
export class StoredSnapshotContentError extends DomainError {
  constructor(
    message: string,
    readonly schemaVersion: number | null,
    readonly snapshotId: string | null,
    options: { cause?: unknown } = {},
  ) {
    super('conflict', message, undefined, { snapshotId, schemaVersion });
    this.name = 'StoredSnapshotContentError';
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads stored snapshot content of any known version into the newest version of `versions`:
 * a missing `schemaVersion` means 1; the content must pass its own version's frozen schema;
 * then each upgrade runs in turn. Throws {@link StoredSnapshotContentError} otherwise.
 */
export function readThroughVersions<Current>(json: unknown, versions: SnapshotContentVersions, snapshotId: string | null = null): Current {
  const which = snapshotId === null ? 'the snapshot' : `snapshot '${snapshotId}'`;
  const newest = versions.schemas.length;
  if (!isRecord(json)) {
    throw new StoredSnapshotContentError(`the stored content of ${which} is not a JSON object, so it cannot be read`, null, snapshotId);
  }
  const { schemaVersion: stated = 1, ...content } = json;
  if (typeof stated !== 'number' || !Number.isInteger(stated) || stated < 1) {
    throw new StoredSnapshotContentError(`the stored content of ${which} has no valid schemaVersion (expected a whole number from 1), so it cannot be read`, null, snapshotId);
  }
  if (stated > newest) {
    throw new StoredSnapshotContentError(
      `the stored content of ${which} has schemaVersion ${stated}, which this server cannot read (it reads 1 to ${newest}); it was probably written by a newer version of the application`,
      stated,
      snapshotId,
    );
  }
  const parsed = versions.schemas[stated - 1]!.safeParse(content);
  if (!parsed.success) {
    const { issues } = parsed.error;
    throw new StoredSnapshotContentError(
      `the stored content of ${which} does not match snapshot schemaVersion ${stated} (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}, the first at ${toPointer(issues[0]!.path)}), so it cannot be read`,
      stated,
      snapshotId,
      { cause: parsed.error },
    );
  }
  let upgraded: unknown = parsed.data;
  for (let version = stated; version < newest; version += 1) {
    try {
      upgraded = (versions.upgrades[version - 1] as (content: unknown) => unknown)(upgraded);
    } catch (error) {
      throw new StoredSnapshotContentError(
        `the stored content of ${which} (schemaVersion ${stated}) could not be upgraded from version ${version} to ${version + 1}`,
        stated,
        snapshotId,
        { cause: error },
      );
    }
  }
  return upgraded as Current;
}

/** Stored snapshot content (as parsed from `content_json`) in the current version's shape. */
export function readStoredSnapshotContent(json: unknown, snapshotId: string | null = null): SnapshotContent {
  return readThroughVersions<SnapshotContent>(json, SNAPSHOT_CONTENT_VERSIONS, snapshotId);
}

/**
 * Content as it is stored: checked against the current schema (what cannot be read back is
 * never written; a failure here is a bug and throws) and marked with the current version.
 */
export function toStoredSnapshotContent(content: SnapshotContent): StoredSnapshotContent {
  return { schemaVersion: CURRENT_SNAPSHOT_SCHEMA_VERSION, ...SnapshotContentSchema.parse(content) };
}
