import { IntervalIndex } from './interval-index.js';
import { gapMonths, intervalLength, overlapMonths, type MonthIndex, type MonthInterval } from './months.js';
import { allowedShiftRange, realisationPhase, type SoilType, type Task } from './tasks.js';

export const ALIGNMENT_STATUSES = ['aligned', 'alignable_by_dike', 'alignable_by_other', 'not_alignable'] as const;
export type AlignmentStatus = (typeof ALIGNMENT_STATUSES)[number];

export const DEFAULT_MIN_OVERLAP = 1;
export const MAX_MIN_OVERLAP = 120;

/** What the detector needs of a task. */
export type AlignmentTask = Pick<
  Task,
  'id' | 'programme' | 'kind' | 'phases' | 'window' | 'soilSupplyM3' | 'soilDemandM3' | 'soilType'
>;

export interface ShiftMove {
  taskId: string;
  shiftMonths: number;
}

export interface AlignmentPair {
  dikeTaskId: string;
  otherTaskId: string;
  status: AlignmentStatus;
  /** Overlap of the two realisations as planned now. */
  overlapMonths: number;
  /** Months strictly between the two realisations as planned now (0 when they overlap or touch). */
  gapMonths: number;
  /** The smallest allowed shift that makes them overlap by `minOverlap`; null when aligned or not alignable. */
  move: ShiftMove | null;
  soilMatchM3: number;
}

export type AlignmentCounts = Record<AlignmentStatus, number>;

export interface AlignmentReport {
  minOverlap: number;
  /**
   * The month the report was computed at: phases starting before it have started and never
   * move, and a task whose realisation has started is not movable. Null when the caller gave
   * none (then nothing counts as started).
   */
  asOf: MonthIndex | null;
  pairs: AlignmentPair[];
  /** Per status over all pairs, including the not-alignable pairs that are not reported. */
  counts: AlignmentCounts;
}

/** A dike reinforcement of the flood protection programme: the D side of every pair. */
export function isHwbpDike(task: Pick<Task, 'programme' | 'kind'>): boolean {
  return task.programme === 'HWBP' && task.kind === 'dike_reinforcement';
}

/**
 * Soil flows only between compatible types: equal, or either side `overig` or unknown.
 *
 * @example soilTypesCompatible('klei', 'zand') // false
 */
export function soilTypesCompatible(a: SoilType | null, b: SoilType | null): boolean {
  return a === null || b === null || a === 'overig' || b === 'overig' || a === b;
}

/**
 * Soil the pair could exchange: what the dike needs of what the other supplies, plus the
 * reverse; 0 when the soil types do not mix.
 *
 * @example soilMatchM3({ soilDemandM3: 60000, soilSupplyM3: 0, soilType: 'klei' }, { soilDemandM3: 0, soilSupplyM3: 80000, soilType: 'klei' }) // 60000
 */
export function soilMatchM3(
  dike: Pick<Task, 'soilSupplyM3' | 'soilDemandM3' | 'soilType'>,
  other: Pick<Task, 'soilSupplyM3' | 'soilDemandM3' | 'soilType'>,
): number {
  if (!soilTypesCompatible(dike.soilType, other.soilType)) return 0;
  return Math.min(dike.soilDemandM3, other.soilSupplyM3) + Math.min(other.soilDemandM3, dike.soilSupplyM3);
}

/**
 * The shift in `[low, high]` with the smallest absolute value, the negative one on a tie
 * (earlier is safer for flood protection); null when the range is empty.
 *
 * @example smallestShift(-3, 3) // 0
 * @example smallestShift(-5, -2) // -2
 */
export function smallestShift(low: number, high: number): number | null {
  if (low > high) return null;
  if (low > 0) return low;
  if (high < 0) return high;
  return 0;
}

/**
 * The shifts `k` of `moving` with `overlap(moving + k, fixed) >= minOverlap`, as an
 * inclusive range (empty when minOverlap exceeds either realisation).
 */
export function shiftsReachingOverlap(moving: MonthInterval, fixed: MonthInterval, minOverlap: number): [number, number] {
  if (minOverlap > Math.min(intervalLength(moving), intervalLength(fixed))) return [1, 0];
  return [fixed.start - moving.end + minOverlap - 1, fixed.end - moving.start - minOverlap + 1];
}

/** Per-task facts the detector reads many times. */
interface Prepared {
  task: AlignmentTask;
  realisation: MonthInterval;
  /** Allowed shift range at asOf; null when the task is not movable then or no shift fits. */
  shifts: { min: number; max: number } | null;
}

