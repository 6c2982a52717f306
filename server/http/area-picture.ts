import { toAlignmentReportResponse } from '../contracts/alignments.js';
import type { SnapshotContent } from '../contracts/snapshots.js';
import { toTaskResponse } from '../contracts/tasks.js';
import type { Executor } from '../db/database.js';
import { getArea } from '../db/repositories/areas.js';
import { getDikeTraject } from '../db/repositories/dike-trajects.js';
import { listParties } from '../db/repositories/parties.js';
import { getScenario } from '../db/repositories/scenarios.js';
import { listAreaTasks } from '../db/repositories/tasks.js';
import { detectAlignments } from '../domain/alignment.js';
import { applyMoves } from '../domain/scenarios.js';

/** The complete picture of an area now, with a scenario's moves applied when one is given. */
export async function pictureOf(db: Executor, areaId: string, scenarioId: string | null): Promise<SnapshotContent> {
  const area = await getArea(db, areaId);
  const baseline = await listAreaTasks(db, areaId);
  const scenario = scenarioId ? await getScenario(db, scenarioId) : null;
  const tasks = scenario ? applyMoves(baseline, scenario.moves) : baseline;
  const partyIds = new Set(tasks.map((task) => task.partyId));
  const trajectIds = [...new Set(tasks.flatMap((task) => (task.dikeTrajectId ? [task.dikeTrajectId] : [])))].sort();
  return {
    area,
    parties: (await listParties(db)).filter((party) => partyIds.has(party.id)),
    tasks: tasks.map(toTaskResponse),
    dikeTrajects: await Promise.all(trajectIds.map((id) => getDikeTraject(db, id))),
    alignments: toAlignmentReportResponse(areaId, detectAlignments(tasks), tasks),
    scenario: scenario
      ? { id: scenario.id, name: scenario.name, moves: scenario.moves.map(({ taskId, shiftMonths }) => ({ taskId, shiftMonths })) }
      : null,
  };
}

