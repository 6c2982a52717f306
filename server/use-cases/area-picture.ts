import { toAlignmentReportResponse } from '../contracts/alignments.js';
import type { SnapshotContent } from '../contracts/snapshots.js';
import { toTaskResponse } from '../contracts/tasks.js';
import type { Executor } from '../db/database.js';
import { findArea, getArea } from '../db/repositories/areas.js';
import { getDikeTraject } from '../db/repositories/dike-trajects.js';
import { listParties } from '../db/repositories/parties.js';
import { getScenario } from '../db/repositories/scenarios.js';
import { listAreaTasks, listTaskVersions } from '../db/repositories/tasks.js';
import { detectAlignments } from '../domain/alignment.js';
import { formatMonth, type MonthIndex } from '../domain/months.js';
import { applyMoves } from '../domain/scenarios.js';
import { toLedgerBody } from '../contracts/soil.js';
import { findSoilSettings } from '../db/repositories/soil-settings.js';
import { effectiveSoilSettings, pictureLedger } from './soil.js';
import { areaTablePicture } from './agenda.js';

/**
 * The complete picture of an area now, seen at `asOf` (started work fixed), with a scenario's
 * moves applied when one is given. Reads
 * only, and runs the alignment detector: build it before a write transaction, then store it in
 * one that first checks {@link isPictureCurrent}.
 */
export async function pictureOf(db: Executor, areaId: string, scenarioId: string | null, asOf: MonthIndex): Promise<SnapshotContent> {
  const area = await getArea(db, areaId);
  const baseline = await listAreaTasks(db, areaId);
  const scenario = scenarioId ? await getScenario(db, scenarioId) : null;
  const tasks = scenario ? applyMoves(baseline, scenario.moves, asOf) : baseline;
  const table = await areaTablePicture(db, areaId);
  // The parties of the tasks, and those that own an agenda item (issue 17): the picture names them all.
  const partyIds = new Set([...tasks.map((task) => task.partyId), ...(table.agenda ?? []).flatMap((item) => (item.ownerPartyId ? [item.ownerPartyId] : []))]);
  const trajectIds = [...new Set(tasks.flatMap((task) => (task.dikeTrajectId ? [task.dikeTrajectId] : [])))].sort();
  return {
    area,
    parties: (await listParties(db)).filter((party) => partyIds.has(party.id)),
    tasks: tasks.map((task) => toTaskResponse(task, asOf)),
    dikeTrajects: await Promise.all(trajectIds.map((id) => getDikeTraject(db, id))),
    alignments: toAlignmentReportResponse(areaId, detectAlignments(tasks, undefined, asOf), tasks),
    scenario: scenario
      ? { id: scenario.id, name: scenario.name, moves: scenario.moves.map(({ taskId, shiftMonths }) => ({ taskId, shiftMonths })) }
      : null,
    asOf: formatMonth(asOf),
    soilLedger: toLedgerBody(await pictureLedger(db, areaId, tasks)),
    // The area table as it was (issue 17).
    ...table,
  };
}

/**
 * Whether a picture still shows the plan as it is: the same area, exactly the same tasks at the
 * same versions, the same scenario moves, the same soil key figures. The reads behind a picture are several statements, and
 * a write can land between them; any write to the area's tasks bumps a version, so a picture that
 * passes this check inside the transaction that stores it shows one consistent state: the one
 * the transaction sees.
 */
export async function isPictureCurrent(db: Executor, picture: SnapshotContent): Promise<boolean> {
  const area = await findArea(db, picture.area.id);
  if (!area || area.name !== picture.area.name || area.description !== picture.area.description) return false;
  // The ledger was computed with the area's soil key figures: a change to them makes it stale.
  if (picture.soilLedger) {
    const { values } = effectiveSoilSettings(await findSoilSettings(db, area.id));
    const used = picture.soilLedger.settings;
    if (values.soilStorageMonths !== used.soilStorageMonths || values.savingEurPerM3 !== used.savingEurPerM3 || values.truckLoadM3 !== used.truckLoadM3) return false;
  }
  const versions = await listTaskVersions(db, { areaIds: [area.id], partyProgrammes: [] });
  if (versions.size !== picture.tasks.length || picture.tasks.some((task) => versions.get(task.id) !== task.version)) return false;
  if (picture.scenario) {
    const scenario = await getScenario(db, picture.scenario.id).catch(() => null);
    const moves = (scenario?.moves ?? []).map(({ taskId, shiftMonths }) => ({ taskId, shiftMonths }));
    if (!scenario || scenario.name !== picture.scenario.name || JSON.stringify(moves) !== JSON.stringify(picture.scenario.moves)) return false;
  }
  return true;
}
