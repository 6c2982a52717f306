/**
 * The area's soil ledger (DOMAIN.md, "Soil over time"): month by month and per soil type, where
 * the soil released by the area's tasks goes, what must be stored, brought in or carted off, and
 * what local reuse is worth.
 *
 * Decisions DOMAIN.md leaves open, taken here:
 * - Only tasks with `soilSupplyM3 > 0` or `soilDemandM3 > 0` span the ledger, release or need
 *   soil, or are named in a month; a task with neither is ignored.
 * - Every month of the range is in every series, all three types included and zeros kept, so a
 *   chart needs no gap filling and a month without any realisation still shows storage expiring.
 *   The figures come as columns (one array per type and figure, aligned with `months`): cheap to
 *   build for every area at once, and what a chart takes; `ledgerRows` gives rows for a table.
 * - `storedM3` is the month's unused release put into storage, even when it expires that same
 *   month (with `H = 0` it is then equal to that month's surplus part of its own release).
 * - The soil carted off after the last month (the closing line) counts in `cartedOffM3` and in
 *   `closingSurplusM3`, never in a month's `surplusM3`; the last month's level is that soil, so
 *   the peak includes it.
 * - The overall peak is the highest month-end sum of the three types' levels; it is not the
 *   sum of the types' own peaks. An empty ledger (no task supplies or needs soil) has no
 *   months, null first/last month and zero figures.
 * - `lorryLoadsAvoided` is not rounded (like every figure here, round only for display).
 * - A scenario's ledger is this function over the scenario's task positions: the caller applies
 *   the moves (scenarios.ts `applyMoves`), so shifting rules live in one place.
 */
import type { MonthIndex } from './months.js';
import { SOIL_TYPES, type Phase, type SoilType } from './tasks.js';

/** The part of a task the ledger reads; a domain `Task` fits. */
export interface LedgerTask {
  id: string;
  phases: readonly Phase[];
  soilSupplyM3: number;
  soilDemandM3: number;
  /** A missing type counts as `overig`. */
  soilType: SoilType | null;
}

/** The area's storage horizon and key figures. */
export interface LedgerSettings {
  /** Storage horizon `H` in whole months: soil released in month `t` may be used up to `t + H`; 0 = no storage. */
  storageMonths: number;
  /** Saving per m³ reused locally instead of carted off and brought in. */
  savingEurPerM3: number;
  /** m³ per lorry load. */
  truckLoadM3: number;
}

/** DOMAIN.md's defaults: 24 months of storage, €60/m³ (KOSWAT 2023), 24 m³ a lorry (Lemmer dike). */
export const DEFAULT_LEDGER_SETTINGS: Readonly<LedgerSettings> = Object.freeze({
  storageMonths: 24,
  savingEurPerM3: 60,
  truckLoadM3: 24,
});

/** The figures of one soil type in one month. Fractions of m³ are kept; round only for display. */
export interface MonthFigures {
  releasedM3: number;
  neededM3: number;
  /** Demand met from soil released in the same month. */
  usedDirectlyM3: number;
  /** Demand met from storage, oldest soil first. */
  takenFromStorageM3: number;
  /** Release not used this month, put into storage (with H = 0 it leaves again this month). */
  storedM3: number;
  /** Month-end level: only soil that may still be used in a later month. */
  storageLevelM3: number;
  /** Soil whose horizon ends this month, carted off at its end. */
  surplusM3: number;
  /** Demand not met: brought in. */
  shortageM3: number;
}

/** One series per figure, each aligned with `SoilLedger.months` (index i is month `months[i]`). */
export type MonthSeries = { [K in keyof MonthFigures]: number[] };

/** A task's part in the ledger: what it releases and needs in each month of its realisation. */
export interface LedgerContribution {
  taskId: string;
  soilType: SoilType;
  start: MonthIndex;
  end: MonthIndex;
  releasedPerMonthM3: number;
  neededPerMonthM3: number;
}

export interface LedgerTotals {
  releasedM3: number;
  neededM3: number;
  usedDirectlyM3: number;
  takenFromStorageM3: number;
  /** Reused locally: used directly + taken from storage. */
  reusedM3: number;
  /** The sum of the shortages. */
  broughtInM3: number;
  /** The months' surpluses plus the closing surplus. */
  cartedOffM3: number;
  /** Soil still in storage at the end of the last month, carted off after it: the closing line. */
  closingSurplusM3: number;
  /** Highest month-end storage level (overall: of the types' levels added up per month). */
  peakStorageM3: number;
}

