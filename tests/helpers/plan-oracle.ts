/**
 * DOMAIN.md's "Programme plan (the optimiser)" read literally, as a test oracle: every
 * combination of every movable task's candidate shifts is tried, each constraint checked month by
 * month in the words of the text, and the best value and the least moving among the best found.
 * Written from DOMAIN.md alone: only types come from the code under test; the shift rules come
 * from the alignment oracle (itself written from DOMAIN.md).
 */
import type { CapacityRule } from '../../server/domain/scenarios.js';
import type { Task } from '../../server/domain/tasks.js';
import { literalAllowedShifts, literalShift } from './alignment-oracle.js';

export interface OracleOptions {
  scope: { kind: 'area'; areaId: string } | { kind: 'party'; partyId: string } | { kind: 'national' };
  asOf: number;
  stepMonths: number;
  minOverlap: number;
  moveOthers: boolean;
  allowInversions: boolean;
}

type Interval = { start: number; end: number };
const overlap = (a: Interval, b: Interval) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start) + 1);
const realisation = (phases: Task['phases']) => phases.find((phase) => phase.kind === 'realisatie')!;
const isDike = (task: Task) => task.programme === 'HWBP' && task.kind === 'dike_reinforcement';
const compatible = (a: Task['soilType'], b: Task['soilType']) => a === null || b === null || a === 'overig' || b === 'overig' || a === b;

/** The scope's areas: one area, every area where the party has tasks, or all. */
export function oracleAreas(tasks: readonly Task[], options: OracleOptions): Set<string> {
  const scope = options.scope;
  if (scope.kind === 'area') return new Set([scope.areaId]);
  return new Set(tasks.filter((task) => scope.kind === 'national' || task.partyId === scope.partyId).map((task) => task.areaId));
}

/** "What may move", each with "0, and every multiple of stepMonths in its allowed range". */
export function oracleCandidates(tasks: readonly Task[], options: OracleOptions): Map<string, number[]> {
  const areas = oracleAreas(tasks, options);
  const candidates = new Map<string, number[]>();
  for (const task of tasks) {
    if (!areas.has(task.areaId)) continue;
    const own = isDike(task) && (options.scope.kind !== 'party' || task.partyId === options.scope.partyId);
    if (!own && !options.moveOthers) continue;
    if (task.window === null) continue;
    if (realisation(task.phases).start < options.asOf) continue; // its realisation has started
    const shifts = literalAllowedShifts(task, options.asOf).filter((k) => k % options.stepMonths === 0);
    const all = [...new Set([0, ...shifts])].sort((a, b) => a - b);
    if (all.length > 1) candidates.set(task.id, all);
  }
  return candidates;
}

function positions(tasks: readonly Task[], shifts: ReadonlyMap<string, number>, asOf: number): Map<string, Interval> {
  return new Map(tasks.map((task) => [task.id, realisation(literalShift(task.phases, shifts.get(task.id) ?? 0, asOf))]));
}

/** Months (concurrent) or years (budget) where a rule's figure exceeds max(limit, baseline). */
function capacityBroken(tasks: readonly Task[], rules: readonly CapacityRule[], shifts: ReadonlyMap<string, number>, asOf: number): boolean {
  const movedParties = new Set(tasks.filter((task) => (shifts.get(task.id) ?? 0) !== 0).map((task) => task.partyId));
  const before = positions(tasks, new Map(), asOf);
  const after = positions(tasks, shifts, asOf);
  for (const rule of rules) {
    if (!movedParties.has(rule.partyId)) continue;
    const ruled = tasks.filter((task) => task.partyId === rule.partyId && task.programme === rule.programme);
    // Only months some realisation covers, before or after, can count anything.
    const spans = ruled.flatMap((task) => [before.get(task.id)!, after.get(task.id)!]);
    const first = Math.min(...spans.map((span) => span.start));
    const last = Math.max(...spans.map((span) => span.end));
    if (rule.maxConcurrent !== null) {
      for (let month = first; month <= last; month++) {
        const count = (where: Map<string, Interval>) => ruled.filter((task) => where.get(task.id)!.start <= month && month <= where.get(task.id)!.end).length;
        if (count(after) > Math.max(rule.maxConcurrent, count(before))) return true;
      }
    }
    if (rule.budgetPerYearEur !== null) {
      for (let year = Math.floor(first / 12); year <= Math.floor(last / 12); year++) {
        const amount = (where: Map<string, Interval>) => {
          let sum = 0;
          for (const task of ruled) {
            if (!task.costEur) continue;
            const r = where.get(task.id)!;
            const perMonth = task.costEur / (r.end - r.start + 1);
            for (let month = r.start; month <= r.end; month++) if (Math.floor(month / 12) === year) sum += perMonth;
          }
          return Math.round(sum);
        };
        if (amount(after) > Math.max(rule.budgetPerYearEur, amount(before))) return true;
      }
    }
  }
  return false;
}

