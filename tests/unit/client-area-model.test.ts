import { afterEach, describe, expect, it } from 'vitest';
import { fieldMessage, fieldOfPointer } from '../../client/src/area/field-errors.js';
import {
  initialState,
  movableByUser,
  movesWith,
  pairStatusCounts,
  scenarioShifts,
  swappableDikes,
  titleOf,
  visiblePairs,
  visibleTasks,
  withFilters,
  withScenarioApplied,
  withTaskDeleted,
  withTaskSaved,
  type AreaState,
} from '../../client/src/area/model.js';
import { countText, setLanguage } from '../../client/src/i18n.js';
import { toTimelineGroups, toTimelineItems } from '../../client/src/timeline/to-items.js';
import type { AlignmentPairResponse } from '../../server/contracts/alignments.js';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import type { User } from '../../server/contracts/users.js';
import { UNSET_TASK_FIELDS } from '../helpers/task-fields.js';

function task(overrides: Partial<TaskResponse> & Pick<TaskResponse, 'id' | 'partyId'>): TaskResponse {
  return {
    areaId: 'lek',
    programme: 'HWBP',
    kind: 'dike_reinforcement',
    title: `Taak ${overrides.id}`,
    phases: [{ kind: 'realisatie', start: '2030-01', end: '2031-12' }],
    ...UNSET_TASK_FIELDS,
    lengthKm: null,
    window: { earliestStart: '2028-01', latestEnd: '2035-12' },
    movable: true,
    outsideWindow: false,
    ...overrides,
  };
}

function pair(dikeTaskId: string, otherTaskId: string, status: AlignmentPairResponse['status']): AlignmentPairResponse {
  return { dikeTaskId, otherTaskId, status, overlapMonths: 0, gapMonths: 0, move: null, soilMatchM3: 0, explanation: { nl: '', en: '' } };
}

const planner: User = { id: 'u1', email: 'p@hdsr.nl', name: 'P', partyId: 'hdsr', role: 'planner', createdAt: '', updatedAt: '' };
const dike = task({ id: 'd1', partyId: 'hdsr', title: 'Dijkvak Cabauw', urgencyRank: 3 });
const builtDike = task({ id: 'd2', partyId: 'hdsr', title: 'Dijkvak Salmsteke', window: null, movable: false });
const river = task({ id: 'r1', partyId: 'rws', programme: 'KRW', kind: 'river_measure', title: 'Nevengeul' });
const nature = task({ id: 'n1', partyId: 'prov', programme: 'PROVINCIE', kind: 'nature', title: 'Natuur Lopik' });

function state(): AreaState {
  const base = initialState({ id: 'lek', name: 'Lek', description: null }, [dike, builtDike, river, nature], [], planner);
  return {
    ...base,
    report: {
      areaId: 'lek',
      minOverlap: 1,
      asOf: '2026-11',
      total: 3,
      counts: { aligned: 1, alignable_by_dike: 1, alignable_by_other: 0, not_alignable: 1 },
      pairs: [pair('d1', 'r1', 'aligned'), pair('d1', 'n1', 'alignable_by_dike'), pair('d2', 'n1', 'not_alignable')],
    },
  };
}

afterEach(() => setLanguage('nl'));

