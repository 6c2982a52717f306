import type { Party } from '../../../server/contracts/parties.js';
import type { ProgrammeResponse } from '../../../server/contracts/programmes.js';
import { ALIGNMENT_STATUSES } from '../../../server/domain/alignment.js';
import type { User } from '../../../server/contracts/users.js';
import { planRefusal } from '../../../server/domain/permissions.js';
import { api } from '../api.js';
import { openPlanDialog } from '../plan/plan-dialog.js';
import { h } from '../dom.js';
import { countText, formatEuro, formatMonth, formatNumber, label, language, t } from '../i18n.js';
import { realisation, shiftMonth } from '../timeline/to-items.js';
import { sortableTable } from '../ui/sortable-table.js';
import { costRows, hasConcurrency, hasCosts, monthRanges, monthRuns, peakMonth, peakYear, type MonthRun, type YearAmount } from './chart-rows.js';
import { chartFigure, monthDate, yearStart, type Bar } from './charts.js';
import { ALL_OPPORTUNITIES, filterOpportunities, opportunityAreas, type Opportunity, type OpportunityFilters } from './filters.js';
import { chartWidth, formatEuroShort, monthRangeText, OVERVIEW_HASH, programmeHref, selectField } from './parts.js';
import { programmeRows, timelineTasks, type ProgrammeTask } from './rows.js';

type Capacity = ProgrammeResponse['capacity'][number];

/**
 * A party's programme: every task across its areas on one timeline (dike sections by urgency),
 * under it tasks in realisation per month, cost per year and km per year against its limits, and
 * its alignment opportunities across the areas as one filterable list.
 */
export async function renderProgramme(main: HTMLElement, partyId: string, user: User, today: Date): Promise<() => void> {
  const [programme, parties, { TimelineView, legend }] = await Promise.all([api.programme(partyId), api.parties(), import('../timeline/view.js')]);
  const { party, tasks } = programme;
  const areaNames = [...new Set(tasks.map((task) => task.areaName))].sort((a, b) => a.localeCompare(b, 'nl'));
  const header = h(
    'header',
    { class: 'programme-header' },
    h('p', {}, h('a', { href: OVERVIEW_HASH }, `← ${t('overviewLink')}`)),
    h('h1', {}, t('programmeTitle', { party: party.name })),
    h(
      'p',
      { class: 'programme-meta' },
      t('programmeMeta', { kind: label(party.kind), month: formatMonth(programme.asOf), tasks: countText(tasks.length, 'task'), areas: areaNames.join(', ') || t('none') }),
    ),
    tasks.length > 0 && planRefusal(user, { kind: 'party', partyId: party.id }) === null ? planButton(programme, parties) : null,
  );
  if (tasks.length === 0) {
    main.replaceChildren(header, h('p', {}, t('programmeEmpty')), opportunitiesSection(programme, parties));
    return () => undefined;
  }
  const container = h('div', { class: 'timeline programme-timeline', 'aria-hidden': 'true' });
  // As tall as its rows (two text lines each) and the axis need, up to the CSS maximum: a small programme leaves no empty box.
  container.style.height = `${6 + (tasks.length + new Set(tasks.map((task) => task.programme)).size) * 3.4}rem`;
  main.replaceChildren(
    header,
    h(
      'section',
      { class: 'timeline-view', 'aria-labelledby': 'programme-timeline-heading' },
      h('h2', { id: 'programme-timeline-heading' }, t('programmeTimelineHeading')),
      h('p', { id: 'programme-timeline-summary' }, t('programmeTimelineSummary')),
      container,
      legend(),
      tasksTable(tasks),
    ),
    chartsSection(programme, chartWidth(main)),
    opportunitiesSection(programme, parties),
  );
  // The container is in the page with its height before the timeline draws: vis measures its axis then.
  const timeline = new TimelineView(container, { onSelectTask: () => undefined }, today, programmeRows(programme));
  timeline.render(timelineTasks(programme), [], party.id);
  timeline.fit();
  return () => timeline.destroy();
}

/** Stel een plan voor, for the whole programme: the plan's moves link to their areas, where each opens as a scenario. */
function planButton(programme: ProgrammeResponse, parties: readonly Party[]): HTMLElement {
  const { party, tasks } = programme;
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'suggest-plan',
      onclick: () =>
        openPlanDialog(
          { partyId: party.id },
          {
            scopeName: party.name,
            partyName: (id) => parties.find((candidate) => candidate.id === id)?.name ?? id,
            areaName: (id) => tasks.find((task) => task.areaId === id)?.areaName ?? id,
            titleOf: (id) => tasks.find((task) => task.id === id)?.title,
            opener: button,
          },
        ),
    },
    t('planSuggest'),
  );
  return h('p', { class: 'programme-plan' }, button);
}

