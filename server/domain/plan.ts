/**
 * The programme plan (DOMAIN.md, "Programme plan (the optimiser)"): which tasks may move and by
 * how much, the mixed-integer model whose optimum is the best set of moves, a checker for any set
 * of moves, and the explanation of each move. Pure: the solver lives behind server/solver/.
 *
 * The model has one binary `x[t,k]` per movable task `t` and non-zero candidate shift `k` (at most
 * one per task; none chosen means `k = 0`), and one continuous `y[p]` in [0, 1] per pair whose two
 * tasks both move. Everything else is written on the `x` directly:
 *
 * - a pair with one moving task counts `w = 10,000 + soil` times the sum of the `x` of the shifts
 *   that align it (its own indicator, so the relaxation is exact for it);
 * - a pair of two moving tasks counts `w * y[p]`, with `y[p] <= 1 - x[D,kD] + sum of x[O,kO]` over
 *   the `kO` that align with `kD`, for every `kD`, and the same the other way round;
 * - capacity: per rule and month (concurrent) or year (budget), the change against the baseline is
 *   at most the room `max(limit, baseline) - baseline`; months where no combination can exceed it
 *   are left out;
 * - urgency, per end month `T`: "a ends at or after T" implies "b ends at or after T"
 *   (`S_a(T) <= S_b(T)`). A fixed partner becomes a bound on the other's candidates, and an edge
 *   implied by two others through a third section (the order is transitive) is left out.
 *
 * Stage 1 maximises `10,000 x value` (whole numbers); stage 2 minimises `sum |k|` keeping it.
 */
import { isHwbpDike, soilMatchM3, type ShiftMove } from './alignment.js';
import { intervalLength, overlapMonths, yearOfMonth, type MonthIndex, type MonthInterval } from './months.js';
import { urgencyInversions, type CapacityRule, type UrgencyInversion } from './scenarios.js';
import { allowedShiftRange, realisationPhase, shiftPhases, type Task } from './tasks.js';

export const PLAN_STEP_MONTHS = [1, 3, 6, 12] as const;
export const DEFAULT_PLAN_STEP_MONTHS = 3;
/** Every aligned pair counts one, and every this many m³ of soil it can share one more. */
export const VALUE_SOIL_UNIT_M3 = 10_000;

export type PlanScope = { kind: 'area'; areaId: string } | { kind: 'party'; partyId: string } | { kind: 'national' };

export interface PlanOptions {
  scope: PlanScope;
  asOf: MonthIndex;
  stepMonths: number;
  minOverlap: number;
  moveOthers: boolean;
  allowInversions: boolean;
}

/** A task that may move in the plan, with its candidate shifts (ascending, 0 among them). */
export interface PlanMover {
  task: Task;
  candidates: number[];
}

/** A pair (D, O) of the scope's areas, as the value counts it. */
export interface PlanPair {
  dike: Task;
  other: Task;
  soilMatchM3: number;
  /** `10,000 + soilMatchM3`: what the pair adds to `10,000 x value` when aligned. */
  weight: number;
}

/** Everything a plan is about, read once from the tasks, rules and options. */
export interface PlanProblem {
  options: PlanOptions;
  /** The areas whose pairs count. */
  areaIds: string[];
  movers: PlanMover[];
  pairs: PlanPair[];
  /** The capacity rules of the parties (and programmes) whose tasks may move. */
  rules: CapacityRule[];
  /** Every task given (scope areas, the movers' parties' programmes, ranked HWBP sections). */
  tasks: Task[];
}

function candidateShifts(task: Task, asOf: MonthIndex, step: number): number[] {
  const range = allowedShiftRange(task, asOf);
  const candidates = new Set<number>([0]);
  if (range) {
    for (let k = Math.ceil(range.min / step) * step; k <= range.max; k += step) candidates.add(k);
  }
  return [...candidates].sort((a, b) => a - b);
}

