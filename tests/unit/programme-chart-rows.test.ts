import { describe, expect, it } from 'vitest';
import { costRows, hasConcurrency, hasCosts, monthRanges, monthRuns, paceRows, peakMonth, peakYear } from '../../client/src/programme/chart-rows.js';
import { NATIONAL_HWBP_ESTIMATE } from '../../server/contracts/programmes.js';

const months = (counts: Record<string, number>) => Object.entries(counts).map(([month, count]) => ({ month, count }));

describe('monthRuns', () => {
  it('merges consecutive months of equal count and marks the runs over the limit', () => {
    const runs = monthRuns({ months: months({ '2030-11': 1, '2030-12': 3, '2031-01': 3, '2031-02': 2, '2031-03': 2 }), maxConcurrent: 2 });
    expect(runs).toEqual([
      { from: '2030-11', to: '2030-11', count: 1, over: false },
      { from: '2030-12', to: '2031-01', count: 3, over: true },
      { from: '2031-02', to: '2031-03', count: 2, over: false },
    ]);
  });

  it('leaves out months without realisation, and does not join runs across them', () => {
    const runs = monthRuns({ months: months({ '2030-01': 1, '2030-02': 0, '2030-03': 1 }), maxConcurrent: null });
    expect(runs).toEqual([
      { from: '2030-01', to: '2030-01', count: 1, over: false },
      { from: '2030-03', to: '2030-03', count: 1, over: false },
    ]);
  });

  it('marks nothing over when the party set no limit', () => {
    expect(monthRuns({ months: months({ '2030-01': 40 }), maxConcurrent: null })[0]!.over).toBe(false);
  });
});

describe('peakMonth', () => {
  it('names the first month with the most tasks at once', () => {
    expect(peakMonth({ months: months({ '2030-01': 2, '2030-02': 4, '2030-03': 4, '2030-04': 1 }) })).toEqual({ month: '2030-02', count: 4 });
  });

  it('is null when no task is ever in realisation', () => {
    expect(peakMonth({ months: months({ '2030-01': 0 }) })).toBeNull();
  });
});

describe('costRows', () => {
  it('sets every year beside the budget and marks the years above it, not those equal to it', () => {
    const rows = costRows({
      budgetPerYearEur: 100,
      costPerYear: [
        { year: 2030, amountEur: 100 },
        { year: 2031, amountEur: 101 },
      ],
    });
    expect(rows).toEqual([
      { year: 2030, amountEur: 100, budgetEur: 100, over: false },
      { year: 2031, amountEur: 101, budgetEur: 100, over: true },
    ]);
  });

  it('marks no year over without a budget', () => {
    expect(costRows({ budgetPerYearEur: null, costPerYear: [{ year: 2030, amountEur: 1e9 }] })[0]).toEqual({ year: 2030, amountEur: 1e9, budgetEur: null, over: false });
  });
});

describe('peakYear', () => {
  it('takes the first year on a tie and skips zeros', () => {
    const rows = [
      { year: 2030, km: 0 },
      { year: 2031, km: 6 },
      { year: 2032, km: 6 },
    ];
    expect(peakYear(rows, (row) => row.km)).toEqual({ year: 2031, km: 6 });
    expect(peakYear([{ year: 2030, km: 0 }], (row) => row.km)).toBeNull();
  });
});

describe('hasConcurrency and hasCosts', () => {
  it('chart a programme with a limit even before any realisation, and skip one with neither', () => {
    expect(hasConcurrency({ months: months({ '2030-01': 0 }), maxConcurrent: 2 })).toBe(true);
    expect(hasConcurrency({ months: months({ '2030-01': 0 }), maxConcurrent: null })).toBe(false);
    expect(hasCosts({ costPerYear: [{ year: 2030, amountEur: 0 }], budgetPerYearEur: null })).toBe(false);
    expect(hasCosts({ costPerYear: [{ year: 2030, amountEur: 5 }], budgetPerYearEur: null })).toBe(true);
  });
});

describe('paceRows', () => {
  const pace = (year: number, neededKmPerYear: number) => ({ year, remainingKm: 0, sectionsWithoutLength: 0, yearsLeft: 2049 - year + 1, neededKmPerYear, nationalEstimate: { ...NATIONAL_HWBP_ESTIMATE } });

  it('runs from the first year with km to 2049, with the needed pace only from the overview’s year on', () => {
    const rows = paceRows({
      kmPerYear: [
        { year: 2045, km: 1 },
        { year: 2046, km: 3 },
        { year: 2047, km: 2 },
      ],
      pace: pace(2046, 2),
    });
    expect(rows).toEqual([
      { year: 2045, km: 1, neededKm: null, belowPace: false },
      { year: 2046, km: 3, neededKm: 2, belowPace: false },
      { year: 2047, km: 2, neededKm: 2, belowPace: false },
      { year: 2048, km: 0, neededKm: 2, belowPace: true },
      { year: 2049, km: 0, neededKm: 2, belowPace: true },
    ]);
  });

  it('starts at the overview’s year when no section is in realisation', () => {
    expect(paceRows({ kmPerYear: [], pace: pace(2048, 0) }).map((row) => [row.year, row.belowPace])).toEqual([
      [2048, false],
      [2049, false],
    ]);
  });

  it('keeps years after 2049 that have km, without a needed pace', () => {
    const rows = paceRows({ kmPerYear: [{ year: 2051, km: 4 }], pace: pace(2049, 1) });
    expect(rows.map((row) => [row.year, row.neededKm, row.belowPace])).toEqual([
      [2049, 1, true],
      [2050, null, false],
      [2051, null, false],
    ]);
  });
});

describe('monthRanges', () => {
  it('joins consecutive months, across a year end, in month order', () => {
    expect(monthRanges(['2031-05', '2031-01', '2030-12', '2031-02'])).toEqual([
      { from: '2030-12', to: '2031-02' },
      { from: '2031-05', to: '2031-05' },
    ]);
  });
});
