import type { AlignmentPairResponse, AlignmentReportResponse } from '../../../server/contracts/alignments.js';
import type { Area } from '../../../server/contracts/areas.js';
import type { Party } from '../../../server/contracts/parties.js';
import type { TaskResponse } from '../../../server/contracts/tasks.js';
import type { User } from '../../../server/contracts/users.js';
import { ALIGNMENT_STATUSES } from '../../../server/domain/alignment.js';
import { roleHas } from '../../../server/domain/permissions.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import { formatMonth, formatNumber, label, language, t } from '../i18n.js';
import { ghostItem, matchesFilters, NO_FILTERS, realisation, type TimelineFilters } from '../timeline/to-items.js';
import { renderTaskDetail } from './detail.js';
import { scenarioPanel } from './scenario.js';
import { snapshotsPanel } from './snapshots.js';
import { sortableTable, type Column } from './sortable-table.js';
import { errorBlock } from './status.js';
import { PAIRS_RENDERED_MARK, TIMELINE_RENDERED_MARK } from '../marks.js';

/** Pairs are listed a page at a time: a large area can have tens of thousands. */
const PAIRS_PAGE = 50;

function options(id: string, text: string, values: { value: string; text: string }[], onChange: (value: string | null) => void) {
  const select = h(
    'select',
    { id, onchange: () => onChange(select.value || null) },
    h('option', { value: '' }, t('all')),
    values.map((option) => h('option', { value: option.value }, option.text)),
  );
  return h('div', { class: 'field' }, h('label', { for: id }, text), select);
}

function moveText(pair: AlignmentPairResponse): string {
  if (!pair.move) return t('noMove');
  return `${pair.move.shiftMonths > 0 ? '+' : ''}${pair.move.shiftMonths} ${t('months')}`;
}

export type AreaLoad = Promise<[Area, TaskResponse[], Party[], typeof import('../timeline/view.js')]>;

/**
 * Starts fetching an area's page data and the timeline code (a separate chunk: vis-timeline
 * is most of the bundle); the router starts it before the session check answers.
 */
export function loadArea(areaId: string): AreaLoad {
  return Promise.all([api.area(areaId), api.areaTasks(areaId), api.parties(), import('../timeline/view.js')]);
}

