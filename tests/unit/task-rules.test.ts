import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaskInput } from '../../server/contracts/tasks.js';
import { parseMonth } from '../../server/domain/months.js';
import {
  allowedShiftRange,
  hasStarted,
  isMovable,
  isOutsideWindow,
  isRealisationStarted,
  isShiftAllowed,
  movingPhases,
  pastRefusal,
  scheduleRuleViolations,
  shiftPhases,
  shiftRefusal,
  shiftTask,
  taskSpan,
  type Phase,
  type TaskSchedule,
} from '../../server/domain/tasks.js';
import { literalAllowedShifts, literalShift, literalShiftRefusal } from '../helpers/alignment-oracle.js';
import { dikeTaskInput } from '../helpers/factories.js';

const m = (text: string) => parseMonth(text)!;
const phase = (kind: Phase['kind'], start: string, end: string): Phase => ({ kind, start: m(start), end: m(end) });
const base = { programme: 'HWBP' as const, kind: 'dike_reinforcement' as const, window: null, urgencyRank: null, kmFrom: null, kmTo: null, lengthKm: null };

function messagesOf(input: unknown): string[] {
  const result = TaskInput.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('scheduleRuleViolations', () => {
  it('accepts ordered, non-overlapping phases that include realisatie', () => {
    const phases = [phase('verkenning', '2026-01', '2026-12'), phase('planuitwerking', '2027-01', '2027-12'), phase('realisatie', '2028-01', '2029-12')];
    expect(scheduleRuleViolations({ ...base, phases })).toEqual([]);
  });

  it('requires a realisatie phase', () => {
    expect(scheduleRuleViolations({ ...base, phases: [phase('verkenning', '2026-01', '2026-12')] })).toContainEqual({
      path: ['phases'],
      message: 'a realisatie phase is required',
    });
  });

  it('refuses phases out of order, repeated, overlapping, or ending before they start', () => {
    const outOfOrder = scheduleRuleViolations({ ...base, phases: [phase('realisatie', '2026-01', '2026-12'), phase('verkenning', '2027-01', '2027-12')] });
    expect(outOfOrder.map((v) => v.path.join('.'))).toContain('phases.1.kind');
    const repeated = scheduleRuleViolations({ ...base, phases: [phase('realisatie', '2026-01', '2026-12'), phase('realisatie', '2027-01', '2027-12')] });
    expect(repeated.map((v) => v.message)).toContain('phase realisatie appears more than once');
    const overlapping = scheduleRuleViolations({ ...base, phases: [phase('planuitwerking', '2026-01', '2027-01'), phase('realisatie', '2027-01', '2027-12')] });
    expect(overlapping).toContainEqual({ path: ['phases', 1, 'start'], message: 'phase realisatie overlaps phase planuitwerking' });
    const backwards = scheduleRuleViolations({ ...base, phases: [phase('realisatie', '2027-01', '2026-12')] });
    expect(backwards).toContainEqual({ path: ['phases', 0, 'end'], message: 'phase end must not be before its start' });
  });

  it('allows adjacent phases (one ends the month before the next starts)', () => {
    const phases = [phase('planuitwerking', '2026-01', '2026-12'), phase('realisatie', '2027-01', '2027-12')];
    expect(scheduleRuleViolations({ ...base, phases })).toEqual([]);
  });

  it('keeps HWBP windows before 2050 but lets other programmes plan later', () => {
    const phases = [phase('realisatie', '2030-01', '2030-12')];
    const window = { earliestStart: m('2030-01'), latestEnd: m('2050-01') };
    expect(scheduleRuleViolations({ ...base, phases, window })).toContainEqual({
      path: ['window', 'latestEnd'],
      message: 'an HWBP window must end by 2049-12 (before 2050)',
    });
    expect(scheduleRuleViolations({ ...base, programme: 'IRM', phases, window })).toEqual([]);
    expect(scheduleRuleViolations({ ...base, phases, window: { earliestStart: m('2030-01'), latestEnd: m('2049-12') } })).toEqual([]);
  });

  it('refuses a window that ends before it starts, urgency outside HWBP, and kilometres in reverse', () => {
    const phases = [phase('realisatie', '2030-01', '2030-12')];
    const violations = scheduleRuleViolations({
      ...base,
      programme: 'KRW',
      phases,
      window: { earliestStart: m('2031-01'), latestEnd: m('2030-01') },
      urgencyRank: 2,
      kmFrom: 10,
      kmTo: 5,
    });
    expect(violations.map((v) => v.path.join('.'))).toEqual(['window.latestEnd', 'urgencyRank', 'kmTo']);
  });
});

describe('task windows and shifts', () => {
  const schedule = {
    phases: [phase('planuitwerking', '2028-01', '2029-12'), phase('realisatie', '2030-01', '2031-12')],
    window: { earliestStart: m('2027-01'), latestEnd: m('2034-12') },
  };

  it('spans from the first phase start to the last phase end', () => {
    expect(taskSpan(schedule.phases)).toEqual({ start: m('2028-01'), end: m('2031-12') });
  });

  it('is movable exactly when it has a window', () => {
    expect(isMovable(schedule)).toBe(true);
    expect(isMovable({ ...schedule, window: null })).toBe(false);
    expect(allowedShiftRange({ ...schedule, window: null })).toBeNull();
  });

  it('allows shifts that keep the whole span inside the window', () => {
    expect(allowedShiftRange(schedule)).toEqual({ min: -12, max: 36 });
    expect(isShiftAllowed(schedule, -12)).toBe(true);
    expect(isShiftAllowed(schedule, -13)).toBe(false);
    expect(isShiftAllowed(schedule, 36)).toBe(true);
    expect(isShiftAllowed(schedule, 37)).toBe(false);
    expect(isShiftAllowed({ ...schedule, window: null }, 0)).toBe(false);
  });

  it('flags a schedule that lies outside its own window', () => {
    expect(isOutsideWindow(schedule)).toBe(false);
    expect(isOutsideWindow({ ...schedule, window: { earliestStart: m('2029-01'), latestEnd: m('2034-12') } })).toBe(true);
    expect(isOutsideWindow({ ...schedule, window: null })).toBe(false);
  });
});

describe('the past is fixed', () => {
  const asOf = m('2026-11');
  const window = { earliestStart: m('2015-01'), latestEnd: m('2040-12') };
  const salmsteke = { phases: [phase('planuitwerking', '2020-01', '2022-12'), phase('realisatie', '2023-01', '2024-12')], window };
  const verkenning2020 = {
    phases: [phase('verkenning', '2020-01', '2021-12'), phase('planuitwerking', '2027-01', '2028-12'), phase('realisatie', '2029-01', '2030-12')],
    window,
  };

  it('counts a phase as started when it starts before asOf, not when it starts in it', () => {
    expect(hasStarted(phase('realisatie', '2026-10', '2027-12'), asOf)).toBe(true);
    expect(hasStarted(phase('realisatie', '2026-11', '2027-12'), asOf)).toBe(false);
    expect(hasStarted(phase('realisatie', '2020-01', '2020-12'))).toBe(false);
  });

  it('does not call the Salmsteke dike, built 2023–2024, movable at 2026-11, whatever its window', () => {
    expect(isRealisationStarted(salmsteke, asOf)).toBe(true);
    expect(isMovable(salmsteke, asOf)).toBe(false);
    expect(isMovable(salmsteke, m('2022-12'))).toBe(true);
    expect(isMovable(salmsteke)).toBe(true);
    expect(allowedShiftRange(salmsteke, asOf)).toBeNull();
    expect(shiftRefusal(salmsteke, 12, asOf)).toBe('started');
    expect(shiftRefusal({ ...salmsteke, window: null }, 12, asOf)).toBe('no_window');
    expect(movingPhases(salmsteke.phases, asOf)).toEqual([]);
    expect(shiftPhases(salmsteke.phases, 12, asOf)).toEqual(salmsteke.phases);
  });

  it('keeps a 2020 verkenning where it is and shifts the phases that have not started', () => {
    expect(isMovable(verkenning2020, asOf)).toBe(true);
    expect(movingPhases(verkenning2020.phases, asOf).map((p) => p.kind)).toEqual(['planuitwerking', 'realisatie']);
    expect(shiftTask(verkenning2020, 12, asOf).phases).toEqual([
      phase('verkenning', '2020-01', '2021-12'),
      phase('planuitwerking', '2028-01', '2029-12'),
      phase('realisatie', '2030-01', '2031-12'),
    ]);
    expect(shiftPhases(verkenning2020.phases, 12)[0]).toEqual(phase('verkenning', '2021-01', '2022-12'));
  });

  it('lets nothing move into the past: planuitwerking may start at 2026-11 at the earliest', () => {
    expect(allowedShiftRange(verkenning2020, asOf)).toEqual({ min: -2, max: 120 });
    expect(isShiftAllowed(verkenning2020, -2, asOf)).toBe(true);
    expect(shiftRefusal(verkenning2020, -3, asOf)).toBe('past');
    expect(pastRefusal(verkenning2020, -3, asOf)).toBe('past');
    // Without asOf the verkenning moves too, and only the window limits the shift.
    expect(allowedShiftRange(verkenning2020)).toEqual({ min: -60, max: 120 });
  });

  it('never lets the moving part run onto a phase that started and is still going on', () => {
    const running = { phases: [phase('verkenning', '2020-01', '2027-06'), phase('planuitwerking', '2027-07', '2027-12'), phase('realisatie', '2028-01', '2029-12')], window };
    expect(allowedShiftRange(running, asOf)).toEqual({ min: 0, max: 132 });
    expect(shiftRefusal(running, -1, asOf)).toBe('past');
    expect(shiftRefusal(running, 1, asOf)).toBeNull();
  });

  it('names the first refusal that applies: no_window, started, past, outside_window', () => {
    const tight = { ...verkenning2020, window: { earliestStart: m('2026-06'), latestEnd: m('2031-06') } };
    // -30 is both in the past and before the window: past comes first.
    expect(shiftRefusal(tight, -30, asOf)).toBe('past');
    expect(shiftRefusal(tight, 7, asOf)).toBe('outside_window');
    expect(shiftRefusal(tight, 6, asOf)).toBeNull();
    expect(allowedShiftRange(tight, asOf)).toEqual({ min: -2, max: 6 });
  });

  it('agrees with DOMAIN.md read phase by phase for every schedule, asOf and shift', () => {
    const scheduleArbitrary = fc
      .record({
        realisationStart: fc.integer({ min: 0, max: 60 }),
        realisationLength: fc.integer({ min: 1, max: 24 }),
        earlier: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 5 }), length: fc.integer({ min: 1, max: 12 }) }), { maxLength: 2 }),
        window: fc.option(fc.record({ before: fc.integer({ min: -10, max: 30 }), after: fc.integer({ min: -10, max: 30 }) }), { freq: 4 }),
      })
      .map((spec): TaskSchedule => {
        const base = m('2025-01');
        const phases: Phase[] = [{ kind: 'realisatie', start: base + spec.realisationStart, end: base + spec.realisationStart + spec.realisationLength - 1 }];
        (['planuitwerking', 'verkenning'] as const).slice(0, spec.earlier.length).forEach((kind, index) => {
          const end = phases[0]!.start - 1 - spec.earlier[index]!.gap;
          phases.unshift({ kind, start: end - spec.earlier[index]!.length + 1, end });
        });
        const earliestStart = phases[0]!.start - (spec.window?.before ?? 0);
        const window = spec.window ? { earliestStart, latestEnd: Math.max(earliestStart, phases.at(-1)!.end + spec.window.after) } : null;
        return { phases, window };
      });
    const asOfArbitrary = fc.option(fc.integer({ min: m('2021-06'), max: m('2032-06') }), { freq: 8 });
    fc.assert(
      fc.property(scheduleArbitrary, asOfArbitrary, fc.integer({ min: -80, max: 80 }), (schedule, asOf, k) => {
        const at = asOf ?? undefined;
        expect(shiftRefusal(schedule, k, at)).toBe(literalShiftRefusal(schedule, k, asOf));
        expect(isShiftAllowed(schedule, k, at)).toBe(literalShiftRefusal(schedule, k, asOf) === null);
        expect(shiftPhases(schedule.phases, k, at)).toEqual(literalShift(schedule.phases, k, asOf));
        const allowed = literalAllowedShifts(schedule, asOf);
        const range = allowedShiftRange(schedule, at);
        expect(isMovable(schedule, at)).toBe(range !== null);
        if (range === null) {
          expect(allowed).toEqual([]);
        } else {
          // One integer range, exactly the shifts a literal reading allows.
          const expected = range.min > range.max ? [] : Array.from({ length: range.max - range.min + 1 }, (_, index) => range.min + index);
          expect(allowed).toEqual(expected);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('TaskInput', () => {
  it('accepts a complete dike reinforcement', () => {
    expect(messagesOf(dikeTaskInput())).toEqual([]);
  });

  it('names each bad field: month format and range, unknown fields, negative soil', () => {
    const messages = messagesOf({
      ...dikeTaskInput(),
      phases: [{ kind: 'realisatie', start: '1999-12', end: '2030-13' }],
      soilDemandM3: -1,
      id: 'mine',
    });
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^phases\.0\.start: month must lie between 2000-01 and 2100-12/),
        expect.stringMatching(/^phases\.0\.end: expected a month as YYYY-MM/),
        expect.stringMatching(/^soilDemandM3: /),
        expect.stringMatching(/^: Unrecognized key: "id"/),
      ]),
    );
  });

  it('refuses unknown phase kinds and soil types', () => {
    expect(messagesOf({ ...dikeTaskInput(), phases: [{ kind: 'uitvoering', start: '2030-01', end: '2030-02' }] })).not.toEqual([]);
    expect(messagesOf({ ...dikeTaskInput(), soilType: 'veen' })).not.toEqual([]);
  });

  it('reports the cross-field rules at their fields', () => {
    expect(messagesOf({ ...dikeTaskInput(), window: { earliestStart: '2025-01', latestEnd: '2050-06' } })).toEqual([
      'window.latestEnd: an HWBP window must end by 2049-12 (before 2050)',
    ]);
  });
});
