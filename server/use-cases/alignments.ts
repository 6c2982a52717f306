import type { Executor } from '../db/database.js';
import { getArea, listAreas } from '../db/repositories/areas.js';
import { listAreaTasks } from '../db/repositories/tasks.js';
import { detectAlignments, summarizeAlignments, type AlignmentReport, type AlignmentSummary } from '../domain/alignment.js';
import type { Task } from '../domain/tasks.js';

/**
 * An area's alignments, always computed from the current tasks, never cached: the next call
 * after any change reflects it. Returns the tasks too, which the answer names.
 */
export async function areaAlignments(db: Executor, areaId: string, minOverlap?: number): Promise<{ report: AlignmentReport; tasks: Task[] }> {
  await getArea(db, areaId);
  const tasks = await listAreaTasks(db, areaId);
  return { report: detectAlignments(tasks, minOverlap), tasks };
}

export interface AreaSummaryResult {
  areaId: string;
  name: string;
  description: string | null;
  taskCount: number;
  partyCount: number;
  alignments: AlignmentSummary;
}

/** Every area with its number of tasks and parties and its alignment counts: the start page. */
export async function areaSummaries(db: Executor): Promise<AreaSummaryResult[]> {
  const summaries: AreaSummaryResult[] = [];
  for (const area of await listAreas(db)) {
    const tasks = await listAreaTasks(db, area.id);
    summaries.push({
      areaId: area.id,
      name: area.name,
      description: area.description,
      taskCount: tasks.length,
      partyCount: new Set(tasks.map((task) => task.partyId)).size,
      alignments: summarizeAlignments(detectAlignments(tasks)),
    });
  }
  return summaries;
}
