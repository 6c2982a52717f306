import { z } from 'zod';
import { SnapshotContentV2Schema } from './v2.js';

// Snapshot content, schema version 3: FROZEN. Version 2 (itself frozen) with one addition: the
// area's soil ledger as it was when the picture was made (DOMAIN.md, "Soil over time"): the key
// figures used, one row per month, the totals and what local reuse was worth. Written out in
// full here, apart from the live contracts, so a later change to the ledger cannot change what
// a version-3 row means. Never edit it; add v4.ts instead.

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const m3 = z.number();

const MonthFiguresV3 = z.object({
  releasedM3: m3,
  neededM3: m3,
  usedDirectlyM3: m3,
  takenFromStorageM3: m3,
  storedM3: m3,
  storageLevelM3: m3,
  surplusM3: m3,
  shortageM3: m3,
});

const LedgerTotalsV3 = z.object({
  releasedM3: m3,
  neededM3: m3,
  usedDirectlyM3: m3,
  takenFromStorageM3: m3,
  reusedM3: m3,
  broughtInM3: m3,
  cartedOffM3: m3,
  closingSurplusM3: m3,
  peakStorageM3: m3,
});

const SoilLedgerV3 = z.object({
  settings: z.object({ soilStorageMonths: z.int().min(0), savingEurPerM3: z.number(), truckLoadM3: z.number().positive() }),
  firstMonth: Month.nullable(),
  lastMonth: Month.nullable(),
  rows: z.array(
    z.object({
      month: Month,
      types: z.object({ klei: MonthFiguresV3, zand: MonthFiguresV3, overig: MonthFiguresV3 }),
      storageLevelM3: m3,
      releasingTaskIds: z.array(z.string()),
      needingTaskIds: z.array(z.string()),
    }),
  ),
  byType: z.object({ klei: LedgerTotalsV3, zand: LedgerTotalsV3, overig: LedgerTotalsV3 }),
  total: LedgerTotalsV3,
  value: z.object({ savingEur: z.number(), lorryLoadsAvoided: z.number() }),
});

export const SnapshotContentV3Schema = SnapshotContentV2Schema.extend({
  /** The area's soil ledger over the pictured tasks; null for pictures upgraded from version 2 (not recorded). */
  soilLedger: SoilLedgerV3.nullable(),
});
export type SnapshotContentV3 = z.infer<typeof SnapshotContentV3Schema>;
