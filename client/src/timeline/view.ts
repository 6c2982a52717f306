import type { DataSet as DataSetType } from 'vis-data';
import * as vis from 'vis-timeline/standalone';
import { Timeline, type DataGroup, type DataItem, type TimelineItem, type TimelineOptions } from 'vis-timeline/standalone';
import 'vis-timeline/styles/vis-timeline-graph2d.min.css';
import type { Party } from '../../../server/contracts/parties.js';
import { h } from '../dom.js';
import { icon } from '../icons.js';
import { countText, label, monthAfter, monthStart, t } from '../i18n.js';
import {
  clampShift,
  monthIndex,
  monthIndexOfDate,
  monthOf,
  NO_FILTERS,
  toTimelineGroups,
  toTimelineItems,
  type GroupSpec,
  type ItemSpec,
  type RowBuilder,
  type TimelineFilters,
  type TimelineTask,
} from './to-items.js';

declare module 'vis-timeline/standalone' {
  interface Timeline {
    setCustomTimeMarker(title: string, id: string, editable?: boolean): void;
  }
}

// The standalone build bundles vis-data's DataSet, but its type declarations do not re-export it.
const { DataSet } = vis as unknown as { DataSet: typeof DataSetType };

const MONTH_MS = 31 * 24 * 3600 * 1000;

/** vis orders groups by this field (groupOrder: 'order'); its typings leave it out. */
type OrderedGroup = DataGroup & { order: number; treeLevel: number };

function groupContent(spec: GroupSpec): HTMLElement {
  const badges = spec.badges.map((badge) => {
    if (badge === 'own') return h('span', { class: 'badge badge-own' }, t('ownParty'));
    if (badge === 'outside-window') return h('span', { class: 'badge badge-warning' }, icon('warning'), ` ${t('outsideWindow')}`);
    if (badge.startsWith('count:')) return h('span', { class: 'badge badge-count' }, countText(Number(badge.slice('count:'.length)), 'task'));
    return h('span', { class: 'badge' }, badge);
  });
  return h('span', { class: 'group-label', 'data-group': spec.id }, h('span', { class: 'group-title' }, spec.text), ...badges);
}

function toDataItem(spec: ItemSpec): DataItem {
  return {
    id: spec.id,
    group: spec.group,
    start: spec.start,
    end: spec.end,
    type: spec.type,
    className: spec.className,
    // Elements, not strings: vis-timeline renders string content and titles as HTML.
    content: h('span', { 'data-item': spec.id, 'data-start': spec.startMonth, 'data-end': spec.endMonth }, spec.text) as unknown as string,
    title: h('span', {}, spec.title) as unknown as string,
    editable: spec.editable ?? false,
  };
}

export interface TimelineCallbacks {
  onSelectTask(taskId: string): void;
  /** Scenario mode: a task was dragged to a new shift (in months from the baseline). */
  onShiftTask?(taskId: string, shiftMonths: number): void;
}

/**
 * The vis-timeline on an area page: nested party/task rows, phases, windows, deadlines and a ghost.
 * Only unfolded parties get task rows and items, so a large area draws a bounded amount.
 */
export class TimelineView {
  private readonly groups: DataSetType<OrderedGroup, 'id'> = new DataSet<OrderedGroup, 'id'>();
  private readonly items: DataSetType<DataItem, 'id'> = new DataSet<DataItem, 'id'>();
  private readonly timeline: Timeline;
  private tasks: readonly TimelineTask[] = [];
  private parties: readonly Party[] = [];
  private ownPartyId: string | null = null;
  private filters: TimelineFilters = NO_FILTERS;
  /** Party rows the user unfolded by hand (or a selected pair unfolded). */
  private readonly unfolded = new Set<string>();
  private itemsByTask = new Map<string, ItemSpec[]>();
  private ghost: ItemSpec | null = null;
  private shifts = new Map<string, number>();
  private extra: ItemSpec[] = [];
  private draggable = new Set<string>();
  /** What each group was last drawn as, to send vis only the groups that changed. */
  private groupSignatures = new Map<string, string>();
  /** Toon: only these task rows are shown (both tasks of a pair fit in view, whatever the area's size). */
  private focusTasks: Set<string> | null = null;
  private selectedTask: string | null = null;
  /** The month from which phases can still move; earlier phases have started and stay. */
  private readonly asOf: string;
  private readonly today: Date;
  private readonly changedListeners: (() => void)[] = [];