function inScopeAreas(tasks: readonly Task[], scope: PlanScope): string[] {
  if (scope.kind === 'area') return [scope.areaId];
  const areas = new Set<string>();
  for (const task of tasks) if (scope.kind === 'national' || task.partyId === scope.partyId) areas.add(task.areaId);
  return [...areas].sort();
}

/**
 * Reads what a plan is about: the scope's areas (for a party, every area where it has tasks), the
 * tasks that may move (the scope's movable HWBP dike reinforcements, for a party its own; with
 * `moveOthers` every other movable task of those areas too) with their candidate shifts (0 and the
 * multiples of `stepMonths` in `[kmin, kmax]` at `asOf`), the pairs that count, and the capacity
 * rules of the parties whose tasks may move.
 *
 * @param tasks the scope areas' tasks, every task of the movers' parties' programmes (capacity) and
 *   every ranked HWBP section (urgency); more is harmless
 * @example preparePlan(tasks, rules, { scope: { kind: 'area', areaId: 'venlo' }, asOf: m('2026-11'), stepMonths: 3, minOverlap: 1, moveOthers: false, allowInversions: false }).movers.length
 */
export function preparePlan(tasks: readonly Task[], rules: readonly CapacityRule[], options: PlanOptions): PlanProblem {
  const areaIds = inScopeAreas(tasks, options.scope);
  const areaSet = new Set(areaIds);
  const movers: PlanMover[] = [];
  for (const task of tasks) {
    if (!areaSet.has(task.areaId)) continue;
    const ownDike = isHwbpDike(task) && (options.scope.kind !== 'party' || task.partyId === options.scope.partyId);
    if (!ownDike && !options.moveOthers) continue;
    const candidates = candidateShifts(task, options.asOf, options.stepMonths);
    if (candidates.length > 1) movers.push({ task, candidates });
  }
  const pairs: PlanPair[] = [];
  const byArea = new Map<string, { dikes: Task[]; others: Task[] }>();
  for (const task of tasks) {
    if (!areaSet.has(task.areaId)) continue;
    const area = byArea.get(task.areaId) ?? { dikes: [], others: [] };
    if (isHwbpDike(task)) area.dikes.push(task);
    else if (task.programme !== 'HWBP') area.others.push(task);
    byArea.set(task.areaId, area);
  }
  for (const areaId of areaIds) {
    const area = byArea.get(areaId);
    if (!area) continue;
    for (const dike of area.dikes) {
      for (const other of area.others) {
        const soil = soilMatchM3(dike, other);
        pairs.push({ dike, other, soilMatchM3: soil, weight: VALUE_SOIL_UNIT_M3 + soil });
      }
    }
  }
  const moving = new Set(movers.map((mover) => `${mover.task.partyId}\u0000${mover.task.programme}`));
  return {
    options,
    areaIds,
    movers,
    pairs,
    rules: rules.filter((rule) => moving.has(`${rule.partyId}\u0000${rule.programme}`)),
    tasks: [...tasks],
  };
}

// ---------------------------------------------------------------------------------------------
// The checker

export interface PlanViolation {
  type: 'not_a_candidate' | 'capacity_concurrent' | 'capacity_budget' | 'urgency';
  detail: string;
}

export interface PlanCheck {
  feasible: boolean;
  violations: PlanViolation[];
  /** `10,000 x value`: a whole number. */
  valueScaled: number;
  value: number;
  alignedPairs: number;
  alignedSoilM3: number;
  movedMonths: number;
  /** Urgency inversions the moves make (against the baseline), whether or not they are allowed. */
  inversions: UrgencyInversion[];
}

function realisationAt(task: Task, shift: number): MonthInterval {
  const r = realisationPhase(task);
  return { start: r.start + shift, end: r.end + shift };
}

function ruleTasks(problem: PlanProblem, rule: CapacityRule): Task[] {
  return problem.tasks.filter((task) => task.partyId === rule.partyId && task.programme === rule.programme);
}

