import { describe, expect, it } from 'vitest';
import {
  detectAlignments,
  shiftsReachingOverlap,
  smallestShift,
  soilMatchM3,
  soilTypesCompatible,
  type AlignmentTask,
} from '../../server/domain/alignment.js';
import { explainAlignment } from '../../server/domain/alignment-explanation.js';
import { parseMonth } from '../../server/domain/months.js';
import type { Phase } from '../../server/domain/tasks.js';

const m = (text: string) => parseMonth(text)!;

function dike(id: string, start: string, end: string, window?: [string, string], extra: Partial<AlignmentTask> = {}): AlignmentTask {
  return {
    id,
    programme: 'HWBP',
    kind: 'dike_reinforcement',
    phases: [{ kind: 'realisatie', start: m(start), end: m(end) }],
    window: window ? { earliestStart: m(window[0]), latestEnd: m(window[1]) } : null,
    soilSupplyM3: 0,
    soilDemandM3: 0,
    soilType: null,
    ...extra,
  };
}

function other(id: string, start: string, end: string, window?: [string, string], extra: Partial<AlignmentTask> = {}): AlignmentTask {
  return { ...dike(id, start, end, window), programme: 'KRW', kind: 'river_measure', ...extra };
}

describe('detectAlignments', () => {
  it('calls realisations that share at least minOverlap months aligned', () => {
    const report = detectAlignments([dike('d', '2030-01', '2031-12'), other('o', '2031-10', '2032-06')], 3);
    expect(report.pairs).toEqual([
      { dikeTaskId: 'd', otherTaskId: 'o', status: 'aligned', overlapMonths: 3, gapMonths: 0, move: null, soilMatchM3: 0 },
    ]);
    expect(report.counts).toEqual({ aligned: 1, alignable_by_dike: 0, alignable_by_other: 0, not_alignable: 0 });
  });

  it('suggests the smallest shift of the dike that its window allows', () => {
    const report = detectAlignments([dike('d', '2030-01', '2030-12', ['2028-01', '2032-12']), other('o', '2032-03', '2032-08')]);
    expect(report.pairs[0]).toMatchObject({ status: 'alignable_by_dike', gapMonths: 14, move: { taskId: 'd', shiftMonths: 15 } });
  });

  it('prefers moving the dike over moving the other task', () => {
    const report = detectAlignments([
      dike('d', '2030-01', '2030-12', ['2029-01', '2035-12']),
      other('o', '2032-01', '2032-12', ['2028-01', '2033-12']),
    ]);
    expect(report.pairs[0]).toMatchObject({ status: 'alignable_by_dike', move: { taskId: 'd', shiftMonths: 13 } });
  });

  it('moves the other task when the dike cannot move far enough', () => {
    const report = detectAlignments([
      dike('d', '2030-01', '2030-12', ['2030-01', '2031-06']),
      other('o', '2033-01', '2033-06', ['2029-01', '2034-12']),
    ]);
    expect(report.pairs[0]).toMatchObject({ status: 'alignable_by_other', move: { taskId: 'o', shiftMonths: -25 } });
  });

  it('does not move a task without a window, and leaves pairs without soil unreported', () => {
    const report = detectAlignments([dike('d', '2030-01', '2030-12'), other('o', '2033-01', '2033-06')]);
    expect(report.pairs).toEqual([]);
    expect(report.counts.not_alignable).toBe(1);
  });

  it('reports a not-alignable pair that could still share soil', () => {
    const report = detectAlignments([
      dike('d', '2030-01', '2030-12', undefined, { soilDemandM3: 60_000, soilType: 'klei' }),
      other('o', '2025-01', '2025-06', ['2024-01', '2027-12'], { soilSupplyM3: 80_000, soilType: 'klei' }),
    ]);
    expect(report.pairs).toEqual([
      { dikeTaskId: 'd', otherTaskId: 'o', status: 'not_alignable', overlapMonths: 0, gapMonths: 54, move: null, soilMatchM3: 60_000 },
    ]);
  });

  it('breaks a tie between an equally far earlier and later shift in favour of earlier', () => {
    // A one-month dike in 2030-06 with one-month tasks four months either side: -4 and +4 both reach one.
    const both = detectAlignments([
      dike('d', '2030-06', '2030-06', ['2029-01', '2031-12']),
      other('before', '2030-02', '2030-02'),
      other('after', '2030-10', '2030-10'),
    ]);
    expect(both.pairs.map((pair) => pair.move)).toEqual([
      { taskId: 'd', shiftMonths: -4 },
      { taskId: 'd', shiftMonths: 4 },
    ]);
    expect(smallestShift(-4, 4)).toBe(0);
    expect(smallestShift(-4, -1)).toBe(-1);
    expect(smallestShift(2, 9)).toBe(2);
    expect(smallestShift(3, 2)).toBeNull();
  });

  it('moves the other task later when the dike has no window', () => {
    const report = detectAlignments([
      dike('d', '2030-05', '2030-07'),
      other('o', '2030-01', '2030-01', ['2029-01', '2031-12']),
    ], 1);
    expect(report.pairs[0]!.move).toEqual({ taskId: 'o', shiftMonths: 4 });
  });

  it('treats minOverlap longer than a realisation as never reachable', () => {
    const report = detectAlignments(
      [dike('d', '2030-01', '2030-03', ['2025-01', '2035-12']), other('o', '2030-01', '2030-12', ['2025-01', '2035-12'])],
      4,
    );
    expect(report.pairs).toEqual([]);
    expect(report.counts).toEqual({ aligned: 0, alignable_by_dike: 0, alignable_by_other: 0, not_alignable: 1 });
    expect(shiftsReachingOverlap({ start: 0, end: 2 }, { start: 0, end: 11 }, 4)).toEqual([1, 0]);
  });

  it('counts adjacent realisations as a gap of zero, not an overlap', () => {
    const report = detectAlignments([dike('d', '2030-01', '2030-12', ['2030-01', '2031-01']), other('o', '2031-01', '2031-06')]);
    expect(report.pairs[0]).toMatchObject({ status: 'alignable_by_dike', overlapMonths: 0, gapMonths: 0, move: { shiftMonths: 1 } });
  });

  it('pairs only HWBP dike reinforcements with tasks of other programmes', () => {
    const hwbpNature = { ...other('n', '2030-01', '2030-12'), programme: 'HWBP' as const, kind: 'nature' as const };
    const krwDike = { ...dike('k', '2030-01', '2030-12'), programme: 'KRW' as const };
    const report = detectAlignments([dike('d', '2030-01', '2030-12'), dike('d2', '2030-01', '2030-12'), hwbpNature, krwDike]);
    expect(report.pairs.map((pair) => [pair.dikeTaskId, pair.otherTaskId])).toEqual([
      ['d', 'k'],
      ['d2', 'k'],
    ]);
  });

  it('uses a window the schedule already lies outside of as the allowed envelope', () => {
    // The dike starts before its window: only later shifts are allowed, at least 6 months.
    const report = detectAlignments([dike('d', '2030-01', '2030-12', ['2030-07', '2033-12']), other('o', '2029-01', '2029-12')]);
    expect(report.pairs).toEqual([]);
    const later = detectAlignments([dike('d', '2030-01', '2030-12', ['2030-07', '2033-12']), other('o', '2031-01', '2031-02')]);
    expect(later.pairs[0]!.move).toEqual({ taskId: 'd', shiftMonths: 6 });
  });
});

