import { detectAlignments, type AlignmentPair, type AlignmentStatus, type ShiftMove } from './alignment.js';
import { intervalLength, yearOfMonth, type MonthIndex } from './months.js';
import {
  allowedShiftRange,
  pastRefusal,
  realisationPhase,
  shiftPhases,
  shiftRefusal,
  type Programme,
  type ShiftRange,
  type ShiftRefusal,
  type Task,
} from './tasks.js';

/** A party's limits for one programme: tasks in realisation at once, and/or money per calendar year. */
export interface CapacityRule {
  id: string;
  partyId: string;
  programme: Programme;
  maxConcurrent: number | null;
  budgetPerYearEur: number | null;
}

export type Violation =
  | {
      type: 'window';
      taskId: string;
      shiftMonths: number;
      /**
       * The first that applies: `no_window` (the task may not move at all), `started` (its
       * realisation has started at asOf), `past` (a moving phase would start before asOf or on a
       * started phase), `outside_window` (the shift leaves its window).
       */
      reason: ShiftRefusal;
      /** The shifts allowed at asOf; null when the task is not movable then. */
      allowed: ShiftRange | null;
      inBaseline: boolean;
    }
  | {
      type: 'capacity_concurrent';
      partyId: string;
      programme: Programme;
      month: MonthIndex;
      count: number;
      limit: number;
      taskIds: string[];
      inBaseline: boolean;
    }
  | {
      type: 'capacity_budget';
      partyId: string;
      programme: Programme;
      year: number;
      amountEur: number;
      budgetEur: number;
      taskIds: string[];
      inBaseline: boolean;
    };

export interface UrgencyInversion {
  type: 'urgency_inversion';
  /** The section with the lower rank number, which now finishes after the other. */
  moreUrgentTaskId: string;
  moreUrgentRank: number;
  lessUrgentTaskId: string;
  lessUrgentRank: number;
}

export interface PairChange {
  dikeTaskId: string;
  otherTaskId: string;
  before: AlignmentStatus;
  after: AlignmentStatus;
  soilMatchM3: number;
}

export interface AreaAlignmentDelta {
  areaId: string;
  changes: PairChange[];
  alignedSoilBeforeM3: number;
  alignedSoilAfterM3: number;
}

export interface ScenarioEvaluation {
  /** The month the scenario was evaluated at; null when the caller gave none (nothing counted as started). */
  asOf: MonthIndex | null;
  shiftedTasks: Task[];
  violations: Violation[];
  warnings: UrgencyInversion[];
  alignmentDelta: AreaAlignmentDelta[];
}

/**
 * The tasks with every move applied at `asOf`: each moved task shifts its moving part (the
 * phases not started at `asOf`; its started phases and its window stay). The past is fixed: a
 * move of a task whose realisation has started, or one that would put a moving phase before
 * `asOf` or onto a started phase, leaves the task where it is (it is a `started` or `past`
 * window violation). A move refused only for its window is applied, so a scenario can show what
 * a wider window would bring. Without `asOf` every task shifts whole.
 *
 * @example applyMoves([task], [{ taskId: task.id, shiftMonths: -12 }], parseMonth('2026-11')!)[0].phases
 */
export function applyMoves<T extends Task>(tasks: readonly T[], moves: readonly ShiftMove[], asOf?: MonthIndex): T[] {
  const shifts = new Map(moves.map((move) => [move.taskId, move.shiftMonths]));
  return tasks.map((task) => {
    const shift = shifts.get(task.id);
    if (shift === undefined || pastRefusal(task, shift, asOf) !== null) return task;
    return { ...task, phases: shiftPhases(task.phases, shift, asOf) };
  });
}

/**
 * The two moves that exchange two tasks' realisation start months; each task shifts its
 * moving part, so both keep their phase durations. Empty when they already start together.
 * A task whose realisation has started cannot take part: evaluating the moves reports a
 * `started` window violation for it.
 *
 * @example swapMoves(a, b) // [{ taskId: a.id, shiftMonths: 18 }, { taskId: b.id, shiftMonths: -18 }]
 */
