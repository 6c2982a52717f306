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
export function realisationPhase(schedule: TaskSchedule): Phase {
  const phase = schedule.phases.find((candidate) => candidate.kind === 'realisatie');
  if (!phase) throw new Error('task has no realisatie phase');
  return phase;
}

/** A task is movable if and only if it has a window. */
export function isMovable(schedule: TaskSchedule): boolean {
  return schedule.window !== null;
}

/** Whether the task's own schedule already lies (partly) outside its window: a finding, not an error. */
export function isOutsideWindow(schedule: TaskSchedule): boolean {
  if (!schedule.window) return false;
  const span = taskSpan(schedule.phases);
  return span.start < schedule.window.earliestStart || span.end > schedule.window.latestEnd;
}

/**
 * The inclusive range of shifts (in months) the window allows, or null for a task
 * without a window. The range is empty (min > max) when the task is longer than its window.
 *
 * @example allowedShiftRange({ phases: [{ kind: 'realisatie', start: 100, end: 111 }], window: { earliestStart: 90, latestEnd: 130 } }) // { min: -10, max: 19 }
 */
export function allowedShiftRange(schedule: TaskSchedule): { min: number; max: number } | null {
  if (!schedule.window) return null;
  const span = taskSpan(schedule.phases);
  return { min: schedule.window.earliestStart - span.start, max: schedule.window.latestEnd - span.end };
}

/** Whether shifting the task by `shift` months keeps it movable and inside its window. */
export function isShiftAllowed(schedule: TaskSchedule, shift: number): boolean {
  const range = allowedShiftRange(schedule);
  return range !== null && range.min <= shift && shift <= range.max;
}

/** Every phase moved by `shift` months. */
export function shiftPhases(phases: readonly Phase[], shift: number): Phase[] {
  return phases.map((phase) => ({ kind: phase.kind, start: phase.start + shift, end: phase.end + shift }));
}

type ScheduleRuleInput = Pick<TaskDraft, 'programme' | 'kind' | 'phases' | 'window' | 'urgencyRank' | 'kmFrom' | 'kmTo'>;

/**
 * The cross-field rules of DOMAIN.md that a single field cannot check: phase order,
 * overlap and presence of `realisatie`, window bounds, HWBP's 2050 horizon,
 * urgency only for HWBP, and kilometre order. Returns every violation, not just the first.
 *
 * @example scheduleRuleViolations({ programme: 'KRW', kind: 'nature', phases: [], window: null, urgencyRank: null, kmFrom: null, kmTo: null })
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
  return violations;
}


/** The client-owned fields of a stored task: what a change is written as. */
export function draftOf(task: Task): TaskDraft {
  const { id: _id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...draft } = task;
  return draft;
}
