import { describe, expect, it } from 'vitest';
import { chartMonths, formatM3, monthSpan, monthTasks, totalLines, typesInUse, type Ledger } from '../../client/src/ui/soil-ledger-data.js';
import { toLedgerBody } from '../../server/contracts/soil.js';
import { parseMonth } from '../../server/domain/months.js';
import { soilLedger, type LedgerSettings, type LedgerTask } from '../../server/domain/soil-ledger.js';
import type { SoilType } from '../../server/domain/tasks.js';

const m = (text: string) => parseMonth(text)!;

function task(id: string, from: string, to: string, soil: { supply?: number; demand?: number; type?: SoilType }): LedgerTask {
  return { id, phases: [{ kind: 'realisatie', start: m(from), end: m(to) }], soilSupplyM3: soil.supply ?? 0, soilDemandM3: soil.demand ?? 0, soilType: soil.type ?? 'klei' };
}

/** Intl puts a no-break space between € and the amount. */
const plain = (text: string | null) => text?.replaceAll('\u00a0', ' ') ?? null;

const SETTINGS: LedgerSettings = { storageMonths: 24, savingEurPerM3: 60, truckLoadM3: 24 };

/** DOMAIN.md's example: a river measure frees 1,200 m³ of clay in 2030, a dike needs 600 m³ in 2031-01..06. */
function riverThenDike(settings = SETTINGS, dikeFrom = '2031-01', dikeTo = '2031-06'): Ledger {
  return toLedgerBody(soilLedger([task('river', '2030-01', '2030-12', { supply: 1200 }), task('dike', dikeFrom, dikeTo, { demand: 600 })], settings));
}

describe('typesInUse', () => {
  it('names only the types some ledger releases or needs, in the domain’s order', () => {
    const clay = riverThenDike();
    const sand = toLedgerBody(soilLedger([task('dune', '2030-01', '2030-03', { demand: 30, type: 'zand' })], SETTINGS));
    expect(typesInUse(clay)).toEqual(['klei']);
    expect(typesInUse(sand, clay)).toEqual(['klei', 'zand']);
    expect(typesInUse(null, clay)).toEqual(['klei']);
    expect(typesInUse(toLedgerBody(soilLedger([], SETTINGS)))).toEqual([]);
  });
});

describe('monthSpan', () => {
  it('runs month by month across a year end, inclusive at both ends', () => {
    expect(monthSpan({ firstMonth: '2030-11', lastMonth: '2031-02' })).toEqual(['2030-11', '2030-12', '2031-01', '2031-02']);
  });

  it('covers both a scenario and its baseline when a move widens the range', () => {
    expect(monthSpan({ firstMonth: '2030-01', lastMonth: '2030-03' }, { firstMonth: '2030-02', lastMonth: '2030-05' })).toEqual(['2030-01', '2030-02', '2030-03', '2030-04', '2030-05']);
  });

  it('is empty for a ledger without soil', () => {
    expect(monthSpan({ firstMonth: null, lastMonth: null }, null)).toEqual([]);
  });
});

describe('chartMonths', () => {
  it('draws released above and needed below, split into what was reused and what was brought in', () => {
    // Horizon 3: the clay of 2030-01..2030-09 expires before the dike starts; 2030-10..12 is used in 2031-01..03.
    const ledger = riverThenDike({ ...SETTINGS, storageMonths: 3 });
    const [december, january, april] = chartMonths(ledger, 'klei', ['2030-12', '2031-01', '2031-04']);
    expect(december).toEqual({ month: '2030-12', released: 100, needed: 0, reused: 0, shortage: 0, surplus: 100, level: 300 });
    expect(january).toEqual({ month: '2031-01', released: 0, needed: 100, reused: 100, shortage: 0, surplus: 0, level: 200 });
    expect(april).toEqual({ month: '2031-04', released: 0, needed: 100, reused: 0, shortage: 100, surplus: 0, level: 0 });
  });

  it('gives every month its need as reused plus brought in', () => {
    const ledger = riverThenDike({ ...SETTINGS, storageMonths: 4 });
    for (const month of chartMonths(ledger, 'klei', monthSpan(ledger))) expect(month.reused + month.shortage).toBeCloseTo(month.needed, 9);
  });

  it('draws zeros outside the ledger’s range and for a type nobody works with', () => {
    const ledger = riverThenDike();
    expect(chartMonths(ledger, 'klei', ['2029-12'])).toEqual([{ month: '2029-12', released: 0, needed: 0, reused: 0, shortage: 0, surplus: 0, level: 0 }]);
    expect(chartMonths(ledger, 'zand', ['2030-06'])[0]).toMatchObject({ released: 0, needed: 0, level: 0 });
  });
});