export function swapMoves(a: Task, b: Task): ShiftMove[] {
  const shift = realisationPhase(b).start - realisationPhase(a).start;
  if (shift === 0) return [];
  return [
    { taskId: a.id, shiftMonths: shift },
    { taskId: b.id, shiftMonths: -shift },
  ];
}

/**
 * The moves refused at `asOf`, each with the first reason that applies (`no_window`,
 * `started`, `past`, `outside_window`) and the shifts allowed then.
 *
 * @example windowViolations(byId, [{ taskId: 'salmsteke', shiftMonths: 12 }], parseMonth('2026-11')!)[0].reason // 'started'
 */
export function windowViolations(tasksById: ReadonlyMap<string, Task>, moves: readonly ShiftMove[], asOf?: MonthIndex): Violation[] {
  const violations: Violation[] = [];
  for (const move of moves) {
    const task = tasksById.get(move.taskId);
    if (!task) continue;
    const reason = shiftRefusal(task, move.shiftMonths, asOf);
    if (reason === null) continue;
    violations.push({
      type: 'window',
      taskId: task.id,
      shiftMonths: move.shiftMonths,
      reason,
      allowed: allowedShiftRange(task, asOf),
      // A schedule already outside its window was a finding before the move.
      inBaseline: reason === 'outside_window' && shiftRefusal(task, 0, asOf) === 'outside_window',
    });
  }
  return violations;
}

function ruleKey(partyId: string, programme: string): string {
  return `${partyId}\u0000${programme}`;
}

/**
 * A sweep over the months where the set of tasks in realisation changes (a start, or the
 * month after an end); between two such months the set, and so the count, stays the same.
 */
function concurrentViolations(rule: CapacityRule, limit: number, tasks: readonly LoadTask[]): Violation[] {
  const starting = new Map<MonthIndex, string[]>();
  const leaving = new Map<MonthIndex, string[]>();
  const add = (map: Map<MonthIndex, string[]>, month: MonthIndex, id: string) => {
    const list = map.get(month);
    if (list) list.push(id);
    else map.set(month, [id]);
  };
  for (const task of tasks) {
    const realisation = realisationPhase(task);
    add(starting, realisation.start, task.id);
    add(leaving, realisation.end + 1, task.id);
  }
  const changes = [...new Set([...starting.keys(), ...leaving.keys()])].sort((a, b) => a - b);
  const active = new Set<string>();
  const violations: Violation[] = [];
  changes.forEach((month, index) => {
    for (const id of leaving.get(month) ?? []) active.delete(id);
    // Those entering together by id: the list must not depend on the order the tasks came in.
    for (const id of (starting.get(month) ?? []).sort()) active.add(id);
    if (active.size <= limit) return;
    // In the order they entered realisation; one list serves every month until the next change.
    const taskIds = [...active];
    for (let violating = month; violating < changes[index + 1]!; violating++) {
      violations.push({ type: 'capacity_concurrent', partyId: rule.partyId, programme: rule.programme, month: violating, count: active.size, limit, taskIds, inBaseline: false });
    }
  });
  return violations;
}

/** Each task's cost spread evenly over its realisation months, summed per calendar year. */
function budgetViolations(rule: CapacityRule, budget: number, tasks: readonly LoadTask[]): Violation[] {
  const inYear = new Map<number, { amount: number; taskIds: string[] }>();
  for (const task of tasks) {
    if (!task.costEur) continue;
    const realisation = realisationPhase(task);
    const perMonth = task.costEur / intervalLength(realisation);
    for (let year = yearOfMonth(realisation.start); year <= yearOfMonth(realisation.end); year++) {
      const months = Math.min(realisation.end, year * 12 + 11) - Math.max(realisation.start, year * 12) + 1;
      const entry = inYear.get(year) ?? { amount: 0, taskIds: [] };
      entry.amount += perMonth * months;
      entry.taskIds.push(task.id);
      inYear.set(year, entry);
    }
  }
  const violations: Violation[] = [];
  for (const [year, entry] of [...inYear].sort(([a], [b]) => a - b)) {
    // Whole euros: spreading costs over months must not raise a violation by rounding.
    const amountEur = Math.round(entry.amount);
    if (amountEur <= budget) continue;
    violations.push({ type: 'capacity_budget', partyId: rule.partyId, programme: rule.programme, year, amountEur, budgetEur: budget, taskIds: entry.taskIds.sort(), inBaseline: false });
  }
  return violations;
}