  constructor(
    container: HTMLElement,
    callbacks: TimelineCallbacks,
    today: Date,
    private readonly rowsOf: RowBuilder = toTimelineGroups,
  ) {
    this.today = today;
    this.asOf = monthOf(today);
    // The wheel scrolls the page; Ctrl+wheel (or the buttons) zooms. vis would take every wheel event.
    container.addEventListener(
      'wheel',
      (event) => {
        if (!event.ctrlKey) event.stopPropagation();
      },
      { capture: true },
    );
    const options: TimelineOptions = {
      stack: false,
      orientation: { axis: 'top', item: 'top' },
      zoomMin: 2 * MONTH_MS,
      zoomMax: 60 * 12 * MONTH_MS,
      min: new Date(2000, 0, 1),
      max: new Date(2101, 0, 1),
      // Room above each bar for the suggested position's lane.
      margin: { item: { horizontal: 0, vertical: 8 } },
      groupOrder: 'order',
      showCurrentTime: false,
      selectable: true,
      multiselect: true,
      verticalScroll: true,
      zoomKey: 'ctrlKey',
      // The container has its final height in CSS before the timeline draws: no collapsed first paint.
      height: '100%',
      tooltip: { followMouse: true },
      snap: (date: Date) => new Date(date.getFullYear(), date.getMonth(), 1),
      xss: { disabled: false },
      // Only items marked editable (a planner's own movable tasks in scenario mode) can be dragged.
      editable: { updateTime: true, updateGroup: false, add: false, remove: false, overrideItems: false },
      // Drag without selecting first; resize is off so a drag always moves the whole task.
      itemsAlwaysDraggable: { item: true, range: false },
      onMoving: (item, callback) => callback(this.dragTo(item as DataItem) as TimelineItem),
      onMove: (item, callback) => {
        const placed = this.dragTo(item as DataItem);
        callback(placed as TimelineItem);
        const taskId = String(item.group);
        callbacks.onShiftTask?.(taskId, this.shiftOf(placed));
      },
    };
    this.timeline = new Timeline(container, this.items, this.groups, options);
    // vis fits the items on its first draw, which would undo fit() (windows, today and 2050 included).
    // A window in the options instead makes vis redraw at every data change, far slower on a large area.
    (this.timeline as unknown as { initialFitDone: boolean }).initialFitDone = true;
    this.timeline.addCustomTime(new Date(2028, 0, 1), 'krw-deadline');
    this.timeline.setCustomTimeMarker(t('krwDeadline'), 'krw-deadline', false);
    this.timeline.addCustomTime(new Date(2050, 0, 1), 'hwbp-deadline');
    this.timeline.setCustomTimeMarker(t('hwbpDeadline'), 'hwbp-deadline', false);
    this.timeline.addCustomTime(today, 'today');
    this.timeline.setCustomTimeMarker(t('today'), 'today', false);
    this.timeline.on('select', (event: { items: (string | number)[] }) => {
      const id = String(event.items[0] ?? '');
      if (!id || id.startsWith('ghost:')) return;
      callbacks.onSelectTask(id.startsWith('baseline:') ? id.split(':')[1]! : id.split(':')[0]!);
    });
    this.timeline.on('changed', () => {
      for (const listener of this.changedListeners.splice(0)) listener();
    });
    this.timeline.on('click', (event: { what: string | null; group: string | number | null }) => {
      const group = String(event.group ?? '');
      if (event.what !== 'group-label' || this.groups.get(group)?.treeLevel !== 1) return;
      const folded = this.groups.get(group)?.nestedGroups === undefined;
      if (folded) {
        this.unfolded.add(group);
        this.sync();
      }
    });
  }