/**
 * The ledger in columns: `months` is the time axis and every other per-month array is aligned
 * with it, so a chart takes a series as it is and JSON repeats no keys. `ledgerRows` turns it
 * into one row per month for a table.
 */
export interface SoilLedger {
  /** First and last month of the range; null when no task supplies or needs soil. */
  firstMonth: MonthIndex | null;
  lastMonth: MonthIndex | null;
  settings: LedgerSettings;
  /** Every month from `firstMonth` to `lastMonth`, in order. */
  months: MonthIndex[];
  /** Per type, each figure month by month. */
  series: Record<SoilType, MonthSeries>;
  /** Month-end storage level of all types together, month by month. */
  storageLevelM3: number[];
  /** Per month, the tasks in realisation that release soil then, in input order. */
  releasingTaskIds: string[][];
  /** Per month, the tasks in realisation that need soil then, in input order. */
  needingTaskIds: string[][];
  /** The tasks that supply or need soil, in input order. */
  contributions: LedgerContribution[];
  byType: Record<SoilType, LedgerTotals>;
  total: LedgerTotals;
  savingEur: number;
  lorryLoadsAvoided: number;
}

/** One month of a ledger as a row: what a table or a hover shows. */
export interface LedgerRow {
  month: MonthIndex;
  types: Record<SoilType, MonthFigures>;
  storageLevelM3: number;
  releasingTaskIds: string[];
  needingTaskIds: string[];
}

const TYPE_COUNT = SOIL_TYPES.length;

function typeIndex(type: SoilType | null): number {
  return type === 'klei' ? 0 : type === 'zand' ? 1 : 2;
}

function zeroTotals(): LedgerTotals {
  return {
    releasedM3: 0,
    neededM3: 0,
    usedDirectlyM3: 0,
    takenFromStorageM3: 0,
    reusedM3: 0,
    broughtInM3: 0,
    cartedOffM3: 0,
    closingSurplusM3: 0,
    peakStorageM3: 0,
  };
}

function emptySeries(): MonthSeries {
  return {
    releasedM3: [],
    neededM3: [],
    usedDirectlyM3: [],
    takenFromStorageM3: [],
    storedM3: [],
    storageLevelM3: [],
    surplusM3: [],
    shortageM3: [],
  };
}

/**
 * `count` zeros per figure, each series its own array: a type nobody works with keeps them, the
 * others are written month by month (sized up front: no regrowing, measurably faster nationally).
 */
function sizedSeries(count: number): MonthSeries {
  const zeros = () => new Array<number>(count).fill(0);
  return {
    releasedM3: zeros(),
    neededM3: zeros(),
    usedDirectlyM3: zeros(),
    takenFromStorageM3: zeros(),
    storedM3: zeros(),
    storageLevelM3: zeros(),
    surplusM3: zeros(),
    shortageM3: zeros(),
  };
}

/** `realisationPhase` without its callback: this runs once per task of every area, national views included. */
function realisationOf(task: LedgerTask): Phase {
  const phases = task.phases;
  for (let index = 0; index < phases.length; index++) {
    if (phases[index]!.kind === 'realisatie') return phases[index]!;
  }
  throw new Error(`task ${task.id} has no realisatie phase`);
}

function assertSettings(settings: LedgerSettings): void {
  if (!Number.isInteger(settings.storageMonths) || settings.storageMonths < 0) {
    throw new RangeError(`storageMonths must be a whole number ≥ 0, got ${settings.storageMonths}`);
  }
  if (!(settings.truckLoadM3 > 0)) throw new RangeError(`truckLoadM3 must be > 0, got ${settings.truckLoadM3}`);
  if (!Number.isFinite(settings.savingEurPerM3)) throw new RangeError('savingEurPerM3 must be a finite number');
}

