import { z } from 'zod';
import { formatMonth } from '../domain/months.js';
import { ALIGNMENT_STATUSES } from '../domain/alignment.js';
import type { ScenarioEvaluation, Violation } from '../domain/scenarios.js';
import { PROGRAMMES, SHIFT_REFUSALS } from '../domain/tasks.js';
import { MonthText, Slug, TimestampText } from './common.js';
import { AreaSoilDeltaSchema, type AreaSoilDelta } from './soil.js';
import { TaskSchema, toTaskResponse } from './tasks.js';

export const CapacityRuleSchema = z.object({
  id: z.string(),
  partyId: Slug,
  programme: z.enum(PROGRAMMES),
  maxConcurrent: z.int().min(0).nullable().meta({ description: 'most tasks in realisatie in the same month' }),
  budgetPerYearEur: z.number().min(0).nullable().meta({ description: 'most cost per calendar year (costEur spread over realisation months)' }),
});
export type CapacityRuleResponse = z.infer<typeof CapacityRuleSchema>;

const ruleLimits = {
  maxConcurrent: z.int().min(0).max(10_000).nullable(),
  budgetPerYearEur: z.number().min(0).max(1e12).nullable(),
};
const hasALimit = (rule: { maxConcurrent?: number | null; budgetPerYearEur?: number | null }) =>
  (rule.maxConcurrent ?? null) !== null || (rule.budgetPerYearEur ?? null) !== null;

export const CreateCapacityRuleBody = z
  .strictObject({ partyId: Slug.optional(), programme: z.enum(PROGRAMMES), ...z.object(ruleLimits).partial().shape })
  .refine(hasALimit, 'set maxConcurrent, budgetPerYearEur or both');
export const PatchCapacityRuleBody = z
  .strictObject(ruleLimits)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');
export const CapacityRuleParams = z.object({ ruleId: z.string().max(64) });

export const MoveSchema = z.strictObject({
  taskId: z.string().min(1).max(64),
  shiftMonths: z.int().min(-1200).max(1200).refine((shift) => shift !== 0, 'a move shifts by at least one month'),
});

export const ScenarioMoveSchema = MoveSchema.extend({
  taskVersion: z.int().meta({ description: "the task's version when the move was set; applying refuses when the task changed since" }),
});
export type ScenarioMove = z.infer<typeof ScenarioMoveSchema>;

export const ScenarioSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  areaId: Slug.nullable(),
  partyId: Slug.nullable(),
  createdBy: z.string(),
  createdAt: TimestampText,
  updatedAt: TimestampText,
  appliedAt: TimestampText.nullable(),
  moves: z.array(ScenarioMoveSchema),
});
export type ScenarioResponse = z.infer<typeof ScenarioSchema>;

export const CreateScenarioBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  areaId: Slug.nullable().optional(),
  description: z.string().max(5000).nullable().optional(),
});
export const PatchScenarioBody = z
  .strictObject({ name: CreateScenarioBody.shape.name, description: z.string().max(5000).nullable() })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');
export const ScenarioParams = z.object({ scenarioId: z.string().max(64) });
export const MovesBody = z
  .array(MoveSchema)
  .max(500)
  .refine((moves) => new Set(moves.map((move) => move.taskId)).size === moves.length, 'one move per task');
export const SwapBody = z
  .strictObject({ taskIdA: z.string().min(1).max(64), taskIdB: z.string().min(1).max(64) })
  .refine((swap) => swap.taskIdA !== swap.taskIdB, 'swap two different tasks');

const status = z.enum(ALIGNMENT_STATUSES);
export const ViolationSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('window'),
    taskId: z.string(),
    shiftMonths: z.int(),
    reason: z.enum(SHIFT_REFUSALS).meta({ description: 'no_window, started (its realisation has started), past (before asOf or onto a started phase), outside_window' }),
    allowed: z.object({ min: z.int(), max: z.int() }).nullable(),
    inBaseline: z.boolean(),
  }),
  z.object({
    type: z.literal('capacity_concurrent'),
    partyId: z.string(),
    programme: z.enum(PROGRAMMES),
    month: z.string(),
    count: z.int(),
    limit: z.int(),
    taskIds: z.array(z.string()),
    inBaseline: z.boolean(),
  }),
  z.object({
    type: z.literal('capacity_budget'),
    partyId: z.string(),
    programme: z.enum(PROGRAMMES),
    year: z.int(),
    amountEur: z.number(),
    budgetEur: z.number(),
    taskIds: z.array(z.string()),
    inBaseline: z.boolean(),
  }),
]);

export const EvaluationSchema = z.object({
  scenarioId: z.string(),
  asOf: MonthText.meta({ description: 'the month the evaluation was made at: phases started before it stay where they are' }),
  moves: z.array(ScenarioMoveSchema),
  shiftedTasks: z.array(TaskSchema),
  violations: z.array(ViolationSchema),
  warnings: z.array(
    z.object({
      type: z.literal('urgency_inversion'),
      moreUrgentTaskId: z.string(),
      moreUrgentRank: z.int(),
      lessUrgentTaskId: z.string(),
      lessUrgentRank: z.int(),
    }),
  ),
  alignmentDelta: z.array(
    z.object({
      areaId: z.string(),
      changes: z.array(z.object({ dikeTaskId: z.string(), otherTaskId: z.string(), before: status, after: status, soilMatchM3: z.number() })),
      alignedSoilBeforeM3: z.number(),
      alignedSoilAfterM3: z.number(),
    }),
  ),
  applicable: z.boolean().meta({ description: 'no move leaves its window and no capacity violation is new' }),
  soil: z
    .array(AreaSoilDeltaSchema)
    .optional()
    .meta({ description: "per area with a moved task, its soil ledger's change against the baseline: reused, shortage (brought in), surplus (carted off), peak storage, saving" }),
});
export type EvaluationResponse = z.infer<typeof EvaluationSchema>;

export function toViolationResponse(violation: Violation): z.infer<typeof ViolationSchema> {
  return violation.type === 'capacity_concurrent' ? { ...violation, month: formatMonth(violation.month) } : violation;
}

export function toEvaluationResponse(
  scenarioId: string,
  moves: ScenarioMove[],
  evaluation: ScenarioEvaluation & { soil?: AreaSoilDelta[] },
  applicable: boolean,
): EvaluationResponse {
  // Evaluations are always made at a month (the use case passes one).
  const asOf = evaluation.asOf!;
  return {
    scenarioId,
    asOf: formatMonth(asOf),
    moves,
    shiftedTasks: evaluation.shiftedTasks.map((task) => toTaskResponse(task, asOf)),
    violations: evaluation.violations.map(toViolationResponse),
    warnings: evaluation.warnings,
    alignmentDelta: evaluation.alignmentDelta,
    applicable,
    ...(evaluation.soil ? { soil: evaluation.soil } : {}),
  };
}
