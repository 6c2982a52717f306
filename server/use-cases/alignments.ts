import type { Executor } from '../db/database.js';
import { getVersionedArea, listVersionedAreas } from '../db/repositories/areas.js';
import { listAreaTasks } from '../db/repositories/tasks.js';
import { VersionedCache } from '../db/versioned-cache.js';
import { detectAlignments, summarizeAlignments, type AlignmentReport, type AlignmentSummary } from '../domain/alignment.js';
import type { MonthIndex } from '../domain/months.js';
import type { Task } from '../domain/tasks.js';

/*
 * Alignment reports and area summaries are kept per area data version (bumped by the database on
 * every write to the area's tasks, from any process) and per every parameter that changes the
 * answer: minimum overlap and the month the answer is computed at. The next call after a write
 * recomputes; nothing stale is ever served.
 */
const reports = new VersionedCache<{ report: AlignmentReport; tasks: Task[] }>(1_000);
const summaries = new VersionedCache<AreaSummaryResult>(5_000);

/** An area's alignments at `asOf`, with the tasks the answer names. */
export async function areaAlignments(db: Executor, areaId: string, minOverlap: number, asOf: MonthIndex): Promise<{ report: AlignmentReport; tasks: Task[] }> {
  const area = await getVersionedArea(db, areaId);
  return reports.get(`${areaId}|${minOverlap}|${asOf}`, area.dataVersion, async () => {
    const tasks = await listAreaTasks(db, areaId);
    return { report: detectAlignments(tasks, minOverlap, asOf), tasks };
  });
}

export interface AreaSummaryResult {
  areaId: string;
  name: string;
  description: string | null;
  taskCount: number;
  partyCount: number;
  alignments: AlignmentSummary;
}

/** Every area with its number of tasks and parties and its alignment counts at `asOf`: the start page. */
export async function areaSummaries(db: Executor, asOf: MonthIndex): Promise<AreaSummaryResult[]> {
  const results: AreaSummaryResult[] = [];
  for (const area of await listVersionedAreas(db)) {
    results.push(
      await summaries.get(`${area.id}|${asOf}|${area.name}|${area.description ?? ''}`, area.dataVersion, async () => {
        const tasks = await listAreaTasks(db, area.id);
        return {
          areaId: area.id,
          name: area.name,
          description: area.description,
          taskCount: tasks.length,
          partyCount: new Set(tasks.map((task) => task.partyId)).size,
          alignments: summarizeAlignments(detectAlignments(tasks, undefined, asOf)),
        };
      }),
    );
  }
  return results;
}
