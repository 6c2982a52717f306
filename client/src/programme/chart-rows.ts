import type { OverviewResponse, ProgrammeResponse } from '../../../server/contracts/programmes.js';
import { monthIndex, shiftMonth } from '../timeline/to-items.js';

type Capacity = ProgrammeResponse['capacity'][number];

/** Consecutive months with the same number of tasks in realisation: one table row instead of dozens. */
export interface MonthRun {
  from: string;
  to: string;
  count: number;
  /** More tasks than the party's limit. */
  over: boolean;
}

/**
 * The months a programme has tasks in realisation, merged into runs of equal count (months
 * without any are left out), each marked when it exceeds the limit.
 *
 * @example monthRuns({ months: [{ month: '2030-01', count: 2 }, { month: '2030-02', count: 2 }, { month: '2030-03', count: 0 }], maxConcurrent: 1 })
 * // [{ from: '2030-01', to: '2030-02', count: 2, over: true }]
 */
export function monthRuns(capacity: Pick<Capacity, 'months' | 'maxConcurrent'>): MonthRun[] {
  const runs: MonthRun[] = [];
  for (const { month, count } of capacity.months) {
    const last = runs.at(-1);
    if (last && last.count === count && shiftMonth(last.to, 1) === month) {
      last.to = month;
      continue;
    }
    if (count > 0) runs.push({ from: month, to: month, count, over: capacity.maxConcurrent !== null && count > capacity.maxConcurrent });
  }
  return runs;
}

/** The first month with the most tasks in realisation at once, or null when none ever is. */
export function peakMonth(capacity: Pick<Capacity, 'months'>): { month: string; count: number } | null {
  let peak: { month: string; count: number } | null = null;
  for (const { month, count } of capacity.months) if (count > 0 && (!peak || count > peak.count)) peak = { month, count };
  return peak;
}

export interface YearAmount {
  year: number;
  amountEur: number;
  budgetEur: number | null;
  over: boolean;
}

/** Cost per year beside the budget, every year of the programme's range. */
export function costRows(capacity: Pick<Capacity, 'costPerYear' | 'budgetPerYearEur'>): YearAmount[] {
  const budget = capacity.budgetPerYearEur;
  return capacity.costPerYear.map(({ year, amountEur }) => ({ year, amountEur, budgetEur: budget, over: budget !== null && amountEur > budget }));
}

/** The year with the highest amount (the first on a tie), or null when every year is zero. */
export function peakYear<Row extends { year: number }>(rows: readonly Row[], value: (row: Row) => number): Row | null {
  let peak: Row | null = null;
  for (const row of rows) if (value(row) > 0 && (!peak || value(row) > value(peak))) peak = row;
  return peak;
}

/** Whether a programme's capacity has anything to chart: a limit, or tasks in realisation. */
export function hasConcurrency(capacity: Pick<Capacity, 'months' | 'maxConcurrent'>): boolean {
  return capacity.maxConcurrent !== null || capacity.months.some(({ count }) => count > 0);
}

/** Whether a programme's costs have anything to chart: a budget, or costs. */
export function hasCosts(capacity: Pick<Capacity, 'costPerYear' | 'budgetPerYearEur'>): boolean {
  return capacity.budgetPerYearEur !== null || capacity.costPerYear.some(({ amountEur }) => amountEur > 0);
}

/** The last year the HWBP may build in (DOMAIN.md: before 2050). */
export const LAST_HWBP_YEAR = 2049;

export interface PaceRow {
  year: number;
  km: number;
  /** The km per year needed from the overview's year on; null for earlier years. */
  neededKm: number | null;
  /** A year still to come that reinforces fewer km than needed. */
  belowPace: boolean;
}

/**
 * Km of dike in realisation per year from the first year with any (or the overview's year) up
 * to 2049, with the needed pace for the years left. Years without realisation count 0 km.
 *
 * @example paceRows({ kmPerYear: [{ year: 2048, km: 3 }], pace: { year: 2048, neededKmPerYear: 2, ... } }) // [{ year: 2048, km: 3, neededKm: 2, belowPace: false }, { year: 2049, km: 0, neededKm: 2, belowPace: true }]
 */
export function paceRows(overview: Pick<OverviewResponse, 'kmPerYear' | 'pace'>): PaceRow[] {
  const kmByYear = new Map(overview.kmPerYear.map(({ year, km }) => [year, km]));
  const { year: now, neededKmPerYear } = overview.pace;
  const first = Math.min(now, ...kmByYear.keys());
  const last = Math.max(LAST_HWBP_YEAR, ...kmByYear.keys());
  return Array.from({ length: last - first + 1 }, (_, index) => {
    const year = first + index;
    const km = kmByYear.get(year) ?? 0;
    const counts = year >= now && year <= LAST_HWBP_YEAR;
    return { year, km, neededKm: counts ? neededKmPerYear : null, belowPace: counts && km < neededKmPerYear };
  });
}

/**
 * Months (`YYYY-MM`, in any order) as runs of consecutive months, for saying in words which months exceed a limit.
 *
 * @example monthRanges(['2031-02', '2031-01', '2031-05']) // [{ from: '2031-01', to: '2031-02' }, { from: '2031-05', to: '2031-05' }]
 */
export function monthRanges(months: readonly string[]): { from: string; to: string }[] {
  const ranges: { from: string; to: string }[] = [];
  for (const month of [...months].sort()) {
    const last = ranges.at(-1);
    if (last && monthIndex(month) === monthIndex(last.to) + 1) last.to = month;
    else ranges.push({ from: month, to: month });
  }
  return ranges;
}
