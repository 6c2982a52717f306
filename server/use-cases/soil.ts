import type { PutSoilSettingsBody, SoilSettingValues } from '../contracts/soil.js';
import { type Db, type Executor, writeTransaction } from '../db/database.js';
import { assertActorDirectsArea, getArea } from '../db/repositories/areas.js';
import type { WriteContext } from '../db/repositories/audit.js';
import { getScenario } from '../db/repositories/scenarios.js';
import { findSoilSettings, listSoilSettings, saveSoilSettings, type StoredSoilSettings } from '../db/repositories/soil-settings.js';
import { listAreaTasks } from '../db/repositories/tasks.js';
import type { ShiftMove } from '../domain/alignment.js';
import type { MonthIndex } from '../domain/months.js';
import { applyMoves } from '../domain/scenarios.js';
import { DEFAULT_LEDGER_SETTINGS, ledgerDelta, soilLedger, type LedgerDelta, type LedgerSettings, type SoilLedger } from '../domain/soil-ledger.js';
import type { Task } from '../domain/tasks.js';

/** An area's key figures in effect, and which of them are its own (the rest are the defaults). */
export interface AreaSoilSettings {
  areaId: string;
  values: SoilSettingValues;
  own: Record<keyof SoilSettingValues, boolean>;
  updatedAt: string | null;
}

export function effectiveSoilSettings(stored: StoredSoilSettings): AreaSoilSettings {
  return {
    areaId: stored.areaId,
    values: {
      soilStorageMonths: stored.soilStorageMonths ?? DEFAULT_LEDGER_SETTINGS.storageMonths,
      savingEurPerM3: stored.savingEurPerM3 ?? DEFAULT_LEDGER_SETTINGS.savingEurPerM3,
      truckLoadM3: stored.truckLoadM3 ?? DEFAULT_LEDGER_SETTINGS.truckLoadM3,
    },
    own: {
      soilStorageMonths: stored.soilStorageMonths !== null,
      savingEurPerM3: stored.savingEurPerM3 !== null,
      truckLoadM3: stored.truckLoadM3 !== null,
    },
    updatedAt: stored.updatedAt,
  };
}

/** The ledger's settings from the area's figures in effect. */
export function ledgerSettingsOf(settings: AreaSoilSettings): LedgerSettings {
  return { storageMonths: settings.values.soilStorageMonths, savingEurPerM3: settings.values.savingEurPerM3, truckLoadM3: settings.values.truckLoadM3 };
}

/** The area's soil key figures in effect (its own, else the defaults). */
export async function soilSettingsOf(db: Executor, areaId: string): Promise<AreaSoilSettings> {
  await getArea(db, areaId);
  return effectiveSoilSettings(await findSoilSettings(db, areaId));
}

/** Sets the area's own soil key figures (null = follow the default): its own directors and admins; audited. */
export async function changeSoilSettings(db: Db, caller: WriteContext, areaId: string, body: PutSoilSettingsBody): Promise<AreaSoilSettings> {
  return writeTransaction(db, async (trx) => {
    await getArea(trx, areaId);
    await assertActorDirectsArea(trx, caller.actor, areaId);
    return effectiveSoilSettings(await saveSoilSettings(trx, areaId, body, caller));
  });
}

/** An area's ledger at the baseline, or a scenario's with its change against the baseline. */
export interface AreaLedger {
  areaId: string;
  scenarioId: string | null;
  asOf: MonthIndex;
  ledger: SoilLedger;
  delta: LedgerDelta | null;
}

/**
 * The area's soil ledger from its tasks at their baseline positions, or (with a scenario) at the
 * scenario's positions, its moves applied at `asOf` (started work stays put), with the change
 * against the baseline. Reads only.
 */
export async function areaSoilLedger(db: Executor, areaId: string, scenarioId: string | null, asOf: MonthIndex): Promise<AreaLedger> {
  const settings = ledgerSettingsOf(await soilSettingsOf(db, areaId));
  const scenario = scenarioId === null ? null : await getScenario(db, scenarioId);
  const baseline = await listAreaTasks(db, areaId);
  const baselineLedger = soilLedger(baseline, settings);
  if (!scenario) return { areaId, scenarioId: null, asOf, ledger: baselineLedger, delta: null };
  const ledger = soilLedger(applyMoves(baseline, scenario.moves, asOf), settings);
  return { areaId, scenarioId: scenario.id, asOf, ledger, delta: ledgerDelta(baselineLedger, ledger) };
}

/** The ledger of a picture's tasks (already at the positions pictured), with the area's figures now. */
export async function pictureLedger(db: Executor, areaId: string, tasks: readonly Task[]): Promise<SoilLedger> {
  return soilLedger(tasks, ledgerSettingsOf(effectiveSoilSettings(await findSoilSettings(db, areaId))));
}

export type AreaLedgerDelta = { areaId: string } & LedgerDelta;

/**
 * Per area, how moving its tasks changes its soil ledger: for a scenario evaluation. `tasks` must
 * hold every task of each area in `areaIds` (more is harmless); the moves are applied at `asOf`.
 */
export async function soilChanges(
  db: Executor,
  tasks: readonly Task[],
  moves: readonly ShiftMove[],
  areaIds: readonly string[],
  asOf: MonthIndex,
): Promise<AreaLedgerDelta[]> {
  const settings = await listSoilSettings(db, areaIds);
  return [...areaIds].sort().map((areaId) => {
    const ledgerSettings = ledgerSettingsOf(effectiveSoilSettings(settings.get(areaId)!));
    const baseline = tasks.filter((task) => task.areaId === areaId);
    const delta = ledgerDelta(soilLedger(baseline, ledgerSettings), soilLedger(applyMoves(baseline, moves, asOf), ledgerSettings));
    return { areaId, ...delta };
  });
}