function concurrentCounts(tasks: readonly Task[], shifts: ReadonlyMap<string, number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const task of tasks) {
    const r = realisationAt(task, shifts.get(task.id) ?? 0);
    for (let month = r.start; month <= r.end; month++) counts.set(month, (counts.get(month) ?? 0) + 1);
  }
  return counts;
}

/** A task's cost in each calendar year, spread evenly over its realisation months. */
function costByYear(task: Task, shift: number): Map<number, number> {
  const amounts = new Map<number, number>();
  if (!task.costEur) return amounts;
  const r = realisationAt(task, shift);
  const perMonth = task.costEur / intervalLength(r);
  for (let year = yearOfMonth(r.start); year <= yearOfMonth(r.end); year++) {
    const months = Math.min(r.end, year * 12 + 11) - Math.max(r.start, year * 12) + 1;
    amounts.set(year, perMonth * months);
  }
  return amounts;
}

function budgetAmounts(tasks: readonly Task[], shifts: ReadonlyMap<string, number>): Map<number, number> {
  const amounts = new Map<number, number>();
  for (const task of tasks) {
    for (const [year, amount] of costByYear(task, shifts.get(task.id) ?? 0)) amounts.set(year, (amounts.get(year) ?? 0) + amount);
  }
  return amounts;
}

/** Whether the pair's realisations, shifted, overlap by at least `minOverlap`. */
function pairAligned(pair: PlanPair, shifts: ReadonlyMap<string, number>, minOverlap: number): boolean {
  return overlapMonths(realisationAt(pair.dike, shifts.get(pair.dike.id) ?? 0), realisationAt(pair.other, shifts.get(pair.other.id) ?? 0)) >= minOverlap;
}

/** Value, aligned pairs and aligned soil of the scope's pairs with these shifts. */
export function planValue(problem: PlanProblem, shifts: ReadonlyMap<string, number>): { valueScaled: number; alignedPairs: number; alignedSoilM3: number } {
  let valueScaled = 0;
  let alignedPairs = 0;
  let alignedSoilM3 = 0;
  for (const pair of problem.pairs) {
    if (!pairAligned(pair, shifts, problem.options.minOverlap)) continue;
    valueScaled += pair.weight;
    alignedPairs += 1;
    alignedSoilM3 += pair.soilMatchM3;
  }
  return { valueScaled, alignedPairs, alignedSoilM3 };
}

/**
 * Checks any set of moves against the plan's hard constraints (only candidate shifts of tasks that
 * may move; capacity never worse than `max(limit, baseline)` per rule and month or year; no new
 * urgency inversion unless `allowInversions`) and computes its value and total moved months.
 *
 * @example checkPlan(problem, [{ taskId: 'lottum', shiftMonths: 18 }]).valueScaled // 10000 * value
 */
