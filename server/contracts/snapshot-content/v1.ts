import { z } from 'zod';

// Snapshot content, schema version 1: FROZEN. This is the shape every snapshot had when
// snapshots were first stored (rows without `schemaVersion` are this version). It is written
// out in full on purpose: it imports no live contract, enum or domain rule, so a later change
// to tasks, alignments or parties cannot change what a version-1 row means. Never edit it;
// add v2.ts and one upgrade function in index.ts instead.

const PROGRAMMES = ['HWBP', 'KRW', 'IRM', 'PROVINCIE', 'GEMEENTE', 'OVERIG'] as const;
const TASK_KINDS = ['dike_reinforcement', 'river_measure', 'nature', 'infrastructure', 'spatial_development', 'other'] as const;
const PHASE_KINDS = ['verkenning', 'planuitwerking', 'realisatie'] as const;
const SOIL_TYPES = ['klei', 'zand', 'overig'] as const;
const PARTY_KINDS = ['waterschap', 'rijk', 'provincie', 'gemeente', 'overig'] as const;
const ALIGNMENT_STATUSES = ['aligned', 'alignable_by_dike', 'alignable_by_other', 'not_alignable'] as const;

const Slug = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase letters, digits and dashes, e.g. sterke-lekdijk');

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** 2000-01 .. 2100-12, as month indices `year * 12 + (month - 1)`. */
const FIRST_MONTH = 2000 * 12;
const LAST_MONTH = 2100 * 12 + 11;
const MonthText = z
  .string()
  .regex(MONTH_PATTERN, { message: 'expected a month as YYYY-MM', abort: true })
  .refine((text) => {
    const [, year, month] = MONTH_PATTERN.exec(text)!;
    const index = Number(year) * 12 + Number(month) - 1;
    return index >= FIRST_MONTH && index <= LAST_MONTH;
  }, 'month must lie between 2000-01 and 2100-12')
  .meta({ example: '2030-01' });

const TimestampText = z.string().meta({ description: 'ISO 8601 timestamp (UTC)' });

const AreaV1 = z.object({
  id: Slug,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).nullable(),
});

const PartyV1 = z.object({
  id: Slug,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(PARTY_KINDS),
});

const PhaseV1 = z.strictObject({ kind: z.enum(PHASE_KINDS), start: MonthText, end: MonthText });
const WindowV1 = z.strictObject({ earliestStart: MonthText, latestEnd: MonthText });

const Position = z
  .array(z.number())
  .length(2)
  .refine(([lon, lat]) => Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90, 'expected [longitude, latitude] in WGS84');
const Ring = z.array(Position).min(4).max(10_000);
const GeometryV1 = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Point'), coordinates: Position }),
  z.strictObject({ type: z.literal('LineString'), coordinates: z.array(Position).min(2).max(10_000) }),
  z.strictObject({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position).min(2)).min(1).max(1_000) }),
  z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1).max(100) }),
  z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1).max(100) }),
]);

export const TaskV1 = z.object({
  id: z.string(),
  areaId: Slug,
  partyId: Slug,
  programme: z.enum(PROGRAMMES),
  kind: z.enum(TASK_KINDS),
  title: z.string().trim().min(1).max(200),
  phases: z.array(PhaseV1).min(1).max(3),
  description: z.string().max(5000).nullable(),
  dikeTrajectId: z.string().min(1).max(20).nullable().meta({ description: 'national trajectory id, e.g. 44-1' }),
  urgencyRank: z.int().min(1).max(100_000).nullable().meta({ description: 'HWBP only: 1 = most urgent' }),
  window: WindowV1.nullable().meta({ description: 'envelope the task may move within; null = not movable' }),
  soilSupplyM3: z.number().min(0).max(1e9),
  soilDemandM3: z.number().min(0).max(1e9),
  soilType: z.enum(SOIL_TYPES).nullable(),
  river: z.string().trim().min(1).max(100).nullable(),
  kmFrom: z.number().min(-1000).max(10_000).nullable(),
  kmTo: z.number().min(-1000).max(10_000).nullable(),
  geometry: GeometryV1.nullable(),
  costEur: z.number().min(0).max(1e12).nullable(),
  status: z.string().trim().min(1).max(100).nullable(),
  externalRef: z.string().trim().min(1).max(100).nullable().meta({ description: 'unique per party; the key for imports' }),
  version: z.int().positive(),
  createdAt: TimestampText,
  updatedAt: TimestampText,
  movable: z.boolean().meta({ description: 'true iff the task has a window' }),
  outsideWindow: z.boolean().meta({ description: 'its own schedule lies outside its window: a finding to show' }),
});

const NormV1 = z.object({
  returnPeriodYears: z.int().positive(),
  label: z.string(),
  perYear: z.number().positive(),
});

const DikeTrajectV1 = z.object({
  id: z.string(),
  dijkring: z.string(),
  normType: z.string(),
  signalingValue: NormV1.nullable().meta({ description: 'signaleringswaarde; null where the national table holds 0' }),
  lowerLimit: NormV1.nullable().meta({ description: 'ondergrens, the legal standard to meet by 2050; null where the table holds 0' }),
  lengthKm: z.number().nullable(),
  type: z.string().nullable(),
  waterBoards: z.array(z.string()),
  nbpwVersion: z.int(),
  registeredOn: z.string(),
  remark: z.string().nullable(),
});

const AlignmentPairV1 = z.object({
  dikeTaskId: z.string(),
  otherTaskId: z.string(),
  status: z.enum(ALIGNMENT_STATUSES),
  overlapMonths: z.int().min(0),
  gapMonths: z.int().min(0),
  move: z.object({ taskId: z.string(), shiftMonths: z.int() }).nullable(),
  soilMatchM3: z.number().min(0),
  explanation: z.object({ nl: z.string(), en: z.string() }),
});

const AlignmentReportV1 = z.object({
  areaId: Slug,
  minOverlap: z.int(),
  pairs: z.array(AlignmentPairV1),
  /** Number of reported pairs before `limit`. */
  total: z.int().min(0),
  counts: z.object({
    aligned: z.int().min(0),
    alignable_by_dike: z.int().min(0),
    alignable_by_other: z.int().min(0),
    not_alignable: z.int().min(0),
  }),
});

const MoveV1 = z.strictObject({
  taskId: z.string().min(1).max(64),
  shiftMonths: z.int().min(-1200).max(1200).refine((shift) => shift !== 0, 'a move shifts by at least one month'),
});

/** Snapshot content as version 1 stored it (without its `schemaVersion`). */
export const SnapshotContentV1Schema = z.object({
  area: AreaV1,
  parties: z.array(PartyV1),
  tasks: z.array(TaskV1),
  dikeTrajects: z.array(DikeTrajectV1),
  alignments: AlignmentReportV1,
  scenario: z.object({ id: z.string(), name: z.string(), moves: z.array(MoveV1) }).nullable(),
});
export type SnapshotContentV1 = z.infer<typeof SnapshotContentV1Schema>;
