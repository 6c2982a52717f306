import type { Executor } from '../db/database.js';
import { getVersionedArea, listVersionedAreas } from '../db/repositories/areas.js';
import { listAreaTasks } from '../db/repositories/tasks.js';
import { VersionedCache } from '../db/versioned-cache.js';
import { detectAlignments, summarizeAlignments, type AlignmentReport, type AlignmentSummary } from '../domain/alignment.js';
import type { MonthIndex } from '../domain/months.js';
import type { Task } from '../domain/tasks.js';

/*
 * Area summaries are kept per area data version (bumped by the database on every write to the
 * area's tasks, from any process) and per the month they are computed at: the start page reads
 * 500 areas without running the detector 500 times. The next call after a write recomputes.
 */
const summaryCaches = new WeakMap<Executor, VersionedCache<AreaSummaryResult>>();

/** The summaries kept for one database: another database's versions mean nothing here. */
function summariesOf(db: Executor): VersionedCache<AreaSummaryResult> {
  let cache = summaryCaches.get(db);
  if (!cache) summaryCaches.set(db, (cache = new VersionedCache(5_000)));
  return cache;
}

/** An area's alignments at `asOf`, with the tasks the answer names. */
export async function areaAlignments(db: Executor, areaId: string, minOverlap: number, asOf: MonthIndex): Promise<{ report: AlignmentReport; tasks: Task[] }> {
  await getVersionedArea(db, areaId);
  const tasks = await listAreaTasks(db, areaId);
  return { report: detectAlignments(tasks, minOverlap, asOf), tasks };
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
      await summariesOf(db).get(`${area.id}|${asOf}|${area.name}|${area.description ?? ''}`, area.dataVersion, async () => {
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
