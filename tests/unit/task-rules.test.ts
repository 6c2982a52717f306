import { describe, expect, it } from 'vitest';
import { TaskInput } from '../../server/contracts/tasks.js';
import { parseMonth } from '../../server/domain/months.js';
import {
  allowedShiftRange,
  isMovable,
  isOutsideWindow,
  isShiftAllowed,
  scheduleRuleViolations,
  taskSpan,
  type Phase,
} from '../../server/domain/tasks.js';
import { dikeTaskInput } from '../helpers/factories.js';

const m = (text: string) => parseMonth(text)!;
const phase = (kind: Phase['kind'], start: string, end: string): Phase => ({ kind, start: m(start), end: m(end) });
const base = { programme: 'HWBP' as const, kind: 'dike_reinforcement' as const, window: null, urgencyRank: null, kmFrom: null, kmTo: null };

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