describe('detectAlignments at asOf (the past is fixed)', () => {
  const asOf = m('2026-11');
  const phase = (kind: Phase['kind'], start: string, end: string): Phase => ({ kind, start: m(start), end: m(end) });

  it('says which month it computed at', () => {
    expect(detectAlignments([], 1, asOf).asOf).toBe(asOf);
    expect(detectAlignments([]).asOf).toBeNull();
  });

  it('does not move the Salmsteke dike, built 2023–2024, at asOf 2026-11, nor the river measure into the past to meet it', () => {
    const salmsteke = dike('salmsteke', '2023-01', '2024-12', ['2020-01', '2040-12'], { soilDemandM3: 60_000, soilType: 'klei' });
    const floodplain = other('uiterwaard', '2027-06', '2028-06', ['2020-01', '2030-12'], { soilSupplyM3: 80_000, soilType: 'klei' });
    // Before the dike was built both could have moved; at 2026-11 the dike is done and the floodplain cannot go back in time.
    expect(detectAlignments([salmsteke, floodplain], 1, m('2022-06')).pairs[0]).toMatchObject({ status: 'alignable_by_dike', move: { taskId: 'salmsteke', shiftMonths: 30 } });
    expect(detectAlignments([salmsteke, floodplain], 1, asOf).pairs).toEqual([
      { dikeTaskId: 'salmsteke', otherTaskId: 'uiterwaard', status: 'not_alignable', overlapMonths: 0, gapMonths: 29, move: null, soilMatchM3: 60_000 },
    ]);
  });

  it('still aligns with a dike whose realisation has started by moving the other task, but only from asOf on', () => {
    const running = dike('running', '2025-01', '2027-12', ['2020-01', '2040-12']);
    const later = other('later', '2029-01', '2029-06', ['2020-01', '2035-12']);
    expect(detectAlignments([running, later], 1, asOf).pairs[0]!.move).toEqual({ taskId: 'later', shiftMonths: -13 });
    // Six months of overlap ask for 18 months earlier (a start in 2027-07): fine at 2026-11, the past at 2027-08.
    expect(detectAlignments([running, later], 6, asOf).pairs[0]!.move).toEqual({ taskId: 'later', shiftMonths: -18 });
    expect(detectAlignments([running, later], 6, m('2027-08')).pairs).toEqual([]);
  });

  it('keeps a 2020 verkenning where it is and shifts only the phases that have not started', () => {
    const phased: AlignmentTask = {
      ...dike('d', '2029-01', '2030-12', ['2017-01', '2040-12']),
      phases: [phase('verkenning', '2020-01', '2021-12'), phase('planuitwerking', '2027-01', '2028-12'), phase('realisatie', '2029-01', '2030-12')],
    };
    // Without the past the whole task could move 24 months earlier, verkenning and all.
    expect(detectAlignments([phased, other('o', '2026-06', '2027-01')], 1).pairs[0]!.move).toEqual({ taskId: 'd', shiftMonths: -24 });
    // At 2026-11 planuitwerking may start no earlier than 2026-11: at most 2 months earlier, too little.
    expect(detectAlignments([phased, other('o', '2026-06', '2027-01')], 1, asOf).pairs).toEqual([]);
    expect(detectAlignments([phased, other('o', '2028-06', '2028-11')], 1, asOf).pairs[0]!.move).toEqual({ taskId: 'd', shiftMonths: -2 });
    expect(detectAlignments([phased, other('o', '2031-03', '2031-04')], 1, asOf).pairs[0]!.move).toEqual({ taskId: 'd', shiftMonths: 3 });
  });

  it('never lets the moving part run onto a verkenning that is still going on', () => {
    const phased: AlignmentTask = {
      ...dike('d', '2028-01', '2029-12', ['2019-01', '2040-12']),
      phases: [phase('verkenning', '2020-01', '2027-06'), phase('planuitwerking', '2027-07', '2027-12'), phase('realisatie', '2028-01', '2029-12')],
    };
    // asOf alone would allow 8 months earlier; the running verkenning (until 2027-06) allows none.
    expect(detectAlignments([phased, other('o', '2027-06', '2027-09')], 1, asOf).pairs).toEqual([]);
    expect(detectAlignments([phased, other('o', '2027-06', '2027-09')], 1, m('2019-06')).pairs[0]!.move).toEqual({ taskId: 'd', shiftMonths: -4 });
  });
});

