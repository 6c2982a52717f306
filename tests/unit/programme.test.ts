import { describe, expect, it } from 'vitest';
import { parseMonth } from '../../server/domain/months.js';
import { costPerYear, kmPerYear, neededPace, realisationsPerMonth, spreadOverYears, type ProgrammeTask } from '../../server/domain/programme.js';

const m = (text: string) => parseMonth(text)!;

function section(id: string, start: string, end: string, fields: Partial<ProgrammeTask> = {}): ProgrammeTask {
  return {
    id,
    programme: 'HWBP',
    kind: 'dike_reinforcement',
    phases: [{ kind: 'realisatie', start: m(start), end: m(end) }],
    costEur: null,
    lengthKm: null,
    ...fields,
  };
}

describe('spreadOverYears', () => {
  it('spreads a 12 km section realised from 2030-07 to 2032-06 as 3, 6 and 3 km', () => {
    expect([...spreadOverYears({ start: m('2030-07'), end: m('2032-06') }, 12)]).toEqual([
      [2030, 3],
      [2031, 6],
      [2032, 3],
    ]);
  });
});

describe('kmPerYear', () => {
  it('adds the sections up per year and leaves out sections without a length', () => {
    const tasks = [
      section('a', '2030-07', '2032-06', { lengthKm: 12 }),
      section('b', '2031-01', '2031-12', { lengthKm: 4 }),
      section('c', '2031-01', '2031-12'),
    ];
    expect(Object.fromEntries(kmPerYear(tasks))).toEqual({ 2030: 3, 2031: 10, 2032: 3 });
  });
});

describe('costPerYear', () => {
  it('spreads each cost over its realisation months and rounds each year to whole euros', () => {
    const tasks = [section('a', '2030-01', '2030-03', { costEur: 100 }), section('b', '2030-12', '2031-01', { costEur: 1 })];
    expect(Object.fromEntries(costPerYear(tasks))).toEqual({ 2030: 101, 2031: 1 });
  });
});

describe('realisationsPerMonth', () => {
  it('names the tasks in realisation in every month of the range', () => {
    const tasks = [section('a', '2030-01', '2030-02'), section('b', '2030-02', '2030-04')];
    expect(realisationsPerMonth(tasks, m('2029-12'), m('2030-03'))).toEqual([
      { month: m('2029-12'), taskIds: [] },
      { month: m('2030-01'), taskIds: ['a'] },
      { month: m('2030-02'), taskIds: ['a', 'b'] },
      { month: m('2030-03'), taskIds: ['b'] },
    ]);
  });
});

describe('neededPace', () => {
  it('divides the km of HWBP sections still to finish by the years left, 2049 and this year included', () => {
    const tasks = [
      section('done', '2023-01', '2024-12', { lengthKm: 10 }),
      section('this-year', '2025-01', '2026-06', { lengthKm: 8 }),
      section('later', '2030-01', '2031-12', { lengthKm: 40 }),
      section('unmeasured', '2035-01', '2036-12'),
      { ...section('river', '2030-01', '2031-12', { lengthKm: 99 }), programme: 'KRW', kind: 'river_measure' },
    ];
    expect(neededPace(tasks, 2026)).toEqual({ remainingKm: 48, sectionsWithoutLength: 1, yearsLeft: 24, neededKmPerYear: 2 });
  });
});