describe('monthTasks', () => {
  it('names the tasks that release and need soil in a month, and none outside the range', () => {
    const ledger = toLedgerBody(soilLedger([task('river', '2030-01', '2030-12', { supply: 1200 }), task('dike', '2030-06', '2031-06', { demand: 600 })], SETTINGS));
    expect(monthTasks(ledger, '2030-06')).toEqual({ releasing: ['river'], needing: ['dike'] });
    expect(monthTasks(ledger, '2031-01')).toEqual({ releasing: [], needing: ['dike'] });
    expect(monthTasks(ledger, '2040-01')).toEqual({ releasing: [], needing: [] });
  });
});

describe('formatM3', () => {
  it('rounds to whole cubic metres and writes them the Dutch way', () => {
    expect(formatM3(499_999.99999999965)).toBe('500.000 m³');
    expect(formatM3(56_842.1052631579)).toBe('56.842 m³');
  });
});

describe('totalLines', () => {
  it('gives each total with how it was computed, the area’s figures filled in', () => {
    const lines = totalLines(riverThenDike());
    expect(lines.map((line) => [line.key, plain(line.text)])).toEqual([
      ['reused', '600 m³'],
      ['broughtIn', '0 m³'],
      ['cartedOff', '600 m³'],
      ['peakStorage', '1.200 m³'],
      ['saving', '€ 36.000'],
      ['lorryLoads', '50'],
    ]);
    const how = Object.fromEntries(lines.map((line) => [line.key, line.explanation]));
    expect(how.saving).toBe('600 m³ lokaal hergebruikt × € 60 per m³ (hergebruik in plaats van afvoeren en nieuwe grond aanvoeren).');
    expect(how.lorryLoads).toBe('2 × 600 m³ ÷ 24 m³ per vracht: één rit niet aangevoerd, één niet afgevoerd.');
    expect(how.cartedOff).toContain('langer dan 24 maanden');
    expect(how.cartedOff).toContain('(600 m³)');
    expect(lines.every((line) => line.baseline === null && line.changeText === null)).toBe(true);
  });

  it('says when no storage is allowed', () => {
    const how = totalLines(riverThenDike({ ...SETTINGS, storageMonths: 0 })).find((line) => line.key === 'cartedOff')!.explanation;
    expect(how).toContain('niet toegestaan');
  });

  it('sets a scenario’s totals beside the baseline’s, with the signed change', () => {
    // Moving the dike into the river's year meets all of its need directly.
    const baseline = riverThenDike({ ...SETTINGS, storageMonths: 3 });
    const scenario = riverThenDike({ ...SETTINGS, storageMonths: 3 }, '2030-07', '2030-12');
    const lines = Object.fromEntries(totalLines(scenario, baseline).map((line) => [line.key, line]));
    expect(lines.reused).toMatchObject({ value: 600, baseline: 300, text: '600 m³', baselineText: '300 m³', changeText: '+300 m³' });
    expect(lines.broughtIn).toMatchObject({ value: 0, baseline: 300, changeText: '−300 m³' });
    expect([lines.saving!.text, lines.saving!.baselineText, lines.saving!.changeText].map(plain)).toEqual(['€ 36.000', '€ 18.000', '+€ 18.000']);
    expect(lines.peakStorage!.changeText).toBe('±0 m³');
  });

  it('calls a change that rounds to nothing no change', () => {
    const baseline = riverThenDike();
    const lines = totalLines({ ...baseline, total: { ...baseline.total, reusedM3: baseline.total.reusedM3 + 0.2 } }, baseline);
    expect(lines.find((line) => line.key === 'reused')!.changeText).toBe('±0 m³');
  });
});