/**
 * Months in which a party has more tasks of a programme in realisation than its rule allows,
 * and calendar years in which their cost (spread evenly over each task's realisation months)
 * exceeds its budget. Linear in the tasks' realisation months.
 */
export function capacityViolations(tasks: readonly LoadTask[], rules: readonly CapacityRule[]): Violation[] {
  const rulesByParty = new Map<string, Map<string, CapacityRule>>();
  for (const rule of rules) rulesByParty.set(rule.partyId, (rulesByParty.get(rule.partyId) ?? new Map()).set(rule.programme, rule));
  const byRule = new Map<CapacityRule, LoadTask[]>();
  for (const task of tasks) {
    const rule = rulesByParty.get(task.partyId)?.get(task.programme);
    if (!rule) continue;
    const list = byRule.get(rule);
    if (list) list.push(task);
    else byRule.set(rule, [task]);
  }
  const violations: Violation[] = [];
  for (const rule of rules) {
    const ruleTasks = byRule.get(rule) ?? [];
    if (rule.maxConcurrent !== null) violations.push(...concurrentViolations(rule, rule.maxConcurrent, ruleTasks));
    if (rule.budgetPerYearEur !== null) violations.push(...budgetViolations(rule, rule.budgetPerYearEur, ruleTasks));
  }
  return violations;
}

/** Where a capacity violation sits (rule and month or year) and how bad it is there. */
function capacityPlace(violation: Violation): { key: string; severity: number } {
  if (violation.type === 'capacity_concurrent') {
    return { key: `c:${ruleKey(violation.partyId, violation.programme)}:${violation.month}`, severity: violation.count };
  }
  if (violation.type === 'capacity_budget') {
    return { key: `b:${ruleKey(violation.partyId, violation.programme)}:${violation.year}`, severity: violation.amountEur };
  }
  return { key: `w:${violation.taskId}`, severity: 0 };
}

/**
 * Where an unmoved ranked section must lie to invert with a moved one: a section moved later can
 * only come to finish after a less urgent one (higher rank) that ended from its old end up to
 * just before its new end; moved earlier, only a more urgent one (lower rank) can end up finishing
 * after it, one that ended after its new end up to its old end. One reach per moved ranked section
 * whose end changes; reading just these is enough for {@link urgencyInversions}.
 *
 * @example urgencyReach([{ rank: 4, baseEnd: 360, end: 372 }]) // [{ fromEnd: 360, toEnd: 371, ranks: 'above', rank: 4 }]
 */
export function urgencyReach(moved: readonly { rank: number; baseEnd: MonthIndex; end: MonthIndex }[]): UrgencyReach[] {
  return moved.flatMap(({ rank, baseEnd, end }): UrgencyReach[] => {
    if (end > baseEnd) return [{ fromEnd: baseEnd, toEnd: end - 1, ranks: 'above', rank }];
    if (end < baseEnd) return [{ fromEnd: end + 1, toEnd: baseEnd, ranks: 'below', rank }];
    return [];
  });
}

/** Ranked sections whose realisation ends within these months, with a rank above (less urgent) or below (more urgent) `rank`. */
export interface UrgencyReach {
  fromEnd: MonthIndex;
  toEnd: MonthIndex;
  ranks: 'above' | 'below';
  rank: number;
}

/**
 * Urgency inversions a scenario creates: a more urgent HWBP section (lower rank) that did not
 * finish after a less urgent one now does. Only pairs with a moved task can change.
 */
