import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectAlignments, type AlignmentTask } from '../../server/domain/alignment.js';
import { PROGRAMMES, SOIL_TYPES, type Phase, type Programme, type TaskKind } from '../../server/domain/tasks.js';
import { bruteForceAlignments } from '../helpers/alignment-oracle.js';

const BASE = 2025 * 12;

/** A random valid task: 1-3 ordered phases (adjacent or apart), a window or none, soil of any type. */
const taskArbitrary = fc
  .record({
    programme: fc.constantFrom<Programme>('HWBP', 'HWBP', ...PROGRAMMES),
    dike: fc.boolean(),
    realisationStart: fc.integer({ min: 0, max: 120 }),
    realisationLength: fc.integer({ min: 1, max: 36 }),
    earlierPhases: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 6 }), length: fc.integer({ min: 1, max: 24 }) }), {
      maxLength: 2,
    }),
    window: fc.option(
      fc.record({ before: fc.integer({ min: -12, max: 48 }), after: fc.integer({ min: -12, max: 48 }) }),
      { freq: 2 },
    ),
    supply: fc.constantFrom(0, 0, 1000, 25_000),
    demand: fc.constantFrom(0, 0, 5000, 60_000),
    soilType: fc.constantFrom(null, ...SOIL_TYPES),
  })
  .map((spec): Omit<AlignmentTask, 'id'> => {
    const realisation: Phase = {
      kind: 'realisatie',
      start: BASE + spec.realisationStart,
      end: BASE + spec.realisationStart + spec.realisationLength - 1,
    };
    const phases: Phase[] = [realisation];
    const earlierKinds = (['planuitwerking', 'verkenning'] as const).slice(0, spec.earlierPhases.length);
    spec.earlierPhases.forEach((earlier, index) => {
      const end = phases[0]!.start - 1 - earlier.gap;
      phases.unshift({ kind: earlierKinds[index]!, start: end - earlier.length + 1, end });
    });
    const spanStart = phases[0]!.start;
    let window = null;
    if (spec.window) {
      const earliestStart = spanStart - spec.window.before;
      const latestEnd = Math.max(earliestStart, realisation.end + spec.window.after);
      window = { earliestStart, latestEnd };
    }
    const kind: TaskKind = spec.dike ? 'dike_reinforcement' : 'river_measure';
    return {
      programme: spec.programme,
      kind,
      phases,
      window,
      soilSupplyM3: spec.supply,
      soilDemandM3: spec.demand,
      soilType: spec.soilType,
    };
  });

function areaOf(minLength: number, maxLength: number) {
  return fc
    .array(taskArbitrary, { minLength, maxLength })
    .map((tasks) => tasks.map((task, index): AlignmentTask => ({ ...task, id: `t${index}` })));
}

function expectOracleEquality(area: fc.Arbitrary<AlignmentTask[]>, minOverlap: fc.Arbitrary<number>, numRuns: number) {
  fc.assert(
    fc.property(area, minOverlap, (tasks, m) => {
      expect(detectAlignments(tasks, m)).toEqual(bruteForceAlignments(tasks, m));
    }),
    { numRuns },
  );
}

const minOverlapArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 7, max: 120 }) },
);

describe('detectAlignments against the brute-force oracle', () => {
  it('equals every pair, shift and count of a literal enumeration on 1,500 random areas', () => {
    expectOracleEquality(areaOf(0, 14), minOverlapArbitrary, 1500);
  });

  it('equals the oracle on larger areas, where few candidates are sorted rather than scanned', () => {
    expectOracleEquality(areaOf(30, 60), minOverlapArbitrary, 150);
  });

  it('equals the oracle on crowded areas where windows are short and realisations touch', () => {
    const tight = fc
      .array(
        fc.record({
          programme: fc.constantFrom<Programme>('HWBP', 'KRW', 'GEMEENTE'),
          start: fc.integer({ min: 0, max: 12 }),
          length: fc.integer({ min: 1, max: 4 }),
          slack: fc.option(fc.tuple(fc.integer({ min: -2, max: 4 }), fc.integer({ min: -2, max: 4 }))),
          soilType: fc.constantFrom(null, ...SOIL_TYPES),
        }),
        { maxLength: 20 },
      )
      .map((specs) =>
        specs.map((spec, index): AlignmentTask => {
          const start = BASE + spec.start;
          const end = start + spec.length - 1;
          const window = spec.slack
            ? { earliestStart: start - spec.slack[0], latestEnd: Math.max(start - spec.slack[0], end + spec.slack[1]) }
            : null;
          return {
            id: `t${index}`,
            programme: spec.programme,
            kind: 'dike_reinforcement',
            phases: [{ kind: 'realisatie', start, end }],
            window,
            soilSupplyM3: index % 3 === 0 ? 500 : 0,
            soilDemandM3: index % 2 === 0 ? 700 : 0,
            soilType: spec.soilType,
          };
        }),
      );
    expectOracleEquality(tight, fc.integer({ min: 1, max: 5 }), 1000);
  });
});
