import { describe, expect, it } from 'vitest';
import {
  formatMonth,
  gapMonths,
  intervalLength,
  isPlanningMonth,
  overlapMonths,
  parseMonth,
  shiftInterval,
} from '../../server/domain/months.js';

const m = (text: string) => parseMonth(text)!;

describe('parseMonth and formatMonth', () => {
  it('counts a month as year * 12 + month - 1', () => {
    expect(parseMonth('2030-01')).toBe(2030 * 12);
    expect(parseMonth('2030-12')).toBe(2030 * 12 + 11);
  });

  it('round-trips every month of the planning range', () => {
    for (let month = m('2000-01'); month <= m('2100-12'); month++) {
      expect(parseMonth(formatMonth(month))).toBe(month);
    }
  });

  it('rejects text that is not a month', () => {
    for (const text of ['2030-13', '2030-00', '2030-1', '30-01', '2030/01', '2030-01-01', ' 2030-01', '']) {
      expect(parseMonth(text)).toBeNull();
    }
  });

  it('accepts only 2000-01 through 2100-12 as planning months', () => {
    expect(isPlanningMonth(m('2000-01'))).toBe(true);
    expect(isPlanningMonth(m('2100-12'))).toBe(true);
    expect(isPlanningMonth(m('1999-12'))).toBe(false);
    expect(isPlanningMonth(m('2101-01'))).toBe(false);
  });
});

describe('interval arithmetic', () => {
  const year2030 = { start: m('2030-01'), end: m('2030-12') };

  it('counts both ends of an interval: a calendar year lasts 12 months', () => {
    expect(intervalLength(year2030)).toBe(12);
    expect(intervalLength({ start: 5, end: 5 })).toBe(1);
  });

  it('measures overlap in shared months, zero when disjoint', () => {
    expect(overlapMonths(year2030, { start: m('2030-12'), end: m('2031-06') })).toBe(1);
    expect(overlapMonths(year2030, { start: m('2031-01'), end: m('2031-06') })).toBe(0);
    expect(overlapMonths(year2030, { start: m('2030-03'), end: m('2030-05') })).toBe(3);
  });

  it('gives adjacent intervals a gap of zero and counts the months strictly between', () => {
    expect(gapMonths(year2030, { start: m('2031-01'), end: m('2031-06') })).toBe(0);
    expect(gapMonths(year2030, { start: m('2031-04'), end: m('2031-06') })).toBe(3);
    expect(gapMonths({ start: m('2031-04'), end: m('2031-06') }, year2030)).toBe(3);
    expect(gapMonths(year2030, year2030)).toBe(0);
  });

  it('shifts both ends of an interval', () => {
    expect(shiftInterval(year2030, -12)).toEqual({ start: m('2029-01'), end: m('2029-12') });
  });
});
