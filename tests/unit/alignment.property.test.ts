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

/**
 * The month to compute at, relative to BASE: before every phase of the generated tasks, among
 * them (so that some tasks have started, some partly, some not), after all of them, or none.
 */
const asOfArbitrary = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: -120, max: -70 }).map((offset) => BASE + offset) },
  { weight: 6, arbitrary: fc.integer({ min: -70, max: 160 }).map((offset) => BASE + offset) },
  { weight: 1, arbitrary: fc.integer({ min: 160, max: 220 }).map((offset) => BASE + offset) },
);

/**
 * An area with the month to compute at: half of the time a month at or next to one of its own
 * phase starts or ends, where the bounds of the past decide (a phase starting in asOf has not
 * started; one ending just before it leaves room from the next month on).
 */
function withAsOf(area: fc.Arbitrary<AlignmentTask[]>, asOfMonths: fc.Arbitrary<number | null>): fc.Arbitrary<[AlignmentTask[], number | null]> {
  return area.chain((tasks) => {
    const edges = tasks.flatMap((task) => task.phases.flatMap((phase) => [phase.start, phase.end + 1]));
    const nearEdge = fc.tuple(fc.constantFrom(...(edges.length > 0 ? edges : [BASE])), fc.integer({ min: -1, max: 1 })).map(([edge, offset]) => edge + offset);
    return fc.tuple(fc.constant(tasks), fc.oneof(asOfMonths, nearEdge));
  });
}

type StartState = 'not_started' | 'partly_started' | 'realisation_started';

function startState(task: AlignmentTask, asOf: number | null): StartState {
  if (asOf === null || task.phases.every((phase) => phase.start >= asOf)) return 'not_started';
  return task.phases.find((phase) => phase.kind === 'realisatie')!.start < asOf ? 'realisation_started' : 'partly_started';
}

/**
 * Runs the detector and the oracle on random areas and asOf months, and checks that the runs
 * met every kind of task (not started, partly started, realisation started) and that asOf
 * changed some answers: otherwise the equality would say little about the past.
 */
function expectOracleEquality(
  area: fc.Arbitrary<AlignmentTask[]>,
  minOverlap: fc.Arbitrary<number>,
  numRuns: number,
  asOfMonths: fc.Arbitrary<number | null> = asOfArbitrary,
) {
  const seen: Record<StartState, number> = { not_started: 0, partly_started: 0, realisation_started: 0 };
  let changedByAsOf = 0;
  fc.assert(
    fc.property(withAsOf(area, asOfMonths), minOverlap, ([tasks, asOf], m) => {
      const report = asOf === null ? detectAlignments(tasks, m) : detectAlignments(tasks, m, asOf);
      expect(report).toEqual(bruteForceAlignments(tasks, m, asOf));
      for (const task of tasks) seen[startState(task, asOf)]++;
      if (asOf !== null && JSON.stringify(report.pairs) !== JSON.stringify(detectAlignments(tasks, m).pairs)) changedByAsOf++;
    }),
    { numRuns },
  );
  expect(seen.not_started).toBeGreaterThan(0);
  expect(seen.partly_started).toBeGreaterThan(0);
  expect(seen.realisation_started).toBeGreaterThan(0);
  expect(changedByAsOf).toBeGreaterThan(0);
}

const minOverlapArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 7, max: 120 }) },
);

describe('detectAlignments against the brute-force oracle', () => {
  it('equals every pair, shift and count of a literal enumeration on 1,500 random areas and asOf months', () => {
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
          preparation: fc.option(fc.record({ gap: fc.integer({ min: 0, max: 1 }), length: fc.integer({ min: 1, max: 3 }) })),
          slack: fc.option(fc.tuple(fc.integer({ min: -2, max: 4 }), fc.integer({ min: -2, max: 4 }))),
          soilType: fc.constantFrom(null, ...SOIL_TYPES),
        }),
        { maxLength: 20 },
      )
      .map((specs) =>
        specs.map((spec, index): AlignmentTask => {
          const start = BASE + spec.start;
          const end = start + spec.length - 1;
          const phases: Phase[] = [{ kind: 'realisatie', start, end }];
          if (spec.preparation) {
            const preparationEnd = start - 1 - spec.preparation.gap;
            phases.unshift({ kind: 'planuitwerking', start: preparationEnd - spec.preparation.length + 1, end: preparationEnd });
          }
          const window = spec.slack
            ? { earliestStart: phases[0]!.start - spec.slack[0], latestEnd: Math.max(phases[0]!.start - spec.slack[0], end + spec.slack[1]) }
            : null;
          return {
            id: `t${index}`,
            programme: spec.programme,
            kind: 'dike_reinforcement',
            phases,
            window,
            soilSupplyM3: index % 3 === 0 ? 500 : 0,
            soilDemandM3: index % 2 === 0 ? 700 : 0,
            soilType: spec.soilType,
          };
        }),
      );
    const nearby = fc.option(fc.integer({ min: -8, max: 20 }).map((offset) => BASE + offset), { freq: 8 });
    expectOracleEquality(tight, fc.integer({ min: 1, max: 5 }), 1000, nearby);
  });
});