function prepare(task: AlignmentTask, asOf: MonthIndex | undefined): Prepared {
  const range = allowedShiftRange(task, asOf);
  return { task, realisation: realisationPhase(task), shifts: range && range.min <= range.max ? range : null };
}

function suggestedShift(moving: Prepared, fixed: Prepared, minOverlap: number): number | null {
  if (!moving.shifts) return null;
  const [low, high] = shiftsReachingOverlap(moving.realisation, fixed.realisation, minOverlap);
  return smallestShift(low > moving.shifts.min ? low : moving.shifts.min, high < moving.shifts.max ? high : moving.shifts.max);
}

/** Classifies one pair exactly per DOMAIN.md (section Alignment). */
function classify(dike: Prepared, other: Prepared, minOverlap: number, soil: number): AlignmentPair {
  const overlap = overlapMonths(dike.realisation, other.realisation);
  const pair: AlignmentPair = {
    dikeTaskId: dike.task.id,
    otherTaskId: other.task.id,
    status: 'not_alignable',
    overlapMonths: overlap,
    gapMonths: gapMonths(dike.realisation, other.realisation),
    move: null,
    soilMatchM3: soil,
  };
  if (overlap >= minOverlap) {
    pair.status = 'aligned';
    return pair;
  }
  const dikeShift = suggestedShift(dike, other, minOverlap);
  if (dikeShift !== null) {
    pair.status = 'alignable_by_dike';
    pair.move = { taskId: dike.task.id, shiftMonths: dikeShift };
    return pair;
  }
  const otherShift = suggestedShift(other, dike, minOverlap);
  if (otherShift !== null) {
    pair.status = 'alignable_by_other';
    pair.move = { taskId: other.task.id, shiftMonths: otherShift };
  }
  return pair;
}

const SOIL_KEYS = ['klei', 'zand', 'overig', null] as const;

/** For each soil type (or none), the positions of the tasks whose type mixes with it. */
function compatiblePositions(tasks: readonly Prepared[], include: (task: AlignmentTask) => boolean): Map<SoilType | null, number[]> {
  const lists = new Map<SoilType | null, number[]>(SOIL_KEYS.map((key) => [key, []]));
  tasks.forEach((prepared, position) => {
    if (!include(prepared.task)) return;
    for (const key of SOIL_KEYS) if (soilTypesCompatible(key, prepared.task.soilType)) lists.get(key)!.push(position);
  });
  return lists;
}

/**
 * Finds, for one area, every pair of an HWBP dike reinforcement and another programme's
 * task that is aligned, alignable by shifting the dike, or alignable by shifting the other
 * task, plus the not-alignable pairs that could still share soil; counts every pair.
 *
 * The past is fixed: a task moves only when it is movable at `asOf` (a window, realisation not
 * started), and only by the shifts {@link allowedShiftRange} allows then (its started phases
 * stay, nothing moves before `asOf`).
 *
 * Output-sensitive: interval-index queries find the candidates of each dike, so the cost
 * grows with the tasks and the reported pairs, not with dikes x others.
 *
 * @param tasks the area's tasks (each with a realisatie phase)
 * @param minOverlap months the realisations must share (1..120)
 * @param asOf the month to compute at (callers pass the current month or the one asked for);
 *   omitted, nothing counts as started
 * @example detectAlignments(areaTasks, 1, parseMonth('2026-11')!).counts // { aligned: 3, alignable_by_dike: 2, alignable_by_other: 1, not_alignable: 9 }
 */
