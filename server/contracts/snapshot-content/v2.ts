import { z } from 'zod';
import { SnapshotContentV1Schema, TaskV1 } from './v1.js';

// Snapshot content, schema version 2: FROZEN. Version 1 (itself frozen) with two additions:
// each task's `lengthKm` (a dike section's own length) and the `asOf` month the picture was
// computed at (started phases are fixed from then on). Never edit it; add v3.ts instead.

const TaskV2 = TaskV1.extend({
  lengthKm: z.number().positive().max(1_000).nullable(),
});

export const SnapshotContentV2Schema = SnapshotContentV1Schema.extend({
  tasks: z.array(TaskV2),
  /** The month the picture was computed at; null for pictures upgraded from version 1 (read them at the month they were made). */
  asOf: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .nullable(),
});
export type SnapshotContentV2 = z.infer<typeof SnapshotContentV2Schema>;