/** The timeline's tasks as a table in the same order: its text alternative. */
function tasksTable(tasks: readonly ProgrammeTask[]): HTMLElement {
  const position = new Map(tasks.map((task, index) => [task.id, index]));
  return sortableTable<ProgrammeTask>(
    t('programmeTasksCaption'),
    [
      { key: 'order', header: t('orderColumn'), value: (task) => position.get(task.id)!, cell: (task) => (task.urgencyRank === null ? t('none') : t('urgencyBadge', { rank: task.urgencyRank })) },
      { key: 'title', header: t('title'), value: (task) => task.title },
      { key: 'area', header: t('areaColumn'), value: (task) => task.areaName, cell: (task) => h('a', { href: `#/gebied/${encodeURIComponent(task.areaId)}` }, task.areaName) },
      { key: 'programme', header: t('programme'), value: (task) => task.programme },
      { key: 'trajectory', header: t('trajectory'), value: (task) => task.dikeTrajectId ?? '' },
      { key: 'norm', header: t('normColumn'), value: (task) => task.traject?.norm?.returnPeriodYears ?? 0, cell: (task) => task.traject?.norm?.label ?? t('none') },
      {
        key: 'length',
        header: t('lengthColumn'),
        value: (task) => task.lengthKm ?? -1,
        cell: (task) => (task.lengthKm !== null ? formatNumber(task.lengthKm) : task.kind === 'dike_reinforcement' ? t('lengthUnknown') : t('none')),
        numeric: true,
      },
      { key: 'from', header: t('realisationFrom'), value: (task) => realisation(task).start, cell: (task) => formatMonth(realisation(task).start) },
      { key: 'to', header: t('realisationTo'), value: (task) => realisation(task).end, cell: (task) => formatMonth(realisation(task).end) },
    ],
    tasks,
    () => 'programme-task',
  );
}

function chartsSection(programme: ProgrammeResponse, width: number): HTMLElement {
  const { years } = programme;
  const section = h('section', { class: 'programme-charts', 'aria-labelledby': 'programme-charts-heading' }, h('h2', { id: 'programme-charts-heading' }, t('chartsHeading')));
  if (!years) return section;
  const domain: [Date, Date] = [yearStart(years.from), yearStart(years.to + 1)];
  for (const capacity of programme.capacity) {
    if (hasConcurrency(capacity)) section.append(concurrencyChart(capacity, domain, width));
    if (hasCosts(capacity)) section.append(costChart(capacity, domain, width));
  }
  if (programme.tasks.some((task) => task.kind === 'dike_reinforcement')) section.append(kmChart(programme, domain, width));
  return section;
}

function concurrencyChart(capacity: Capacity, domain: [Date, Date], width: number): HTMLElement {
  const limit = capacity.maxConcurrent;
  const peak = peakMonth(capacity);
  const one = peak?.count === 1;
  const noun = capacity.programme === 'HWBP' ? t(one ? 'nounSection' : 'nounSections') : t(one ? 'nounTask' : 'nounTasks');
  const reading = !peak
    ? t('concurrencyNone')
    : limit === null
      ? t(one ? 'concurrencyReadingOneNoLimit' : 'concurrencyReadingNoLimit', { month: formatMonth(peak.month), count: peak.count, noun })
      : t(one ? 'concurrencyReadingOne' : 'concurrencyReading', { month: formatMonth(peak.month), count: peak.count, noun, limit });
  const bars: Bar[] = capacity.months
    .filter(({ count }) => count > 0)
    .map(({ month, count }) => ({ start: monthDate(month), end: monthDate(shiftMonth(month, 1)), value: count, flagged: limit !== null && count > limit }));
  const notes =
    limit === null
      ? []
      : capacity.monthsOver.length > 0
        ? [t('monthsOverLimit', { limit, ranges: monthRanges(capacity.monthsOver.map(({ month }) => month)).map(monthRangeText).join(', ') })]
        : [t('withinLimit', { limit })];
  return chartFigure<MonthRun>({
    className: `concurrency-chart programme-${capacity.programme}`,
    title: t('concurrencyTitle', { programme: capacity.programme }),
    reading,
    notes,
    bars,
    domain,
    yLabel: t('countColumn'),
    yFormat: formatNumber,
    yWhole: true,
    line: limit === null ? null : { value: limit, label: t('limitLine', { limit }) },
    legend: { plain: limit === null ? t('legendMonths') : t('legendPlainMonths'), flagged: t('legendOverMonths') },
    table: {
      caption: t('concurrencyCaption'),
      columns: [
        { key: 'from', header: t('fromColumn'), value: (run) => run.from, cell: (run) => formatMonth(run.from) },
        { key: 'to', header: t('toColumn'), value: (run) => run.to, cell: (run) => formatMonth(run.to) },
        { key: 'count', header: t('countColumn'), value: (run) => run.count, numeric: true },
        { key: 'limit', header: t('limitColumn'), value: () => limit ?? -1, cell: () => (limit === null ? t('noLimit') : formatNumber(limit)), numeric: true },
        { key: 'over', header: t('status'), value: (run) => (run.over ? 1 : 0), cell: (run) => (run.over ? t('overLimit') : limit === null ? t('none') : t('withinLimitCell')) },
      ],
      rows: monthRuns(capacity),
      rowClass: (run) => (run.over ? 'over-limit' : ''),
    },
    width,
  });
}