export function detectAlignments(tasks: readonly AlignmentTask[], minOverlap = DEFAULT_MIN_OVERLAP, asOf?: MonthIndex): AlignmentReport {
  const dikes: Prepared[] = [];
  const others: Prepared[] = [];
  for (const task of tasks) {
    if (isHwbpDike(task)) dikes.push(prepare(task, asOf));
    else if (task.programme !== 'HWBP') others.push(prepare(task, asOf));
  }

  // An other task shorter than minOverlap can never reach it, moved or not.
  const long = (position: number) => intervalLength(others[position]!.realisation) >= minOverlap;
  const realisationIndex = new IntervalIndex(
    others.map((other) => other.realisation.start),
    others.map((other) => other.realisation.end),
    long,
  );
  // Where each movable other task's realisation can get to within its window.
  const reachIndex = new IntervalIndex(
    others.map((other) => other.realisation.start + (other.shifts?.min ?? 0)),
    others.map((other) => other.realisation.end + (other.shifts?.max ?? 0)),
    (position) => others[position]!.shifts !== null && long(position),
  );
  const suppliers = compatiblePositions(others, (task) => task.soilSupplyM3 > 0);
  const demanders = compatiblePositions(others, (task) => task.soilDemandM3 > 0);

  const pairs: AlignmentPair[] = [];
  const counts: AlignmentCounts = { aligned: 0, alignable_by_dike: 0, alignable_by_other: 0, not_alignable: 0 };
  const seenBy = new Int32Array(others.length).fill(-1);
  const candidates: number[] = [];
  const ordered = new Int32Array(others.length);
  for (let dikePosition = 0; dikePosition < dikes.length; dikePosition++) {
    const dike = dikes[dikePosition]!;
    candidates.length = 0;
    const r = dike.realisation;
    if (intervalLength(r) >= minOverlap) {
      // With both realisations at least m long, overlap(r + k, o) >= m holds exactly when
      // o.start <= r.end + k - m + 1 and o.end >= r.start + k + m - 1: an interval query, for k = 0
      // (aligned), over the dike's allowed shifts, and over the reach of each movable other task.
      realisationIndex.appendMeeting(r.start + minOverlap - 1, r.end - minOverlap + 1, candidates);
      if (dike.shifts) {
        realisationIndex.appendMeeting(r.start + dike.shifts.min + minOverlap - 1, r.end + dike.shifts.max - minOverlap + 1, candidates);
      }
      reachIndex.appendMeeting(r.start + minOverlap - 1, r.end - minOverlap + 1, candidates);
    }
    // Every compatible supplier for a dike that needs soil (and the reverse) shares soil, so is reported.
    if (dike.task.soilDemandM3 > 0) for (const position of suppliers.get(dike.task.soilType)!) candidates.push(position);
    if (dike.task.soilSupplyM3 > 0) for (const position of demanders.get(dike.task.soilType)!) candidates.push(position);

    // Each other task once, in input order. Many candidates: scan the marks in order (linear in the
    // others, which is then within a log factor of the candidates); few: sort them.
    let unique = 0;
    for (const position of candidates) {
      if (seenBy[position] === dikePosition) continue;
      seenBy[position] = dikePosition;
      ordered[unique++] = position;
    }
    if (unique * 8 >= others.length) {
      unique = 0;
      for (let position = 0; position < others.length; position++) {
        if (seenBy[position] === dikePosition) ordered[unique++] = position;
      }
    } else {
      ordered.subarray(0, unique).sort();
    }
    for (let index = 0; index < unique; index++) {
      const position = ordered[index]!;
      const other = others[position]!;
      const pair = classify(dike, other, minOverlap, soilMatchM3(dike.task, other.task));
      if (pair.status === 'not_alignable' && pair.soilMatchM3 <= 0) continue;
      counts[pair.status]++;
      pairs.push(pair);
    }
  }
  const reportedNotAlignable = counts.not_alignable;
  counts.not_alignable = dikes.length * others.length - counts.aligned - counts.alignable_by_dike - counts.alignable_by_other;
  if (counts.not_alignable < reportedNotAlignable) throw new Error('alignment counts are inconsistent');
  return { minOverlap, asOf: asOf ?? null, pairs, counts };
}

export interface AlignmentSummary {
  aligned: number;
  /** Pairs that line up after one allowed shift (of the dike or of the other task). */
  alignable: number;
  /** Pairs that cannot line up but could still exchange soil. */
  soilOpportunities: number;
}

/**
 * The three numbers an area's overview shows.
 *
 * @example summarizeAlignments(detectAlignments(tasks)) // { aligned: 4, alignable: 2, soilOpportunities: 1 }
 */
export function summarizeAlignments(report: AlignmentReport): AlignmentSummary {
  return {
    aligned: report.counts.aligned,
    alignable: report.counts.alignable_by_dike + report.counts.alignable_by_other,
    soilOpportunities: report.pairs.filter((pair) => pair.status === 'not_alignable' && pair.soilMatchM3 > 0).length,
  };
}

/**
 * The order pairs are listed in: aligned first, then alignable by the dike, by the other
 * task, and soil-only opportunities; within a status the most soil to share first.
 *
 * @example pairs.sort(byListingPriority)
 */
export function byListingPriority(a: AlignmentPair, b: AlignmentPair): number {
  return (
    ALIGNMENT_STATUSES.indexOf(a.status) - ALIGNMENT_STATUSES.indexOf(b.status) ||
    b.soilMatchM3 - a.soilMatchM3 ||
    a.dikeTaskId.localeCompare(b.dikeTaskId) ||
    a.otherTaskId.localeCompare(b.otherTaskId)
  );
}
