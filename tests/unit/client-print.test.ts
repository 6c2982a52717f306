import { describe, expect, it } from 'vitest';
import { rangeInView, wholeRange } from '../../client/src/print/print-timeline.js';

/** Month index as DOMAIN.md counts: year * 12 + (month - 1). */
const m = (year: number, month: number) => year * 12 + month - 1;

const realisation = (start: string, end: string) => ({ phases: [{ kind: 'realisatie' as const, start, end }], window: null });

describe('wholeRange', () => {
  it('runs from January of the first phase’s year to December 2050', () => {
    expect(wholeRange([realisation('2031-05', '2033-02'), realisation('2027-09', '2029-12')])).toEqual({ first: m(2027, 1), last: m(2050, 12) });
  });

  it('starts earlier for a window that opens before the first phase', () => {
    expect(wholeRange([{ ...realisation('2030-01', '2031-12'), window: { earliestStart: '2024-06', latestEnd: '2040-12' } }])).toEqual({ first: m(2024, 1), last: m(2050, 12) });
  });

  it('reaches December of the last year when work runs past 2050', () => {
    expect(wholeRange([realisation('2049-01', '2052-03')])).toEqual({ first: m(2049, 1), last: m(2052, 12) });
  });

  it('is 2050 alone for an area without tasks', () => {
    expect(wholeRange([])).toEqual({ first: m(2050, 1), last: m(2050, 12) });
  });
});

describe('rangeInView', () => {
  it('takes the whole months the window touches, a window ending at midnight on the 1st ending the month before', () => {
    expect(rangeInView(new Date(2027, 2, 15), new Date(2029, 6, 1))).toEqual({ first: m(2027, 3), last: m(2029, 6) });
  });

  it('is at least the one month in view', () => {
    expect(rangeInView(new Date(2030, 4, 3), new Date(2030, 4, 20))).toEqual({ first: m(2030, 5), last: m(2030, 5) });
  });
});
