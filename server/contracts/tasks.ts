import { z } from 'zod';
import { formatMonth, parseMonth, type MonthIndex } from '../domain/months.js';
import {
  isMovable,
  isOutsideWindow,
  PHASE_KINDS,
  PROGRAMMES,
  scheduleRuleViolations,
  SOIL_TYPES,
  TASK_KINDS,
  type Task,
  type TaskDraft,
} from '../domain/tasks.js';
import { changedFields } from '../domain/audit.js';
import { MonthText, Slug, TimestampText } from './common.js';

export const PhaseInput = z.strictObject({ kind: z.enum(PHASE_KINDS), start: MonthText, end: MonthText });
export const WindowInput = z.strictObject({ earliestStart: MonthText, latestEnd: MonthText });

const Position = z
  .array(z.number())
  .length(2)
  .refine(([lon, lat]) => Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90, 'expected [longitude, latitude] in WGS84');
const Ring = z.array(Position).min(4).max(10_000);

/** A GeoJSON geometry in WGS84 (RFC 7946), limited to the shapes a river stretch or area needs. */
export const GeometryInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Point'), coordinates: Position }),
  z.strictObject({ type: z.literal('LineString'), coordinates: z.array(Position).min(2).max(10_000) }),
  z.strictObject({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position).min(2)).min(1).max(1_000) }),
  z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1).max(100) }),
  z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1).max(100) }),
]);

const requiredFields = {
  areaId: Slug,
  partyId: Slug,
  programme: z.enum(PROGRAMMES),
  kind: z.enum(TASK_KINDS),
  title: z.string().trim().min(1).max(200),
  phases: z.array(PhaseInput).min(1).max(3),
};

const optionalFields = {
  description: z.string().max(5000).nullable(),
  dikeTrajectId: z.string().min(1).max(20).nullable().meta({ description: 'national trajectory id, e.g. 44-1' }),
  urgencyRank: z.int().min(1).max(100_000).nullable().meta({ description: 'HWBP only: 1 = most urgent' }),
  window: WindowInput.nullable().meta({ description: 'envelope the task may move within; null = not movable' }),
  soilSupplyM3: z.number().min(0).max(1e9),
  soilDemandM3: z.number().min(0).max(1e9),
  soilType: z.enum(SOIL_TYPES).nullable(),
  river: z.string().trim().min(1).max(100).nullable(),
  kmFrom: z.number().min(-1000).max(10_000).nullable(),
  kmTo: z.number().min(-1000).max(10_000).nullable(),
  lengthKm: z.number().positive().max(1_000).nullable().meta({ description: "dike sections: the section's own length in km" }),
  geometry: GeometryInput.nullable(),
  costEur: z.number().min(0).max(1e12).nullable(),
  status: z.string().trim().min(1).max(100).nullable(),
  externalRef: z.string().trim().min(1).max(100).nullable().meta({ description: 'unique per party; the key for imports' }),
};

/** Adds the cross-field rules of DOMAIN.md, reported together with shape errors, each at its field. */
function withScheduleRules<T extends z.ZodType<Omit<TaskInput, 'partyId'>>>(schema: T): T {
  return schema.superRefine((input, ctx) => {
    for (const violation of scheduleRuleViolations(toTaskDraft({ ...input, partyId: '' }))) {
      ctx.addIssue({ code: 'custom', path: violation.path, message: violation.message });
    }
  }) as unknown as T;
}

const optionalShape = z.object(optionalFields).partial().shape;

const taskInputObject = z.strictObject({ ...requiredFields, ...optionalShape });
/** A complete task: what a stored task amounts to, and what seeds and merged changes are checked as. */
export const TaskInput = withScheduleRules(taskInputObject);
export type TaskInput = z.infer<typeof taskInputObject>;

/** A new task as a client posts it: `partyId` defaults to the user's own party. */
export const CreateTaskBody = withScheduleRules(
  z.strictObject({ ...requiredFields, partyId: requiredFields.partyId.optional(), ...optionalShape }),
);
export type CreateTaskBody = z.infer<typeof CreateTaskBody>;

/** Fields to change; the merged task is validated again as a whole. */
export const TaskPatch = z
  .strictObject({ ...requiredFields, ...optionalFields })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');
export type TaskPatch = z.infer<typeof TaskPatch>;

export const TaskSchema = z.object({
  id: z.string(),
  ...requiredFields,
  ...optionalFields,
  version: z.int().positive(),
  createdAt: TimestampText,
  updatedAt: TimestampText,
  movable: z.boolean().meta({ description: 'it has a window and its realisation has not started (at the answer’s asOf month)' }),
  outsideWindow: z.boolean().meta({ description: 'its own schedule lies outside its window: a finding to show' }),
});
export type TaskResponse = z.infer<typeof TaskSchema>;

export const TaskParams = z.object({ taskId: z.string().max(64) });