/**
 * An area's soil ledger from its tasks at the positions given (the baseline, or a scenario's
 * tasks after its moves are applied): per month and soil type what is released, needed, used
 * directly, taken from storage (oldest first), stored, the month-end storage level, surplus and
 * shortage; totals per type and overall; and the saving and lorry loads avoided by local reuse.
 *
 * Runs in O(months × types + Σ realisation months of the soil tasks): storage is, per type, a
 * FIFO queue of at most one lot per release month, expired from the front.
 *
 * @param tasks - The area's tasks; each needs a `realisatie` phase.
 * @param settings - The area's storage horizon and key figures (see `DEFAULT_LEDGER_SETTINGS`).
 * @example
 * // A river measure frees 1,200 m³ of clay in 2030-01..2030-12; a dike needs 600 m³ in 2031-01..2031-06.
 * const ledger = soilLedger(
 *   [
 *     { id: 'river', phases: [{ kind: 'realisatie', start: 24360, end: 24371 }], soilSupplyM3: 1200, soilDemandM3: 0, soilType: 'klei' },
 *     { id: 'dike', phases: [{ kind: 'realisatie', start: 24372, end: 24377 }], soilSupplyM3: 0, soilDemandM3: 600, soilType: 'klei' },
 *   ],
 *   { storageMonths: 24, savingEurPerM3: 60, truckLoadM3: 24 },
 * );
 * ledger.total.reusedM3 // 600 (taken from storage)
 * ledger.total.cartedOffM3 // 600 (still stored after 2031-06: the closing line)
 * ledger.total.peakStorageM3 // 1200 (end of 2030-12)
 * ledger.savingEur // 36000
 * ledger.lorryLoadsAvoided // 50
 */