export function checkPlan(problem: PlanProblem, moves: readonly ShiftMove[]): PlanCheck {
  const violations: PlanViolation[] = [];
  const candidates = new Map(problem.movers.map((mover) => [mover.task.id, new Set(mover.candidates)]));
  const shifts = new Map<string, number>();
  for (const move of moves) {
    if (move.shiftMonths === 0) continue;
    if (!candidates.get(move.taskId)?.has(move.shiftMonths)) {
      violations.push({ type: 'not_a_candidate', detail: `${move.taskId} by ${move.shiftMonths}` });
      continue;
    }
    shifts.set(move.taskId, move.shiftMonths);
  }
  const none = new Map<string, number>();
  for (const rule of problem.rules) {
    const tasks = ruleTasks(problem, rule);
    if (rule.maxConcurrent !== null) {
      const before = concurrentCounts(tasks, none);
      for (const [month, count] of concurrentCounts(tasks, shifts)) {
        if (count > Math.max(rule.maxConcurrent, before.get(month) ?? 0)) {
          violations.push({ type: 'capacity_concurrent', detail: `${rule.partyId}/${rule.programme} month ${month}: ${count}` });
        }
      }
    }
    if (rule.budgetPerYearEur !== null) {
      const before = budgetAmounts(tasks, none);
      for (const [year, amount] of budgetAmounts(tasks, shifts)) {
        if (Math.round(amount) > Math.max(rule.budgetPerYearEur, Math.round(before.get(year) ?? 0))) {
          violations.push({ type: 'capacity_budget', detail: `${rule.partyId}/${rule.programme} year ${year}: ${Math.round(amount)}` });
        }
      }
    }
  }
  const movedIds = new Set(shifts.keys());
  const planned = problem.tasks.map((task) => (movedIds.has(task.id) ? { ...task, phases: shiftPhases(task.phases, shifts.get(task.id)!, problem.options.asOf) } : task));
  const inversions = urgencyInversions(problem.tasks, planned, movedIds);
  if (!problem.options.allowInversions) {
    for (const inversion of inversions) violations.push({ type: 'urgency', detail: `${inversion.moreUrgentTaskId} after ${inversion.lessUrgentTaskId}` });
  }
  const value = planValue(problem, shifts);
  let movedMonths = 0;
  for (const shift of shifts.values()) movedMonths += Math.abs(shift);
  return { feasible: violations.length === 0, violations, ...value, value: value.valueScaled / VALUE_SOIL_UNIT_M3, movedMonths, inversions };
}

// ---------------------------------------------------------------------------------------------
// The model

/** A mixed-integer model with a lexicographic objective, in the shape the solver module takes. */
export interface LexicographicMilp {
  numCols: number;
  numRows: number;
  colLower: Float64Array;
  colUpper: Float64Array;
  /** 1 for a binary (integer) column, 0 for a continuous one. */
  integrality: Int32Array;
  /** The constraint matrix, row-wise. */
  rowStarts: Int32Array;
  rowIndices: Int32Array;
  rowValues: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** Stage 1: maximise `primaryOffset + primary . x`; whole-numbered at every integral solution. */
  primary: Float64Array;
  primaryOffset: number;
  /** Stage 2: minimise `secondary . x` keeping stage 1's value. */
  secondary: Float64Array;
  /** A known feasible solution (the baseline). */
  start: Float64Array;
}

export interface PlanModel {
  milp: LexicographicMilp;
  /** Column `j < moverColumns.length` is `x[task, shift]`. */
  moverColumns: { taskId: string; shift: number }[];
  binaries: number;
  /** `10,000 x value` of the baseline. */
  baselineValueScaled: number;
}

const INF = Infinity;

class RowBuilder {
  starts: number[] = [0];
  indices: number[] = [];
  values: number[] = [];
  lower: number[] = [];
  upper: number[] = [];

  add(terms: Map<number, number>, lower: number, upper: number): void {
    let any = false;
    for (const [col, value] of terms) {
      if (value === 0) continue;
      this.indices.push(col);
      this.values.push(value);
      any = true;
    }
    if (!any) return;
    this.starts.push(this.indices.length);
    this.lower.push(lower);
    this.upper.push(upper);
  }

  get count(): number {
    return this.lower.length;
  }
}

/** Columns of a mover by shift (0 has none: it is `1 - sum of the others`). */
interface MoverColumns {
  mover: PlanMover;
  /** The candidates the model keeps (urgency against fixed sections may remove some). */
  shifts: number[];
  column: Map<number, number>;
}

/**
 * A linear expression over the "chosen" indicators `x[t,k]` of movers, including `k = 0`, written
 * on the model's columns: `x[t,0] = 1 - sum_k x[t,k]`. Returns the terms and the constant.
 */
class Expression {
  terms = new Map<number, number>();
  constant = 0;

  chosen(columns: MoverColumns, shift: number, coefficient: number): this {
    if (shift === 0) {
      this.constant += coefficient;
      for (const col of columns.column.values()) this.terms.set(col, (this.terms.get(col) ?? 0) - coefficient);
    } else {
      const col = columns.column.get(shift);
      if (col !== undefined) this.terms.set(col, (this.terms.get(col) ?? 0) + coefficient);
    }
    return this;
  }

