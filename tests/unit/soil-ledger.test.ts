import { describe, expect, it } from 'vitest';
import { parseMonth } from '../../server/domain/months.js';
import { DEFAULT_LEDGER_SETTINGS, ledgerDelta, ledgerRows, soilLedger, type LedgerSettings, type LedgerTask, type SoilLedger } from '../../server/domain/soil-ledger.js';
import type { Phase, SoilType } from '../../server/domain/tasks.js';

const m = (text: string) => parseMonth(text)!;

function task(id: string, from: string, to: string, soil: { supply?: number; demand?: number; type?: SoilType | null }, earlier: Phase[] = []): LedgerTask {
  return {
    id,
    phases: [...earlier, { kind: 'realisatie', start: m(from), end: m(to) }],
    soilSupplyM3: soil.supply ?? 0,
    soilDemandM3: soil.demand ?? 0,
    soilType: soil.type === undefined ? 'klei' : soil.type,
  };
}

const settings = (storageMonths: number): LedgerSettings => ({ ...DEFAULT_LEDGER_SETTINGS, storageMonths });

function row(ledger: SoilLedger, month: string, type: SoilType = 'klei') {
  const found = ledgerRows(ledger).find((candidate) => candidate.month === m(month));
  if (!found) throw new Error(`no row for ${month}`);
  return found.types[type];
}

