import { afterEach, describe, expect, it } from 'vitest';
import { countText, formatMonth, monthAfter, monthStart, setLanguage, t } from '../../client/src/i18n.js';
import {
  ghostItem,
  matchesFilters,
  NO_FILTERS,
  shiftMonth,
  toTimelineGroups,
  toTimelineItems,
  UNFOLDED_TASK_LIMIT,
} from '../../client/src/timeline/to-items.js';
import type { Party } from '../../server/contracts/parties.js';
import type { TaskResponse } from '../../server/contracts/tasks.js';
import { UNSET_TASK_FIELDS } from '../helpers/task-fields.js';

function task(overrides: Partial<TaskResponse> & Pick<TaskResponse, 'id' | 'partyId'>): TaskResponse {
  return {
    areaId: 'lek',
    programme: 'HWBP',
    kind: 'dike_reinforcement',
    title: `Taak ${overrides.id}`,
    phases: [
      { kind: 'planuitwerking', start: '2026-01', end: '2027-12' },
      { kind: 'realisatie', start: '2028-01', end: '2029-06' },
    ],
    ...UNSET_TASK_FIELDS,
    lengthKm: null,
    window: null,
    movable: false,
    outsideWindow: false,
    ...overrides,
  };
}

const parties: Party[] = [
  { id: 'hdsr', name: 'HDSR', kind: 'waterschap' },
  { id: 'rws', name: 'Rijkswaterstaat', kind: 'rijk' },
  { id: 'gem', name: 'Gemeente Lopik', kind: 'gemeente' },
];
const tasks = [
  task({ id: 'a', partyId: 'rws', programme: 'KRW', kind: 'river_measure', title: 'Uiterwaard' }),
  task({ id: 'b', partyId: 'hdsr', title: 'Dijk Salmsteke', dikeTrajectId: '15-1', window: { earliestStart: '2025-01', latestEnd: '2035-12' }, movable: true }),
  task({
    id: 'c',
    partyId: 'hdsr',
    title: 'Dijk Schoonhoven',
    dikeTrajectId: '15-1',
    phases: [{ kind: 'realisatie', start: '2027-01', end: '2027-12' }],
    outsideWindow: true,
    window: { earliestStart: '2028-01', latestEnd: '2030-12' },
  }),
];

afterEach(() => setLanguage('nl'));

describe('toTimelineGroups', () => {
  it('nests one row per task under its party, own party first, tasks by realisation start', () => {
    const groups = toTimelineGroups(tasks, parties, 'rws', NO_FILTERS);
    expect(groups.map((group) => group.id)).toEqual(['party:rws', 'a', 'party:hdsr', 'c', 'b']);
    expect(groups[0]).toMatchObject({
      text: 'Rijkswaterstaat',
      badges: ['own', 'count:1'],
      nestedGroups: ['a'],
      className: 'party-group own-party',
      expanded: true,
    });
    expect(groups[2]).toMatchObject({ text: 'HDSR', badges: ['count:2'], nestedGroups: ['c', 'b'], className: 'party-group' });
  });

  it('labels a row with its trajectory and flags a schedule outside its window', () => {
    const groups = toTimelineGroups(tasks, parties, null, NO_FILTERS);
    expect(groups.find((group) => group.id === 'c')).toMatchObject({
      text: 'Dijk Schoonhoven',
      badges: ['15-1', 'outside-window'],
      className: 'task-row outside-window',
    });
  });

  it('hides filtered-out rows and parties left without visible rows', () => {
    const groups = toTimelineGroups(tasks, parties, null, { ...NO_FILTERS, programme: 'KRW' });
    expect(groups.filter((group) => group.visible).map((group) => group.id)).toEqual(['party:rws', 'a']);
  });


  it('folds the party rows of a large area until a filter leaves few tasks', () => {
    const many = Array.from({ length: UNFOLDED_TASK_LIMIT + 1 }, (_, index) => task({ id: `t${index}`, partyId: index % 2 ? 'hdsr' : 'rws' }));
    const folded = toTimelineGroups(many, parties, null, NO_FILTERS).filter((group) => group.nestedGroups);
    expect(folded.every((group) => group.expanded === false)).toBe(true);
    const filtered = toTimelineGroups(many, parties, null, { ...NO_FILTERS, partyId: 'hdsr' }).filter((group) => group.nestedGroups);
    expect(filtered.every((group) => group.expanded === true)).toBe(true);
  });
});