describe('soil', () => {
  it('matches what the dike needs with what the other supplies, and the reverse', () => {
    expect(
      soilMatchM3(
        { soilDemandM3: 100_000, soilSupplyM3: 5_000, soilType: 'klei' },
        { soilDemandM3: 2_000, soilSupplyM3: 40_000, soilType: 'klei' },
      ),
    ).toBe(42_000);
  });

  it('exchanges nothing between clay and sand', () => {
    expect(soilTypesCompatible('klei', 'zand')).toBe(false);
    expect(
      soilMatchM3({ soilDemandM3: 100_000, soilSupplyM3: 0, soilType: 'klei' }, { soilDemandM3: 0, soilSupplyM3: 40_000, soilType: 'zand' }),
    ).toBe(0);
  });

  it('lets overig or an unknown type mix with anything', () => {
    expect(soilTypesCompatible('overig', 'zand')).toBe(true);
    expect(soilTypesCompatible(null, 'klei')).toBe(true);
    expect(soilTypesCompatible('zand', 'zand')).toBe(true);
  });

  it('does not report a clay dike and a sand supplier as a soil opportunity', () => {
    const report = detectAlignments([
      dike('d', '2030-01', '2030-12', undefined, { soilDemandM3: 60_000, soilType: 'klei' }),
      other('o', '2025-01', '2025-06', undefined, { soilSupplyM3: 80_000, soilType: 'zand' }),
    ]);
    expect(report.pairs).toEqual([]);
  });
});

