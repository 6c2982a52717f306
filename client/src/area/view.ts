import type { TaskResponse } from '../../../server/contracts/tasks.js';
import { roleHas } from '../../../server/domain/permissions.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import { countText, formatMonth, formatNumber, label, t, type TextKey } from '../i18n.js';
import { FILTER_PAINTED_MARK, FILTER_STARTED_MARK, TIMELINE_RENDERED_MARK } from '../marks.js';
import { ghostItem, realisation } from '../timeline/to-items.js';
import type { TimelineView } from '../timeline/view.js';
import { snapshotsPanel } from '../ui/snapshots.js';
import { sortableTable, type Column } from '../ui/sortable-table.js';
import { errorBlock } from '../ui/status.js';
import { icon } from '../icons.js';
import type { AreaCtrl, AreaViews } from './ctrl.js';
import { canCreateTasks, movableByUser, proposalMove, scenarioShifts, taskById, visibleTasks, type AreaState, type PanelTab } from './model.js';
import { AgendaPanel } from './agenda-panel.js';
import { PairsPanel } from './pairs-panel.js';
import { proposalFocusNote } from './proposal-focus.js';
import { ScenarioPanel } from './scenario-panel.js';
import { SoilPanel } from './soil-panel.js';
import { noTask, taskDetail, taskForm } from './task-panel.js';

type TimelineModule = typeof import('../timeline/view.js');

/** Below this width the side panel stacks under the timeline. */
const SIDE_BY_SIDE_PX = 1280;

function selectField(id: string, text: string, values: { value: string; text: string }[], onChange: (value: string | null) => void) {
  const select = h(
    'select',
    { id, onchange: () => onChange(select.value || null) },
    h('option', { value: '' }, t('all')),
    values.map((option) => h('option', { value: option.value }, option.text)),
  );
  return h('div', { class: 'field' }, h('label', { for: id }, text), select);
}

/**
 * Builds the area page once (toolbar, timeline, table, side panel with tabs) and redraws its
 * parts from the controller's state; each part redraws only when the state it shows changed.
 */
