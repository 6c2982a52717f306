import { parseMonth, type MonthIndex, type MonthInterval } from './months.js';

export const PROGRAMMES = ['HWBP', 'KRW', 'IRM', 'PROVINCIE', 'GEMEENTE', 'OVERIG'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export const TASK_KINDS = [
  'dike_reinforcement',
  'river_measure',
  'nature',
  'infrastructure',
  'spatial_development',
  'other',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Phase kinds in the only order they may appear in. */
export const PHASE_KINDS = ['verkenning', 'planuitwerking', 'realisatie'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export const SOIL_TYPES = ['klei', 'zand', 'overig'] as const;
export type SoilType = (typeof SOIL_TYPES)[number];

/** HWBP's legal horizon: every dike meets its norm before 2050, so no HWBP window may end later. */
export const HWBP_LATEST_END: MonthIndex = parseMonth('2049-12')!;
/** The Water Framework Directive deadline (end of 2027), shown on timelines. */
export const KRW_DEADLINE: MonthIndex = parseMonth('2027-12')!;

export interface Phase extends MonthInterval {
  kind: PhaseKind;
}

export interface TaskWindow {
  earliestStart: MonthIndex;
  latestEnd: MonthIndex;
}

/** What alignment, shifting and window checks need to know of a task. */
export interface TaskSchedule {
  phases: readonly Phase[];
  window: TaskWindow | null;
}

export interface Task extends TaskSchedule {
  id: string;
  areaId: string;
  partyId: string;
  programme: Programme;
  kind: TaskKind;
  title: string;
  description: string | null;
  dikeTrajectId: string | null;
  urgencyRank: number | null;
  soilSupplyM3: number;
  soilDemandM3: number;
  soilType: SoilType | null;
  river: string | null;
  kmFrom: number | null;
  kmTo: number | null;
  /** Dike sections: the section's own length in km (often a part of its trajectory). */
  lengthKm: number | null;
  geometry: unknown;
  costEur: number | null;
  status: string | null;
  externalRef: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The fields a client supplies; everything else on a Task is owned by the server. */
export type TaskDraft = Omit<Task, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

/** A broken business rule, pointing at the field (as a path) that breaks it. */
export interface RuleViolation {
  path: (string | number)[];
  message: string;
}

/**
 * The interval from the first phase start to the last phase end.
 *
 * @example taskSpan([{ kind: 'verkenning', start: 10, end: 20 }, { kind: 'realisatie', start: 30, end: 40 }]) // { start: 10, end: 40 }
 */
export function taskSpan(phases: readonly Phase[]): MonthInterval {
  let start = Infinity;
  let end = -Infinity;
  for (const phase of phases) {
    if (phase.start < start) start = phase.start;
    if (phase.end > end) end = phase.end;
  }
  return { start, end };
}

/** The realisation phase: when soil moves and nuisance happens. Every valid task has one. */
export function realisationPhase(schedule: Pick<TaskSchedule, 'phases'>): Phase {
  const phase = schedule.phases.find((candidate) => candidate.kind === 'realisatie');
  if (!phase) throw new Error('task has no realisatie phase');
  return phase;
}

/**
 * Whether a phase has started at `asOf`: it starts before that month. A started phase never moves.
 * Without `asOf` nothing has started (the rule of the time before "the past is fixed").
 *
 * @example hasStarted({ start: m('2020-01'), end: m('2021-12') }, m('2026-11')) // true
 */
export function hasStarted(phase: MonthInterval, asOf?: MonthIndex): boolean {
  return asOf !== undefined && phase.start < asOf;
}

/**
 * The task's moving part at `asOf`: its phases that have not started, in order.
 *
 * @example movingPhases([verkenning2020, realisatie2030], m('2026-11')) // [realisatie2030]
 */
export function movingPhases(phases: readonly Phase[], asOf?: MonthIndex): Phase[] {
  return phases.filter((phase) => !hasStarted(phase, asOf));
}

/** Whether the task's realisation has started at `asOf`: then it is not movable, whatever its window. */
export function isRealisationStarted(schedule: TaskSchedule, asOf?: MonthIndex): boolean {
  return asOf !== undefined && hasStarted(realisationPhase(schedule), asOf);
}

/**
 * A task is movable at `asOf` if and only if it has a window and its realisation has not started
 * (DOMAIN.md, Time: the past is fixed). Without `asOf`: if and only if it has a window.
 *
 * @example isMovable({ phases: [{ kind: 'realisatie', start: m('2023-01'), end: m('2024-12') }], window }, m('2026-11')) // false
 */
export function isMovable(schedule: TaskSchedule, asOf?: MonthIndex): boolean {
  return schedule.window !== null && !isRealisationStarted(schedule, asOf);
}

/** Whether the task's own schedule already lies (partly) outside its window: a finding, not an error. */
export function isOutsideWindow(schedule: TaskSchedule): boolean {
  if (!schedule.window) return false;
  const span = taskSpan(schedule.phases);
  return span.start < schedule.window.earliestStart || span.end > schedule.window.latestEnd;
}

/** Why a shift is refused, the first that applies, in this order (DOMAIN.md, Time). */
export const SHIFT_REFUSALS = ['no_window', 'started', 'past', 'outside_window'] as const;
export type ShiftRefusal = (typeof SHIFT_REFUSALS)[number];

/** An inclusive range of shifts in months; empty when `min > max`. */
export interface ShiftRange {
  min: number;
  max: number;
}

/**
 * The smallest shift that keeps the moving part out of the past: its first phase `M` may not
 * start before `asOf`, nor on or before the end of the last started phase. Null when the
 * realisation has started (the moving part is then empty or lacks the realisation).
 */
function pastFloor(schedule: TaskSchedule, asOf: MonthIndex | undefined): { first: Phase; floor: number } | null {
  if (isRealisationStarted(schedule, asOf)) return null;
  let lastStarted: Phase | null = null;
  let first: Phase | null = null;
  for (const phase of schedule.phases) {
    if (hasStarted(phase, asOf)) lastStarted = phase;
    else if (!first) first = phase;
  }
  let floor = -Infinity;
  if (asOf !== undefined) floor = asOf - first!.start;
  if (lastStarted) floor = Math.max(floor, lastStarted.end + 1 - first!.start);
  return { first: first!, floor };
}

/**
 * The refusal the past alone gives a shift, whatever the window: `started` when the
 * realisation has started, `past` when the shift puts a moving phase before `asOf` or onto a
 * started phase, null otherwise. A shift of 0 of a task whose realisation has not started is
 * never refused here.
 *
 * @example pastRefusal(taskWithVerkenning2020, -200, m('2026-11')) // 'past'
 */
export function pastRefusal(schedule: TaskSchedule, shift: number, asOf?: MonthIndex): 'started' | 'past' | null {
  const past = pastFloor(schedule, asOf);
  if (!past) return 'started';
  return shift < past.floor ? 'past' : null;
}

/**
 * The inclusive range `[kmin, kmax]` of shifts allowed at `asOf`, or null when the task is not
 * movable then (no window, or its realisation has started). With `M` the first phase that has
 * not started: `M.start + k >= asOf`, `M.start + k >= L.end + 1` for a started phase `L`,
 * `M.start + k >= window.earliestStart` and `span.end + k <= window.latestEnd`. The range is
 * empty (min > max) when no shift fits, e.g. when the task is longer than its window. Without
 * `asOf` it is the plain window rule.
 *
 * @example allowedShiftRange({ phases: [{ kind: 'realisatie', start: 100, end: 111 }], window: { earliestStart: 90, latestEnd: 130 } }, 95) // { min: -5, max: 19 }
 */
export function allowedShiftRange(schedule: TaskSchedule, asOf?: MonthIndex): ShiftRange | null {
  if (!schedule.window) return null;
  const past = pastFloor(schedule, asOf);
  if (!past) return null;
  const span = taskSpan(schedule.phases);
  return {
    min: Math.max(past.floor, schedule.window.earliestStart - past.first.start),
    max: schedule.window.latestEnd - span.end,
  };
}

/**
 * Why shifting the task by `shift` months at `asOf` is refused (the first reason that
 * applies: `no_window`, `started`, `past`, `outside_window`), or null when it is allowed.
 *
 * @example shiftRefusal(dikeBuilt2023To2024, 12, m('2026-11')) // 'started'
 */
export function shiftRefusal(schedule: TaskSchedule, shift: number, asOf?: MonthIndex): ShiftRefusal | null {
  if (!schedule.window) return 'no_window';
  const past = pastRefusal(schedule, shift, asOf);
  if (past) return past;
  const range = allowedShiftRange(schedule, asOf)!;
  return range.min <= shift && shift <= range.max ? null : 'outside_window';
}

/** Whether shifting the task by `shift` months is allowed at `asOf` (see {@link shiftRefusal}). */
export function isShiftAllowed(schedule: TaskSchedule, shift: number, asOf?: MonthIndex): boolean {
  return shiftRefusal(schedule, shift, asOf) === null;
}

/**
 * The phases after shifting the moving part by `shift` months: phases that started before
 * `asOf` stay where they are, the others move (without `asOf`, every phase moves). Checks
 * nothing: ask {@link shiftRefusal} first.
 *
 * @example shiftPhases([verkenning2020, realisatie2030], 12, m('2026-11')) // verkenning stays, realisatie in 2031
 */
export function shiftPhases(phases: readonly Phase[], shift: number, asOf?: MonthIndex): Phase[] {
  return phases.map((phase) =>
    hasStarted(phase, asOf) ? { kind: phase.kind, start: phase.start, end: phase.end } : { kind: phase.kind, start: phase.start + shift, end: phase.end + shift },
  );
}

/**
 * The task with its moving part at `asOf` shifted by `shift` months (its window stays). Checks
 * nothing: ask {@link shiftRefusal} first.
 *
 * @example shiftTask(task, -12, m('2026-11')).phases
 */
export function shiftTask<T extends TaskSchedule>(task: T, shift: number, asOf: MonthIndex): T {
  return { ...task, phases: shiftPhases(task.phases, shift, asOf) };
}

type ScheduleRuleInput = Pick<TaskDraft, 'programme' | 'kind' | 'phases' | 'window' | 'urgencyRank' | 'kmFrom' | 'kmTo' | 'lengthKm'>;

/**
 * The cross-field rules of DOMAIN.md that a single field cannot check: phase order,
 * overlap and presence of `realisatie`, window bounds, HWBP's 2050 horizon,
 * urgency only for HWBP, and kilometre order. Returns every violation, not just the first.
 *
 * @example scheduleRuleViolations({ programme: 'KRW', kind: 'nature', phases: [], window: null, urgencyRank: null, kmFrom: null, kmTo: null, lengthKm: null })
 * // [{ path: ['phases'], message: 'a realisatie phase is required' }]
 */
export function scheduleRuleViolations(input: ScheduleRuleInput): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const seen = new Set<PhaseKind>();
  input.phases.forEach((phase, index) => {
    if (phase.start > phase.end) {
      violations.push({ path: ['phases', index, 'end'], message: 'phase end must not be before its start' });
    }
    if (seen.has(phase.kind)) {
      violations.push({ path: ['phases', index, 'kind'], message: `phase ${phase.kind} appears more than once` });
    }
    seen.add(phase.kind);
    const previous = input.phases[index - 1];
    if (!previous) return;
    if (PHASE_KINDS.indexOf(previous.kind) >= PHASE_KINDS.indexOf(phase.kind)) {
      violations.push({
        path: ['phases', index, 'kind'],
        message: 'phases must follow the order verkenning, planuitwerking, realisatie',
      });
    }
    if (phase.start <= previous.end) {
      violations.push({ path: ['phases', index, 'start'], message: `phase ${phase.kind} overlaps phase ${previous.kind}` });
    }
  });
  if (!seen.has('realisatie')) {
    violations.push({ path: ['phases'], message: 'a realisatie phase is required' });
  }
  if (input.window) {
    if (input.window.earliestStart > input.window.latestEnd) {
      violations.push({ path: ['window', 'latestEnd'], message: 'window end must not be before its start' });
    }
    if (input.programme === 'HWBP' && input.window.latestEnd > HWBP_LATEST_END) {
      violations.push({ path: ['window', 'latestEnd'], message: 'an HWBP window must end by 2049-12 (before 2050)' });
    }
  }
  if (input.urgencyRank !== null && input.programme !== 'HWBP') {
    violations.push({ path: ['urgencyRank'], message: 'urgencyRank is only for HWBP tasks' });
  }
  if (input.kmFrom !== null && input.kmTo !== null && input.kmFrom > input.kmTo) {
    violations.push({ path: ['kmTo'], message: 'kmTo must not be below kmFrom' });
  }
  if (input.lengthKm !== null && input.kind !== 'dike_reinforcement') {
    violations.push({ path: ['lengthKm'], message: 'lengthKm is only for dike reinforcements' });
  }
  return violations;
}


/** The client-owned fields of a stored task: what a change is written as. */
export function draftOf(task: Task): TaskDraft {
  const { id: _id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...draft } = task;
  return draft;
}
