import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerDelta, ledgerRows, soilLedger, type LedgerSettings, type LedgerTask, type SoilLedger } from '../../server/domain/soil-ledger.js';
import { SOIL_TYPES, type Phase } from '../../server/domain/tasks.js';
import { oracleSoilLedger } from '../helpers/soil-ledger-oracle.js';

const BASE = 2030 * 12;
const RELATIVE = 1e-9;

/** Equal within a relative 1e-9; below 1 m³ (or €) the tolerance is an absolute 1e-9. */
function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= RELATIVE * Math.max(1, Math.abs(actual), Math.abs(expected));
}

/** Every number the oracle has, compared with the same place in the ledger; everything else exactly. */
function mismatches(actual: unknown, expected: unknown, path = ''): string[] {
  if (typeof expected === 'number') {
    return typeof actual === 'number' && close(actual, expected) ? [] : [`${path}: ${String(actual)} != ${expected}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: length ${String((actual as unknown[])?.length)} != ${expected.length}`];
    return expected.flatMap((item, index) => mismatches(actual[index], item, `${path}[${index}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: not an object`];
    return Object.entries(expected).flatMap(([key, value]) => mismatches((actual as Record<string, unknown>)[key], value, `${path}.${key}`));
  }
  return Object.is(actual, expected) ? [] : [`${path}: ${String(actual)} != ${String(expected)}`];
}

/** The ledger with its months as rows, the shape the oracle gives. */
const asRows = (ledger: SoilLedger) => ({ ...ledger, months: ledgerRows(ledger) });

const phasesArbitrary = fc
  .record({ start: fc.integer({ min: 0, max: 48 }), length: fc.integer({ min: 1, max: 24 }), planning: fc.boolean() })
  .map(({ start, length, planning }): Phase[] => {
    const realisation: Phase = { kind: 'realisatie', start: BASE + start, end: BASE + start + length - 1 };
    return planning ? [{ kind: 'planuitwerking', start: BASE + start - 12, end: BASE + start - 1 }, realisation] : [realisation];
  });

const volumeArbitrary = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 120_000 }), fc.constantFrom(1000, 12_000, 60_000));

const taskArbitrary = fc.record({
  phases: phasesArbitrary,
  soilSupplyM3: volumeArbitrary,
  soilDemandM3: volumeArbitrary,
  soilType: fc.constantFrom(null, ...SOIL_TYPES),
});

/** Small areas: up to 8 tasks, each supplying, needing, both or neither, of any type or none. */
const areaArbitrary = fc
  .array(taskArbitrary, { maxLength: 8 })
  .map((specs): LedgerTask[] => specs.map((spec, index) => ({ id: `t${index}`, ...spec })));

const settingsArbitrary: fc.Arbitrary<LedgerSettings> = fc.record({
  storageMonths: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 })),
  savingEurPerM3: fc.oneof(fc.constant(60), fc.double({ min: 0, max: 200, noNaN: true })),
  truckLoadM3: fc.oneof(fc.constant(24), fc.integer({ min: 1, max: 40 })),
});

