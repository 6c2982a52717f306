import { describe, expect, it } from 'vitest';
import { initialState, mayContributeAgenda, proposalMove, withLiveTasks } from '../../client/src/area/model.js';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import type { User } from '../../server/contracts/users.js';
import { parseMonth } from '../../server/domain/months.js';
import type { Actor } from '../../server/domain/permissions.js';
import { changeRefusal, isMaker, mayAnswer, mayContributeToAgenda, mayManageAgenda, mayPropose, movesToPropose, proposedSchedule, scheduleChanged } from '../../server/domain/proposals.js';
import { tableSince } from '../../server/domain/snapshot-diff.js';
import type { TaskSchedule } from '../../server/domain/tasks.js';
import { UNSET_TASK_FIELDS } from '../helpers/task-fields.js';

const m = (text: string) => parseMonth(text)!;
const asOf = m('2026-11');

/** Verkenning started (2025), planuitwerking and realisatie to come; may move within 2025-01..2040-12. */
const schedule: TaskSchedule = {
  phases: [
    { kind: 'verkenning', start: m('2025-01'), end: m('2027-06') },
    { kind: 'planuitwerking', start: m('2027-07'), end: m('2029-12') },
    { kind: 'realisatie', start: m('2030-01'), end: m('2031-12') },
  ],
  window: { earliestStart: m('2025-01'), latestEnd: m('2040-12') },
};

const actor = (role: Actor['role'], partyId: string | null, id = 'u1'): Actor => ({ id, label: `${id}@x.nl`, partyId, role });

describe('changeRefusal', () => {
  it('judges a shift as the Time rules do: the started verkenning stays, so the moving part may not go back onto it', () => {
    expect(changeRefusal(schedule, { kind: 'shift', shiftMonths: 12 }, asOf)).toBeNull();
    expect(changeRefusal(schedule, { kind: 'shift', shiftMonths: -1 }, asOf)).toBe('past');
    expect(changeRefusal({ ...schedule, window: null }, { kind: 'shift', shiftMonths: 12 }, asOf)).toBe('no_window');
  });

  it('refuses new phases that change a started phase or start a changed one in the past, and any change of a started realisation', () => {
    const later = schedule.phases.map((phase) => (phase.kind === 'verkenning' ? phase : { ...phase, start: phase.start + 6, end: phase.end + 6 }));
    expect(changeRefusal(schedule, { kind: 'phases', phases: later }, asOf)).toBeNull();
    const movedStarted = schedule.phases.map((phase) => ({ ...phase, start: phase.start + 1, end: phase.end + 1 }));
    expect(changeRefusal(schedule, { kind: 'phases', phases: movedStarted }, asOf)).toBe('past');
    const intoPast = schedule.phases.map((phase) => (phase.kind === 'planuitwerking' ? { ...phase, start: m('2026-01') } : phase));
    expect(changeRefusal(schedule, { kind: 'phases', phases: intoPast }, asOf)).toBe('past');
    expect(changeRefusal(schedule, { kind: 'phases', phases: later }, m('2031-01'))).toBe('started');
  });

  it('never refuses a new window on the past’s account', () => {
    expect(changeRefusal(schedule, { kind: 'window', window: null }, asOf)).toBeNull();
  });
});

describe('proposedSchedule and scheduleChanged', () => {
  it('shifts only the moving part, and sees a change of phases or window, not of anything else', () => {
    const shifted = proposedSchedule(schedule, { kind: 'shift', shiftMonths: 12 }, asOf);
    expect(shifted.phases.map((phase) => phase.start)).toEqual([m('2025-01'), m('2028-07'), m('2031-01')]);
    expect(shifted.window).toEqual(schedule.window);
    expect(scheduleChanged(schedule, shifted)).toBe(true);
    expect(scheduleChanged(schedule, { ...schedule })).toBe(false);
    expect(scheduleChanged(schedule, proposedSchedule(schedule, { kind: 'window', window: null }, asOf))).toBe(true);
  });
});