export function urgencyInversions(baseline: readonly LoadTask[], scenario: readonly LoadTask[], movedIds: ReadonlySet<string>): UrgencyInversion[] {
  const baseEnd = new Map<string, number>();
  for (const task of baseline) if (task.programme === 'HWBP' && task.urgencyRank !== null) baseEnd.set(task.id, realisationPhase(task).end);
  const sections = scenario
    .filter((task) => baseEnd.has(task.id))
    .map((task) => ({ id: task.id, rank: task.urgencyRank!, end: realisationPhase(task).end, baseEnd: baseEnd.get(task.id)!, moved: movedIds.has(task.id) }));
  const inversions: UrgencyInversion[] = [];
  for (const moved of sections) {
    if (!moved.moved) continue;
    for (const other of sections) {
      // Each pair once: a pair of two moved sections is taken from the one with the smaller id.
      if (other.id === moved.id || other.rank === moved.rank || (other.moved && other.id < moved.id)) continue;
      const urgent = moved.rank < other.rank ? moved : other;
      const lessUrgent = urgent === moved ? other : moved;
      if (urgent.baseEnd <= lessUrgent.baseEnd && urgent.end > lessUrgent.end) {
        inversions.push({
          type: 'urgency_inversion',
          moreUrgentTaskId: urgent.id,
          moreUrgentRank: urgent.rank,
          lessUrgentTaskId: lessUrgent.id,
          lessUrgentRank: lessUrgent.rank,
        });
      }
    }
  }
  // Sections can share a rank: their ids settle the order, whatever order the tasks came in.
  const byId = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return inversions.sort(
    (a, b) =>
      a.moreUrgentRank - b.moreUrgentRank ||
      a.lessUrgentRank - b.lessUrgentRank ||
      byId(a.moreUrgentTaskId, b.moreUrgentTaskId) ||
      byId(a.lessUrgentTaskId, b.lessUrgentTaskId),
  );
}

/** Soil the aligned pairs can exchange. */
export function alignedSoil(pairs: readonly AlignmentPair[]): number {
  return pairs.reduce((sum, pair) => sum + (pair.status === 'aligned' ? pair.soilMatchM3 : 0), 0);
}

function pairKey(pair: AlignmentPair): string {
  return `${pair.dikeTaskId}\u0000${pair.otherTaskId}`;
}

/** Pairs of one area whose status differs between two versions of its tasks (both read at `asOf`), and the aligned soil before and after. */
export function alignmentDelta(areaId: string, before: readonly Task[], after: readonly Task[], minOverlap = 1, asOf?: MonthIndex): AreaAlignmentDelta {
  const beforeReport = detectAlignments(before, minOverlap, asOf);
  const afterReport = detectAlignments(after, minOverlap, asOf);
  return {
    areaId,
    changes: pairStatusChanges(beforeReport.pairs, afterReport.pairs),
    alignedSoilBeforeM3: alignedSoil(beforeReport.pairs),
    alignedSoilAfterM3: alignedSoil(afterReport.pairs),
  };
}

/**
 * The pairs whose status differs between two reports of one area; a pair missing from a
 * report is `not_alignable` there.
 */
export function pairStatusChanges(before: readonly AlignmentPair[], after: readonly AlignmentPair[]): PairChange[] {
  const beforeByKey = new Map(before.map((pair) => [pairKey(pair), pair]));
  const afterByKey = new Map(after.map((pair) => [pairKey(pair), pair]));
  const changes: PairChange[] = [];
  for (const key of new Set([...beforeByKey.keys(), ...afterByKey.keys()])) {
    const was = beforeByKey.get(key);
    const now = afterByKey.get(key);
    const beforeStatus = was?.status ?? 'not_alignable';
    const afterStatus = now?.status ?? 'not_alignable';
    if (beforeStatus === afterStatus) continue;
    const pair = (now ?? was)!;
    changes.push({ dikeTaskId: pair.dikeTaskId, otherTaskId: pair.otherTaskId, before: beforeStatus, after: afterStatus, soilMatchM3: pair.soilMatchM3 });
  }
  return changes;
}

export interface ScenarioOptions {
  /** The month to evaluate at: phases starting before it have started and never move. Omitted, nothing has started. */
  asOf?: MonthIndex;
  /** Months the realisations must share for a pair to be aligned (default 1). */
  minOverlap?: number;
  /**
   * Tasks outside the moved tasks' areas that count only for capacity and urgency (other areas
   * of the moved tasks' programmes, ranked sections elsewhere): they never move.
   */
  loadTasks?: readonly LoadTask[];
}

/**
 * A task as capacity rules and urgency ranks read it: whose programme it is, what it costs, its
 * rank and its realisation phase (read for a whole programme, the only phase it carries).
 */
export type LoadTask = Pick<Task, 'id' | 'areaId' | 'partyId' | 'programme' | 'costEur' | 'urgencyRank' | 'version' | 'phases'>;

