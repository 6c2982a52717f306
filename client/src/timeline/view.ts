import type { DataSet as DataSetType } from 'vis-data';
import * as vis from 'vis-timeline/standalone';
import { Timeline, type DataGroup, type DataItem, type TimelineItem, type TimelineOptions } from 'vis-timeline/standalone';
import 'vis-timeline/styles/vis-timeline-graph2d.min.css';
import type { Party } from '../../../server/contracts/parties.js';
import type { TaskResponse } from '../../../server/contracts/tasks.js';
import { h } from '../dom.js';
import { label, monthAfter, monthStart, t } from '../i18n.js';
import {
  clampShift,
  monthIndex,
  monthIndexOfDate,
  NO_FILTERS,
  toTimelineGroups,
  toTimelineItems,
  type GroupSpec,
  type ItemSpec,
  type TimelineFilters,
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
    if (badge === 'outside-window') return h('span', { class: 'badge badge-warning' }, `⚠ ${t('outsideWindow')}`);
    if (badge.startsWith('count:')) return h('span', { class: 'badge badge-count' }, `${badge.slice('count:'.length)} ${t('tasks')}`);
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
  private tasks: readonly TaskResponse[] = [];
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

  constructor(container: HTMLElement, callbacks: TimelineCallbacks, today: Date) {
    const options: TimelineOptions = {
      stack: false,
      orientation: { axis: 'top', item: 'top' },
      zoomMin: 2 * MONTH_MS,
      zoomMax: 60 * 12 * MONTH_MS,
      min: new Date(2000, 0, 1),
      max: new Date(2101, 0, 1),
      margin: { item: { horizontal: 0, vertical: 4 } },
      groupOrder: 'order',
      showCurrentTime: false,
      selectable: true,
      multiselect: true,
      verticalScroll: true,
      maxHeight: '70vh',
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
    this.timeline.addCustomTime(new Date(2028, 0, 1), 'krw-deadline');
    this.timeline.setCustomTimeMarker(t('krwDeadline'), 'krw-deadline', false);
    this.timeline.addCustomTime(new Date(2050, 0, 1), 'hwbp-deadline');
    this.timeline.setCustomTimeMarker(t('hwbpDeadline'), 'hwbp-deadline', false);
    this.timeline.addCustomTime(today, 'today');
    this.timeline.setCustomTimeMarker(t('today'), 'today', false);
    this.timeline.on('select', (event: { items: (string | number)[] }) => {
      const id = String(event.items[0] ?? '');
      if (!id || id.startsWith('ghost:')) return;
      callbacks.onSelectTask(id.split(':')[0]!);
    });
    this.timeline.on('click', (event: { what: string | null; group: string | number | null }) => {
      const group = String(event.group ?? '');
      if (event.what !== 'group-label' || !group.startsWith('party:')) return;
      const folded = this.groups.get(group)?.nestedGroups === undefined;
      if (folded) {
        this.unfolded.add(group);
        this.sync();
      }
    });
  }

  render(tasks: readonly TaskResponse[], parties: readonly Party[], ownPartyId: string | null): void {
    this.tasks = tasks;
    this.parties = parties;
    this.ownPartyId = ownPartyId;
    this.rebuildItems();
  }

  /** Scenario mode: draws moved tasks shifted with their baseline as ghosts, and lets `draggable` tasks move. */
  setScenario(shifts: ReadonlyMap<string, number>, draggable: ReadonlySet<string>): void {
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
    this.itemsByTask = new Map(this.tasks.map((task) => [task.id, toTimelineItems([task], this.shifts, this.draggable)]));
    this.items.clear();
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
    const shift = clampShift(task, this.shiftOf(item));
    const own = toTimelineItems([task], new Map([[task.id, shift]]), this.draggable).filter((spec) => !spec.id.startsWith('baseline:'));
    const siblings = own.filter((spec) => spec.id !== item.id && this.items.get(spec.id) !== null);
    this.items.update(siblings.map((spec) => ({ id: spec.id, start: spec.start, end: spec.end })));
    const placed = own.find((spec) => spec.id === item.id)!;
    return { ...item, start: placed.start, end: placed.end };
  }

  /** Hides the rows that do not pass the filters; the items of hidden rows are not drawn. */
  applyFilters(filters: TimelineFilters): void {
    this.filters = filters;
    this.sync();
  }

  /** Brings groups and items in line with tasks, filters and folding: only shown rows get items. */
  private sync(): void {
    const specs = toTimelineGroups(this.tasks, this.parties, this.ownPartyId, this.filters);
    const byId = new Map(specs.map((spec) => [spec.id, spec]));
    const groups: OrderedGroup[] = [];
    const shown = new Set<string>();
    for (const spec of specs) {
      if (!spec.nestedGroups) continue;
      const expanded = spec.expanded === true || this.unfolded.has(spec.id);
      groups.push({
        id: spec.id,
        content: groupContent(spec) as unknown as string,
        className: expanded ? spec.className : `${spec.className} folded`,
        order: spec.order,
        visible: spec.visible,
        treeLevel: 1,
        ...(expanded ? { nestedGroups: spec.nestedGroups, showNested: true } : {}),
      });
      if (!expanded) continue;
      for (const childId of spec.nestedGroups) {
        const child = byId.get(childId)!;
        groups.push({ id: child.id, content: groupContent(child) as unknown as string, className: child.className, order: child.order, visible: child.visible, treeLevel: 2 });
        if (child.visible) shown.add(child.id);
      }
    }
    this.groups.clear();
    this.groups.add(groups);
    const wanted = [...shown].flatMap((taskId) => this.itemsByTask.get(taskId) ?? []);
    if (this.ghost && shown.has(this.ghost.group)) wanted.push(this.ghost);
    wanted.push(...this.extra.filter((spec) => shown.has(spec.group)));
    const wantedIds = new Set(wanted.map((spec) => spec.id));
    this.items.remove(this.items.getIds({ filter: (item: DataItem) => !wantedIds.has(String(item.id)) }));
    this.items.add(wanted.filter((spec) => this.items.get(spec.id) === null).map(toDataItem));
  }

  /** Selects and marks the items of the given tasks, draws a ghost, and brings them into view. */
  highlight(taskIds: string[], ghost: ItemSpec | null): void {
    this.clearHighlight();
    for (const task of this.tasks) if (taskIds.includes(task.id)) this.unfolded.add(`party:${task.partyId}`);
    this.ghost = ghost;
    this.sync();
    const itemIds = this.items.getIds({
      filter: (item: DataItem) => taskIds.includes(String(item.group)) && !String(item.id).endsWith(':window') && !String(item.id).startsWith('ghost:'),
    });
    this.items.update(itemIds.map((id: string | number) => ({ id, className: `${this.items.get(id)!.className ?? ''} highlighted` })));
    this.timeline.setSelection(itemIds);
    this.timeline.focus([...itemIds, ...(ghost ? [ghost.id] : [])], { animation: false });
  }

  clearHighlight(): void {
    this.ghost = null;
    const ghostIds = this.items.getIds({ filter: (item: DataItem) => String(item.id).startsWith('ghost:') });
    this.items.remove(ghostIds);
    const marked = this.items.getIds({ filter: (item: DataItem) => (item.className ?? '').includes('highlighted') });
    this.items.update(marked.map((id: string | number) => ({ id, className: (this.items.get(id)!.className ?? '').replace(' highlighted', '') })));
    this.timeline.setSelection([]);
  }

  /** Shows every task's whole span, folded or not. */
  fit(): void {
    const months = this.tasks.flatMap((task) => task.phases.flatMap((phase) => [phase.start, phase.end])).sort();
    if (months.length === 0) return;
    this.timeline.setWindow(monthStart(months[0]!), monthAfter(months[months.length - 1]!), { animation: false });
  }

  zoom(factor: number): void {
    if (factor > 1) this.timeline.zoomOut(factor - 1, { animation: false });
    else this.timeline.zoomIn(1 - factor, { animation: false });
  }

  destroy(): void {
    this.timeline.destroy();
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
      entry('task-window', t('window')),
      entry('ghost', t('ghost')),
      entry('marker-krw', t('krwDeadline')),
      entry('marker-hwbp', t('hwbpDeadline')),
      entry('marker-today', t('today')),
    ),
  );
}