export function renderAreaPage(main: HTMLElement, ctrl: AreaCtrl, { TimelineView: Timeline, legend }: TimelineModule): () => void {
  const { state } = ctrl;
  const { area, user } = state;
  const tabs: { id: PanelTab; text: TextKey; shown: boolean; className?: string }[] = [
    { id: 'pairs', text: 'tabPairs', shown: true },
    { id: 'scenario', text: 'tabScenario', shown: roleHas(user.role, 'plan_scenarios'), className: 'scenario-toggle' },
    { id: 'soil', text: 'tabSoil', shown: true },
    { id: 'task', text: 'tabTask', shown: true },
    { id: 'snapshots', text: 'tabSnapshots', shown: roleHas(user.role, 'create_snapshots') },
    { id: 'agenda', text: 'tabAgenda', shown: true },
  ];
  const pairs = new PairsPanel(ctrl);
  const scenario = roleHas(user.role, 'plan_scenarios') ? new ScenarioPanel(ctrl) : null;
  // The month picked in the soil chart is marked on the timeline, so the two read together.
  const soil = new SoilPanel(ctrl, (month) => timeline.markMonth(month, month ? t('soilTimelineMarker', { month: formatMonth(month) }) : ''));
  const taskPanel = h('section', { class: 'detail-panel', 'aria-labelledby': 'detail-title' });
  const snapshots = roleHas(user.role, 'create_snapshots') ? snapshotsPanel(area.id, (id) => ctrl.title(id), (id) => ctrl.party(id)) : null;
  const agenda = new AgendaPanel(ctrl);
  const panels: Record<PanelTab, HTMLElement | null> = { pairs: pairs.element, scenario: scenario?.element ?? null, soil: soil.element, task: taskPanel, snapshots, agenda: agenda.element };
  const announcer = h('p', { class: 'announce', role: 'status', 'aria-live': 'polite' });

  const tabButtons = tabs
    .filter((tab) => tab.shown)
    .map((tab) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${tab.id}`,
          class: ['panel-tab', tab.className].filter(Boolean).join(' '),
          'data-panel': tab.id,
          'aria-controls': `panel-${tab.id}`,
          onclick: (event: Event) => ctrl.openPanel(tab.id, event.currentTarget as HTMLElement),
          onkeydown: (event: Event) => {
            const key = (event as KeyboardEvent).key;
            if (key !== 'ArrowRight' && key !== 'ArrowLeft') return;
            const shown = tabs.filter((candidate) => candidate.shown);
            const next = shown[(shown.findIndex((candidate) => candidate.id === tab.id) + (key === 'ArrowRight' ? 1 : shown.length - 1)) % shown.length]!;
            ctrl.openPanel(next.id);
            document.getElementById(`tab-${next.id}`)?.focus();
          },
        },
        t(tab.text),
      ),
    );
  const side = h(
    'aside',
    { class: 'side-panel', 'aria-label': t('sidePanel') },
    h('div', { class: 'panel-tabs', role: 'tablist', 'aria-label': t('sidePanel') }, tabButtons),
    announcer,
    ...tabs
      .filter((tab) => panels[tab.id])
      .map((tab) => h('div', { class: `tab-panel tab-panel-${tab.id}`, role: 'tabpanel', id: `panel-${tab.id}`, 'aria-labelledby': `tab-${tab.id}`, tabindex: '-1' }, panels[tab.id]!)),
  );
  side.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    ctrl.closePanel();
  });

  /** A filter change, measured until the browser painted the timeline that follows it (the client benchmark reads this). */
  const filter = (partial: Parameters<AreaCtrl['setFilters']>[0]) => {
    performance.clearMarks(FILTER_STARTED_MARK);
    performance.clearMarks(FILTER_PAINTED_MARK);
    performance.mark(FILTER_STARTED_MARK);
    const drawn = timeline.drawn();
    ctrl.setFilters(partial);
    void drawn.then(() => requestAnimationFrame(() => performance.mark(FILTER_PAINTED_MARK)));
  };
  // Toolbar: the filters apply to the timeline, the table and the pairs alike.
  const partiesInArea = () => [...new Set(ctrl.state.tasks.map((task) => task.partyId))].map((id) => ({ value: id, text: ctrl.party(id) }));
  const search = h('input', { id: 'filter-search', type: 'search', oninput: () => filter({ search: search.value }) });
  const viewButton = (text: string, view: 'timeline' | 'table') =>
    h('button', { type: 'button', class: 'tab', 'data-tab': view, 'aria-pressed': String(view === 'timeline'), onclick: () => ctrl.setView(view) }, text);
  const noMatch = h('p', { class: 'no-match', role: 'status' });
  const timelineContainer = h('div', { class: 'timeline', 'aria-hidden': 'true' });
  const summary = h('p', { class: 'sr-only', id: 'timeline-summary' });
  const focusNote = h('p', { class: 'pair-focus', hidden: true }, icon('info'), ` ${t('pairFocus')} `, h('button', { type: 'button', class: 'link-button', onclick: () => ctrl.clearPair() }, t('showAllRows')));
  const proposalNote = proposalFocusNote(ctrl);
  const timelineRegion = h('section', { class: 'timeline-view', 'aria-describedby': 'timeline-summary' }, summary, focusNote, proposalNote.element, timelineContainer, legend());
  const tableRegion = h('section', { class: 'table-view', hidden: true, 'aria-label': t('tableTab') });
  const heading = h('h1', { tabindex: '-1' }, area.name);
  const description = h('p', { class: 'area-description' }, area.description ?? '');
  const editor = roleHas(user.role, 'manage_areas')
    ? areaEditor(area.id, (name, text) => {
        heading.textContent = name;
        description.textContent = text ?? '';
      })
    : null;

  // The side panel starts level with the heading, so at 1280 px and more it has the window's height.
  main.replaceChildren(
    h('div', { class: 'area-layout' }, h('div', { class: 'area-main' }, h('div', { class: 'area-heading' }, h('p', {}, h('a', { href: '#/' }, `← ${t('back')}`)), heading, description, editor),
    h(
      'div',
      { class: 'toolbar', role: 'group', 'aria-label': 'Filters' },
      selectField('filter-party', t('filterParty'), partiesInArea(), (value) => filter({ partyId: value })),
      selectField('filter-programme', t('filterProgramme'), [...new Set(state.tasks.map((task) => task.programme))].sort().map((value) => ({ value, text: label(value) })), (value) => filter({ programme: value })),
      selectField('filter-kind', t('filterKind'), [...new Set(state.tasks.map((task) => task.kind))].map((value) => ({ value, text: label(value) })), (value) => filter({ kind: value })),
      h('div', { class: 'field' }, h('label', { for: 'filter-search' }, t('search')), search),
      h('div', { class: 'tabs' }, viewButton(t('timelineTab'), 'timeline'), viewButton(t('tableTab'), 'table')),
      canCreateTasks(user) ? h('button', { type: 'button', class: 'new-task', onclick: (event: Event) => ctrl.startCreate(event.currentTarget as HTMLElement) }, t('newTask')) : null,
      h(
        'div',
        { class: 'zoom' },
        h('button', { type: 'button', onclick: () => timeline.zoom(0.5) }, t('zoomIn')),
        h('button', { type: 'button', onclick: () => timeline.zoom(2) }, t('zoomOut')),
        h('button', { type: 'button', class: 'fit', onclick: () => timeline.fit() }, t('fit')),
      ),
      h(
        'div',
        { class: 'exports' },
        h('a', { class: 'button-link', href: `/api/areas/${encodeURIComponent(area.id)}/export.csv`, download: '' }, t('exportCsv')),
        h('a', { class: 'button-link', href: `/api/areas/${encodeURIComponent(area.id)}/export.xlsx`, download: '' }, t('exportXlsx')),
      ),
    ),
    noMatch, timelineRegion, tableRegion), side),
  );

  // The container is in the page with its final height (CSS) before the timeline draws into it.
  const timeline: TimelineView = new Timeline(
    timelineContainer,
    {
      onSelectTask: (taskId) => ctrl.selectTask(taskId),
      onShiftTask: (taskId, shift) => void ctrl.setShift(taskId, shift),
    },
    ctrl.today,
  );

  const taskColumns: Column<TaskResponse>[] = [
    { key: 'title', header: t('title'), value: (task) => task.title },
    { key: 'party', header: t('party'), value: (task) => ctrl.party(task.partyId) },
    { key: 'programme', header: t('programme'), value: (task) => task.programme },
    { key: 'kind', header: t('kind'), value: (task) => label(task.kind) },
    { key: 'trajectory', header: t('trajectory'), value: (task) => task.dikeTrajectId ?? '' },
    { key: 'start', header: `${t('realisation')} ${t('start')}`, value: (task) => realisation(task).start, cell: (task) => formatMonth(realisation(task).start) },
    { key: 'end', header: `${t('realisation')} ${t('end')}`, value: (task) => realisation(task).end, cell: (task) => formatMonth(realisation(task).end) },
    {
      key: 'window',
      header: t('windowLabel'),
      value: (task) => task.window?.earliestStart ?? '',
      cell: (task) =>
        h('span', {}, task.window ? `${formatMonth(task.window.earliestStart)} – ${formatMonth(task.window.latestEnd)}` : t('noWindow'), ...(task.outsideWindow ? [' ', icon('warning'), ` ${t('outsideWindow')}`] : [])),
    },
    { key: 'status', header: t('statusField'), value: (task) => (task.status ? label(task.status) : '') },
    { key: 'soilDemand', header: t('soilDemand'), value: (task) => task.soilDemandM3, cell: (task) => formatNumber(task.soilDemandM3), numeric: true },
    { key: 'soilSupply', header: t('soilSupply'), value: (task) => task.soilSupplyM3, cell: (task) => formatNumber(task.soilSupplyM3), numeric: true },
    {
      key: 'details',
      header: t('detailsTitle'),
      value: () => '',
      cell: (task) => h('button', { type: 'button', class: 'show-task', onclick: (event: Event) => ctrl.showTask(task.id, event.currentTarget as HTMLElement) }, t('detailsTitle')),
    },
  ];

  // What each part last drew, to redraw only what changed.
  let last: Partial<Record<'tasks' | 'filters' | 'pair' | 'view' | 'table' | 'taskPanel' | 'taskVersion' | 'pick', unknown>> = {};

  const redraw = (ctrl: AreaCtrl) => {
    const current: AreaState = ctrl.state;
    const visible = visibleTasks(current);
    // Timeline
    if (last.tasks !== current.tasks) timeline.render(current.tasks, current.parties, current.user.partyId, current.filters);
    else if (last.filters !== current.filters) timeline.applyFilters(current.filters);
    timeline.setScenario(current.scenarioMode ? scenarioShifts(current) : new Map(), current.scenarioMode ? movableByUser(current) : new Set());
    if (last.pick !== current.scenarioTaskId) timeline.selectTask(current.scenarioMode ? current.scenarioTaskId : null);
    const focus = current.selectedPair ?? current.proposalFocus;
    if (last.pair !== focus || (focus && last.tasks !== current.tasks)) {
      if (!current.selectedPair && current.proposalFocus) {
        const move = proposalMove(current.proposalFocus);
        timeline.highlight([current.proposalFocus.taskId], move ? ghostItem({ move }, current.tasks) : null);
      } else if (current.selectedPair) {
        timeline.highlight([current.selectedPair.dikeTaskId, current.selectedPair.otherTaskId], ghostItem(current.selectedPair, current.tasks));
        if (current.view === 'timeline') {
          const box = timelineRegion.getBoundingClientRect();
          if (box.top < 0 || box.top > window.innerHeight * 0.4) timelineRegion.scrollIntoView({ block: 'start' });
        }
      } else timeline.clearHighlight();
    }
    focusNote.hidden = current.selectedPair === null;
    proposalNote.update();
    summary.textContent = t('timelineSummary', { tasks: countText(visible.length, 'task'), parties: countText(new Set(visible.map((task) => task.partyId)).size, 'party') });
    noMatch.textContent = visible.length === 0 ? t('tasksNoMatch') : '';
    // View tabs
    timelineRegion.hidden = current.view !== 'timeline';
    tableRegion.hidden = current.view !== 'table';
    main.querySelectorAll('.tabs .tab').forEach((tab) => tab.setAttribute('aria-pressed', String(tab.getAttribute('data-tab') === current.view)));
    if (current.view === 'table' && (last.view !== 'table' || last.tasks !== current.tasks || last.filters !== current.filters)) {
      tableRegion.replaceChildren(sortableTable(t('tableTasks'), taskColumns, visible, (task) => (task.partyId === current.user.partyId ? 'own-party' : '')));
    }
    // Side panel
    for (const button of tabButtons) {
      const selected = button.getAttribute('data-panel') === current.panel;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
    }
    side.querySelectorAll<HTMLElement>('.tab-panel').forEach((panel) => (panel.hidden = panel.id !== `panel-${current.panel}`));
    taskPanel.hidden = current.panel !== 'task';
    pairs.update();
    if (current.scenarioMode) scenario?.update();
    soil.update();
    const taskPanelState = current.taskPanel;
    const shownTask = taskPanelState.mode === 'view' || taskPanelState.mode === 'edit' ? taskById(current, taskPanelState.taskId) : undefined;
    if (last.taskPanel !== taskPanelState || (taskPanelState.mode === 'view' && last.taskVersion !== shownTask)) {
      const opening = last.taskPanel !== taskPanelState;
      if (taskPanelState.mode === 'view' && shownTask) taskPanel.replaceChildren(taskDetail(ctrl, shownTask));
      else if (taskPanelState.mode === 'edit' && shownTask) {
        if (opening) taskPanel.replaceChildren(taskForm(ctrl, shownTask));
      } else if (taskPanelState.mode === 'create') taskPanel.replaceChildren(taskForm(ctrl, null));
      else taskPanel.replaceChildren(noTask(ctrl));
      if (opening && current.panel === 'task' && taskPanelState.mode !== 'none') taskPanel.querySelector<HTMLElement>('#detail-title')?.focus({ preventScroll: true });
    }
    agenda.update();
    last = { tasks: current.tasks, filters: current.filters, pair: focus, view: current.view, taskPanel: taskPanelState, taskVersion: shownTask, pick: current.scenarioTaskId };
  };

  const views: AreaViews = {
    redraw,
    announce(text: string) {
      // A fresh text node each time, so the same message twice is read twice.
      announcer.replaceChildren(text);
    },
    revealInPanel(element: HTMLElement) {
      // Scroll the side panel only (never the page under the user's mouse) until the element shows.
      const panel = side.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      const bottom = Math.min(panel.bottom, window.innerHeight);
      // Below the sticky tab bar, which takes two rows when the tabs wrap.
      const top = Math.max(panel.top, 0) + (side.querySelector('.panel-tabs')?.getBoundingClientRect().height ?? 0) + 8;
      // In the lower half the lines after it would still be out of sight: bring it up to the top.
      if (box.top > (top + bottom) / 2 || box.top < top) side.scrollTop += box.top - top;
    },
    revealPanel() {
      if (window.innerWidth >= SIDE_BY_SIDE_PX) return;
      const box = side.getBoundingClientRect();
      if (box.top < 0 || box.top > window.innerHeight - 80) side.scrollIntoView({ block: 'start' });
    },
  };
  ctrl.attach(views);
  // First render: measured until the browser painted the drawn timeline (the client benchmark reads this).
  const drawn = timeline.drawn();
  redraw(ctrl);
  timeline.fit();
  void drawn.then(() => requestAnimationFrame(() => performance.mark(TIMELINE_RENDERED_MARK)));
  return () => timeline.destroy();
}

/** The area's name and description, for its directors: a small form above the timeline. */
export function areaEditor(areaId: string, onSaved: (name: string, description: string | null) => void): HTMLElement {
  const feedback = h('div', { 'aria-live': 'polite' });
  const name = h('input', { id: 'area-name', type: 'text', required: true });
  const description = h('textarea', { id: 'area-description', rows: 2 });
  void api.area(areaId).then((area) => {
    name.value = area.name;
    description.value = area.description ?? '';
  });
  return h(
    'details',
    { class: 'area-editor' },
    h('summary', {}, t('areaEdit')),
    h(
      'form',
      {
        class: 'toolbar',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          try {
            const area = await api.patchArea(areaId, { name: name.value.trim(), description: description.value.trim() || null });
            feedback.replaceChildren(h('p', { role: 'status' }, t('saved')));
            onSaved(area.name, area.description);
          } catch (error) {
            feedback.replaceChildren(errorBlock(error));
          }
        },
      },
      h('div', { class: 'field' }, h('label', { for: 'area-name' }, t('name')), name),
      h('div', { class: 'field' }, h('label', { for: 'area-description' }, t('description')), description),
      h('button', { type: 'submit', class: 'save-area' }, t('save')),
    ),
    feedback,
  );
}