export function soilLedger(tasks: readonly LedgerTask[], settings: LedgerSettings): SoilLedger {
  assertSettings(settings);
  const horizon = settings.storageMonths;

  const contributions: LedgerContribution[] = [];
  let first = Infinity;
  let last = -Infinity;
  for (const task of tasks) {
    if (!(task.soilSupplyM3 > 0) && !(task.soilDemandM3 > 0)) continue;
    const realisation = realisationOf(task);
    const months = realisation.end - realisation.start + 1;
    contributions.push({
      taskId: task.id,
      soilType: SOIL_TYPES[typeIndex(task.soilType)]!,
      start: realisation.start,
      end: realisation.end,
      releasedPerMonthM3: task.soilSupplyM3 > 0 ? task.soilSupplyM3 / months : 0,
      neededPerMonthM3: task.soilDemandM3 > 0 ? task.soilDemandM3 / months : 0,
    });
    if (realisation.start < first) first = realisation.start;
    if (realisation.end > last) last = realisation.end;
  }

  const byType = { klei: zeroTotals(), zand: zeroTotals(), overig: zeroTotals() } satisfies Record<SoilType, LedgerTotals>;
  const total = zeroTotals();
  if (contributions.length === 0) {
    return {
      firstMonth: null,
      lastMonth: null,
      settings: { ...settings },
      months: [],
      series: { klei: emptySeries(), zand: emptySeries(), overig: emptySeries() },
      storageLevelM3: [],
      releasingTaskIds: [],
      needingTaskIds: [],
      contributions,
      byType,
      total,
      savingEur: 0,
      lorryLoadsAvoided: 0,
    };
  }

  const count = last - first + 1;
  const months: MonthIndex[] = [];
  const releasingTaskIds: string[][] = [];
  const needingTaskIds: string[][] = [];
  for (let offset = 0; offset < count; offset++) {
    months.push(first + offset);
    releasingTaskIds.push([]);
    needingTaskIds.push([]);
  }
  // Per type and month offset: released and needed, summed task by task (no running difference
  // sums, so a month nobody works in is exactly 0; the task loop is needed for the ids anyway).
  // Plain arrays, not Float64Arrays: allocating 500 areas' small ArrayBuffers measured slower.
  const released = new Array<number>(TYPE_COUNT * count).fill(0);
  const needed = new Array<number>(TYPE_COUNT * count).fill(0);
  const active = [false, false, false];
  for (const contribution of contributions) {
    const type = typeIndex(contribution.soilType);
    active[type] = true;
    const base = type * count - first;
    const release = contribution.releasedPerMonthM3;
    const need = contribution.neededPerMonthM3;
    for (let month = contribution.start; month <= contribution.end; month++) {
      if (release > 0) {
        released[base + month] = released[base + month]! + release;
        releasingTaskIds[month - first]!.push(contribution.taskId);
      }
      if (need > 0) {
        needed[base + month] = needed[base + month]! + need;
        needingTaskIds[month - first]!.push(contribution.taskId);
      }
    }
  }

  // Month-end level of all types together; returned as `storageLevelM3`.
  const overallLevel = new Array<number>(count).fill(0);
  // One lot per release month: lots[offset] is what is left of that month's stored soil.
  const lots = new Array<number>(count).fill(0);
  const series = {} as Record<SoilType, MonthSeries>;
  for (let type = 0; type < TYPE_COUNT; type++) {
    const soilType = SOIL_TYPES[type]!;
    if (!active[type]) {
      series[soilType] = sizedSeries(count);
      continue;
    }
    const out = sizedSeries(count);
    series[soilType] = out;
    const totals = byType[soilType];
    lots.fill(0);
    // The queue is lots[head..offset]; entries before head are used up or expired.
    let head = 0;
    let level = 0;
    for (let offset = 0; offset < count; offset++) {
      const releasedM3 = released[type * count + offset]!;
      const neededM3 = needed[type * count + offset]!;
      const usedDirectlyM3 = Math.min(releasedM3, neededM3);
      let open = neededM3 - usedDirectlyM3;
      let takenFromStorageM3 = 0;
      // Oldest first; everything still queued was released within the horizon (expired lots
      // left at the end of their last month).
      while (open > 0 && head < offset) {
        const lot = lots[head]!;
        if (lot <= open) {
          takenFromStorageM3 += lot;
          open -= lot;
          lots[head] = 0;
          head++;
        } else {
          lots[head] = lot - open;
          takenFromStorageM3 += open;
          open = 0;
        }
      }
      const storedM3 = releasedM3 - usedDirectlyM3;
      lots[offset] = storedM3;
      level += storedM3 - takenFromStorageM3;
      // Soil released in month t leaves at the end of month t + H.
      let surplusM3 = 0;
      while (head <= offset - horizon) {
        surplusM3 += lots[head]!;
        lots[head] = 0;
        head++;
      }
      level -= surplusM3;
      if (head > offset) level = 0; // nothing queued: no rounding residue
      out.releasedM3[offset] = releasedM3;
      out.neededM3[offset] = neededM3;
      out.usedDirectlyM3[offset] = usedDirectlyM3;
      out.takenFromStorageM3[offset] = takenFromStorageM3;
      out.storedM3[offset] = storedM3;
      out.storageLevelM3[offset] = level;
      out.surplusM3[offset] = surplusM3;
      out.shortageM3[offset] = open;
      totals.releasedM3 += releasedM3;
      totals.neededM3 += neededM3;
      totals.usedDirectlyM3 += usedDirectlyM3;
      totals.takenFromStorageM3 += takenFromStorageM3;
      totals.broughtInM3 += open;
      totals.cartedOffM3 += surplusM3;
      if (level > totals.peakStorageM3) totals.peakStorageM3 = level;
      overallLevel[offset] = overallLevel[offset]! + level;
    }
    let closing = 0;
    for (let offset = head; offset < count; offset++) closing += lots[offset]!;
    totals.closingSurplusM3 = closing;
    totals.cartedOffM3 += closing;
    totals.reusedM3 = totals.usedDirectlyM3 + totals.takenFromStorageM3;
  }

  for (const soilType of SOIL_TYPES) {
    const totals = byType[soilType];
    total.releasedM3 += totals.releasedM3;
    total.neededM3 += totals.neededM3;
    total.usedDirectlyM3 += totals.usedDirectlyM3;
    total.takenFromStorageM3 += totals.takenFromStorageM3;
    total.reusedM3 += totals.reusedM3;
    total.broughtInM3 += totals.broughtInM3;
    total.cartedOffM3 += totals.cartedOffM3;
    total.closingSurplusM3 += totals.closingSurplusM3;
  }
  for (const level of overallLevel) {
    if (level > total.peakStorageM3) total.peakStorageM3 = level;
  }

  return {
    firstMonth: first,
    lastMonth: last,
    settings: { ...settings },
    months,
    series,
    storageLevelM3: overallLevel,
    releasingTaskIds,
    needingTaskIds,
    contributions,
    byType,
    total,
    savingEur: total.reusedM3 * settings.savingEurPerM3,
    lorryLoadsAvoided: (2 * total.reusedM3) / settings.truckLoadM3,
  };
}