  column(col: number, coefficient: number): this {
    this.terms.set(col, (this.terms.get(col) ?? 0) + coefficient);
    return this;
  }
}

interface RankedSection {
  task: Task;
  rank: number;
  end: number;
  columns: MoverColumns | null;
}

/**
 * Urgency as in DOMAIN.md: for sections a (more urgent) and b with `R(a).end <= R(b).end` in the
 * baseline and one of them moving, the plan keeps `R(a).end <= R(b).end`. Bounds the movers'
 * candidates against fixed sections and returns the edges between two movers that no third
 * section implies.
 */
function urgencyEdges(problem: PlanProblem, columnsById: Map<string, MoverColumns>): [RankedSection, RankedSection][] {
  const ranked: RankedSection[] = problem.tasks
    .filter((task) => task.programme === 'HWBP' && task.urgencyRank !== null)
    .map((task) => ({ task, rank: task.urgencyRank!, end: realisationPhase(task).end, columns: columnsById.get(task.id) ?? null }))
    .sort((a, b) => a.rank - b.rank || a.end - b.end);
  const precedes = (a: RankedSection, b: RankedSection) => a.rank < b.rank && a.end <= b.end;
  const moving = ranked.filter((section) => section.columns);
  for (const section of moving) {
    let upper = Infinity;
    let lower = -Infinity;
    for (const fixed of ranked) {
      if (fixed.columns) continue;
      if (precedes(section, fixed)) upper = Math.min(upper, fixed.end);
      if (precedes(fixed, section)) lower = Math.max(lower, fixed.end);
    }
    const columns = section.columns!;
    columns.shifts = columns.shifts.filter((shift) => shift === 0 || (section.end + shift <= upper && section.end + shift >= lower));
  }
  const edges: [RankedSection, RankedSection][] = [];
  for (const a of moving) {
    for (const b of moving) {
      if (!precedes(a, b)) continue;
      if (ranked.some((c) => c !== a && c !== b && precedes(a, c) && precedes(c, b))) continue;
      edges.push([a, b]);
    }
  }
  return edges;
}

/**
 * Builds the lexicographic MILP of a plan (see the file's comment for the formulation).
 *
 * @example buildPlanModel(preparePlan(tasks, rules, options)).milp.numCols
 */
