// DOMAIN.md's "Soil over time" read literally, month by month and type by type, keeping every lot
// of stored soil with its release month. The test oracle for server/domain/soil-ledger.ts: it
// shares no code with it (only the domain's type names), so the two can disagree.
import type { Phase, SoilType } from '../../server/domain/tasks.js';

export interface OracleTask {
  id: string;
  phases: readonly Phase[];
  soilSupplyM3: number;
  soilDemandM3: number;
  soilType: SoilType | null;
}

export interface OracleSettings {
  storageMonths: number;
  savingEurPerM3: number;
  truckLoadM3: number;
}

export interface OracleRow {
  releasedM3: number;
  neededM3: number;
  usedDirectlyM3: number;
  takenFromStorageM3: number;
  storedM3: number;
  storageLevelM3: number;
  surplusM3: number;
  shortageM3: number;
}

export interface OracleTotals {
  releasedM3: number;
  neededM3: number;
  usedDirectlyM3: number;
  takenFromStorageM3: number;
  reusedM3: number;
  broughtInM3: number;
  cartedOffM3: number;
  closingSurplusM3: number;
  peakStorageM3: number;
}

export interface OracleLedger {
  firstMonth: number | null;
  lastMonth: number | null;
  months: { month: number; types: Record<SoilType, OracleRow>; storageLevelM3: number; releasingTaskIds: string[]; needingTaskIds: string[] }[];
  byType: Record<SoilType, OracleTotals>;
  total: OracleTotals;
  savingEur: number;
  lorryLoadsAvoided: number;
}

const TYPES: SoilType[] = ['klei', 'zand', 'overig'];

interface Lot {
  releaseMonth: number;
  amount: number;
}

function realisation(task: OracleTask): Phase {
  const phase = task.phases.find((candidate) => candidate.kind === 'realisatie');
  if (!phase) throw new Error(`task ${task.id} has no realisatie`);
  return phase;
}

/** The brute-force ledger: for every month, every task is looked at again and every lot scanned. */
export function oracleSoilLedger(tasks: readonly OracleTask[], settings: OracleSettings): OracleLedger {
  const H = settings.storageMonths;
  const soilTasks = tasks.filter((task) => task.soilSupplyM3 > 0 || task.soilDemandM3 > 0);
  const typeOf = (task: OracleTask): SoilType => task.soilType ?? 'overig';
  const emptyTotals = (): OracleTotals => ({
    releasedM3: 0,
    neededM3: 0,
    usedDirectlyM3: 0,
    takenFromStorageM3: 0,
    reusedM3: 0,
    broughtInM3: 0,
    cartedOffM3: 0,
    closingSurplusM3: 0,
    peakStorageM3: 0,
  });
  const byType = { klei: emptyTotals(), zand: emptyTotals(), overig: emptyTotals() };
  const total = emptyTotals();
  if (soilTasks.length === 0) {
    return { firstMonth: null, lastMonth: null, months: [], byType, total, savingEur: 0, lorryLoadsAvoided: 0 };
  }
  const firstMonth = Math.min(...soilTasks.map((task) => realisation(task).start));
  const lastMonth = Math.max(...soilTasks.map((task) => realisation(task).end));

  const storage: Record<SoilType, Lot[]> = { klei: [], zand: [], overig: [] };
  const months: OracleLedger['months'] = [];
  for (let month = firstMonth; month <= lastMonth; month++) {
    const working = soilTasks.filter((task) => realisation(task).start <= month && month <= realisation(task).end);
    const row = {
      month,
      types: {} as Record<SoilType, OracleRow>,
      storageLevelM3: 0,
      releasingTaskIds: working.filter((task) => task.soilSupplyM3 > 0).map((task) => task.id),
      needingTaskIds: working.filter((task) => task.soilDemandM3 > 0).map((task) => task.id),
    };
    for (const type of TYPES) {
      let releasedM3 = 0;
      let neededM3 = 0;
      for (const task of working) {
        if (typeOf(task) !== type) continue;
        const phase = realisation(task);
        const length = phase.end - phase.start + 1;
        releasedM3 += task.soilSupplyM3 / length;
        neededM3 += task.soilDemandM3 / length;
      }
      // First from the same month's release.
      const usedDirectlyM3 = Math.min(releasedM3, neededM3);
      let stillNeeded = neededM3 - usedDirectlyM3;
      // Then from storage, oldest soil first, only soil still within its horizon.
      let takenFromStorageM3 = 0;
      const lots = storage[type].slice().sort((a, b) => a.releaseMonth - b.releaseMonth);
      for (const lot of lots) {
        if (stillNeeded <= 0) break;
        if (lot.releaseMonth + H < month || lot.amount <= 0) continue;
        const take = Math.min(lot.amount, stillNeeded);
        lot.amount -= take;
        stillNeeded -= take;
        takenFromStorageM3 += take;
      }
      // What is released and not used goes into storage.
      const storedM3 = releasedM3 - usedDirectlyM3;
      storage[type].push({ releaseMonth: month, amount: storedM3 });
      // Soil released in month t leaves at the end of month t + H.
      let surplusM3 = 0;
      for (const lot of storage[type]) {
        if (lot.releaseMonth + H === month) surplusM3 += lot.amount;
      }
      storage[type] = storage[type].filter((lot) => lot.releaseMonth + H > month);
      const storageLevelM3 = storage[type].reduce((sum, lot) => sum + lot.amount, 0);
      row.types[type] = {
        releasedM3,
        neededM3,
        usedDirectlyM3,
        takenFromStorageM3,
        storedM3,
        storageLevelM3,
        surplusM3,
        shortageM3: stillNeeded,
      };
    }
    row.storageLevelM3 = TYPES.reduce((sum, type) => sum + row.types[type].storageLevelM3, 0);
    months.push(row);
  }

  for (const type of TYPES) {
    const totals = byType[type];
    for (const row of months) {
      const figures = row.types[type];
      totals.releasedM3 += figures.releasedM3;
      totals.neededM3 += figures.neededM3;
      totals.usedDirectlyM3 += figures.usedDirectlyM3;
      totals.takenFromStorageM3 += figures.takenFromStorageM3;
      totals.broughtInM3 += figures.shortageM3;
      totals.cartedOffM3 += figures.surplusM3;
      totals.peakStorageM3 = Math.max(totals.peakStorageM3, figures.storageLevelM3);
    }
    // Whatever is still stored after the last month is carted off after it.
    totals.closingSurplusM3 = storage[type].reduce((sum, lot) => sum + lot.amount, 0);
    totals.cartedOffM3 += totals.closingSurplusM3;
    totals.reusedM3 = totals.usedDirectlyM3 + totals.takenFromStorageM3;
    for (const key of Object.keys(total) as (keyof OracleTotals)[]) {
      if (key !== 'peakStorageM3') total[key] += totals[key];
    }
  }
  for (const row of months) total.peakStorageM3 = Math.max(total.peakStorageM3, row.storageLevelM3);
  return {
    firstMonth,
    lastMonth,
    months,
    byType,
    total,
    savingEur: total.reusedM3 * settings.savingEurPerM3,
    lorryLoadsAvoided: (2 * total.reusedM3) / settings.truckLoadM3,
  };
}
