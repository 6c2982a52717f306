import { intervalLength, yearOfMonth, type MonthIndex, type MonthInterval } from './months.js';
import { HWBP_LATEST_END, type Phase } from './tasks.js';

/** What the programme figures need of a task. */
export interface ProgrammeTask {
  id: string;
  programme: string;
  kind: string;
  phases: readonly Phase[];
  costEur: number | null;
  /** A dike section's own length; often a part of its trajectory. */
  lengthKm: number | null;
}

function realisationOf(task: { phases: readonly Phase[] }): MonthInterval | null {
  return task.phases.find((phase) => phase.kind === 'realisatie') ?? null;
}

/**
 * An amount spread evenly over the months of an interval, summed per calendar year: what a
 * task's cost or length contributes to each year it is in realisation.
 *
 * @example spreadOverYears({ start: m('2030-07'), end: m('2032-06') }, 12) // Map { 2030 => 3, 2031 => 6, 2032 => 3 }
 */
export function spreadOverYears(interval: MonthInterval, amount: number): Map<number, number> {
  const perMonth = amount / intervalLength(interval);
  const years = new Map<number, number>();
  for (let year = yearOfMonth(interval.start); year <= yearOfMonth(interval.end); year++) {
    const months = Math.min(interval.end, year * 12 + 11) - Math.max(interval.start, year * 12) + 1;
    years.set(year, perMonth * months);
  }
  return years;
}

function addInto(total: Map<number, number>, part: Map<number, number>): void {
  for (const [key, value] of part) total.set(key, (total.get(key) ?? 0) + value);
}

/** Km of dike in realisation per calendar year: each section's length spread over its realisation months. */
export function kmPerYear(tasks: readonly ProgrammeTask[]): Map<number, number> {
  const total = new Map<number, number>();
  for (const task of tasks) {
    const realisation = realisationOf(task);
    if (realisation && task.lengthKm) addInto(total, spreadOverYears(realisation, task.lengthKm));
  }
  return total;
}

/** Cost per calendar year, each task's cost spread over its realisation months, rounded to whole euros per year. */
export function costPerYear(tasks: readonly ProgrammeTask[]): Map<number, number> {
  const total = new Map<number, number>();
  for (const task of tasks) {
    const realisation = realisationOf(task);
    if (realisation && task.costEur) addInto(total, spreadOverYears(realisation, task.costEur));
  }
  for (const [year, amount] of total) total.set(year, Math.round(amount));
  return total;
}

/** How many of the tasks are in realisation in each month from `from` to `to`, and which. */
export function realisationsPerMonth(tasks: readonly ProgrammeTask[], from: MonthIndex, to: MonthIndex): { month: MonthIndex; taskIds: string[] }[] {
  const months = Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => ({ month: from + index, taskIds: [] as string[] }));
  for (const task of tasks) {
    const realisation = realisationOf(task);
    if (!realisation) continue;
    for (let month = Math.max(from, realisation.start); month <= Math.min(to, realisation.end); month++) months[month - from]!.taskIds.push(task.id);
  }
  return months;
}

export interface Pace {
  /** Km of HWBP dike sections whose realisation ends in `year` or later. */
  remainingKm: number;
  /** Sections counted as remaining that have no length, so are left out of `remainingKm`. */
  sectionsWithoutLength: number;
  /** Years left to finish in, `year` and 2049 included. */
  yearsLeft: number;
  /** Km per year needed to finish the remaining km by the end of 2049. */
  neededKmPerYear: number;
}

/**
 * The pace needed to finish the remaining HWBP dike sections by 2049: their km divided by the
 * years left, the current year included (24 in 2026).
 *
 * @example neededPace([{ ...section, lengthKm: 48, realisation ending 2030 }], 2026) // { remainingKm: 48, yearsLeft: 24, neededKmPerYear: 2, ... }
 */
export function neededPace(tasks: readonly ProgrammeTask[], year: number): Pace {
  let remainingKm = 0;
  let sectionsWithoutLength = 0;
  for (const task of tasks) {
    if (task.programme !== 'HWBP' || task.kind !== 'dike_reinforcement') continue;
    const realisation = realisationOf(task);
    if (!realisation || yearOfMonth(realisation.end) < year) continue;
    if (task.lengthKm === null) sectionsWithoutLength += 1;
    else remainingKm += task.lengthKm;
  }
  const yearsLeft = Math.max(0, yearOfMonth(HWBP_LATEST_END) - year + 1);
  return { remainingKm, sectionsWithoutLength, yearsLeft, neededKmPerYear: yearsLeft === 0 ? remainingKm : remainingKm / yearsLeft };
}