describe('soilLedger', () => {
  it('meets an overlapping demander first from the same month’s release, then from storage', () => {
    // 100 m³ a month released in 2030, 100 m³ a month needed from 2030-07 to 2031-06.
    const ledger = soilLedger(
      [task('river', '2030-01', '2030-12', { supply: 1200 }), task('dike', '2030-07', '2031-06', { demand: 1200 })],
      settings(24),
    );
    expect(ledger.firstMonth).toBe(m('2030-01'));
    expect(ledger.lastMonth).toBe(m('2031-06'));
    expect(ledger.months).toHaveLength(18);
    expect(row(ledger, '2030-03')).toEqual({
      releasedM3: 100,
      neededM3: 0,
      usedDirectlyM3: 0,
      takenFromStorageM3: 0,
      storedM3: 100,
      storageLevelM3: 300,
      surplusM3: 0,
      shortageM3: 0,
    });
    expect(row(ledger, '2030-09')).toMatchObject({ usedDirectlyM3: 100, takenFromStorageM3: 0, storedM3: 0, storageLevelM3: 600 });
    expect(row(ledger, '2031-02')).toMatchObject({ releasedM3: 0, neededM3: 100, takenFromStorageM3: 100, storageLevelM3: 400, shortageM3: 0 });
    expect(ledger.total).toEqual({
      releasedM3: 1200,
      neededM3: 1200,
      usedDirectlyM3: 600,
      takenFromStorageM3: 600,
      reusedM3: 1200,
      broughtInM3: 0,
      cartedOffM3: 0,
      closingSurplusM3: 0,
      peakStorageM3: 600,
    });
    expect(ledger.savingEur).toBe(1200 * 60);
    expect(ledger.lorryLoadsAvoided).toBe(100);
  });

  it('gives the figures of its documented example', () => {
    const ledger = soilLedger(
      [
        { id: 'river', phases: [{ kind: 'realisatie', start: 24360, end: 24371 }], soilSupplyM3: 1200, soilDemandM3: 0, soilType: 'klei' },
        { id: 'dike', phases: [{ kind: 'realisatie', start: 24372, end: 24377 }], soilSupplyM3: 0, soilDemandM3: 600, soilType: 'klei' },
      ],
      { storageMonths: 24, savingEurPerM3: 60, truckLoadM3: 24 },
    );
    expect(ledger.total).toMatchObject({ reusedM3: 600, cartedOffM3: 600, closingSurplusM3: 600, peakStorageM3: 1200 });
    expect(ledger.savingEur).toBe(36_000);
    expect(ledger.lorryLoadsAvoided).toBe(50);
  });

  it('reuses soil from storage when the demand comes fewer months after the release than the horizon', () => {
    const ledger = soilLedger([task('river', '2030-01', '2030-01', { supply: 600 }), task('dike', '2030-06', '2030-06', { demand: 600 })], settings(6));
    expect(row(ledger, '2030-01')).toMatchObject({ storedM3: 600, storageLevelM3: 600 });
    expect(row(ledger, '2030-06')).toMatchObject({ takenFromStorageM3: 600, shortageM3: 0, storageLevelM3: 0 });
    expect(ledger.total).toMatchObject({ reusedM3: 600, broughtInM3: 0, cartedOffM3: 0 });
  });

  it('still reuses soil in month t + H, the last month it may be used', () => {
    const ledger = soilLedger([task('river', '2030-01', '2030-01', { supply: 600 }), task('dike', '2030-07', '2030-07', { demand: 600 })], settings(6));
    expect(row(ledger, '2030-07')).toMatchObject({ takenFromStorageM3: 600, surplusM3: 0, shortageM3: 0 });
    expect(ledger.total).toMatchObject({ reusedM3: 600, broughtInM3: 0, cartedOffM3: 0, peakStorageM3: 600 });
  });

  it('carts soil off at the end of month t + H and brings it in again when the demand comes later', () => {
    const ledger = soilLedger([task('river', '2030-01', '2030-01', { supply: 600 }), task('dike', '2030-08', '2030-08', { demand: 600 })], settings(6));
    expect(row(ledger, '2030-06')).toMatchObject({ storageLevelM3: 600, surplusM3: 0 });
    // The month-end level counts only soil that may still be used later.
    expect(row(ledger, '2030-07')).toMatchObject({ surplusM3: 600, storageLevelM3: 0 });
    expect(row(ledger, '2030-08')).toMatchObject({ takenFromStorageM3: 0, shortageM3: 600 });
    expect(ledger.total).toMatchObject({ reusedM3: 0, broughtInM3: 600, cartedOffM3: 600, closingSurplusM3: 0, peakStorageM3: 600 });
    expect(ledger.savingEur).toBe(0);
  });

  it('takes the oldest soil first and lets each month’s lot expire on its own', () => {
    // 300 m³ a month released in 2030-01..03; 600 m³ needed in 2030-09; horizon 6.
    const ledger = soilLedger([task('river', '2030-01', '2030-03', { supply: 900 }), task('dike', '2030-09', '2030-09', { demand: 600 })], settings(6));
    expect(row(ledger, '2030-07')).toMatchObject({ surplusM3: 300, storageLevelM3: 600 });
    expect(row(ledger, '2030-08')).toMatchObject({ surplusM3: 300, storageLevelM3: 300 });
    expect(row(ledger, '2030-09')).toMatchObject({ takenFromStorageM3: 300, shortageM3: 300, surplusM3: 0, storageLevelM3: 0 });
    expect(ledger.total).toMatchObject({ reusedM3: 300, broughtInM3: 300, cartedOffM3: 600 });
  });

  it('with horizon 0 stores unused soil and carts it off the same month, keeping the level at 0', () => {
    const ledger = soilLedger(
      [task('river', '2030-01', '2030-02', { supply: 200 }), task('dike', '2030-02', '2030-03', { demand: 300 })],
      settings(0),
    );
    expect(row(ledger, '2030-01')).toEqual({
      releasedM3: 100,
      neededM3: 0,
      usedDirectlyM3: 0,
      takenFromStorageM3: 0,
      storedM3: 100,
      storageLevelM3: 0,
      surplusM3: 100,
      shortageM3: 0,
    });
    expect(row(ledger, '2030-02')).toMatchObject({ usedDirectlyM3: 100, storedM3: 0, surplusM3: 0, shortageM3: 50 });
    expect(row(ledger, '2030-03')).toMatchObject({ takenFromStorageM3: 0, shortageM3: 150 });
    expect(ledger.total).toMatchObject({ reusedM3: 100, broughtInM3: 200, cartedOffM3: 100, closingSurplusM3: 0, peakStorageM3: 0 });
  });

  it('keeps soil types apart, overig included', () => {
    const ledger = soilLedger(
      [
        task('clay', '2030-01', '2030-01', { supply: 500, type: 'klei' }),
        task('sand', '2030-01', '2030-01', { demand: 400, type: 'zand' }),
        task('other', '2030-01', '2030-01', { demand: 300, type: 'overig' }),
      ],
      settings(24),
    );
    expect(row(ledger, '2030-01', 'klei')).toMatchObject({ releasedM3: 500, usedDirectlyM3: 0, storedM3: 500, storageLevelM3: 500 });
    expect(row(ledger, '2030-01', 'zand')).toMatchObject({ neededM3: 400, shortageM3: 400 });
    expect(row(ledger, '2030-01', 'overig')).toMatchObject({ neededM3: 300, shortageM3: 300 });
    expect(ledger.byType.klei).toMatchObject({ reusedM3: 0, cartedOffM3: 500, closingSurplusM3: 500, peakStorageM3: 500 });
    expect(ledger.byType.zand).toMatchObject({ reusedM3: 0, broughtInM3: 400 });
    expect(ledger.total).toMatchObject({ reusedM3: 0, broughtInM3: 700, cartedOffM3: 500 });
  });

  it('counts a task without a soil type as overig', () => {
    const ledger = soilLedger(
      [task('untyped', '2030-01', '2030-01', { supply: 500, type: null }), task('other', '2030-02', '2030-02', { demand: 500, type: 'overig' })],
      settings(24),
    );
    expect(row(ledger, '2030-01', 'overig')).toMatchObject({ releasedM3: 500, storedM3: 500 });
    expect(row(ledger, '2030-01', 'klei').releasedM3).toBe(0);
    expect(ledger.byType.overig.reusedM3).toBe(500);
    expect(ledger.contributions[0]).toMatchObject({ taskId: 'untyped', soilType: 'overig' });
  });

  it('lets a task’s own supply meet its own demand', () => {
    const ledger = soilLedger([task('both', '2030-01', '2030-04', { supply: 400, demand: 1000 })], settings(24));
    expect(row(ledger, '2030-02')).toMatchObject({ releasedM3: 100, neededM3: 250, usedDirectlyM3: 100, shortageM3: 150 });
    expect(ledger.total).toMatchObject({ reusedM3: 400, broughtInM3: 600, cartedOffM3: 0 });
  });

  it('spreads soil evenly over the realisation months, fractions kept', () => {
    const ledger = soilLedger([task('river', '2030-01', '2030-03', { supply: 1000 })], settings(24));
    expect(row(ledger, '2030-01').releasedM3).toBeCloseTo(1000 / 3, 12);
    expect(ledger.total.releasedM3).toBeCloseTo(1000, 9);
  });

  it('runs from the first to the last realisation month of the tasks with soil, with a row for every month between', () => {
    const ledger = soilLedger(
      [
        task('idle', '2029-01', '2035-12', {}),
        task('early', '2030-01', '2030-01', { supply: 10 }, [{ kind: 'verkenning', start: m('2027-01'), end: m('2028-12') }]),
        task('late', '2031-06', '2031-06', { demand: 10, type: 'zand' }),
      ],
      settings(24),
    );
    expect(ledger.firstMonth).toBe(m('2030-01'));
    expect(ledger.lastMonth).toBe(m('2031-06'));
    expect(ledger.months).toEqual(Array.from({ length: 18 }, (_, index) => m('2030-01') + index));
    expect(row(ledger, '2030-08', 'zand')).toMatchObject({ releasedM3: 0, neededM3: 0, storageLevelM3: 0 });
    expect(ledger.contributions.map((contribution) => contribution.taskId)).toEqual(['early', 'late']);
  });

  it('carts off what is stored after the last month as a closing line, not in a month’s row, and counts it in the peak', () => {
    const ledger = soilLedger([task('river', '2030-01', '2030-02', { supply: 200 }), task('dike', '2030-02', '2030-02', { demand: 50 })], settings(24));
    expect(row(ledger, '2030-02')).toMatchObject({ usedDirectlyM3: 50, storedM3: 50, storageLevelM3: 150, surplusM3: 0 });
    expect(ledger.series.klei.surplusM3).toEqual([0, 0]);
    expect(ledger.total).toMatchObject({ reusedM3: 50, cartedOffM3: 150, closingSurplusM3: 150, peakStorageM3: 150 });
  });

  it('takes the overall peak from the month-end sum of the types, not the sum of their peaks', () => {
    const ledger = soilLedger(
      [
        task('clay', '2030-01', '2030-01', { supply: 300, type: 'klei' }),
        task('clay-use', '2030-02', '2030-02', { demand: 300, type: 'klei' }),
        task('sand', '2030-02', '2030-02', { supply: 200, type: 'zand' }),
        task('sand-use', '2030-03', '2030-03', { demand: 200, type: 'zand' }),
      ],
      settings(24),
    );
    expect(ledger.byType.klei.peakStorageM3).toBe(300);
    expect(ledger.byType.zand.peakStorageM3).toBe(200);
    expect(ledger.storageLevelM3).toEqual([300, 200, 0]);
    expect(ledger.total.peakStorageM3).toBe(300);
  });

  it('names per month the tasks that release and need soil then', () => {
    const ledger = soilLedger(
      [task('river', '2030-01', '2030-02', { supply: 200 }), task('dike', '2030-02', '2030-03', { demand: 50, type: 'zand' }), task('both', '2030-02', '2030-02', { supply: 1, demand: 1 })],
      settings(24),
    );
    expect(ledger.releasingTaskIds).toEqual([['river'], ['river', 'both'], []]);
    expect(ledger.needingTaskIds).toEqual([[], ['dike', 'both'], ['dike']]);
    expect(ledgerRows(ledger)[1]).toMatchObject({ month: m('2030-02'), releasingTaskIds: ['river', 'both'], needingTaskIds: ['dike', 'both'] });
  });

  it('is empty when no task supplies or needs soil', () => {
    const ledger = soilLedger([task('idle', '2030-01', '2030-12', {})], DEFAULT_LEDGER_SETTINGS);
    expect(ledger).toMatchObject({ firstMonth: null, lastMonth: null, months: [], contributions: [], savingEur: 0, lorryLoadsAvoided: 0 });
    expect(ledger.total.peakStorageM3).toBe(0);
  });

  it('values reuse with the area’s own key figures', () => {
    const ledger = soilLedger([task('both', '2030-01', '2030-01', { supply: 240, demand: 240 })], { storageMonths: 0, savingEurPerM3: 45.5, truckLoadM3: 20 });
    expect(ledger.savingEur).toBe(240 * 45.5);
    expect(ledger.lorryLoadsAvoided).toBe(24);
  });

  it('refuses a storage horizon that is not a whole number of months or a lorry without volume', () => {
    expect(() => soilLedger([], { ...DEFAULT_LEDGER_SETTINGS, storageMonths: -1 })).toThrow(RangeError);
    expect(() => soilLedger([], { ...DEFAULT_LEDGER_SETTINGS, storageMonths: 1.5 })).toThrow(RangeError);
    expect(() => soilLedger([], { ...DEFAULT_LEDGER_SETTINGS, truckLoadM3: 0 })).toThrow(RangeError);
  });

  it('serialises to JSON and back unchanged', () => {
    const ledger = soilLedger([task('river', '2030-01', '2030-02', { supply: 200 }), task('dike', '2030-02', '2030-02', { demand: 50, type: 'zand' })], settings(24));
    expect(JSON.parse(JSON.stringify(ledger))).toEqual(ledger);
  });
});

describe('ledgerDelta', () => {
  it('reports what moving the demander within the horizon wins in reuse, shortage, surplus, peak and saving', () => {
    const river = task('river', '2030-01', '2030-01', { supply: 600 });
    const baseline = soilLedger([river, task('dike', '2030-12', '2030-12', { demand: 600 })], settings(6));
    const scenario = soilLedger([river, task('dike', '2030-04', '2030-04', { demand: 600 })], settings(6));
    const delta = ledgerDelta(baseline, scenario);
    expect(delta.reusedM3).toEqual({ baseline: 0, scenario: 600, change: 600 });
    expect(delta.shortageM3).toEqual({ baseline: 600, scenario: 0, change: -600 });
    expect(delta.surplusM3).toEqual({ baseline: 600, scenario: 0, change: -600 });
    expect(delta.peakStorageM3).toEqual({ baseline: 600, scenario: 600, change: 0 });
    expect(delta.savingEur).toEqual({ baseline: 0, scenario: 36_000, change: 36_000 });
    expect(delta.lorryLoadsAvoided.change).toBe(50);
    expect(delta.byType.klei.reusedM3.change).toBe(600);
    expect(delta.byType.zand.reusedM3.change).toBe(0);
  });
});
