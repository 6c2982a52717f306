import {
  isHwbpDike,
  soilMatchM3,
  type AlignmentCounts,
  type AlignmentPair,
  type AlignmentReport,
  type AlignmentTask,
} from '../../server/domain/alignment.js';
import { gapMonths, overlapMonths, shiftInterval } from '../../server/domain/months.js';
import { realisationPhase, taskSpan } from '../../server/domain/tasks.js';

/** Every shift the window allows, tried one by one; the smallest |k| wins, the earlier on a tie. */
function bruteForceShift(moving: AlignmentTask, fixed: AlignmentTask, minOverlap: number): number | null {
  if (!moving.window) return null;
  const span = taskSpan(moving.phases);
  let best: number | null = null;
  for (let k = moving.window.earliestStart - span.start; k <= moving.window.latestEnd - span.end; k++) {
    if (overlapMonths(shiftInterval(realisationPhase(moving), k), realisationPhase(fixed)) < minOverlap) continue;
    if (best === null || Math.abs(k) < Math.abs(best) || (Math.abs(k) === Math.abs(best) && k < best)) best = k;
  }
  return best;
}

/** DOMAIN.md's alignment section read literally: every pair, every shift. The test oracle. */
export function bruteForceAlignments(tasks: readonly AlignmentTask[], minOverlap: number): AlignmentReport {
  const pairs: AlignmentPair[] = [];
  const counts: AlignmentCounts = { aligned: 0, alignable_by_dike: 0, alignable_by_other: 0, not_alignable: 0 };
  for (const dike of tasks.filter(isHwbpDike)) {
    for (const other of tasks.filter((task) => task.programme !== 'HWBP')) {
      const overlap = overlapMonths(realisationPhase(dike), realisationPhase(other));
      const pair: AlignmentPair = {
        dikeTaskId: dike.id,
        otherTaskId: other.id,
        status: 'not_alignable',
        overlapMonths: overlap,
        gapMonths: gapMonths(realisationPhase(dike), realisationPhase(other)),
        move: null,
        soilMatchM3: soilMatchM3(dike, other),
      };
      const dikeShift = bruteForceShift(dike, other, minOverlap);
      const otherShift = bruteForceShift(other, dike, minOverlap);
      if (overlap >= minOverlap) {
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
  return { minOverlap, pairs, counts };
}