describe('soilLedger against a month-by-month simulation of DOMAIN.md', () => {
  it('gives every figure of every month, type and total that the brute-force simulation gives', () => {
    fc.assert(
      fc.property(areaArbitrary, settingsArbitrary, (tasks, settings) => {
        expect(mismatches(asRows(soilLedger(tasks, settings)), oracleSoilLedger(tasks, settings))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees on areas of tasks that never overlap in realisation', () => {
    const disjoint = fc
      .array(fc.record({ gap: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 1, max: 12 }), supply: volumeArbitrary, demand: volumeArbitrary, type: fc.constantFrom(null, ...SOIL_TYPES) }), { maxLength: 6 })
      .map((specs) => {
        let next = BASE;
        return specs.map((spec, index): LedgerTask => {
          const start = next + spec.gap;
          next = start + spec.length;
          return { id: `d${index}`, phases: [{ kind: 'realisatie', start, end: start + spec.length - 1 }], soilSupplyM3: spec.supply, soilDemandM3: spec.demand, soilType: spec.type };
        });
      });
    fc.assert(
      fc.property(disjoint, settingsArbitrary, (tasks, settings) => {
        expect(mismatches(asRows(soilLedger(tasks, settings)), oracleSoilLedger(tasks, settings))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('conserves soil per type: released = reused + surplus and needed = reused + shortage', () => {
    fc.assert(
      fc.property(areaArbitrary, settingsArbitrary, (tasks, settings) => {
        const ledger = soilLedger(tasks, settings);
        for (const type of SOIL_TYPES) {
          const totals = ledger.byType[type];
          expect(close(totals.releasedM3, totals.reusedM3 + totals.cartedOffM3)).toBe(true);
          expect(close(totals.neededM3, totals.reusedM3 + totals.broughtInM3)).toBe(true);
          const supplied = tasks.filter((task) => (task.soilType ?? 'overig') === type).reduce((sum, task) => sum + task.soilSupplyM3, 0);
          const demanded = tasks.filter((task) => (task.soilType ?? 'overig') === type).reduce((sum, task) => sum + task.soilDemandM3, 0);
          expect(close(totals.releasedM3, supplied)).toBe(true);
          expect(close(totals.neededM3, demanded)).toBe(true);
        }
        expect(close(ledger.total.releasedM3, ledger.total.reusedM3 + ledger.total.cartedOffM3)).toBe(true);
        expect(close(ledger.total.neededM3, ledger.total.reusedM3 + ledger.total.broughtInM3)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('balances every month: released = used directly + stored, needed = used directly + taken + shortage', () => {
    fc.assert(
      fc.property(areaArbitrary, settingsArbitrary, (tasks, settings) => {
        let previous = { klei: 0, zand: 0, overig: 0 };
        for (const row of ledgerRows(soilLedger(tasks, settings))) {
          for (const type of SOIL_TYPES) {
            const f = row.types[type];
            expect(close(f.releasedM3, f.usedDirectlyM3 + f.storedM3)).toBe(true);
            expect(close(f.neededM3, f.usedDirectlyM3 + f.takenFromStorageM3 + f.shortageM3)).toBe(true);
            expect(close(f.storageLevelM3, previous[type] + f.storedM3 - f.takenFromStorageM3 - f.surplusM3)).toBe(true);
            if (settings.storageMonths === 0) expect(f.storageLevelM3).toBe(0);
          }
          previous = { klei: row.types.klei.storageLevelM3, zand: row.types.zand.storageLevelM3, overig: row.types.overig.storageLevelM3 };
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports the scenario-minus-baseline change of the simulated figures', () => {
    fc.assert(
      fc.property(areaArbitrary, fc.array(fc.integer({ min: -24, max: 24 }), { maxLength: 8 }), settingsArbitrary, (tasks, shifts, settings) => {
        const moved = tasks.map((task, index) => ({ ...task, phases: task.phases.map((phase) => ({ ...phase, start: phase.start + (shifts[index] ?? 0), end: phase.end + (shifts[index] ?? 0) })) }));
        const delta = ledgerDelta(soilLedger(tasks, settings), soilLedger(moved, settings));
        const before = oracleSoilLedger(tasks, settings);
        const after = oracleSoilLedger(moved, settings);
        const expected = {
          reusedM3: { baseline: before.total.reusedM3, scenario: after.total.reusedM3 },
          shortageM3: { baseline: before.total.broughtInM3, scenario: after.total.broughtInM3 },
          surplusM3: { baseline: before.total.cartedOffM3, scenario: after.total.cartedOffM3 },
          peakStorageM3: { baseline: before.total.peakStorageM3, scenario: after.total.peakStorageM3 },
          savingEur: { baseline: before.savingEur, scenario: after.savingEur },
        };
        expect(mismatches(delta, expected)).toEqual([]);
        for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
          expect(close(delta[key].change, expected[key].scenario - expected[key].baseline)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