  /** Resolves once the timeline has drawn its current data (its `changed` event). */
  drawn(): Promise<void> {
    return new Promise((resolve) => this.changedListeners.push(resolve));
  }

  render(tasks: readonly TimelineTask[], parties: readonly Party[], ownPartyId: string | null, filters: TimelineFilters = this.filters): void {
    this.tasks = tasks;
    this.parties = parties;
    this.ownPartyId = ownPartyId;
    this.filters = filters;
    this.rebuildItems();
  }

  /** Scenario mode: draws moved tasks shifted with their baseline as ghosts, and lets `draggable` tasks move. */
  setScenario(shifts: ReadonlyMap<string, number>, draggable: ReadonlySet<string>): void {
    const sameShifts = shifts.size === this.shifts.size && [...shifts].every(([id, shift]) => this.shifts.get(id) === shift);
    const sameDraggable = draggable.size === this.draggable.size && [...draggable].every((id) => this.draggable.has(id));
    if (sameShifts && sameDraggable) return;
    this.shifts = new Map(shifts);
    this.draggable = new Set(draggable);
    this.rebuildItems();
  }

  /** Extra items drawn in their task rows, such as the older positions of moved tasks. */
  setGhosts(specs: ItemSpec[]): void {
    this.extra = specs;
    this.sync();
  }

  private rebuildItems(): void {
    this.itemsByTask = new Map(this.tasks.map((task) => [task.id, this.itemsOf(task)]));
    this.items.clear();
    this.sync();
  }

  private itemsOf(task: TimelineTask, shift = this.shifts.get(task.id)): ItemSpec[] {
    const specs = toTimelineItems([task], new Map(shift ? [[task.id, shift]] : []), this.draggable, this.asOf);
    if (task.id !== this.selectedTask) return specs;
    return specs.map((spec) => (spec.id.endsWith(':window') || spec.id.startsWith('baseline:') ? spec : { ...spec, className: `${spec.className} keyboard-selected` }));
  }

  /** Marks the task picked for keyboard moves. */
  selectTask(taskId: string | null): void {
    const previous = this.selectedTask;
    if (previous === taskId) return;
    this.selectedTask = taskId;
    for (const id of [previous, taskId]) {
      const task = id ? this.tasks.find((candidate) => candidate.id === id) : undefined;
      if (!task) continue;
      this.itemsByTask.set(task.id, this.itemsOf(task));
      this.items.remove(this.items.getIds({ filter: (item: DataItem) => String(item.group) === task.id && !String(item.id).startsWith('ghost:') }));
    }
    this.sync();
  }

  private shiftOf(item: DataItem): number {
    const [taskId, kind] = String(item.id).split(':');
    const phase = this.tasks.find((task) => task.id === taskId)?.phases.find((candidate) => candidate.kind === kind);
    return phase ? monthIndexOfDate(new Date(item.start)) - monthIndex(phase.start) : 0;
  }

  /**
   * While dragging: snaps the dragged phase to whole months within the task's window and moves
   * the task's other phases along, so the task moves as one.
   */
  private dragTo(item: DataItem): DataItem {
    const task = this.tasks.find((candidate) => candidate.id === String(item.group));
    if (!task) return item;
    const shift = clampShift(task, this.shiftOf(item), this.asOf);
    const own = this.itemsOf(task, shift).filter((spec) => !spec.id.startsWith('baseline:'));
    const siblings = own.filter((spec) => spec.id !== item.id && this.items.get(spec.id) !== null);
    this.items.update(siblings.map((spec) => ({ id: spec.id, start: spec.start, end: spec.end })));
    const placed = own.find((spec) => spec.id === item.id)!;
    return { ...item, start: placed.start, end: placed.end };
  }

  /** Hides the rows that do not pass the filters; the items of hidden rows are not drawn. */
  applyFilters(filters: TimelineFilters): void {
    if (filters === this.filters) return;
    this.filters = filters;
    this.sync();
  }

