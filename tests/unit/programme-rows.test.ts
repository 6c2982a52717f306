import { afterEach, describe, expect, it } from 'vitest';
import { filterOpportunities, matchesTraject, opportunityAreas, trajectOrder, ALL_OPPORTUNITIES, type Opportunity, type Traject } from '../../client/src/programme/filters.js';
import { programmeRows, taskBadges, timelineTasks, type ProgrammeTask } from '../../client/src/programme/rows.js';
import { setLanguage } from '../../client/src/i18n.js';
import { NO_FILTERS } from '../../client/src/timeline/to-items.js';

afterEach(() => setLanguage('nl'));

function task(overrides: Partial<ProgrammeTask> & Pick<ProgrammeTask, 'id'>): ProgrammeTask {
  return {
    title: `Opgave ${overrides.id}`,
    areaId: 'lek',
    areaName: 'Sterke Lekdijk',
    programme: 'HWBP',
    kind: 'dike_reinforcement',
    status: null,
    urgencyRank: null,
    dikeTrajectId: null,
    traject: null,
    lengthKm: null,
    costEur: null,
    phases: [{ kind: 'realisatie', start: '2030-01', end: '2031-12' }],
    window: null,
    movable: false,
    ...overrides,
  };
}

const programme = {
  party: { id: 'hdsr', name: 'HDSR', kind: 'waterschap' as const },
  // The answer's order: dike sections by urgency, then the other programmes.
  tasks: [
    task({ id: 'a', urgencyRank: 2, dikeTrajectId: '44-1', traject: { id: '44-1', norm: { returnPeriodYears: 10000, label: '1/10.000', perYear: 0.0001 }, lengthKm: 32.4 }, lengthKm: 11 }),
    task({ id: 'b', urgencyRank: 7 }),
    task({ id: 'k', programme: 'KRW', kind: 'river_measure', title: 'Uiterwaard' }),
  ],
};

describe('timelineTasks', () => {
  it('gives every task the party and says whether its schedule lies outside its window', () => {
    const outside = task({ id: 'o', window: { earliestStart: '2030-06', latestEnd: '2035-12' } });
    const inside = task({ id: 'i', window: { earliestStart: '2029-01', latestEnd: '2035-12' } });
    expect(timelineTasks({ party: programme.party, tasks: [outside, inside] }).map((row) => [row.id, row.partyId, row.outsideWindow])).toEqual([
      ['o', 'hdsr', true],
      ['i', 'hdsr', false],
    ]);
  });
});

describe('programmeRows', () => {
  it('keeps the answer’s order inside one group per programme, whatever order the tasks come in', () => {
    const rows = programmeRows(programme)([...timelineTasks(programme)].reverse(), [], 'hdsr', NO_FILTERS);
    expect(rows.map((row) => [row.id, row.order])).toEqual([
      ['programme:HWBP', 0],
      ['a', 1],
      ['b', 2],
      ['programme:KRW', 3],
      ['k', 4],
    ]);
    expect(rows[0]!.nestedGroups).toEqual(['a', 'b']);
    expect(rows[0]!.badges).toEqual(['count:2']);
  });

  it('hides the rows a filter leaves out, and a programme with none left', () => {
    const rows = programmeRows(programme)(timelineTasks(programme), [], 'hdsr', { ...NO_FILTERS, programme: 'HWBP' });
    expect(rows.filter((row) => row.visible).map((row) => row.id)).toEqual(['programme:HWBP', 'a', 'b']);
  });
});

describe('taskBadges', () => {
  it('shows urgency, area, trajectory with its norm and the section length', () => {
    expect(taskBadges(programme.tasks[0]!)).toEqual(['urgentie 2', 'Sterke Lekdijk', '44-1 · norm 1/10.000', '11 km']);
    setLanguage('en');
    expect(taskBadges(programme.tasks[1]!)).toEqual(['urgency 7', 'Sterke Lekdijk', 'length unknown']);
  });

  it('gives other kinds of task no length', () => {
    expect(taskBadges(programme.tasks[2]!)).toEqual(['Sterke Lekdijk']);
  });
});

function pair(overrides: Partial<Opportunity>): Opportunity {
  return {
    areaId: 'lek',
    areaName: 'Sterke Lekdijk',
    dikeTaskId: 'a',
    dikeTitle: 'Dijk',
    dikePartyId: 'hdsr',
    otherTaskId: 'k',
    otherTitle: 'Uiterwaard',
    otherPartyId: 'rws',
    otherProgramme: 'KRW',
    status: 'aligned',
    overlapMonths: 3,
    gapMonths: 0,
    move: null,
    soilMatchM3: 0,
    explanation: { nl: '', en: '' },
    ...overrides,
  };
}

describe('filterOpportunities', () => {
  const pairs = [
    pair({ otherTaskId: '1', soilMatchM3: 500 }),
    pair({ otherTaskId: '2', areaId: 'maas', areaName: 'Meanderende Maas', status: 'alignable_by_dike' }),
    pair({ otherTaskId: '3', areaId: 'maas', areaName: 'Meanderende Maas', status: 'not_alignable', soilMatchM3: 20 }),
  ];
  const ids = (filters: Parameters<typeof filterOpportunities>[1]) => filterOpportunities(pairs, filters).map((found) => found.otherTaskId);

  it('filters by area, status and soil, each alone and together', () => {
    expect(ids(ALL_OPPORTUNITIES)).toEqual(['1', '2', '3']);
    expect(ids({ ...ALL_OPPORTUNITIES, areaId: 'maas' })).toEqual(['2', '3']);
    expect(ids({ ...ALL_OPPORTUNITIES, status: 'aligned' })).toEqual(['1']);
    expect(ids({ ...ALL_OPPORTUNITIES, soil: 'with' })).toEqual(['1', '3']);
    expect(ids({ ...ALL_OPPORTUNITIES, soil: 'without' })).toEqual(['2']);
    expect(ids({ areaId: 'maas', status: 'not_alignable', soil: 'with' })).toEqual(['3']);
  });

  it('offers each area once, by name', () => {
    expect(opportunityAreas(pairs)).toEqual([
      { areaId: 'maas', areaName: 'Meanderende Maas' },
      { areaId: 'lek', areaName: 'Sterke Lekdijk' },
    ]);
  });
});

describe('matchesTraject and trajectOrder', () => {
  const traject: Traject = { id: '44-1', waterBoards: ['De Stichtse Rijnlanden'], norm: null, lengthKm: 32.4, tasks: [{ id: 't', title: 'Wijk bij Duurstede-Amerongen', areaId: 'lek' }] };

  it('finds a trajectory by the start of its id, a water board or a task title, ignoring case', () => {
    expect(['', '44', '44-1', 'stichtse', 'amerongen'].map((search) => matchesTraject(traject, search))).toEqual([true, true, true, true, true]);
    expect(['4-1', '144', 'limburg'].map((search) => matchesTraject(traject, search))).toEqual([false, false, false]);
  });

  it('orders ids by their numbers, not as text', () => {
    expect(['10-1', '2-2', '2-1', '201', '10-3'].sort(trajectOrder)).toEqual(['2-1', '2-2', '10-1', '10-3', '201']);
  });
});
