import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intervalLength, parseMonth, yearOfMonth } from '../../server/domain/months.js';
import {
  alignmentDelta,
  applyMoves,
  blockingViolations,
  capacityViolations,
  evaluateScenario,
  swapMoves,
  urgencyInversions,
  urgencyReach,
  windowViolations,
  type CapacityRule,
} from '../../server/domain/scenarios.js';
import { realisationPhase, type Phase, type Task } from '../../server/domain/tasks.js';
import { literalShiftRefusal } from '../helpers/alignment-oracle.js';
import { UNSET_TASK_FIELDS } from '../helpers/task-fields.js';

const m = (text: string) => parseMonth(text)!;

function task(id: string, overrides: Partial<Task> = {}): Task {
  return {
    id,
    areaId: 'lek',
    partyId: 'hdsr',
    programme: 'HWBP',
    kind: 'dike_reinforcement',
    title: id,
    ...UNSET_TASK_FIELDS,
    phases: [
      { kind: 'planuitwerking', start: m('2028-01'), end: m('2029-12') },
      { kind: 'realisatie', start: m('2030-01'), end: m('2031-12') },
    ],
    window: { earliestStart: m('2025-01'), latestEnd: m('2040-12') },
    ...overrides,
  };
}

const realisationOnly = (start: number, length: number): Phase[] => [{ kind: 'realisatie', start, end: start + length - 1 }];

describe('swapMoves', () => {
  it('exchanges the realisation starts and keeps both tasks’ durations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 60 }), (startA, lengthA, startB, lengthB) => {
        const a = task('a', { phases: [{ kind: 'planuitwerking', start: m('2020-01') + startA - 12, end: m('2020-01') + startA - 1 }, ...realisationOnly(m('2020-01') + startA, lengthA)] });
        const b = task('b', { phases: realisationOnly(m('2020-01') + startB, lengthB) });
        const [movedA, movedB] = applyMoves([a, b], swapMoves(a, b));
        expect(realisationPhase(movedA!).start).toBe(realisationPhase(b).start);
        expect(realisationPhase(movedB!).start).toBe(realisationPhase(a).start);
        expect(movedA!.phases.map(intervalLength)).toEqual(a.phases.map(intervalLength));
        expect(movedB!.phases.map(intervalLength)).toEqual(b.phases.map(intervalLength));
      }),
      { numRuns: 300 },
    );
  });

  it('gives no moves for sections that already start together', () => {
    expect(swapMoves(task('a'), task('b'))).toEqual([]);
  });
});

describe('windowViolations', () => {
  it('flags a move beyond the window, and any move of a task without one', () => {
    const tasks = new Map([
      ['a', task('a')],
      ['b', task('b', { window: null })],
    ]);
    expect(windowViolations(tasks, [{ taskId: 'a', shiftMonths: 108 }])).toEqual([]);
    expect(windowViolations(tasks, [{ taskId: 'a', shiftMonths: 109 }])).toEqual([
      { type: 'window', taskId: 'a', shiftMonths: 109, reason: 'outside_window', allowed: { min: -36, max: 108 }, inBaseline: false },
    ]);
    expect(windowViolations(tasks, [{ taskId: 'b', shiftMonths: 1 }])[0]).toMatchObject({ reason: 'no_window', allowed: null });
  });
});

/** Brute force: every month of every task, counted one by one. */
function bruteForceConcurrent(tasks: Task[], rule: CapacityRule) {
  const counts = new Map<number, string[]>();
  const mine = tasks.filter((candidate) => candidate.partyId === rule.partyId && candidate.programme === rule.programme);
  for (let month = m('2020-01'); month <= m('2060-12'); month++) {
    const active = mine.filter((candidate) => {
      const r = realisationPhase(candidate);
      return r.start <= month && month <= r.end;
    });
    if (active.length > rule.maxConcurrent!) counts.set(month, active.map((candidate) => candidate.id).sort());
  }
  return counts;
}