function costChart(capacity: Capacity, domain: [Date, Date], width: number): HTMLElement {
  const budget = capacity.budgetPerYearEur;
  const rows = costRows(capacity);
  const peak = peakYear(rows, (row) => row.amountEur);
  const reading = !peak
    ? t('costNone')
    : budget === null
      ? t('costReadingNoBudget', { year: peak.year, amount: formatEuroShort(peak.amountEur) })
      : t('costReading', { year: peak.year, amount: formatEuroShort(peak.amountEur), budget: formatEuroShort(budget) });
  const notes =
    budget === null
      ? []
      : capacity.yearsOver.length > 0
        ? [t('yearsOverBudget', { budget: formatEuroShort(budget), years: capacity.yearsOver.map((year) => `${year.year} (${formatEuroShort(year.amountEur)})`).join(', ') })]
        : [t('withinBudget', { budget: formatEuroShort(budget) })];
  return chartFigure<YearAmount>({
    className: `cost-chart programme-${capacity.programme}`,
    title: t('costTitle', { programme: capacity.programme }),
    reading,
    notes,
    bars: rows.filter((row) => row.amountEur > 0).map((row) => ({ start: yearStart(row.year), end: yearStart(row.year + 1), value: row.amountEur, flagged: row.over })),
    domain,
    yLabel: t('cost'),
    yFormat: formatEuroShort,
    line: budget === null ? null : { value: budget, label: t('budgetLine', { budget: formatEuroShort(budget) }) },
    legend: { plain: budget === null ? t('legendYears') : t('legendPlainYears'), flagged: t('legendOverYears') },
    table: {
      caption: t('costCaption'),
      columns: [
        { key: 'year', header: t('yearColumn'), value: (row) => row.year },
        { key: 'amount', header: t('cost'), value: (row) => row.amountEur, cell: (row) => formatEuro(row.amountEur), numeric: true },
        { key: 'budget', header: t('budgetColumn'), value: (row) => row.budgetEur ?? -1, cell: (row) => (row.budgetEur === null ? t('noBudget') : formatEuro(row.budgetEur)), numeric: true },
        { key: 'over', header: t('status'), value: (row) => (row.over ? 1 : 0), cell: (row) => (row.over ? t('overBudget') : row.budgetEur === null ? t('none') : t('withinBudgetCell')) },
      ],
      rows,
      rowClass: (row) => (row.over ? 'over-limit' : ''),
    },
    width,
  });
}

function kmChart(programme: ProgrammeResponse, domain: [Date, Date], width: number): HTMLElement {
  const peak = peakYear(programme.kmPerYear, (row) => row.km);
  return chartFigure<{ year: number; km: number }>({
    className: 'km-chart',
    title: t('kmTitle'),
    reading: peak ? t('kmReading', { year: peak.year, km: formatNumber(peak.km) }) : t('kmNone'),
    notes: programme.sectionsWithoutLength > 0 ? [t('sectionsWithoutLength', { count: programme.sectionsWithoutLength })] : [],
    bars: programme.kmPerYear.filter((row) => row.km > 0).map((row) => ({ start: yearStart(row.year), end: yearStart(row.year + 1), value: row.km, flagged: false })),
    domain,
    yLabel: t('kmColumn'),
    yFormat: formatNumber,
    line: null,
    legend: { plain: t('legendKm'), flagged: '' },
    table: {
      caption: t('kmCaption'),
      columns: [
        { key: 'year', header: t('yearColumn'), value: (row) => row.year },
        { key: 'km', header: t('kmColumn'), value: (row) => row.km, cell: (row) => formatNumber(row.km), numeric: true },
      ],
      rows: programme.kmPerYear,
    },
    width,
  });
}