/** `?asOf=YYYY-MM`: look at the plan as of another month (default: the current month in the Netherlands). */
export const AsOfQuery = z.object({ asOf: MonthText.optional() });

export const TaskListQuery = AsOfQuery.extend({
  partyId: Slug.optional(),
  programme: z.enum(PROGRAMMES).optional(),
  kind: z.enum(TASK_KINDS).optional(),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

function monthOrNaN(text: string): number {
  return parseMonth(text) ?? NaN;
}

/** The domain draft of a task input, with months as indices and absent optional fields as their defaults. */
export function toTaskDraft(input: TaskInput): TaskDraft {
  return {
    areaId: input.areaId,
    partyId: input.partyId,
    programme: input.programme,
    kind: input.kind,
    title: input.title,
    description: input.description ?? null,
    dikeTrajectId: input.dikeTrajectId ?? null,
    urgencyRank: input.urgencyRank ?? null,
    phases: input.phases.map((phase) => ({ kind: phase.kind, start: monthOrNaN(phase.start), end: monthOrNaN(phase.end) })),
    window: input.window
      ? { earliestStart: monthOrNaN(input.window.earliestStart), latestEnd: monthOrNaN(input.window.latestEnd) }
      : null,
    soilSupplyM3: input.soilSupplyM3 ?? 0,
    soilDemandM3: input.soilDemandM3 ?? 0,
    soilType: input.soilType ?? null,
    river: input.river ?? null,
    kmFrom: input.kmFrom ?? null,
    kmTo: input.kmTo ?? null,
    lengthKm: input.lengthKm ?? null,
    geometry: input.geometry ?? null,
    costEur: input.costEur ?? null,
    status: input.status ?? null,
    externalRef: input.externalRef ?? null,
  };
}

/** A stored task as the input that would create it: the base a PATCH is merged onto. */
export function toTaskInput(task: Task): TaskInput {
  return {
    areaId: task.areaId,
    partyId: task.partyId,
    programme: task.programme,
    kind: task.kind,
    title: task.title,
    phases: task.phases.map((phase) => ({ kind: phase.kind, start: formatMonth(phase.start), end: formatMonth(phase.end) })),
    description: task.description,
    dikeTrajectId: task.dikeTrajectId,
    urgencyRank: task.urgencyRank,
    window: task.window
      ? { earliestStart: formatMonth(task.window.earliestStart), latestEnd: formatMonth(task.window.latestEnd) }
      : null,
    soilSupplyM3: task.soilSupplyM3,
    soilDemandM3: task.soilDemandM3,
    soilType: task.soilType,
    river: task.river,
    kmFrom: task.kmFrom,
    kmTo: task.kmTo,
    lengthKm: task.lengthKm,
    geometry: task.geometry as TaskInput['geometry'],
    costEur: task.costEur,
    status: task.status,
    externalRef: task.externalRef,
  };
}

/** A task as the API answers it; `movable` is computed at `asOf` (started work cannot move). */
export function toTaskResponse(task: Task, asOf: MonthIndex): TaskResponse {
  return {
    id: task.id,
    ...(toTaskInput(task) as Required<TaskInput>),
    version: task.version,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    movable: isMovable(task, asOf),
    outsideWindow: isOutsideWindow(task),
  };
}

export const TaskHistorySchema = z.array(
  z.object({
    at: TimestampText,
    actor: z.object({ id: z.string(), label: z.string(), partyId: z.string().nullable() }),
    action: z.enum(['create', 'update', 'delete']),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  }),
);
export type TaskHistory = z.infer<typeof TaskHistorySchema>;

/** Bookkeeping fields every change touches: not worth listing as a change. */
const UNLISTED_FIELDS = ['id', 'version', 'createdAt', 'updatedAt'];

function auditedTask(json: string | null): Record<string, unknown> | null {
  return json === null ? null : (toTaskInput(JSON.parse(json) as Task) as Record<string, unknown>);
}

/** Audit rows of a task as its history, with months written as `YYYY-MM` in every change. */
export function toTaskHistory(
  rows: readonly { at: string; actor_id: string; actor_label: string; actor_party_id: string | null; action: string; before_json: string | null; after_json: string | null }[],
): TaskHistory {
  return rows.map((row) => ({
    at: row.at,
    actor: { id: row.actor_id, label: row.actor_label, partyId: row.actor_party_id },
    action: row.action as 'create' | 'update' | 'delete',
    changes: changedFields(auditedTask(row.before_json), auditedTask(row.after_json), UNLISTED_FIELDS),
  }));
}

/** A task as the API wrote it (e.g. inside a snapshot) back in domain form. */
export function fromTaskResponse(response: TaskResponse): Task {
  return {
    ...toTaskDraft(response as TaskInput),
    id: response.id,
    version: response.version,
    createdAt: response.createdAt,
    updatedAt: response.updatedAt,
  };
}
