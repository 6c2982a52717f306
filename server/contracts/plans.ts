import { AreaSoilDeltaSchema } from './soil.js';
import { z } from 'zod';
import { DEFAULT_MIN_OVERLAP, MAX_MIN_OVERLAP } from '../domain/alignment.js';
import type { MessageCode } from '../domain/messages.js';
import { DEFAULT_PLAN_STEP_MONTHS } from '../domain/plan.js';
import { SOIL_TYPES } from '../domain/tasks.js';
import { DEFAULT_TIME_LIMIT_S, MAX_TIME_LIMIT_S } from '../solver/limits.js';
import { MonthText, Slug, TimestampText } from './common.js';

export const PLAN_STATUSES = ['solving', 'optimal', 'time_limit', 'failed', 'cancelled'] as const;

export const CreatePlanBody = z
  .strictObject({
    areaId: Slug.optional().meta({ description: 'plan one area' }),
    partyId: Slug.optional().meta({ description: "plan one party's programme: every area where it has tasks" }),
    asOf: MonthText.optional().meta({ description: 'the month to plan at (default: the current month in the Netherlands); started work never moves' }),
    stepMonths: z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)]).default(DEFAULT_PLAN_STEP_MONTHS),
    minOverlap: z.int().min(1).max(MAX_MIN_OVERLAP).default(DEFAULT_MIN_OVERLAP),
    moveOthers: z.boolean().default(false).meta({ description: "let other movable tasks of the scope's areas move too (their moves need their owners' consent)" }),
    allowInversions: z.boolean().default(false).meta({ description: 'drop the urgency constraint; the plan lists the inversions it makes' }),
    timeLimitS: z.number().positive().max(MAX_TIME_LIMIT_S).default(DEFAULT_TIME_LIMIT_S),
    wait: z.boolean().default(true).meta({ description: 'answer when the plan is solved (201); false: answer at once (202) and poll GET /api/plans/{planId}' }),
  })
  .refine((body) => !(body.areaId && body.partyId), { message: 'give areaId or partyId, not both', path: ['partyId'] })
  .meta({ description: 'Without areaId and partyId the plan is national.' });
export type CreatePlanBody = z.infer<typeof CreatePlanBody>;

export const PlanParams = z.object({ planId: z.string().max(64) });

const PairRefSchema = z.object({
  dikeTaskId: z.string(),
  otherTaskId: z.string(),
  partnerTaskId: z.string(),
  partnerTitle: z.string(),
  soilMatchM3: z.number(),
  soilType: z.enum(SOIL_TYPES).meta({ description: 'the kind of soil the two can exchange (overig mixes with anything)' }),
});

export const PlanMoveSchema = z.object({
  taskId: z.string(),
  shiftMonths: z.int(),
  title: z.string(),
  areaId: z.string(),
  partyId: z.string(),
  pairsWon: z.array(PairRefSchema),
  pairsLost: z.array(PairRefSchema),
  soilGainedM3: z.number(),
  needsConsent: z.boolean().meta({ description: 'you may not edit this task: its owner decides (a proposal)' }),
});

export const PlanResultSchema = z.object({
  moves: z.array(PlanMoveSchema),
  valueBefore: z.number(),
  valueAfter: z.number().meta({ description: 'Σ over aligned pairs of (1 + soilMatchM3 / 10,000)' }),
  valueBound: z.number().meta({ description: 'the best value proven possible (equal to valueAfter when optimal)' }),
  alignedPairsBefore: z.int(),
  alignedPairsAfter: z.int(),
  alignedSoilBeforeM3: z.number(),
  alignedSoilAfterM3: z.number(),
  movedMonths: z.int().meta({ description: 'Σ |k| over the moves' }),
  gap: z.number().meta({ description: "relative gap of the value (0 when optimal)" }),
  inversions: z.array(
    z.object({ moreUrgentTaskId: z.string(), moreUrgentRank: z.int(), lessUrgentTaskId: z.string(), lessUrgentRank: z.int() }),
  ),
  modelSize: z.object({ variables: z.int(), binaries: z.int(), constraints: z.int(), nonzeros: z.int(), movableTasks: z.int(), pairs: z.int() }),
  solveMs: z.number(),
  soil: z
    .array(AreaSoilDeltaSchema)
    .optional()
    .meta({ description: "per area with a moved task, its soil ledger's change against the baseline (plans stored before the ledger have none)" }),
});
export type PlanResult = z.infer<typeof PlanResultSchema>;

/** What a plan's status tells its reader, by message code (server/domain/messages.ts). */
export const PLAN_MESSAGE_CODES = [
  'plan_solving',
  'plan_optimal',
  'plan_no_improvement',
  'plan_time_limit',
  'plan_cancelled',
  'plan_interrupted',
  'plan_solver_overran',
  'plan_failed',
] as const satisfies readonly MessageCode[];
export type PlanMessageCode = (typeof PLAN_MESSAGE_CODES)[number];

export const PlanSchema = z.object({
  id: z.string(),
  status: z.enum(PLAN_STATUSES),
  scope: z.enum(['area', 'party', 'national']),
  areaId: z.string().nullable(),
  partyId: z.string().nullable(),
  asOf: MonthText,
  stepMonths: z.int(),
  minOverlap: z.int(),
  moveOthers: z.boolean(),
  allowInversions: z.boolean(),
  timeLimitS: z.number(),
  requestedBy: z.string(),
  createdAt: TimestampText,
  finishedAt: TimestampText.nullable(),
  elapsedMs: z.number().meta({ description: 'time since the plan was asked for (while solving) or that it took' }),
  scenarioId: z.string().nullable().meta({ description: 'the scenario the plan was saved as: evaluate, apply or snapshot it' }),
  result: PlanResultSchema.nullable(),
  failure: z.string().nullable().meta({ description: 'why the solve failed, in English (for logs); users read messageCode' }),
  messageCode: z.enum(PLAN_MESSAGE_CODES).meta({ description: 'what the status tells the reader, by code, as in a problem' }),
  messageParams: z
    .record(z.string(), z.union([z.string(), z.number(), z.object({ nl: z.string(), en: z.string() })]))
    .meta({ description: "the values of the message's placeholders" }),
});
export type PlanResponse = z.infer<typeof PlanSchema>;
