import type { Executor } from '../database.js';
import { recordAudit, type WriteContext } from './audit.js';

/** An area's own figures; null where it follows the default. */
export interface StoredSoilSettings {
  areaId: string;
  soilStorageMonths: number | null;
  savingEurPerM3: number | null;
  truckLoadM3: number | null;
  updatedAt: string | null;
}

const columns = [
  'area_id as areaId',
  'soil_storage_months as soilStorageMonths',
  'saving_eur_per_m3 as savingEurPerM3',
  'truck_load_m3 as truckLoadM3',
  'updated_at as updatedAt',
] as const;

function unset(areaId: string): StoredSoilSettings {
  return { areaId, soilStorageMonths: null, savingEurPerM3: null, truckLoadM3: null, updatedAt: null };
}

/** The area's own figures (all null when it never set one). Does not check that the area exists. */
export async function findSoilSettings(db: Executor, areaId: string): Promise<StoredSoilSettings> {
  const row = await db.selectFrom('area_soil_settings').select(columns).where('area_id', '=', areaId).executeTakeFirst();
  return row ?? unset(areaId);
}

/** The own figures of several areas at once, one entry per area asked for. */
export async function listSoilSettings(db: Executor, areaIds: readonly string[]): Promise<Map<string, StoredSoilSettings>> {
  const found = new Map(areaIds.map((areaId) => [areaId, unset(areaId)]));
  if (areaIds.length === 0) return found;
  const rows = await db.selectFrom('area_soil_settings').select(columns).where('area_id', 'in', [...areaIds]).execute();
  for (const row of rows) found.set(row.areaId, row);
  return found;
}

/** Stores exactly these own figures (null = the default) and audits the change. Run inside a transaction. */
export async function saveSoilSettings(
  db: Executor,
  areaId: string,
  figures: { soilStorageMonths: number | null; savingEurPerM3: number | null; truckLoadM3: number | null },
  context: WriteContext,
): Promise<StoredSoilSettings> {
  const before = await findSoilSettings(db, areaId);
  const values = {
    soil_storage_months: figures.soilStorageMonths,
    saving_eur_per_m3: figures.savingEurPerM3,
    truck_load_m3: figures.truckLoadM3,
    updated_at: context.now,
    updated_by: context.actor.id,
  };
  await db
    .insertInto('area_soil_settings')
    .values({ area_id: areaId, ...values })
    .onConflict((conflict) => conflict.column('area_id').doUpdateSet(values))
    .execute();
  const after = await findSoilSettings(db, areaId);
  const figuresOf = ({ soilStorageMonths, savingEurPerM3, truckLoadM3 }: StoredSoilSettings) => ({ soilSettings: { soilStorageMonths, savingEurPerM3, truckLoadM3 } });
  await recordAudit(db, context, { entityType: 'area', entityId: areaId, action: 'update', before: figuresOf(before), after: figuresOf(after) });
  return after;
}