  /** Brings groups and items in line with tasks, filters and folding: only shown rows get items. */
  private sync(): void {
    const focus = this.focusTasks;
    const specs = this.rowsOf(this.tasks, this.parties, this.ownPartyId, this.filters).map((spec) => {
      if (!focus) return spec;
      if (spec.nestedGroups) return { ...spec, visible: spec.nestedGroups.some((id) => focus.has(id)), expanded: true };
      return { ...spec, visible: focus.has(spec.id) };
    });
    const byId = new Map(specs.map((spec) => [spec.id, spec]));
    // Only groups that changed go to vis: a filter change on a large area then touches few rows.
    const next = new Map<string, { signature: string; build: () => OrderedGroup }>();
    const shown = new Set<string>();
    const put = (spec: GroupSpec, group: Omit<OrderedGroup, 'content'>) =>
      next.set(spec.id, {
        signature: JSON.stringify([spec.text, spec.badges, group.className, group.order, group.visible, group.nestedGroups ?? null]),
        build: () => ({ ...group, content: groupContent(spec) as unknown as string }) as OrderedGroup,
      });
    for (const spec of specs) {
      if (!spec.nestedGroups) continue;
      const expanded = spec.expanded === true || this.unfolded.has(spec.id);
      put(spec, {
        id: spec.id,
        className: expanded ? spec.className : `${spec.className} folded`,
        order: spec.order,
        visible: spec.visible,
        treeLevel: 1,
        ...(expanded ? { nestedGroups: spec.nestedGroups, showNested: true } : {}),
      });
      if (!expanded) continue;
      for (const childId of spec.nestedGroups) {
        const child = byId.get(childId)!;
        put(child, { id: child.id, className: child.className, order: child.order, visible: child.visible, treeLevel: 2 });
        if (child.visible) shown.add(child.id);
      }
    }
    const gone = [...this.groupSignatures.keys()].filter((id) => !next.has(id));
    const changed = [...next].filter(([id, entry]) => this.groupSignatures.get(id) !== entry.signature);
    if (gone.length > 0) this.groups.remove(gone);
    if (changed.length > 0) this.groups.update(changed.map(([, entry]) => entry.build()));
    this.groupSignatures = new Map([...next].map(([id, entry]) => [id, entry.signature]));
    const wanted = [...shown].flatMap((taskId) => this.itemsByTask.get(taskId) ?? []);
    if (this.ghost && shown.has(this.ghost.group)) wanted.push(this.ghost);
    wanted.push(...this.extra.filter((spec) => shown.has(spec.group)));
    const wantedIds = new Set(wanted.map((spec) => spec.id));
    this.items.remove(this.items.getIds({ filter: (item: DataItem) => !wantedIds.has(String(item.id)) }));
    this.items.add(wanted.filter((spec) => this.items.get(spec.id) === null).map(toDataItem));
  }

  /**
   * Selects and marks the items of the given tasks, draws a ghost, and brings them into view:
   * only their rows stay shown (so both fit, however large the area) and the window spans both
   * realisations and the ghost.
   */
  highlight(taskIds: string[], ghost: ItemSpec | null): void {
    this.clearHighlight();
    for (const task of this.tasks) if (taskIds.includes(task.id)) this.unfolded.add(`party:${task.partyId}`);
    this.ghost = ghost;
    this.focusTasks = new Set(taskIds);
    this.sync();
    const itemIds = this.items.getIds({
      filter: (item: DataItem) => taskIds.includes(String(item.group)) && !String(item.id).endsWith(':window') && !String(item.id).startsWith('ghost:'),
    });
    this.items.update(itemIds.map((id: string | number) => ({ id, className: `${this.items.get(id)!.className ?? ''} highlighted` })));
    this.timeline.setSelection(itemIds);
    const months = this.tasks
      .filter((task) => taskIds.includes(task.id))
      .flatMap((task) => task.phases.filter((phase) => phase.kind === 'realisatie').flatMap((phase) => [phase.start, phase.end]));
    if (ghost) months.push(ghost.startMonth, ghost.endMonth);
    months.sort();
    if (months.length > 0) {
      const start = monthStart(months[0]!).getTime();
      const end = monthAfter(months[months.length - 1]!).getTime();
      const margin = Math.max((end - start) * 0.15, 6 * MONTH_MS);
      this.timeline.setWindow(new Date(start - margin), new Date(end + margin), { animation: false });
    }
  }