export function buildPlanModel(problem: PlanProblem): PlanModel {
  const { options } = problem;
  const columnsById = new Map<string, MoverColumns>();
  for (const mover of problem.movers) columnsById.set(mover.task.id, { mover, shifts: [...mover.candidates], column: new Map() });

  const edges = options.allowInversions ? [] : urgencyEdges(problem, columnsById);

  // Columns: x[t,k] for the kept non-zero shifts.
  const moverColumns: { taskId: string; shift: number }[] = [];
  for (const columns of columnsById.values()) {
    for (const shift of columns.shifts) {
      if (shift === 0) continue;
      columns.column.set(shift, moverColumns.length);
      moverColumns.push({ taskId: columns.mover.task.id, shift });
    }
  }
  const rows = new RowBuilder();
  // At most one shift per task.
  for (const columns of columnsById.values()) {
    const terms = new Map<number, number>();
    for (const col of columns.column.values()) terms.set(col, 1);
    if (terms.size > 1) rows.add(terms, -INF, 1);
  }

  const primary = new Map<number, number>();
  let primaryOffset = 0;
  const addPrimary = (expression: Expression, weight: number) => {
    primaryOffset += weight * expression.constant;
    for (const [col, value] of expression.terms) primary.set(col, (primary.get(col) ?? 0) + weight * value);
  };
  const pairColumns: { lower: number; upper: number; start: number; weight: number }[] = [];
  const pairColumnBase = moverColumns.length;
  const m = options.minOverlap;
  let baselineValueScaled = 0;
  for (const pair of problem.pairs) {
    const dike = columnsById.get(pair.dike.id);
    const other = columnsById.get(pair.other.id);
    const rd = realisationPhase(pair.dike);
    const ro = realisationPhase(pair.other);
    const alignedAt = (kd: number, ko: number) => overlapMonths({ start: rd.start + kd, end: rd.end + kd }, { start: ro.start + ko, end: ro.end + ko }) >= m;
    if (alignedAt(0, 0)) baselineValueScaled += pair.weight;
    if (!dike && !other) {
      if (alignedAt(0, 0)) primaryOffset += pair.weight;
      continue;
    }
    if (!dike || !other) {
      const moving = (dike ?? other)!;
      const expression = new Expression();
      for (const shift of moving.shifts) if (dike ? alignedAt(shift, 0) : alignedAt(0, shift)) expression.chosen(moving, shift, 1);
      addPrimary(expression, pair.weight);
      continue;
    }
    // Both move: y <= 1 - x[D,kD] + sum over aligned kO of x[O,kO], and the same the other way.
    const reachable = dike.shifts.some((kd) => other.shifts.some((ko) => alignedAt(kd, ko)));
    if (!reachable) continue;
    const y = pairColumnBase + pairColumns.length;
    pairColumns.push({ lower: 0, upper: 1, start: alignedAt(0, 0) ? 1 : 0, weight: pair.weight });
    primary.set(y, pair.weight);
    const side = (fixedSide: MoverColumns, otherSide: MoverColumns, aligned: (k: number, j: number) => boolean) => {
      for (const k of fixedSide.shifts) {
        const partners = otherSide.shifts.filter((j) => aligned(k, j));
        if (partners.length === otherSide.shifts.length) continue;
        // y + x[k] - sum x[partners] <= 1
        const expression = new Expression().column(y, 1).chosen(fixedSide, k, 1);
        for (const j of partners) expression.chosen(otherSide, j, -1);
        rows.add(expression.terms, -INF, 1 - expression.constant);
      }
    };
    side(dike, other, (kd, ko) => alignedAt(kd, ko));
    side(other, dike, (ko, kd) => alignedAt(kd, ko));
  }

  // Capacity, per rule of a party whose tasks move.
  for (const rule of problem.rules) {
    const tasks = ruleTasks(problem, rule);
    const movingHere = tasks.map((task) => columnsById.get(task.id)).filter((columns): columns is MoverColumns => columns !== undefined);
    if (movingHere.length === 0) continue;
    if (rule.maxConcurrent !== null) {
      const base = concurrentCounts(tasks, new Map());
      const byMonth = new Map<number, { terms: Map<number, number>; canRise: number }>();
      for (const columns of movingHere) {
        const r0 = realisationPhase(columns.mover.task);
        const rises = new Set<number>();
        for (const [shift, col] of columns.column) {
          const from = Math.min(r0.start, r0.start + shift);
          const to = Math.max(r0.end, r0.end + shift);
          for (let month = from; month <= to; month++) {
            const was = month >= r0.start && month <= r0.end ? 1 : 0;
            const is = month >= r0.start + shift && month <= r0.end + shift ? 1 : 0;
            if (was === is) continue;
            const entry = byMonth.get(month) ?? { terms: new Map(), canRise: 0 };
            entry.terms.set(col, is - was);
            byMonth.set(month, entry);
            if (is > was) rises.add(month);
          }
        }
        for (const month of rises) byMonth.get(month)!.canRise += 1;
      }
      for (const [month, entry] of [...byMonth].sort(([a], [b]) => a - b)) {
        const baseline = base.get(month) ?? 0;
        const room = Math.max(rule.maxConcurrent, baseline) - baseline;
        if (entry.canRise <= room) continue;
        rows.add(entry.terms, -INF, room);
      }
    }
    if (rule.budgetPerYearEur !== null) {
      const base = budgetAmounts(tasks, new Map());
      const byYear = new Map<number, { terms: Map<number, number>; canRise: number }>();
      for (const columns of movingHere) {
        const task = columns.mover.task;
        if (!task.costEur) continue;
        const at0 = costByYear(task, 0);
        const rises = new Map<number, number>();
        for (const [shift, col] of columns.column) {
          const atK = costByYear(task, shift);
          for (const year of new Set([...at0.keys(), ...atK.keys()])) {
            const delta = (atK.get(year) ?? 0) - (at0.get(year) ?? 0);
            if (Math.abs(delta) < 1e-9) continue;
            const entry = byYear.get(year) ?? { terms: new Map(), canRise: 0 };
            entry.terms.set(col, delta);
            byYear.set(year, entry);
            if (delta > 0) rises.set(year, Math.max(rises.get(year) ?? 0, delta));
          }
        }
        for (const [year, rise] of rises) byYear.get(year)!.canRise += rise;
      }
      for (const [year, entry] of [...byYear].sort(([a], [b]) => a - b)) {
        const baseline = base.get(year) ?? 0;
        const cap = Math.max(rule.budgetPerYearEur, Math.round(baseline));
        // round(amount) <= cap exactly when amount < cap + 0.5; a cent's margin keeps it strict.
        const room = cap + 0.5 - baseline - 0.01;
        if (entry.canRise <= room) continue;
        rows.add(entry.terms, -INF, room);
      }
    }
  }

  // Urgency between two movers, per end month T: S_a(T) - S_b(T) <= 0.
  for (const [a, b] of edges) {
    const ca = a.columns!;
    const cb = b.columns!;
    const minEndB = Math.min(...cb.shifts.map((shift) => b.end + shift));
    const thresholds = [...new Set(ca.shifts.map((shift) => a.end + shift))].filter((t) => t > minEndB).sort((x, y) => x - y);
    for (const threshold of thresholds) {
      const expression = new Expression();
      for (const shift of ca.shifts) if (a.end + shift >= threshold) expression.chosen(ca, shift, 1);
      for (const shift of cb.shifts) if (b.end + shift >= threshold) expression.chosen(cb, shift, -1);
      rows.add(expression.terms, -INF, -expression.constant);
    }
  }

  const numCols = moverColumns.length + pairColumns.length;
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  const integrality = new Int32Array(numCols);
  integrality.fill(1, 0, moverColumns.length);
  const primaryCost = new Float64Array(numCols);
  for (const [col, value] of primary) primaryCost[col] = value;
  const secondary = new Float64Array(numCols);
  moverColumns.forEach((column, index) => {
    secondary[index] = Math.abs(column.shift);
  });
  const start = new Float64Array(numCols);
  pairColumns.forEach((pair, index) => {
    start[pairColumnBase + index] = pair.start;
  });
  return {
    milp: {
      numCols,
      numRows: rows.count,
      colLower,
      colUpper,
      integrality,
      rowStarts: Int32Array.from(rows.starts),
      rowIndices: Int32Array.from(rows.indices),
      rowValues: Float64Array.from(rows.values),
      rowLower: Float64Array.from(rows.lower),
      rowUpper: Float64Array.from(rows.upper),
      primary: primaryCost,
      primaryOffset,
      secondary,
      start,
    },
    moverColumns,
    binaries: moverColumns.length,
    baselineValueScaled,
  };
}

