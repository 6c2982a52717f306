import { z } from 'zod';
import { Slug, TimestampText } from './common.js';
import { SnapshotContentSchema } from './snapshot-content/index.js';

/**
 * Everything a meeting needs, frozen: nothing in it follows later changes. Its shape is the
 * current version of the stored, versioned snapshot content (see snapshot-content/), not the
 * live task and alignment schemas.
 */
export { SnapshotContentSchema, type SnapshotContent } from './snapshot-content/index.js';

const DateText = z.iso.date().meta({ description: 'YYYY-MM-DD' });

export const SnapshotSummarySchema = z.object({
  id: z.string(),
  areaId: Slug,
  scenarioId: z.string().nullable(),
  title: z.string(),
  meetingDate: DateText.nullable(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdByLabel: z.string(),
  createdAt: TimestampText,
});
export type SnapshotSummary = z.infer<typeof SnapshotSummarySchema>;

export const SnapshotSchema = SnapshotSummarySchema.extend({ content: SnapshotContentSchema });
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const CreateSnapshotBody = z.strictObject({
  areaId: Slug,
  scenarioId: z.string().max(64).nullable().optional(),
  title: z.string().trim().min(1).max(200),
  meetingDate: DateText.nullable().optional(),
  note: z.string().max(5000).nullable().optional(),
});
export const SnapshotParams = z.object({ snapshotId: z.string().max(64) });

export const CreateShareLinkBody = z.strictObject({ expiresAt: z.iso.datetime({ offset: true }).nullable().optional() });
export const ShareLinkSchema = z.object({
  id: z.string(),
  snapshotId: z.string(),
  createdAt: TimestampText,
  expiresAt: TimestampText.nullable(),
  revokedAt: TimestampText.nullable(),
});
export const CreatedShareLinkSchema = ShareLinkSchema.extend({
  token: z.string().meta({ description: 'shown once; at least 128 bits' }),
  url: z.string().meta({ description: 'the read-only viewer, to send to the table' }),
});
export const ShareLinkParams = z.object({ linkId: z.string().max(64) });
export const SharedParams = z.object({ token: z.string().max(200) });

const FieldChangeSchema = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export const PlanDiffSchema = z.object({
  against: z.string().meta({ description: 'the snapshot id compared with, or "current"' }),
  added: z.array(z.object({ taskId: z.string(), title: z.string() })),
  removed: z.array(z.object({ taskId: z.string(), title: z.string() })),
  moved: z.array(
    z.object({
      taskId: z.string(),
      title: z.string(),
      phases: z.array(
        z.object({
          kind: z.string(),
          startShift: z.int(),
          endShift: z.int(),
          from: z.object({ start: z.string(), end: z.string() }).meta({ description: 'the phase before, months as YYYY-MM' }),
          to: z.object({ start: z.string(), end: z.string() }).meta({ description: 'the phase after, months as YYYY-MM' }),
        }),
      ),
    }),
  ),
  changed: z.array(z.object({ taskId: z.string(), title: z.string(), fields: z.array(FieldChangeSchema) })),
  pairChanges: z.array(
    z.object({ dikeTaskId: z.string(), otherTaskId: z.string(), before: z.string(), after: z.string(), soilMatchM3: z.number() }),
  ),
  alignedSoilBeforeM3: z.number(),
  alignedSoilAfterM3: z.number(),
  reusedSoilBeforeM3: z.number().nullable().meta({ description: "soil reused locally per the area's soil ledger; null when that side did not record its ledger (snapshots before schemaVersion 3)" }),
  reusedSoilAfterM3: z.number().nullable(),
  soilSavingBeforeEur: z.number().nullable().meta({ description: 'what the local reuse saves (reused × savingEurPerM3); null when not recorded' }),
  soilSavingAfterEur: z.number().nullable(),
  // The area table (issue 17).
  decidedItems: z
    .array(z.object({ itemId: z.string(), title: z.string(), decision: z.string(), decidedAt: TimestampText.nullable() }))
    .meta({ description: 'agenda items decided since the earlier picture' }),
  acceptedProposals: z
    .array(z.object({ proposalId: z.string(), taskId: z.string(), taskTitle: z.string(), decidedBy: z.string().nullable(), decidedAt: TimestampText.nullable() }))
    .meta({ description: 'proposals accepted since the earlier picture' }),
});
export const DiffQuery = z.object({ against: z.string().min(1).max(64).default('current') });

export const SharedSnapshotSchema = z.object({
  snapshot: SnapshotSchema,
  /** The area's snapshot before this one, and what changed since it: the "since last meeting" summary. */
  previous: SnapshotSummarySchema.nullable(),
  sincePrevious: PlanDiffSchema.nullable(),
});
export type SharedSnapshot = z.infer<typeof SharedSnapshotSchema>;

/** Who made a snapshot: personal data a signed-in user may see and a share link never shows. */
const PERSONAL = { createdBy: true, createdByLabel: true } as const;

/**
 * What an anonymous share-link viewer gets: the snapshot and its previous one without anyone's
 * name or e-mail address (parties appear by name only). A separate contract, so the answer for
 * `/api/shared/:token` cannot carry them even when the full view gains fields.
 */
export const PublicSharedSnapshotSchema = z.strictObject({
  snapshot: SnapshotSchema.omit(PERSONAL).strict(),
  previous: SnapshotSummarySchema.omit(PERSONAL).strict().nullable(),
  sincePrevious: PlanDiffSchema.nullable(),
});
export type PublicSharedSnapshot = z.infer<typeof PublicSharedSnapshotSchema>;
export const PublicSnapshotSchema = PublicSharedSnapshotSchema.shape.snapshot;
export type PublicSnapshot = z.infer<typeof PublicSnapshotSchema>;

/** A snapshot view with the personal data left out, for whoever holds a share link. */
export function toPublicSharedSnapshot(view: SharedSnapshot): PublicSharedSnapshot {
  const { createdBy: _by, createdByLabel: _label, ...snapshot } = view.snapshot;
  const previous = view.previous ? (({ createdBy: _pBy, createdByLabel: _pLabel, ...rest }) => rest)(view.previous) : null;
  return { snapshot, previous, sincePrevious: view.sincePrevious };
}
export type PlanDiff = z.infer<typeof PlanDiffSchema>;