describe('the area model', () => {
  it('applies a filter change to the timeline rows, the table and the pairs alike', () => {
    const filtered = withFilters(state(), { partyId: 'prov' });
    expect(visibleTasks(filtered).map((candidate) => candidate.id)).toEqual(['n1']);
    expect(toTimelineGroups(filtered.tasks, filtered.parties, null, filtered.filters).filter((group) => group.visible && !group.nestedGroups).map((group) => group.id)).toEqual(['n1']);
    expect(visiblePairs(filtered).map((candidate) => candidate.otherTaskId)).toEqual(['n1', 'n1']);
    expect(pairStatusCounts(filtered)).toMatchObject({ aligned: 0, alignable_by_dike: 1, not_alignable: 1, alignable: 1 });
  });

  it('filters the pairs by status, "te combineren" covering both kinds', () => {
    const alignable = { ...state(), pairStatus: 'alignable' as const };
    expect(visiblePairs(alignable).map((candidate) => candidate.status)).toEqual(['alignable_by_dike']);
    expect(visiblePairs({ ...state(), pairStatus: 'aligned' }).length).toBe(1);
    const none = withFilters(state(), { search: 'bestaat niet' });
    expect(visibleTasks(none)).toEqual([]);
    expect(visiblePairs(none)).toEqual([]);
  });

  it('puts an edited task everywhere it shows: rows, items, titles and its details', () => {
    const edited = { ...river, title: 'Nevengeul Everdingen', version: 2, phases: [{ kind: 'realisatie' as const, start: '2032-01', end: '2033-12' }] };
    const next = withTaskSaved(state(), edited);
    expect(titleOf(next, 'r1')).toBe('Nevengeul Everdingen');
    expect(next.tasks.filter((candidate) => candidate.id === 'r1')).toEqual([edited]);
    expect(toTimelineItems(next.tasks).find((item) => item.id === 'r1:realisatie')!.startMonth).toBe('2032-01');
    expect(next.taskPanel).toEqual({ mode: 'view', taskId: 'r1' });
    expect(next.panel).toBe('task');
  });

  it('adds a created task and drops a deleted one with its pairs and selection', () => {
    const created = task({ id: 'x1', partyId: 'hdsr', title: 'Nieuw' });
    expect(visibleTasks(withTaskSaved(state(), created)).map((candidate) => candidate.id)).toContain('x1');
    const selected = { ...state(), selectedPair: pair('d1', 'n1', 'alignable_by_dike') };
    const deleted = withTaskDeleted(selected, 'n1');
    expect(deleted.tasks.map((candidate) => candidate.id)).not.toContain('n1');
    expect(deleted.report!.pairs.map((candidate) => candidate.otherTaskId)).toEqual(['r1']);
    expect(deleted.selectedPair).toBeNull();
  });

  it('takes an applied scenario’s tasks into the baseline and closes the scenario', () => {
    const open: AreaState = {
      ...state(),
      scenarioMode: true,
      scenario: { id: 's', name: 'Later', description: null, areaId: 'lek', partyId: 'hdsr', createdBy: 'u1', createdAt: '', updatedAt: '', appliedAt: null, moves: [{ taskId: 'd1', shiftMonths: 12, taskVersion: 1 }] },
    };
    expect(scenarioShifts(open)).toEqual(new Map([['d1', 12]]));
    const moved = { ...dike, version: 2, phases: [{ kind: 'realisatie' as const, start: '2031-01', end: '2032-12' }] };
    const applied = withScenarioApplied(open, [moved]);
    expect(applied.tasks.find((candidate) => candidate.id === 'd1')).toEqual(moved);
    expect(applied.scenario).toBeNull();
    expect(scenarioShifts(applied).size).toBe(0);
    expect(toTimelineItems(applied.tasks, scenarioShifts(applied)).some((item) => item.id.startsWith('baseline:'))).toBe(false);
  });

  it('lets the user move and swap only their own movable sections', () => {
    expect([...movableByUser(state())]).toEqual(['d1']);
    expect(swappableDikes(state()).map((candidate) => candidate.title)).toEqual(['Dijkvak Cabauw']);
  });

  it('replaces one task’s move and drops a zero shift', () => {
    const scenario = { moves: [{ taskId: 'a', shiftMonths: 3, taskVersion: 1 }, { taskId: 'b', shiftMonths: -2, taskVersion: 1 }] } as Parameters<typeof movesWith>[0];
    expect(movesWith(scenario, 'a', 5)).toEqual([{ taskId: 'b', shiftMonths: -2 }, { taskId: 'a', shiftMonths: 5 }]);
    expect(movesWith(scenario, 'b', 0)).toEqual([{ taskId: 'a', shiftMonths: 3 }]);
    expect(movesWith(null, 'c', 1)).toEqual([{ taskId: 'c', shiftMonths: 1 }]);
  });
});

describe('toTimelineItems with asOf', () => {
  it('draws started phases fixed and shifts only the moving part', () => {
    const running = task({
      id: 't',
      partyId: 'hdsr',
      phases: [
        { kind: 'verkenning', start: '2020-01', end: '2021-12' },
        { kind: 'realisatie', start: '2030-01', end: '2031-12' },
      ],
    });
    const items = toTimelineItems([running], new Map([['t', 6]]), new Set(['t']), '2026-11');
    const verkenning = items.find((item) => item.id === 't:verkenning')!;
    const realisatie = items.find((item) => item.id === 't:realisatie')!;
    expect([verkenning.startMonth, verkenning.editable, verkenning.className]).toEqual(['2020-01', false, expect.stringContaining('started')]);
    expect([realisatie.startMonth, realisatie.editable]).toEqual(['2030-07', true]);
    expect(items.filter((item) => item.id.startsWith('baseline:')).map((item) => item.id)).toEqual(['baseline:t:realisatie']);
  });
});

describe('fieldOfPointer and fieldMessage', () => {
  it('names the form field of a server error pointer, phases by their kind', () => {
    expect(fieldOfPointer('/phases/1/end', ['verkenning', 'realisatie'])).toBe('phases.realisatie.end');
    expect(fieldOfPointer('/window/latestEnd', [])).toBe('window.latestEnd');
    expect(fieldOfPointer('/title', [])).toBe('title');
    expect(fieldOfPointer('', [])).toBe('form');
  });

  it('reads known server messages in Dutch and keeps unknown ones as they are', () => {
    expect(fieldMessage('an HWBP window must end by 2049-12 (before 2050)', 'nl')).toEqual({ text: 'Een HWBP-venster moet uiterlijk in 2049-12 eindigen (vóór 2050).', translated: true });
    expect(fieldMessage('something new', 'nl')).toEqual({ text: 'something new', translated: false });
    expect(fieldMessage('phase end must not be before its start', 'en').text).toBe('phase end must not be before its start');
  });
});

describe('countText', () => {
  it('writes one in the singular', () => {
    expect(countText(1, 'task')).toBe('1 opgave');
    expect(countText(2, 'task')).toBe('2 opgaven');
    setLanguage('en');
    expect(countText(1, 'party')).toBe('1 party');
    expect(countText(3, 'pair')).toBe('3 pairs');
  });
});
