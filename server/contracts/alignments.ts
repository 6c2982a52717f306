import { z } from 'zod';
import { explainAlignment } from '../domain/alignment-explanation.js';
import { ALIGNMENT_STATUSES, byListingPriority, DEFAULT_MIN_OVERLAP, MAX_MIN_OVERLAP, type AlignmentReport, type AlignmentTask } from '../domain/alignment.js';
import { formatMonth } from '../domain/months.js';
import { MonthText, Slug } from './common.js';

export const AlignmentQuery = z.strictObject({
  minOverlap: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_MIN_OVERLAP)
    .default(DEFAULT_MIN_OVERLAP)
    .meta({ description: 'months the realisations must share (1..120)' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .meta({ description: 'return only the first N pairs (aligned first, then by soil to share); counts and total cover all' }),
  asOf: MonthText.optional().meta({ description: 'look as of this month (YYYY-MM): phases started before it stay put; default the current month' }),
});

export const AlignmentPairSchema = z.object({
  dikeTaskId: z.string(),
  otherTaskId: z.string(),
  status: z.enum(ALIGNMENT_STATUSES),
  overlapMonths: z.int().min(0),
  gapMonths: z.int().min(0),
  move: z.object({ taskId: z.string(), shiftMonths: z.int() }).nullable(),
  soilMatchM3: z.number().min(0),
  explanation: z.object({ nl: z.string(), en: z.string() }),
});
export type AlignmentPairResponse = z.infer<typeof AlignmentPairSchema>;

export const AlignmentReportSchema = z.object({
  areaId: Slug,
  minOverlap: z.int(),
  asOf: MonthText.nullable().meta({ description: 'the month the report was computed at: started work cannot move' }),
  pairs: z.array(AlignmentPairSchema),
  /** Number of reported pairs before `limit`. */
  total: z.int().min(0),
  counts: z.object(Object.fromEntries(ALIGNMENT_STATUSES.map((status) => [status, z.int().min(0)])) as Record<
    (typeof ALIGNMENT_STATUSES)[number],
    z.ZodInt
  >),
});
export type AlignmentReportResponse = z.infer<typeof AlignmentReportSchema>;

export const AreaSummarySchema = z.object({
  areaId: Slug,
  name: z.string(),
  description: z.string().nullable(),
  taskCount: z.int().min(0),
  partyCount: z.int().min(0),
  alignments: z.object({ aligned: z.int().min(0), alignable: z.int().min(0), soilOpportunities: z.int().min(0) }),
});
export type AreaSummary = z.infer<typeof AreaSummarySchema>;

/** A detector report as the API answers it: listed aligned-first, optionally cut at `limit`, each pair explained. */
export function toAlignmentReportResponse(
  areaId: string,
  report: AlignmentReport,
  tasks: readonly AlignmentTask[],
  limit = report.pairs.length,
): AlignmentReportResponse {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const listed = [...report.pairs].sort(byListingPriority).slice(0, limit);
  return {
    areaId,
    minOverlap: report.minOverlap,
    asOf: report.asOf === null ? null : formatMonth(report.asOf),
    counts: report.counts,
    total: report.pairs.length,
    pairs: listed.map((pair) => ({ ...pair, explanation: explainAlignment(pair, byId.get(pair.dikeTaskId)!, byId.get(pair.otherTaskId)!) })),
  };
}