/** The area page: one timeline of every party's tasks, the detector's pairs beside it, a table view. */
export async function renderArea(main: HTMLElement, areaId: string, load: AreaLoad, user: User, today: Date): Promise<() => void> {
  const [area, tasks, parties, { TimelineView, legend }] = await load;
  let report: AlignmentReportResponse | null = null;
  const partyName = (id: string) => parties.find((party) => party.id === id)?.name ?? id;
  const taskById = new Map(tasks.map((task) => [task.id, task]));
  const title = (id: string) => taskById.get(id)?.title ?? id;
  let filters: TimelineFilters = { ...NO_FILTERS };

  const detail = h('aside', { class: 'detail-panel', 'aria-labelledby': 'detail-title', hidden: true });
  const timelineContainer = h('div', { class: 'timeline', 'aria-hidden': 'true' });
  let scenario: ReturnType<typeof scenarioPanel> | null = null;
  const view = new TimelineView(
    timelineContainer,
    { onSelectTask: (taskId) => void showTask(taskId), onShiftTask: (taskId, shift) => void scenario?.shift(taskId, shift) },
    today,
  );
  view.render(tasks, parties, user.partyId);

  async function showTask(taskId: string) {
    const task = taskById.get(taskId);
    if (task) await renderTaskDetail(detail, task, partyName(task.partyId), () => (detail.hidden = true));
  }

  function selectPair(pair: AlignmentPairResponse, rowButton: HTMLElement | null) {
    view.highlight([pair.dikeTaskId, pair.otherTaskId], ghostItem(pair, tasks));
    main.querySelectorAll('.pair-row.selected').forEach((element) => element.classList.remove('selected'));
    rowButton?.closest('tr')?.classList.add('selected');
    selectedPair.textContent = `${title(pair.dikeTaskId)} ↔ ${title(pair.otherTaskId)}: ${pair.explanation[language()]}`;
  }

  const pairColumns: Column<AlignmentPairResponse>[] = [
    // Sorted in the detector's order (aligned first), shown in words.
    { key: 'status', header: t('status'), value: (pair) => ALIGNMENT_STATUSES.indexOf(pair.status), cell: (pair) => label(pair.status) },
    { key: 'dike', header: t('dike'), value: (pair) => title(pair.dikeTaskId) },
    { key: 'other', header: t('other'), value: (pair) => title(pair.otherTaskId) },
    { key: 'move', header: t('move'), value: (pair) => pair.move?.shiftMonths ?? 0, cell: moveText, numeric: true },
    { key: 'soil', header: t('soil'), value: (pair) => pair.soilMatchM3, cell: (pair) => formatNumber(pair.soilMatchM3), numeric: true },
    { key: 'explanation', header: t('explanation'), value: (pair) => pair.explanation[language()] },
    {
      key: 'show',
      header: t('show'),
      value: () => '',
      cell: (pair) =>
        h('button', { type: 'button', class: 'show-pair', onclick: (event: Event) => selectPair(pair, event.currentTarget as HTMLElement) }, t('show')),
    },
  ];
  const pairsTable = () => {
    if (!report) return h('p', { class: 'loading' }, t('loading'));
    if (report.pairs.length === 0) return h('p', {}, t('pairsEmpty'));
    return h(
      'div',
      {},
      h('p', { class: 'pairs-shown' }, t('pairsShown', { shown: report.pairs.length, total: report.total })),
      sortableTable(t('pairsTitle'), pairColumns, report.pairs, (pair) => `pair-row status-${pair.status}`),
      report.total > report.pairs.length
        ? h('button', { type: 'button', class: 'more-pairs', onclick: () => void loadPairs(report!.pairs.length + PAIRS_PAGE) }, t('morePairs'))
        : null,
    );
  };
  const pairsPanel = h('section', { class: 'pairs-panel', 'aria-label': t('pairsTitle') });
  async function loadPairs(limit: number) {
    try {
      report = await api.alignments(areaId, limit);
      pairsPanel.replaceChildren(selectedPair, pairsTable());
      performance.mark(PAIRS_RENDERED_MARK);
      if (!tableRegion.hidden) renderTables();
    } catch (error) {
      pairsPanel.replaceChildren(errorBlock(error));
    }
  }

  const taskColumns: Column<TaskResponse>[] = [
    { key: 'title', header: t('title'), value: (task) => task.title },
    { key: 'party', header: t('party'), value: (task) => partyName(task.partyId) },
    { key: 'programme', header: t('programme'), value: (task) => task.programme },
    { key: 'kind', header: t('kind'), value: (task) => label(task.kind) },
    { key: 'trajectory', header: t('trajectory'), value: (task) => task.dikeTrajectId ?? '' },
    { key: 'start', header: `${t('realisation')} ${t('start')}`, value: (task) => realisation(task).start, cell: (task) => formatMonth(realisation(task).start) },
    { key: 'end', header: `${t('realisation')} ${t('end')}`, value: (task) => realisation(task).end, cell: (task) => formatMonth(realisation(task).end) },
    {
      key: 'window',
      header: t('windowLabel'),
      value: (task) => task.window?.earliestStart ?? '',
      cell: (task) => (task.window ? `${formatMonth(task.window.earliestStart)} – ${formatMonth(task.window.latestEnd)}` : t('noWindow')) + (task.outsideWindow ? ` ⚠ ${t('outsideWindow')}` : ''),
    },
    { key: 'soilDemand', header: t('soilDemand'), value: (task) => task.soilDemandM3, cell: (task) => formatNumber(task.soilDemandM3), numeric: true },
    { key: 'soilSupply', header: t('soilSupply'), value: (task) => task.soilSupplyM3, cell: (task) => formatNumber(task.soilSupplyM3), numeric: true },
    {
      key: 'details',
      header: t('detailsTitle'),
      value: () => '',
      cell: (task) => h('button', { type: 'button', class: 'show-task', onclick: () => void showTask(task.id) }, t('detailsTitle')),
    },
  ];

  const selectedPair = h('p', { class: 'selected-pair', 'aria-live': 'polite' });
  const summary = h('p', { class: 'sr-only', id: 'timeline-summary' }, t('timelineSummary', { tasks: tasks.length, parties: new Set(tasks.map((task) => task.partyId)).size }));
  const tableRegion = h('section', { class: 'table-view', hidden: true, 'aria-label': t('tableTab') });
  const timelineRegion = h('section', { class: 'timeline-view', 'aria-describedby': 'timeline-summary' }, summary, timelineContainer, legend());
  const renderTables = () => {
    const visible = tasks.filter((task) => matchesFilters(task, filters));
    tableRegion.replaceChildren(
      sortableTable(t('tableTasks'), taskColumns, visible, (task) => (task.partyId === user.partyId ? 'own-party' : '')),
      pairsTable(),
    );
  };
  const refilter = () => {
    view.applyFilters(filters);
    if (!tableRegion.hidden) renderTables();
  };

  const tabButton = (text: string, showTable: boolean) =>
    h(
      'button',
      {
        type: 'button',
        class: 'tab',
        'aria-pressed': String(!showTable),
        'data-tab': showTable ? 'table' : 'timeline',
        onclick: () => {
          tableRegion.hidden = !showTable;
          timelineRegion.hidden = showTable;
          main.querySelectorAll('.tab').forEach((tab) => tab.setAttribute('aria-pressed', String(tab.getAttribute('data-tab') === (showTable ? 'table' : 'timeline'))));
          if (showTable) renderTables();
        },
      },
      text,
    );

  const partiesInArea = [...new Set(tasks.map((task) => task.partyId))].map((id) => ({ value: id, text: partyName(id) }));
  const programmes = [...new Set(tasks.map((task) => task.programme))].sort().map((value) => ({ value, text: value }));
  const kinds = [...new Set(tasks.map((task) => task.kind))].map((value) => ({ value, text: label(value) }));
  const search = h('input', {
    id: 'filter-search',
    type: 'search',
    oninput: () => {
      filters = { ...filters, search: search.value };
      refilter();
    },
  });

  main.replaceChildren(
    h('p', {}, h('a', { href: '#/' }, `← ${t('back')}`)),
    h('h1', {}, area.name),
    h('p', { class: 'area-description' }, area.description ?? ''),
    h(
      'div',
      { class: 'toolbar', role: 'group', 'aria-label': 'Filters' },
      options('filter-party', t('filterParty'), partiesInArea, (value) => {
        filters = { ...filters, partyId: value };
        refilter();
      }),
      options('filter-programme', t('filterProgramme'), programmes, (value) => {
        filters = { ...filters, programme: value };
        refilter();
      }),
      options('filter-kind', t('filterKind'), kinds, (value) => {
        filters = { ...filters, kind: value };
        refilter();
      }),
      h('div', { class: 'field' }, h('label', { for: 'filter-search' }, t('search')), search),
      h(
        'div',
        { class: 'tabs' },
        tabButton(t('timelineTab'), false),
        tabButton(t('tableTab'), true),
      ),
      roleHas(user.role, 'plan_scenarios')
        ? h(
            'button',
            {
              type: 'button',
              class: 'scenario-toggle',
              'aria-pressed': 'false',
              onclick: (event: Event) => {
                const button = event.currentTarget as HTMLElement;
                if (scenario) {
                  scenario.element.remove();
                  scenario = null;
                  view.setScenario(new Map(), new Set());
                  button.setAttribute('aria-pressed', 'false');
                  return;
                }
                scenario = scenarioPanel({
                  areaId,
                  tasks,
                  user,
                  view,
                  titleOf: title,
                  partyName,
                  onApplied: () => window.dispatchEvent(new HashChangeEvent('hashchange')),
                });
                pairsPanel.before(scenario.element);
                button.setAttribute('aria-pressed', 'true');
              },
            },
            t('scenarioTitle'),
          )
        : null,
      h(
        'div',
        { class: 'exports' },
        h('a', { class: 'button-link', href: `/api/areas/${encodeURIComponent(areaId)}/export.csv`, download: '' }, t('exportCsv')),
        h('a', { class: 'button-link', href: `/api/areas/${encodeURIComponent(areaId)}/export.xlsx`, download: '' }, t('exportXlsx')),
      ),
      h('div', { class: 'zoom' },
        h('button', { type: 'button', onclick: () => view.zoom(0.5) }, t('zoomIn')),
        h('button', { type: 'button', onclick: () => view.zoom(2) }, t('zoomOut')),
        h('button', { type: 'button', onclick: () => view.fit() }, t('fit')),
      ),
    ),
    h(
      'div',
      { class: 'area-layout' },
      h('div', { class: 'area-main' }, timelineRegion, tableRegion),
      roleHas(user.role, 'create_snapshots') ? snapshotsPanel(areaId, title) : null,
      pairsPanel,
    ),
    detail,
  );
  view.fit();
  performance.mark(TIMELINE_RENDERED_MARK);
  // The timeline shows at once; the pairs follow when the detector has answered.
  pairsPanel.replaceChildren(selectedPair, pairsTable());
  void loadPairs(PAIRS_PAGE);
  return () => view.destroy();
}