/** The moves a solution chooses: one per task whose column is set. */
export function movesFromSolution(model: PlanModel, values: ArrayLike<number>): ShiftMove[] {
  const moves: ShiftMove[] = [];
  model.moverColumns.forEach((column, index) => {
    if (values[index]! > 0.5) moves.push({ taskId: column.taskId, shiftMonths: column.shift });
  });
  return moves.sort((a, b) => a.taskId.localeCompare(b.taskId));
}

// ---------------------------------------------------------------------------------------------
// Explanation

export interface PlanPairRef {
  dikeTaskId: string;
  otherTaskId: string;
  /** The pair's other task (seen from the moved task): its id and title. */
  partnerTaskId: string;
  partnerTitle: string;
  soilMatchM3: number;
}

export interface ExplainedMove extends ShiftMove {
  title: string;
  areaId: string;
  partyId: string;
  /** Pairs this move makes aligned and pairs it loses (among the scope's pairs). */
  pairsWon: PlanPairRef[];
  pairsLost: PlanPairRef[];
  /** Soil of the pairs won minus the pairs lost. */
  soilGainedM3: number;
  /** The requester may not edit the moved task: its owner decides (a proposal). */
  needsConsent: boolean;
}

export interface PlanFigures {
  valueBefore: number;
  valueAfter: number;
  alignedPairsBefore: number;
  alignedPairsAfter: number;
  alignedSoilBeforeM3: number;
  alignedSoilAfterM3: number;
  movedMonths: number;
}