describe('capacityViolations', () => {
  const taskArbitrary = fc.record({
    party: fc.constantFrom('hdsr', 'wl'),
    programme: fc.constantFrom('HWBP' as const, 'KRW' as const),
    start: fc.integer({ min: 0, max: 120 }),
    length: fc.integer({ min: 1, max: 48 }),
    cost: fc.option(fc.integer({ min: 1, max: 100 }).map((millions) => millions * 1_000_000)),
  });

  it('counts tasks in realisation per month exactly like a month-by-month count', () => {
    fc.assert(
      fc.property(fc.array(taskArbitrary, { maxLength: 12 }), fc.integer({ min: 0, max: 4 }), (specs, limit) => {
        const tasks = specs.map((spec, index) =>
          task(`t${index}`, { partyId: spec.party, programme: spec.programme, phases: realisationOnly(m('2025-01') + spec.start, spec.length) }),
        );
        const rule: CapacityRule = { id: 'r', partyId: 'hdsr', programme: 'HWBP', maxConcurrent: limit, budgetPerYearEur: null };
        const found = capacityViolations(tasks, [rule]);
        const expected = bruteForceConcurrent(tasks, rule);
        expect(found.map((violation) => (violation.type === 'capacity_concurrent' ? violation.month : -1))).toEqual([...expected.keys()]);
        for (const violation of found) {
          if (violation.type !== 'capacity_concurrent') continue;
          expect([...violation.taskIds].sort()).toEqual(expected.get(violation.month));
          expect(violation.count).toBe(violation.taskIds.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('spreads costs evenly over realisation months and compares each calendar year with the budget', () => {
    fc.assert(
      fc.property(fc.array(taskArbitrary, { maxLength: 10 }), fc.integer({ min: 1, max: 80 }), (specs, budgetMillions) => {
        const tasks = specs.map((spec, index) =>
          task(`t${index}`, { partyId: spec.party, programme: spec.programme, costEur: spec.cost, phases: realisationOnly(m('2025-01') + spec.start, spec.length) }),
        );
        const rule: CapacityRule = { id: 'r', partyId: 'wl', programme: 'KRW', maxConcurrent: null, budgetPerYearEur: budgetMillions * 1_000_000 };
        const perYear = new Map<number, number>();
        for (const candidate of tasks.filter((x) => x.partyId === 'wl' && x.programme === 'KRW' && x.costEur)) {
          const r = realisationPhase(candidate);
          for (let month = r.start; month <= r.end; month++) {
            perYear.set(yearOfMonth(month), (perYear.get(yearOfMonth(month)) ?? 0) + candidate.costEur! / intervalLength(r));
          }
        }
        const expectedYears = [...perYear].filter(([, amount]) => Math.round(amount) > rule.budgetPerYearEur!).map(([year]) => year).sort();
        const found = capacityViolations(tasks, [rule]).map((violation) => (violation.type === 'capacity_budget' ? violation.year : -1));
        expect(found).toEqual(expectedYears);
      }),
      { numRuns: 300 },
    );
  });
});

describe('urgencyInversions', () => {
  it('matches a pairwise check of every ranked section before and after the moves', () => {
    const sectionArbitrary = fc.record({ rank: fc.integer({ min: 1, max: 8 }), start: fc.integer({ min: 0, max: 60 }), length: fc.integer({ min: 1, max: 24 }) });
    fc.assert(
      fc.property(
        fc.array(sectionArbitrary, { minLength: 1, maxLength: 9 }),
        fc.array(fc.tuple(fc.nat(8), fc.integer({ min: -30, max: 30 }).filter((shift) => shift !== 0)), { maxLength: 4 }),
        (specs, rawMoves) => {
          const tasks = specs.map((spec, index) => task(`t${index}`, { urgencyRank: spec.rank, phases: realisationOnly(m('2030-01') + spec.start, spec.length) }));
          const moves = [...new Map(rawMoves.filter(([index]) => index < tasks.length).map(([index, shift]) => [`t${index}`, shift])).entries()].map(
            ([taskId, shiftMonths]) => ({ taskId, shiftMonths }),
          );
          const moved = applyMoves(tasks, moves);
          const expected: string[] = [];
          for (let i = 0; i < tasks.length; i++) {
            for (let j = 0; j < tasks.length; j++) {
              const [a, b] = [tasks[i]!, tasks[j]!];
              if (a.urgencyRank! >= b.urgencyRank!) continue;
              const wasNotAfter = realisationPhase(a).end <= realisationPhase(b).end;
              const nowAfter = realisationPhase(moved[i]!).end > realisationPhase(moved[j]!).end;
              if (wasNotAfter && nowAfter) expected.push(`${a.id}>${b.id}`);
            }
          }
          const found = urgencyInversions(tasks, moved, new Set(moves.map((move) => move.taskId)));
          expect(found.map((inversion) => `${inversion.moreUrgentTaskId}>${inversion.lessUrgentTaskId}`).sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds the same inversions when the unmoved sections are only those within the moved ones’ urgency reach', () => {
    const sectionArbitrary = fc.record({ rank: fc.integer({ min: 1, max: 8 }), start: fc.integer({ min: 0, max: 60 }), length: fc.integer({ min: 1, max: 24 }) });
    fc.assert(
      fc.property(
        fc.array(sectionArbitrary, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(11), fc.integer({ min: -30, max: 30 })), { maxLength: 4 }),
        (specs, rawMoves) => {
          const tasks = specs.map((spec, index) => task(`t${index}`, { urgencyRank: spec.rank, phases: realisationOnly(m('2030-01') + spec.start, spec.length) }));
          const shifts = new Map(rawMoves.filter(([index]) => index < tasks.length).map(([index, shift]) => [`t${index}`, shift]));
          const moves = [...shifts].map(([taskId, shiftMonths]) => ({ taskId, shiftMonths }));
          const movedIds = new Set(shifts.keys());
          const reach = urgencyReach(
            tasks.filter((t) => movedIds.has(t.id)).map((t) => ({ rank: t.urgencyRank!, baseEnd: realisationPhase(t).end, end: realisationPhase(t).end + shifts.get(t.id)! })),
          );
          const inReach = (t: Task) =>
            movedIds.has(t.id) ||
            reach.some((r) => {
              const end = realisationPhase(t).end;
              return end >= r.fromEnd && end <= r.toEnd && (r.ranks === 'above' ? t.urgencyRank! > r.rank : t.urgencyRank! < r.rank);
            });
          const read = tasks.filter(inReach);
          expect(urgencyInversions(read, applyMoves(read, moves), movedIds)).toEqual(urgencyInversions(tasks, applyMoves(tasks, moves), movedIds));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('evaluateScenario', () => {
  const dike = task('dike', { urgencyRank: 2, soilDemandM3: 50_000, soilType: 'klei' });
  const laterDike = task('later', { urgencyRank: 5, phases: realisationOnly(m('2033-01'), 24) });
  const river = task('river', { partyId: 'rws', programme: 'KRW', kind: 'river_measure', soilSupplyM3: 80_000, soilType: 'klei', phases: realisationOnly(m('2026-01'), 18), window: null });
  const tasks = [dike, laterDike, river];

  it('with no moves, equals the baseline: no violations, warnings or changed pairs', () => {
    expect(evaluateScenario(tasks, [], [{ id: 'r', partyId: 'hdsr', programme: 'HWBP', maxConcurrent: 0, budgetPerYearEur: null }])).toEqual({
      asOf: null,
      shiftedTasks: [],
      violations: [],
      warnings: [],
      alignmentDelta: [],
    });
  });

  it('reports pairs that become aligned, the soil won, and an urgency inversion it creates', () => {
    const evaluation = evaluateScenario(tasks, [{ taskId: 'dike', shiftMonths: -48 }, { taskId: 'later', shiftMonths: -60 }], []);
    expect(evaluation.alignmentDelta).toEqual([
      {
        areaId: 'lek',
        changes: [
          { dikeTaskId: 'dike', otherTaskId: 'river', before: 'alignable_by_dike', after: 'aligned', soilMatchM3: 50_000 },
        ],
        alignedSoilBeforeM3: 0,
        alignedSoilAfterM3: 50_000,
      },
    ]);
    expect(evaluation.warnings).toEqual([]);
    const inverted = evaluateScenario(tasks, [{ taskId: 'dike', shiftMonths: 48 }], []);
    expect(inverted.warnings).toEqual([
      { type: 'urgency_inversion', moreUrgentTaskId: 'dike', moreUrgentRank: 2, lessUrgentTaskId: 'later', lessUrgentRank: 5 },
    ]);
  });

  it('marks capacity violations the baseline already had at least as badly, and blocks only the others', () => {
    const rule: CapacityRule = { id: 'r', partyId: 'hdsr', programme: 'HWBP', maxConcurrent: 1, budgetPerYearEur: null };
    const crowded = [dike, task('twin'), laterDike];
    const evaluation = evaluateScenario(crowded, [{ taskId: 'later', shiftMonths: -24 }], [rule]);
    const concurrent = evaluation.violations.filter((violation) => violation.type === 'capacity_concurrent');
    expect(concurrent.some((violation) => violation.inBaseline)).toBe(true);
    expect(concurrent.some((violation) => !violation.inBaseline)).toBe(true);
    expect(blockingViolations(evaluation).every((violation) => !violation.inBaseline)).toBe(true);
  });

  it('judges capacity and urgency the same when tasks of other areas come as realisation-only load tasks', () => {
    const spec = fc.record({
      area: fc.constantFrom('lek', 'maas', 'waal'),
      party: fc.constantFrom('hdsr', 'wsl'),
      start: fc.integer({ min: 0, max: 60 }),
      length: fc.integer({ min: 1, max: 30 }),
      rank: fc.option(fc.integer({ min: 1, max: 8 })),
      costEur: fc.option(fc.integer({ min: 1, max: 90_000_000 })),
      shift: fc.integer({ min: -24, max: 24 }),
    });
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 3 }), (specs, limit) => {
        const all = specs.map((s, index) =>
          task(`t${index}`, {
            areaId: s.area,
            partyId: s.party,
            urgencyRank: s.rank,
            costEur: s.costEur,
            phases: [{ kind: 'planuitwerking', start: m('2026-01') + s.start - 12, end: m('2026-01') + s.start - 1 }, ...realisationOnly(m('2026-01') + s.start, s.length)],
          }),
        );
        const moves = specs.flatMap((s, index) => (s.area === 'lek' ? [{ taskId: `t${index}`, shiftMonths: s.shift }] : []));
        const rules: CapacityRule[] = ['hdsr', 'wsl'].map((partyId) => ({ id: partyId, partyId, programme: 'HWBP', maxConcurrent: limit, budgetPerYearEur: 60_000_000 }));
        const inLek = all.filter((t) => t.areaId === 'lek');
        const loadTasks = all
          .filter((t) => t.areaId !== 'lek')
          .map(({ id, areaId, partyId, programme, costEur, urgencyRank, version, phases }) => ({ id, areaId, partyId, programme, costEur, urgencyRank, version, phases: [realisationPhase({ phases })] }));
        const asOf = m('2026-11');
        expect(evaluateScenario(inLek, moves, rules, { asOf, loadTasks })).toEqual(evaluateScenario(all, moves, rules, { asOf }));
      }),
      { numRuns: 300 },
    );
  });

  it('never changes the tasks it is given', () => {
    const copy = structuredClone(tasks);
    evaluateScenario(tasks, [{ taskId: 'dike', shiftMonths: 12 }], []);
    expect(tasks).toEqual(copy);
    expect(alignmentDelta('lek', tasks, tasks).changes).toEqual([]);
  });
});

describe('scenarios at asOf (the past is fixed)', () => {
  const asOf = m('2026-11');
  const phase = (kind: Phase['kind'], start: string, end: string): Phase => ({ kind, start: m(start), end: m(end) });
  const salmsteke = task('salmsteke', {
    urgencyRank: 1,
    phases: [phase('planuitwerking', '2020-01', '2022-12'), phase('realisatie', '2023-01', '2024-12')],
    window: { earliestStart: m('2018-01'), latestEnd: m('2040-12') },
  });
  const planned = task('planned', { urgencyRank: 4 });

  it('refuses a swap with the Salmsteke dike, built 2023–2024, as a started window violation at 2026-11, and moves nothing', () => {
    const moves = swapMoves(salmsteke, planned);
    expect(moves).toEqual([
      { taskId: 'salmsteke', shiftMonths: 84 },
      { taskId: 'planned', shiftMonths: -84 },
    ]);
    const evaluation = evaluateScenario([salmsteke, planned], moves, [], { asOf });
    expect(evaluation.asOf).toBe(asOf);
    expect(evaluation.violations).toEqual([
      { type: 'window', taskId: 'salmsteke', shiftMonths: 84, reason: 'started', allowed: null, inBaseline: false },
      { type: 'window', taskId: 'planned', shiftMonths: -84, reason: 'past', allowed: { min: -14, max: 108 }, inBaseline: false },
    ]);
    expect(evaluation.shiftedTasks).toEqual([salmsteke, planned]);
    expect(evaluation.alignmentDelta[0]!.changes).toEqual([]);
    expect(blockingViolations(evaluation)).toHaveLength(2);
  });

  it('swaps two sections that have not started, each shifting only its moving part, and refuses one that would start in the past', () => {
    const early = task('early', { phases: [phase('verkenning', '2020-01', '2021-12'), phase('planuitwerking', '2027-01', '2027-12'), phase('realisatie', '2028-01', '2029-12')] });
    const late = task('late', { phases: [phase('planuitwerking', '2030-01', '2030-12'), phase('realisatie', '2031-01', '2031-12')] });
    const evaluation = evaluateScenario([early, late], swapMoves(early, late), [], { asOf });
    expect(evaluation.violations).toEqual([]);
    expect(evaluation.shiftedTasks.map((moved) => moved.phases)).toEqual([
      [phase('verkenning', '2020-01', '2021-12'), phase('planuitwerking', '2030-01', '2030-12'), phase('realisatie', '2031-01', '2032-12')],
      [phase('planuitwerking', '2027-01', '2027-12'), phase('realisatie', '2028-01', '2028-12')],
    ]);
    // With a longer planuitwerking the later section would have to start it in 2026-01, before asOf.
    const longer = task('late', { phases: [phase('planuitwerking', '2029-01', '2030-12'), phase('realisatie', '2031-01', '2031-12')] });
    const refused = evaluateScenario([early, longer], swapMoves(early, longer), [], { asOf });
    expect(refused.violations).toEqual([{ type: 'window', taskId: 'late', shiftMonths: -36, reason: 'past', allowed: { min: -26, max: 108 }, inBaseline: false }]);
    expect(refused.shiftedTasks[1]).toEqual(longer);
  });

  it('keeps a 2020 verkenning where it is, shifts the rest, and refuses a shift into the past', () => {
    const verkenning = task('v', {
      phases: [phase('verkenning', '2020-01', '2021-12'), phase('planuitwerking', '2027-01', '2028-12'), phase('realisatie', '2029-01', '2030-12')],
      window: { earliestStart: m('2019-01'), latestEnd: m('2040-12') },
    });
    const later = evaluateScenario([verkenning], [{ taskId: 'v', shiftMonths: 12 }], [], { asOf });
    expect(later.violations).toEqual([]);
    expect(later.shiftedTasks[0]!.phases).toEqual([
      phase('verkenning', '2020-01', '2021-12'),
      phase('planuitwerking', '2028-01', '2029-12'),
      phase('realisatie', '2030-01', '2031-12'),
    ]);
    expect(evaluateScenario([verkenning], [{ taskId: 'v', shiftMonths: -2 }], [], { asOf }).violations).toEqual([]);
    const past = evaluateScenario([verkenning], [{ taskId: 'v', shiftMonths: -3 }], [], { asOf });
    expect(past.violations).toEqual([{ type: 'window', taskId: 'v', shiftMonths: -3, reason: 'past', allowed: { min: -2, max: 120 }, inBaseline: false }]);
    expect(past.shiftedTasks).toEqual([verkenning]);
  });

  it('refuses a shift onto a verkenning that is still going on as past, even when asOf alone would allow it', () => {
    const running = task('r', {
      phases: [phase('verkenning', '2020-01', '2027-06'), phase('planuitwerking', '2027-07', '2027-12'), phase('realisatie', '2028-01', '2029-12')],
    });
    expect(windowViolations(new Map([['r', running]]), [{ taskId: 'r', shiftMonths: -3 }], asOf)).toEqual([
      { type: 'window', taskId: 'r', shiftMonths: -3, reason: 'past', allowed: { min: 0, max: 132 }, inBaseline: false },
    ]);
  });

  it('names the first refusal that applies and marks only a schedule already outside its window as in the baseline', () => {
    const byId = new Map([
      ['none', task('none', { window: null, phases: realisationOnly(m('2024-01'), 12) })],
      ['started', task('started', { phases: realisationOnly(m('2026-01'), 24) })],
      ['outside', task('outside', { window: { earliestStart: m('2029-01'), latestEnd: m('2031-06') } })],
    ]);
    const reasons = windowViolations(byId, [
      { taskId: 'none', shiftMonths: 12 },
      { taskId: 'started', shiftMonths: 12 },
      { taskId: 'outside', shiftMonths: -60 },
      { taskId: 'outside', shiftMonths: 1 },
    ], asOf).map((violation) => violation.type === 'window' && [violation.reason, violation.inBaseline]);
    expect(reasons).toEqual([['no_window', false], ['started', false], ['past', false], ['outside_window', true]]);
  });

  it('moves nothing into the past and keeps phases in order, whatever the moves and asOf', () => {
    const spec = fc.record({
      start: fc.integer({ min: 0, max: 96 }),
      length: fc.integer({ min: 1, max: 36 }),
      preparation: fc.option(fc.record({ gap: fc.integer({ min: 0, max: 12 }), length: fc.integer({ min: 1, max: 24 }) })),
      window: fc.boolean(),
      shift: fc.integer({ min: -60, max: 60 }),
    });
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 6 }), fc.integer({ min: m('2024-01'), max: m('2034-12') }), (specs, at) => {
        const tasks = specs.map((s, index) => {
          const phases = realisationOnly(m('2026-01') + s.start, s.length);
          if (s.preparation) {
            const end = phases[0]!.start - 1 - s.preparation.gap;
            phases.unshift({ kind: 'planuitwerking', start: end - s.preparation.length + 1, end });
          }
          return task(`t${index}`, { phases, window: s.window ? { earliestStart: m('2015-01'), latestEnd: m('2049-12') } : null });
        });
        const moves = specs.map((s, index) => ({ taskId: `t${index}`, shiftMonths: s.shift }));
        const evaluation = evaluateScenario(tasks, moves, [], { asOf: at });
        const reasons = new Map(evaluation.violations.flatMap((v) => (v.type === 'window' ? [[v.taskId, v.reason] as const] : [])));
        evaluation.shiftedTasks.forEach((moved, index) => {
          const before = tasks[index]!;
          const expected = literalShiftRefusal(before, moves[index]!.shiftMonths, at);
          expect(reasons.get(before.id) ?? null).toBe(expected);
          moved.phases.forEach((p, phaseIndex) => {
            const original = before.phases[phaseIndex]!;
            if (original.start < at) expect(p).toEqual(original);
            else expect(p.start).toBeGreaterThanOrEqual(at);
            if (phaseIndex > 0) expect(p.start).toBeGreaterThan(moved.phases[phaseIndex - 1]!.end);
            expect(intervalLength(p)).toBe(intervalLength(original));
          });
        });
      }),
      { numRuns: 500 },
    );
  });
});