describe('who may do what with proposals and the agenda', () => {
  it('lets everyone but viewers propose, the owning party’s editors and planners or an admin answer, and only the maker withdraw', () => {
    expect([actor('viewer', 'hdsr'), actor('editor', 'rws'), actor('area_director', 'prov')].map(mayPropose)).toEqual([false, true, true]);
    const proposal = { partyId: 'hdsr', createdBy: { id: 'u9', label: 'r@x.nl', partyId: 'prov' } };
    expect([actor('planner', 'hdsr'), actor('editor', 'hdsr'), actor('viewer', 'hdsr'), actor('planner', 'wl'), actor('area_director', 'hdsr'), actor('admin', null)].map((each) => mayAnswer(each, proposal))).toEqual([
      true,
      true,
      false,
      false,
      false,
      true,
    ]);
    expect([isMaker(actor('planner', 'hdsr', 'u9'), proposal), isMaker(actor('admin', null), proposal)]).toEqual([true, false]);
  });

  it('lets the area’s own directors and admins manage its agenda, and users of parties with tasks there add to it', () => {
    const parties = new Set(['hdsr']);
    expect([mayManageAgenda(actor('area_director', 'prov'), true), mayManageAgenda(actor('area_director', 'prov'), false), mayManageAgenda(actor('admin', null), false)]).toEqual([true, false, true]);
    expect([mayContributeToAgenda(actor('viewer', 'hdsr'), false, parties), mayContributeToAgenda(actor('planner', 'wl'), false, parties)]).toEqual([true, false]);
  });

  it('proposes, from a scenario, only the moves of other parties’ tasks (Voorleggen)', () => {
    const tasks = new Map([
      ['own', { partyId: 'wl' }],
      ['theirs', { partyId: 'rws' }],
    ]);
    const moves = [
      { taskId: 'own', shiftMonths: 6 },
      { taskId: 'theirs', shiftMonths: -3 },
      { taskId: 'gone', shiftMonths: 2 },
    ];
    expect(movesToPropose(moves, tasks, 'wl')).toEqual([{ taskId: 'theirs', shiftMonths: -3 }]);
  });
});

describe('tableSince', () => {
  const decided = (itemId: string) => ({ itemId, title: itemId, decision: 'ja', decidedAt: '2026-11-01T00:00:00Z' });
  const accepted = (proposalId: string) => ({ proposalId, taskId: 't', taskTitle: 'T', decidedBy: 'a@x.nl', decidedAt: '2026-11-01T00:00:00Z' });

  it('lists what the later picture decided and accepted that the earlier one had not', () => {
    const since = tableSince({ decidedItems: [decided('a')], acceptedProposals: [accepted('p')] }, { decidedItems: [decided('a'), decided('b')], acceptedProposals: [accepted('p'), accepted('q')] });
    expect(since).toEqual({ decidedItems: [decided('b')], acceptedProposals: [accepted('q')] });
  });

  it('lists nothing when the later picture recorded no table, everything when only the earlier did not', () => {
    expect(tableSince({ decidedItems: [], acceptedProposals: [] }, null)).toEqual({ decidedItems: [], acceptedProposals: [] });
    expect(tableSince(null, { decidedItems: [decided('a')], acceptedProposals: [] }).decidedItems).toHaveLength(1);
  });
});

describe('the area page model and the area table', () => {
  const user: User = { id: 'u1', email: 'hdsr@x.nl', name: 'H', partyId: 'hdsr', role: 'planner', createdAt: '', updatedAt: '' } as User;
  const task = (id: string, partyId: string): TaskResponse => ({
    id,
    areaId: 'lek',
    partyId,
    programme: 'HWBP',
    kind: 'dike_reinforcement',
    title: `Taak ${id}`,
    phases: [{ kind: 'realisatie', start: '2030-01', end: '2031-12' }],
    ...UNSET_TASK_FIELDS,
    lengthKm: null,
    window: null,
    movable: false,
    outsideWindow: false,
    version: 1,
    createdAt: '',
    updatedAt: '',
  });

  it('takes live tasks in place, dropping only selections of tasks that are gone', () => {
    const state = { ...initialState({ id: 'lek', name: 'Lek', description: null }, [task('a', 'hdsr'), task('b', 'rws')], [], user), taskPanel: { mode: 'view' as const, taskId: 'b' }, panel: 'task' as const };
    const next = withLiveTasks(state, [{ ...task('a', 'hdsr'), version: 2 }]);
    expect(next.tasks.map((each) => [each.id, each.version])).toEqual([['a', 2]]);
    expect(next.taskPanel).toEqual({ mode: 'none' });
    expect(next.panel).toBe('task');
    expect(withLiveTasks(state, state.tasks).taskPanel).toEqual({ mode: 'view', taskId: 'b' });
  });

  it('draws a shift proposal’s move, and lets users of parties with tasks in the area add to its agenda', () => {
    expect(proposalMove({ taskId: 'a', change: { kind: 'shift', shiftMonths: 18 } })).toEqual({ taskId: 'a', shiftMonths: 18 });
    expect(proposalMove({ taskId: 'a', change: { kind: 'window', window: null } })).toBeNull();
    expect(mayContributeAgenda({ tasks: [task('a', 'hdsr')], user })).toBe(true);
    expect(mayContributeAgenda({ tasks: [task('a', 'rws')], user })).toBe(false);
  });
});