/**
 * The ledger as one row per month, for a table or a hover: every type's figures, the overall
 * level and the tasks releasing and needing soil that month.
 *
 * @example
 * ledgerRows(soilLedger(tasks, DEFAULT_LEDGER_SETTINGS))[0]
 * // { month: 24360, types: { klei: { releasedM3: 100, ... }, zand: {...}, overig: {...} }, storageLevelM3: 100, releasingTaskIds: ['river'], needingTaskIds: [] }
 */
export function ledgerRows(ledger: SoilLedger): LedgerRow[] {
  return ledger.months.map((month, index) => ({
    month,
    types: {
      klei: figuresAt(ledger.series.klei, index),
      zand: figuresAt(ledger.series.zand, index),
      overig: figuresAt(ledger.series.overig, index),
    },
    storageLevelM3: ledger.storageLevelM3[index]!,
    releasingTaskIds: ledger.releasingTaskIds[index]!,
    needingTaskIds: ledger.needingTaskIds[index]!,
  }));
}

function figuresAt(series: MonthSeries, index: number): MonthFigures {
  return {
    releasedM3: series.releasedM3[index]!,
    neededM3: series.neededM3[index]!,
    usedDirectlyM3: series.usedDirectlyM3[index]!,
    takenFromStorageM3: series.takenFromStorageM3[index]!,
    storedM3: series.storedM3[index]!,
    storageLevelM3: series.storageLevelM3[index]!,
    surplusM3: series.surplusM3[index]!,
    shortageM3: series.shortageM3[index]!,
  };
}

/** A figure before and after a scenario, and the change (scenario − baseline). */
export interface FigureChange {
  baseline: number;
  scenario: number;
  change: number;
}

export interface LedgerDelta {
  reusedM3: FigureChange;
  /** Brought in. */
  shortageM3: FigureChange;
  /** Carted off, closing line included. */
  surplusM3: FigureChange;
  peakStorageM3: FigureChange;
  savingEur: FigureChange;
  lorryLoadsAvoided: FigureChange;
  byType: Record<SoilType, Pick<LedgerDelta, 'reusedM3' | 'shortageM3' | 'surplusM3' | 'peakStorageM3'>>;
}

function figureChange(baseline: number, scenario: number): FigureChange {
  return { baseline, scenario, change: scenario - baseline };
}

function totalsChange(baseline: LedgerTotals, scenario: LedgerTotals): Pick<LedgerDelta, 'reusedM3' | 'shortageM3' | 'surplusM3' | 'peakStorageM3'> {
  return {
    reusedM3: figureChange(baseline.reusedM3, scenario.reusedM3),
    shortageM3: figureChange(baseline.broughtInM3, scenario.broughtInM3),
    surplusM3: figureChange(baseline.cartedOffM3, scenario.cartedOffM3),
    peakStorageM3: figureChange(baseline.peakStorageM3, scenario.peakStorageM3),
  };
}

/**
 * How a scenario's ledger differs from the baseline's: reused soil, shortage (brought in),
 * surplus (carted off), peak storage, saving and lorry loads avoided, overall and per type.
 *
 * @example
 * const delta = ledgerDelta(soilLedger(baselineTasks, settings), soilLedger(scenarioTasks, settings));
 * delta.reusedM3.change // e.g. 600: the scenario keeps 600 m³ more in the area
 */
export function ledgerDelta(baseline: SoilLedger, scenario: SoilLedger): LedgerDelta {
  return {
    ...totalsChange(baseline.total, scenario.total),
    savingEur: figureChange(baseline.savingEur, scenario.savingEur),
    lorryLoadsAvoided: figureChange(baseline.lorryLoadsAvoided, scenario.lorryLoadsAvoided),
    byType: {
      klei: totalsChange(baseline.byType.klei, scenario.byType.klei),
      zand: totalsChange(baseline.byType.zand, scenario.byType.zand),
      overig: totalsChange(baseline.byType.overig, scenario.byType.overig),
    },
  };
}