describe('explainAlignment', () => {
  it('says which task to move, how far and in which direction, with the overlap then and the soil', () => {
    const d = dike('d', '2030-01', '2030-12', ['2028-01', '2032-12'], { soilDemandM3: 120_000, soilType: 'klei' });
    const o = other('o', '2028-10', '2029-01', undefined, { soilSupplyM3: 200_000 });
    const [pair] = detectAlignments([d, o], 3).pairs;
    expect(pair!.move).toEqual({ taskId: 'd', shiftMonths: -14 });
    expect(explainAlignment(pair!, d, o)).toEqual({
      nl: 'Schuif de dijkversterking 14 maanden eerder: realisaties overlappen dan 3 maanden; 120.000 m³ klei uitwisselbaar.',
      en: 'Move the dike reinforcement 14 months earlier: realisations then overlap by 3 months; 120,000 m³ of clay can be exchanged.',
    });
  });

  it('reads aligned and not-alignable pairs in both languages', () => {
    const d = dike('d', '2030-01', '2030-12', undefined, { soilDemandM3: 10_000 });
    const neighbour = other('o', '2030-12', '2031-03');
    const aligned = detectAlignments([d, neighbour]).pairs[0]!;
    expect(explainAlignment(aligned, d, neighbour)).toEqual({
      nl: 'Realisaties overlappen 1 maand.',
      en: 'Realisations overlap by 1 month.',
    });
    const supplier = other('s', '2031-01', '2031-03', undefined, { soilSupplyM3: 5000, soilType: 'zand' });
    const blocked = detectAlignments([d, supplier]).pairs[0]!;
    expect(explainAlignment(blocked, d, supplier)).toEqual({
      nl: 'Niet binnen de vensters te combineren (ze sluiten direct op elkaar aan); 5.000 m³ zand uitwisselbaar: bespreek dit aan tafel.',
      en: 'Cannot be lined up within the windows (they are back to back); 5,000 m³ of sand can be exchanged: raise it at the table.',
    });
    const far = other('f', '2032-01', '2032-03', undefined, { soilSupplyM3: 5000 });
    const distant = detectAlignments([d, far]).pairs[0]!;
    expect(explainAlignment(distant, d, far).en).toBe(
      'Cannot be lined up within the windows (12 months apart); 5,000 m³ of soil can be exchanged: raise it at the table.',
    );
  });
});