  /** Whether Toon narrowed the rows to one pair. */
  get focused(): boolean {
    return this.focusTasks !== null;
  }

  clearHighlight(): void {
    this.ghost = null;
    if (this.focusTasks) {
      this.focusTasks = null;
      this.sync();
    }
    const ghostIds = this.items.getIds({ filter: (item: DataItem) => String(item.id).startsWith('ghost:') });
    this.items.remove(ghostIds);
    const marked = this.items.getIds({ filter: (item: DataItem) => (item.className ?? '').includes('highlighted') });
    this.items.update(marked.map((id: string | number) => ({ id, className: (this.items.get(id)!.className ?? '').replace(' highlighted', '') })));
    this.timeline.setSelection([]);
  }

  /** Shows every task's whole span and window, today and the 2050 deadline, folded or not. */
  fit(): void {
    const months = this.tasks
      .flatMap((task) => [...task.phases.flatMap((phase) => [phase.start, phase.end]), ...(task.window ? [task.window.earliestStart, task.window.latestEnd] : [])])
      .sort();
    if (months.length === 0) return;
    const start = Math.min(monthStart(months[0]!).getTime(), this.today.getTime());
    const end = Math.max(monthAfter(months[months.length - 1]!).getTime(), new Date(2050, 0, 1).getTime());
    const margin = (end - start) * 0.02;
    this.timeline.setWindow(new Date(start - margin), new Date(end + margin), { animation: false });
  }

  /** The dates at the left and right edge of what is in view now (print and PNG can take this range). */
  visibleWindow(): { start: Date; end: Date } {
    return this.timeline.getWindow();
  }

  zoom(factor: number): void {
    if (factor > 1) this.timeline.zoomOut(factor - 1, { animation: false });
    else this.timeline.zoomIn(1 - factor, { animation: false });
  }

  destroy(): void {
    this.timeline.destroy();
  }

  private soilMonthMarked = false;

  /** Marks the month picked in the soil chart, labelled `text` (null removes the mark), so chart and timeline read together. */
  markMonth(month: string | null, text = ''): void {
    const id = 'soil-month';
    if (month === null) {
      if (this.soilMonthMarked) this.timeline.removeCustomTime(id);
      this.soilMonthMarked = false;
      return;
    }
    const middle = new Date((monthStart(month).getTime() + monthAfter(month).getTime()) / 2);
    if (this.soilMonthMarked) this.timeline.setCustomTime(middle, id);
    else this.timeline.addCustomTime(middle, id);
    this.timeline.setCustomTimeMarker(text, id, false);
    this.soilMonthMarked = true;
  }
}

export function legend(): HTMLElement {
  const entry = (className: string, text: string) => h('li', {}, h('span', { class: `legend-swatch ${className}`, 'aria-hidden': 'true' }), text);
  return h(
    'section',
    { class: 'legend', 'aria-label': t('legend') },
    h('h3', {}, t('legend')),
    h(
      'ul',
      {},
      entry('phase-verkenning', label('verkenning')),
      entry('phase-planuitwerking', label('planuitwerking')),
      entry('phase-realisatie', label('realisatie')),
      entry('phase-started', t('startedPhase')),
      entry('task-window', t('window')),
      entry('ghost', t('ghost')),
      entry('marker-krw', t('krwDeadline')),
      entry('marker-hwbp', t('hwbpDeadline')),
      entry('marker-today', t('today')),
    ),
  );
}