describe('matchesFilters', () => {
  it('searches titles and trajectory ids without regard to case', () => {
    expect(tasks.filter((candidate) => matchesFilters(candidate, { ...NO_FILTERS, search: 'SALM' })).map((x) => x.id)).toEqual(['b']);
    expect(tasks.filter((candidate) => matchesFilters(candidate, { ...NO_FILTERS, search: '15-1' })).map((x) => x.id)).toEqual(['b', 'c']);
  });

  it('combines party, programme and kind filters', () => {
    const filters = { ...NO_FILTERS, partyId: 'hdsr', kind: 'dike_reinforcement' };
    expect(tasks.filter((candidate) => matchesFilters(candidate, filters)).map((x) => x.id)).toEqual(['b', 'c']);
  });
});

describe('toTimelineItems', () => {
  it('draws each phase in its own months, ending at the start of the month after', () => {
    const items = toTimelineItems([tasks[0]!]);
    expect(items).toHaveLength(2);
    expect(items[1]).toMatchObject({
      id: 'a:realisatie',
      group: 'a',
      startMonth: '2028-01',
      endMonth: '2029-06',
      start: new Date(2028, 0, 1),
      end: new Date(2029, 6, 1),
      className: 'phase phase-realisatie',
      text: 'Realisatie',
    });
  });

  it('puts the window in the task row behind its phases and marks phases outside their window', () => {
    const items = toTimelineItems([tasks[2]!]);
    expect(items[0]).toMatchObject({ id: 'c:window', group: 'c', className: 'task-window', startMonth: '2028-01', endMonth: '2030-12' });
    expect(items[1]!.className).toBe('phase phase-realisatie outside-window');
  });

  it('keeps user text as plain text for the view to put in text nodes', () => {
    const hostile = task({ id: 'x', partyId: 'gem', title: '<img src=x onerror=alert(1)>' });
    expect(toTimelineItems([hostile])[0]!.title).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('ghostItem', () => {
  it('draws the moving task’s realisation shifted by the suggested months', () => {
    const ghost = ghostItem({ move: { taskId: 'b', shiftMonths: -14 } }, tasks);
    expect(ghost).toMatchObject({ id: 'ghost:b', group: 'b', startMonth: '2026-11', endMonth: '2028-04' });
    expect(ghost!.className).toContain('ghost');
    expect(ghostItem({ move: null }, tasks)).toBeNull();
  });

  it('shifts months across year boundaries', () => {
    expect(shiftMonth('2030-01', -1)).toBe('2029-12');
    expect(shiftMonth('2030-12', 1)).toBe('2031-01');
    expect(shiftMonth('2030-06', 24)).toBe('2032-06');
  });
});

describe('i18n', () => {
  it('writes months the Dutch way by default and the English way on request', () => {
    expect(formatMonth('2031-03', 'nl')).toBe('mrt 2031');
    expect(formatMonth('2031-05', 'nl')).toBe('mei 2031');
    expect(formatMonth('2031-03', 'en')).toBe('Mar 2031');
  });

  it('turns inclusive months into the dates the timeline draws', () => {
    expect(monthStart('2030-12')).toEqual(new Date(2030, 11, 1));
    expect(monthAfter('2030-12')).toEqual(new Date(2031, 0, 1));
  });

  it('switches the interface language', () => {
    expect(t('logout')).toBe('Uitloggen');
    setLanguage('en');
    expect(t('logout')).toBe('Sign out');
    expect(t('timelineSummary', { tasks: countText(3, 'task'), parties: countText(1, 'party') })).toBe('The timeline shows 3 tasks of 1 party. The table holds the same data.');
  });
});

describe('describeEvaluation', () => {
  it('turns violations, warnings and alignment changes into marked lines, grouping months into runs', async () => {
    const { describeEvaluation } = await import('../../client/src/ui/scenario-text.js');
    const lines = describeEvaluation(
      {
        scenarioId: 's',
        asOf: '2026-11',
        moves: [],
        shiftedTasks: [],
        applicable: false,
        violations: [
          { type: 'window', taskId: 'a', shiftMonths: -12, reason: 'outside_window', allowed: { min: 0, max: 4 }, inBaseline: false },
          ...['2031-01', '2031-02', '2031-03', '2031-06'].map((month) => ({
            type: 'capacity_concurrent' as const, partyId: 'hdsr', programme: 'HWBP' as const, month, count: 4, limit: 3, taskIds: ['a', 'b', 'c', 'd'], inBaseline: false,
          })),
          { type: 'capacity_budget', partyId: 'hdsr', programme: 'HWBP', year: 2031, amountEur: 120_000_000, budgetEur: 100_000_000, taskIds: ['a'], inBaseline: true },
        ],
        warnings: [{ type: 'urgency_inversion', moreUrgentTaskId: 'a', moreUrgentRank: 2, lessUrgentTaskId: 'b', lessUrgentRank: 5 }],
        alignmentDelta: [
          {
            areaId: 'lek',
            changes: [
              { dikeTaskId: 'a', otherTaskId: 'x', before: 'alignable_by_dike', after: 'aligned', soilMatchM3: 0 },
              { dikeTaskId: 'b', otherTaskId: 'x', before: 'aligned', after: 'not_alignable', soilMatchM3: 0 },
            ],
            alignedSoilBeforeM3: 1000,
            alignedSoilAfterM3: 6000,
          },
        ],
      },
      (id) => `Taak ${id}`,
      (id) => id.toUpperCase(),
    );
    expect(lines.map((line) => line.kind)).toEqual(['violation', 'baseline', 'violation', 'warning', 'won', 'lost', 'soil']);
    expect(lines[0]!.text).toBe('Taak a: -12 mnd valt buiten het venster');
    expect(lines[1]!.text).toContain('(al in de basisplanning)');
    expect(lines[2]!.text).toBe('HDSR HWBP: 4 opgaven tegelijk in realisatie in jan 2031 – mrt 2031, jun 2031 (max 3)');
    expect(lines[6]!.text).toBe('Gelijktijdige grond lek: 1.000 → 6.000 m³');
  });

  it('names the soil ledger change per area, and says nothing where the ledger stays the same', async () => {
    const { describeEvaluation } = await import('../../client/src/ui/scenario-text.js');
    const change = (baseline: number, scenario: number) => ({ baseline, scenario, change: scenario - baseline });
    const unchanged = { reusedM3: change(5, 5), shortageM3: change(0, 0), surplusM3: change(0, 0), peakStorageM3: change(0, 0) };
    const ledger = (areaId: string, reused: [number, number], shortage: [number, number], surplus: [number, number], saving: [number, number]) => ({
      areaId,
      reusedM3: change(...reused),
      shortageM3: change(...shortage),
      surplusM3: change(...surplus),
      peakStorageM3: change(0, 20_000),
      savingEur: change(...saving),
      lorryLoadsAvoided: change(0, 0),
      byType: { klei: unchanged, zand: unchanged, overig: unchanged },
    });
    const lines = describeEvaluation(
      {
        scenarioId: 's',
        asOf: '2026-11',
        moves: [],
        shiftedTasks: [],
        applicable: true,
        violations: [],
        warnings: [],
        alignmentDelta: [],
        soil: [
          ledger('lek', [-0.2, 49_999.6], [80_000, 30_000], [60_000, 10_000], [0, 3_000_000]),
          ledger('maas', [1_000, 1_000], [0, 0], [0, 0], [60_000, 60_000]),
        ],
      },
      (id) => id,
      (id) => id,
      (id) => (id === 'lek' ? 'Sterke Lekdijk' : id),
    );
    expect(lines).toEqual([
      {
        kind: 'soil',
        text: 'Grondbalans Sterke Lekdijk: lokaal hergebruikt 0 → 50.000 m³, aangevoerd 80.000 → 30.000 m³, afgevoerd 60.000 → 10.000 m³, besparing €\u00a00 → €\u00a03.000.000',
      },
    ]);
  });
});