/** Every pair where one of the party's tasks is either side, across its areas, filterable by area, status and soil. */
function opportunitiesSection(programme: ProgrammeResponse, parties: readonly Party[]): HTMLElement {
  const { counts, total, pairs } = programme.opportunities;
  const partyName = new Map(parties.map((party) => [party.id, party.name]));
  let filters: OpportunityFilters = ALL_OPPORTUNITIES;
  const tableRegion = h('div', { class: 'opportunities-table' });
  const countLine = h('p', { class: 'opportunities-count', 'aria-live': 'polite' });
  const redraw = () => {
    const shown = filterOpportunities(pairs, filters);
    countLine.textContent = t('pairsCountLine', { shown: formatNumber(shown.length), total: formatNumber(pairs.length) });
    tableRegion.replaceChildren(opportunitiesTable(shown, partyName));
  };
  const filter = (change: Partial<OpportunityFilters>) => {
    filters = { ...filters, ...change };
    redraw();
  };
  const section = h(
    'section',
    { class: 'opportunities', 'aria-labelledby': 'opportunities-heading' },
    h('h2', { id: 'opportunities-heading' }, t('opportunitiesHeading')),
    h(
      'p',
      {},
      t('opportunitiesCounts', {
        total: countText(total, 'pair'),
        aligned: formatNumber(counts.aligned),
        alignable: formatNumber(counts.alignable_by_dike + counts.alignable_by_other),
        soilOnly: formatNumber(counts.not_alignable),
      }),
    ),
    total > pairs.length ? h('p', {}, t('opportunitiesLimited', { shown: formatNumber(pairs.length) })) : null,
  );
  if (pairs.length === 0) {
    section.append(h('p', {}, t('opportunitiesEmpty')));
    return section;
  }
  section.append(
    h(
      'div',
      { class: 'filters' },
      selectField('opportunity-area', t('filterArea'), opportunityAreas(pairs).map(({ areaId, areaName }) => ({ value: areaId, text: areaName })), (value) => filter({ areaId: value })),
      selectField('opportunity-status', t('statusFilter'), ALIGNMENT_STATUSES.map((status) => ({ value: status, text: label(status) })), (value) =>
        filter({ status: value as Opportunity['status'] | null }),
      ),
      selectField(
        'opportunity-soil',
        t('filterSoil'),
        [
          { value: 'with', text: t('soilWith') },
          { value: 'without', text: t('soilWithout') },
        ],
        (value) => filter({ soil: value === 'with' || value === 'without' ? value : 'all' }),
      ),
    ),
    countLine,
    tableRegion,
  );
  redraw();
  return section;
}

function opportunitiesTable(pairs: readonly Opportunity[], partyName: ReadonlyMap<string, string>): HTMLElement {
  const partyLink = (partyId: string) => h('a', { href: programmeHref(partyId) }, partyName.get(partyId) ?? partyId);
  const moveText = (pair: Opportunity) => {
    if (!pair.move) return t('noMove');
    const title = pair.move.taskId === pair.dikeTaskId ? pair.dikeTitle : pair.otherTitle;
    return `${title}: ${pair.move.shiftMonths > 0 ? '+' : ''}${pair.move.shiftMonths} ${t('months')}`;
  };
  return sortableTable<Opportunity>(
    t('opportunitiesCaption'),
    [
      { key: 'status', header: t('status'), value: (pair) => ALIGNMENT_STATUSES.indexOf(pair.status), cell: (pair) => h('span', { class: `status-badge status-${pair.status}` }, label(pair.status)) },
      { key: 'area', header: t('areaColumn'), value: (pair) => pair.areaName, cell: (pair) => h('a', { href: `#/gebied/${encodeURIComponent(pair.areaId)}` }, pair.areaName) },
      { key: 'dike', header: t('dike'), value: (pair) => pair.dikeTitle, cell: (pair) => h('span', {}, pair.dikeTitle, ' · ', partyLink(pair.dikePartyId)) },
      { key: 'other', header: t('other'), value: (pair) => pair.otherTitle, cell: (pair) => h('span', {}, `${pair.otherTitle} (${pair.otherProgramme})`, ' · ', partyLink(pair.otherPartyId)) },
      {
        key: 'timing',
        header: t('timingColumn'),
        value: (pair) => pair.overlapMonths - pair.gapMonths,
        cell: (pair) => (pair.overlapMonths > 0 ? t('overlapText', { months: pair.overlapMonths }) : t('gapText', { months: pair.gapMonths })),
      },
      { key: 'move', header: t('move'), value: (pair) => Math.abs(pair.move?.shiftMonths ?? 0), cell: moveText },
      { key: 'soil', header: t('soil'), value: (pair) => pair.soilMatchM3, cell: (pair) => formatNumber(pair.soilMatchM3), numeric: true },
      { key: 'explanation', header: t('explanation'), value: (pair) => pair.explanation[language()] },
    ],
    pairs,
  );
}
