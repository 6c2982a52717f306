/**
 * Planning is by month: `YYYY-MM` strings outside, integer month indices inside
 * (`year * 12 + (month - 1)`), and every interval is inclusive on both ends.
 */

/** A month as an integer index: `year * 12 + (month - 1)`. */
export type MonthIndex = number;

/** An inclusive interval of months. */
export interface MonthInterval {
  start: MonthIndex;
  end: MonthIndex;
}

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** First and last month the tool accepts (2000-01 .. 2100-12). */
export const FIRST_PLANNING_MONTH: MonthIndex = 2000 * 12;
export const LAST_PLANNING_MONTH: MonthIndex = 2100 * 12 + 11;

/**
 * Parses `YYYY-MM` into a month index, or returns null when the text is not a month.
 *
 * @example parseMonth('2030-01') // 24360
 */
export function parseMonth(text: string): MonthIndex | null {
  const match = MONTH_PATTERN.exec(text);
  if (!match) return null;
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/**
 * Formats a month index as `YYYY-MM`.
 *
 * @example formatMonth(24360) // '2030-01'
 */
export function formatMonth(month: MonthIndex): string {
  const year = Math.floor(month / 12);
  const monthOfYear = month - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(monthOfYear).padStart(2, '0')}`;
}

/** Whether a month index lies within the accepted planning range. */
export function isPlanningMonth(month: MonthIndex): boolean {
  return Number.isInteger(month) && month >= FIRST_PLANNING_MONTH && month <= LAST_PLANNING_MONTH;
}

/** The calendar year a month index falls in. */
export function yearOfMonth(month: MonthIndex): number {
  return Math.floor(month / 12);
}

/**
 * Number of months in an inclusive interval.
 *
 * @example intervalLength({ start: m('2030-01'), end: m('2030-12') }) // 12
 */
export function intervalLength(interval: MonthInterval): number {
  return interval.end - interval.start + 1;
}

/**
 * Months two intervals share; 0 when they are disjoint.
 *
 * @example overlapMonths({ start: 0, end: 5 }, { start: 5, end: 9 }) // 1
 */
export function overlapMonths(a: MonthInterval, b: MonthInterval): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start) + 1);
}

/**
 * Months strictly between two intervals: 0 when they overlap or touch.
 *
 * @example gapMonths({ start: 0, end: 5 }, { start: 9, end: 12 }) // 3
 */
export function gapMonths(a: MonthInterval, b: MonthInterval): number {
  if (overlapMonths(a, b) > 0) return 0;
  return Math.max(b.start - a.end, a.start - b.end) - 1;
}

/** The interval moved by `shift` months. */
export function shiftInterval(interval: MonthInterval, shift: number): MonthInterval {
  return { start: interval.start + shift, end: interval.end + shift };
}

const AMSTERDAM_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' });

/**
 * The month an instant falls in, in the Netherlands (Europe/Amsterdam): the default `asOf`.
 * Takes the instant from its caller; the domain reads no clock.
 *
 * @example monthInNetherlands(new Date('2026-11-30T23:30:00Z')) // m('2026-12'): already December in Amsterdam
 */
export function monthInNetherlands(instant: Date): MonthIndex {
  const parts = AMSTERDAM_MONTH.formatToParts(instant);
  const year = Number(parts.find((part) => part.type === 'year')!.value);
  const month = Number(parts.find((part) => part.type === 'month')!.value);
  return year * 12 + month - 1;
}