/**
 * Each move with the pairs it makes aligned or loses, the soil that gains, and whether it needs
 * its owner's consent; and the plan's before/after figures.
 *
 * @example explainPlan(problem, moves, (partyId) => partyId === 'wl').moves[0].pairsWon
 */
export function explainPlan(
  problem: PlanProblem,
  moves: readonly ShiftMove[],
  mayEdit: (partyId: string) => boolean,
): { moves: ExplainedMove[]; figures: PlanFigures } {
  const shifts = new Map(moves.filter((move) => move.shiftMonths !== 0).map((move) => [move.taskId, move.shiftMonths]));
  const tasksById = new Map(problem.tasks.map((task) => [task.id, task]));
  const explained = new Map<string, ExplainedMove>();
  for (const [taskId, shiftMonths] of shifts) {
    const task = tasksById.get(taskId);
    if (!task) continue;
    explained.set(taskId, {
      taskId,
      shiftMonths,
      title: task.title,
      areaId: task.areaId,
      partyId: task.partyId,
      pairsWon: [],
      pairsLost: [],
      soilGainedM3: 0,
      needsConsent: !mayEdit(task.partyId),
    });
  }
  const none = new Map<string, number>();
  const m = problem.options.minOverlap;
  for (const pair of problem.pairs) {
    if (!shifts.has(pair.dike.id) && !shifts.has(pair.other.id)) continue;
    const before = pairAligned(pair, none, m);
    const after = pairAligned(pair, shifts, m);
    if (before === after) continue;
    for (const [moved, partner] of [
      [pair.dike, pair.other],
      [pair.other, pair.dike],
    ] as const) {
      const move = explained.get(moved.id);
      if (!move) continue;
      const ref = { dikeTaskId: pair.dike.id, otherTaskId: pair.other.id, partnerTaskId: partner.id, partnerTitle: partner.title, soilMatchM3: pair.soilMatchM3 };
      if (after) {
        move.pairsWon.push(ref);
        move.soilGainedM3 += pair.soilMatchM3;
      } else {
        move.pairsLost.push(ref);
        move.soilGainedM3 -= pair.soilMatchM3;
      }
    }
  }
  const baseline = planValue(problem, none);
  const planned = planValue(problem, shifts);
  let movedMonths = 0;
  for (const shift of shifts.values()) movedMonths += Math.abs(shift);
  return {
    moves: [...explained.values()].sort((a, b) => a.areaId.localeCompare(b.areaId) || a.title.localeCompare(b.title) || a.taskId.localeCompare(b.taskId)),
    figures: {
      valueBefore: baseline.valueScaled / VALUE_SOIL_UNIT_M3,
      valueAfter: planned.valueScaled / VALUE_SOIL_UNIT_M3,
      alignedPairsBefore: baseline.alignedPairs,
      alignedPairsAfter: planned.alignedPairs,
      alignedSoilBeforeM3: baseline.alignedSoilM3,
      alignedSoilAfterM3: planned.alignedSoilM3,
      movedMonths,
    },
  };
}