/** Whether a more urgent section that ended no later than a less urgent one now ends after it. */
function urgencyBroken(tasks: readonly Task[], shifts: ReadonlyMap<string, number>, asOf: number): boolean {
  const ranked = tasks.filter((task) => task.programme === 'HWBP' && task.urgencyRank !== null);
  const before = positions(ranked, new Map(), asOf);
  const after = positions(ranked, shifts, asOf);
  for (const a of ranked) {
    for (const b of ranked) {
      if (!(a.urgencyRank! < b.urgencyRank!)) continue;
      if (!(shifts.get(a.id) ?? 0) && !(shifts.get(b.id) ?? 0)) continue;
      if (before.get(a.id)!.end <= before.get(b.id)!.end && after.get(a.id)!.end > after.get(b.id)!.end) return true;
    }
  }
  return false;
}

/** `10,000 x value`: every aligned pair of the scope's areas counts 10,000 plus its soil match. */
export function oracleValueScaled(tasks: readonly Task[], shifts: ReadonlyMap<string, number>, options: OracleOptions): number {
  const areas = oracleAreas(tasks, options);
  const where = positions(tasks, shifts, options.asOf);
  let value = 0;
  for (const dike of tasks) {
    if (!isDike(dike) || !areas.has(dike.areaId)) continue;
    for (const other of tasks) {
      if (other.programme === 'HWBP' || other.areaId !== dike.areaId) continue;
      if (overlap(where.get(dike.id)!, where.get(other.id)!) < options.minOverlap) continue;
      const soil = compatible(dike.soilType, other.soilType) ? Math.min(dike.soilDemandM3, other.soilSupplyM3) + Math.min(other.soilDemandM3, dike.soilSupplyM3) : 0;
      value += 10_000 + soil;
    }
  }
  return value;
}

/** Whether a set of shifts is a plan DOMAIN.md allows: candidates only, capacity and urgency kept. */
export function oracleFeasible(tasks: readonly Task[], rules: readonly CapacityRule[], shifts: ReadonlyMap<string, number>, options: OracleOptions): boolean {
  const candidates = oracleCandidates(tasks, options);
  for (const [id, shift] of shifts) if (shift !== 0 && !candidates.get(id)?.includes(shift)) return false;
  if (capacityBroken(tasks, rules, shifts, options.asOf)) return false;
  if (!options.allowInversions && urgencyBroken(tasks, shifts, options.asOf)) return false;
  return true;
}

export interface OracleOptimum {
  valueScaled: number;
  movedMonths: number;
  combinations: number;
}

/** Every combination of candidate shifts: the best value, and the least Σ|k| among the best. */
export function bruteForcePlan(tasks: readonly Task[], rules: readonly CapacityRule[], options: OracleOptions): OracleOptimum {
  const candidates = [...oracleCandidates(tasks, options)];
  let best: OracleOptimum = { valueScaled: -1, movedMonths: Infinity, combinations: 0 };
  const shifts = new Map<string, number>();
  let combinations = 0;
  const visit = (index: number) => {
    if (index === candidates.length) {
      combinations += 1;
      if (!oracleFeasible(tasks, rules, shifts, options)) return;
      const value = oracleValueScaled(tasks, shifts, options);
      let moved = 0;
      for (const shift of shifts.values()) moved += Math.abs(shift);
      if (value > best.valueScaled || (value === best.valueScaled && moved < best.movedMonths)) best = { valueScaled: value, movedMonths: moved, combinations: 0 };
      return;
    }
    const [id, shiftsOfTask] = candidates[index]!;
    for (const shift of shiftsOfTask) {
      shifts.set(id, shift);
      visit(index + 1);
    }
    shifts.delete(id);
  };
  visit(0);
  return { ...best, combinations };
}