/**
 * What a scenario does to the plan at `asOf`: the shifted tasks, the violations (each marked
 * when the baseline already had it), the urgency inversions it creates, and per affected area
 * the alignment pairs whose status changes. Each move shifts its task's moving part (see
 * {@link applyMoves}: a `started` or `past` move leaves the task where it is). Never changes its
 * inputs.
 *
 * @param tasks every task that can matter: the affected areas', the moved tasks' parties' and
 *   programmes', and the ranked HWBP sections (more is harmless)
 * @example evaluateScenario(tasks, [{ taskId: 'd1', shiftMonths: -24 }], rules, { asOf: parseMonth('2026-11')! }).violations
 */
export function evaluateScenario(
  tasks: readonly Task[],
  moves: readonly ShiftMove[],
  rules: readonly CapacityRule[],
  options: ScenarioOptions = {},
): ScenarioEvaluation {
  const { asOf, minOverlap = 1, loadTasks = [] } = options;
  const tasksById = new Map(tasks.map((task) => [task.id, task]));
  const validMoves = moves.filter((move) => tasksById.has(move.taskId));
  const movedIds = new Set(validMoves.map((move) => move.taskId));
  const scenario = applyMoves(tasks, validMoves, asOf);
  const baselineLoad = [...tasks, ...loadTasks];
  const scenarioLoad = [...scenario, ...loadTasks];

  const affectedRules = rules.filter((rule) =>
    validMoves.some((move) => {
      const task = tasksById.get(move.taskId)!;
      return task.partyId === rule.partyId && task.programme === rule.programme;
    }),
  );
  // "Already in the baseline" means the same rule was exceeded in the same month or year at least as badly.
  const baselineCapacity = new Map(capacityViolations(baselineLoad, affectedRules).map((violation) => {
    const place = capacityPlace(violation);
    return [place.key, place.severity];
  }));
  const capacity = capacityViolations(scenarioLoad, affectedRules).map((violation) => {
    const place = capacityPlace(violation);
    return { ...violation, inBaseline: place.severity <= (baselineCapacity.get(place.key) ?? -1) };
  });

  // Only the areas with a moved task can change their alignments: re-detect just those.
  const affectedAreas = new Map([...new Set(validMoves.map((move) => tasksById.get(move.taskId)!.areaId))].sort().map((areaId) => [areaId, { before: [] as Task[], after: [] as Task[] }]));
  tasks.forEach((task, index) => {
    const area = affectedAreas.get(task.areaId);
    if (!area) return;
    area.before.push(task);
    area.after.push(scenario[index]!);
  });
  const alignment = [...affectedAreas].map(([areaId, area]) => alignmentDelta(areaId, area.before, area.after, minOverlap, asOf));

  return {
    asOf: asOf ?? null,
    shiftedTasks: scenario.filter((task) => movedIds.has(task.id)),
    violations: [...windowViolations(tasksById, validMoves, asOf), ...capacity],
    warnings: urgencyInversions(baselineLoad, scenarioLoad, movedIds),
    alignmentDelta: alignment,
  };
}

/** Whether a scenario may be applied: no move leaves its window and no capacity violation is new. */
export function blockingViolations(evaluation: ScenarioEvaluation): Violation[] {
  return evaluation.violations.filter((violation) => violation.type === 'window' || !violation.inBaseline);
}


/**
 * Proposals (issue 17): the capacity violations a changed plan has that the plan before it did not
 * have as badly, judged as a scenario judges its moves (see {@link evaluateScenario}), for changes
 * that are not plain shifts (new phases or a new window) as well.
 *
 * @example newCapacityViolations(before, after, rules).length // 0 when the change may be applied
 */
export function newCapacityViolations(before: readonly Task[], after: readonly Task[], rules: readonly CapacityRule[]): Violation[] {
  const baseline = new Map(capacityViolations(before, rules).map((violation) => {
    const place = capacityPlace(violation);
    return [place.key, place.severity];
  }));
  return capacityViolations(after, rules).filter((violation) => {
    const place = capacityPlace(violation);
    return place.severity > (baseline.get(place.key) ?? -1);
  });
}
