/**
 * DOMAIN.md read literally, as test oracles: every pair, every shift in a wide range, each
 * condition checked in the words of the text. Written from DOMAIN.md alone: only types come
 * from the code under test (erased at compile time), no function does.
 */
import type { AlignmentCounts, AlignmentPair, AlignmentReport, AlignmentTask } from '../../server/domain/alignment.js';
import type { Phase, TaskSchedule } from '../../server/domain/tasks.js';

/**
 * Shifts tried: 50 years either way, far wider than the test data's windows. An allowed shift
 * at either end would mean the range was too narrow: the oracle then throws.
 */
export const ORACLE_SHIFT_LIMIT = 600;

type Interval = { start: number; end: number };
type Refusal = 'no_window' | 'started' | 'past' | 'outside_window';

const overlap = (a: Interval, b: Interval) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start) + 1);
const gap = (a: Interval, b: Interval) => (overlap(a, b) > 0 ? 0 : Math.max(b.start - a.end, a.start - b.end) - 1);
const realisation = (task: Pick<TaskSchedule, 'phases'>): Phase => task.phases.find((phase) => phase.kind === 'realisatie')!;

/** "A phase with start < asOf has started"; with no asOf nothing has. */
const started = (phase: Phase, asOf: number | null) => asOf !== null && phase.start < asOf;

/**
 * The refusal DOMAIN.md (Time) gives shifting `task` by `k` at `asOf`, or null when allowed,
 * tested phase by phase on the shifted task rather than through the bounds `[kmin, kmax]`:
 * no window; realisation started; some moving phase, shifted, starts before asOf or meets a
 * started phase; some moving phase, shifted, leaves the window.
 */
export function literalShiftRefusal(task: TaskSchedule, k: number, asOf: number | null): Refusal | null {
  if (task.window === null) return 'no_window';
  if (started(realisation(task), asOf)) return 'started';
  for (const phase of task.phases) {
    if (started(phase, asOf)) continue;
    const shifted = { start: phase.start + k, end: phase.end + k };
    if (asOf !== null && shifted.start < asOf) return 'past';
    for (const fixed of task.phases) if (started(fixed, asOf) && overlap(fixed, shifted) > 0) return 'past';
  }
  for (const phase of task.phases) {
    if (started(phase, asOf)) continue;
    if (phase.start + k < task.window.earliestStart || phase.end + k > task.window.latestEnd) return 'outside_window';
  }
  return null;
}

/** Every k in the wide range that DOMAIN.md allows, ascending. */
export function literalAllowedShifts(task: TaskSchedule, asOf: number | null): number[] {
  const allowed: number[] = [];
  for (let k = -ORACLE_SHIFT_LIMIT; k <= ORACLE_SHIFT_LIMIT; k++) if (literalShiftRefusal(task, k, asOf) === null) allowed.push(k);
  if (allowed.includes(-ORACLE_SHIFT_LIMIT) || allowed.includes(ORACLE_SHIFT_LIMIT)) throw new Error('oracle shift range too narrow');
  return allowed;
}

/** The task after shifting its moving part by k: started phases stay. */
export function literalShift(phases: readonly Phase[], k: number, asOf: number | null): Phase[] {
  return phases.map((phase) => (started(phase, asOf) ? { ...phase } : { kind: phase.kind, start: phase.start + k, end: phase.end + k }));
}

const compatible = (a: AlignmentTask['soilType'], b: AlignmentTask['soilType']) => a === null || b === null || a === 'overig' || b === 'overig' || a === b;

function soilMatch(dike: AlignmentTask, other: AlignmentTask): number {
  if (!compatible(dike.soilType, other.soilType)) return 0;
  return Math.min(dike.soilDemandM3, other.soilSupplyM3) + Math.min(other.soilDemandM3, dike.soilSupplyM3);
}

/** Of the allowed shifts that make the realisations overlap by m: the smallest |k|, the earlier on a tie. */
function bestShift(moving: AlignmentTask, allowed: readonly number[], fixed: AlignmentTask, minOverlap: number, asOf: number | null): number | null {
  let best: number | null = null;
  for (const k of allowed) {
    if (overlap(realisation({ phases: literalShift(moving.phases, k, asOf) }), realisation(fixed)) < minOverlap) continue;
    if (best === null || Math.abs(k) < Math.abs(best) || (Math.abs(k) === Math.abs(best) && k < best)) best = k;
  }
  return best;
}

/** DOMAIN.md's alignment section read literally at `asOf` (null: nothing has started): every pair, every shift. */
export function bruteForceAlignments(tasks: readonly AlignmentTask[], minOverlap: number, asOf: number | null = null): AlignmentReport {
  const pairs: AlignmentPair[] = [];
  const counts: AlignmentCounts = { aligned: 0, alignable_by_dike: 0, alignable_by_other: 0, not_alignable: 0 };
  const allowed = new Map(tasks.map((task) => [task, literalAllowedShifts(task, asOf)]));
  const dikes = tasks.filter((task) => task.programme === 'HWBP' && task.kind === 'dike_reinforcement');
  for (const dike of dikes) {
    for (const other of tasks.filter((task) => task.programme !== 'HWBP')) {
      const pair: AlignmentPair = {
        dikeTaskId: dike.id,
        otherTaskId: other.id,
        status: 'not_alignable',
        overlapMonths: overlap(realisation(dike), realisation(other)),
        gapMonths: gap(realisation(dike), realisation(other)),
        move: null,
        soilMatchM3: soilMatch(dike, other),
      };
      const dikeShift = bestShift(dike, allowed.get(dike)!, other, minOverlap, asOf);
      const otherShift = bestShift(other, allowed.get(other)!, dike, minOverlap, asOf);
      if (pair.overlapMonths >= minOverlap) {
        pair.status = 'aligned';
      } else if (dikeShift !== null) {
        pair.status = 'alignable_by_dike';
        pair.move = { taskId: dike.id, shiftMonths: dikeShift };
      } else if (otherShift !== null) {
        pair.status = 'alignable_by_other';
        pair.move = { taskId: other.id, shiftMonths: otherShift };
      }
      counts[pair.status]++;
      if (pair.status !== 'not_alignable' || pair.soilMatchM3 > 0) pairs.push(pair);
    }
  }
  return { minOverlap, asOf, pairs, counts };
}
