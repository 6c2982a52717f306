import type { AlignmentPairResponse } from '../../../server/contracts/alignments.js';
import type { Party } from '../../../server/contracts/parties.js';
import type { TaskResponse } from '../../../server/contracts/tasks.js';
import { allowedShiftRange, shiftRefusal, type ShiftRefusal, type TaskSchedule } from '../../../server/domain/tasks.js';
import { formatMonth, label, monthAfter, monthStart } from '../i18n.js';

export interface TimelineFilters {
  partyId: string | null;
  programme: string | null;
  kind: string | null;
  search: string;
}

export const NO_FILTERS: TimelineFilters = { partyId: null, programme: null, kind: null, search: '' };

/** What the timeline draws of a task: an area's full task, or the lighter task of a party's programme. */
export type TimelineTask = Pick<TaskResponse, 'id' | 'partyId' | 'title' | 'programme' | 'kind' | 'dikeTrajectId' | 'phases' | 'window' | 'outsideWindow'>;

/** Turns tasks into timeline rows; the area page groups by party, the programme page by programme. */
export type RowBuilder = (tasks: readonly TimelineTask[], parties: readonly Party[], ownPartyId: string | null, filters: TimelineFilters) => GroupSpec[];

export interface GroupSpec {
  id: string;
  /** Row label, as text (the view turns it into DOM text, never HTML). */
  text: string;
  /** Extra label parts: trajectory id, flags. */
  badges: string[];
  className: string;
  order: number;
  visible: boolean;
  nestedGroups?: string[];
  /** For a party row: whether its task rows are shown (large areas start folded). */
  expanded?: boolean;
}

/**
 * Up to this many visible tasks every party row is unfolded (an area of 500 draws every row at
 * once); above it the party rows start folded, a safety valve for a national view.
 */
export const UNFOLDED_TASK_LIMIT = 1000;

export interface ItemSpec {
  id: string;
  group: string;
  start: Date;
  end: Date;
  /** The same interval as `YYYY-MM` months, inclusive. */
  startMonth: string;
  endMonth: string;
  type: 'range';
  className: string;
  text: string;
  /** Tooltip text. */
  title: string;
  /** In scenario mode: whether the user may drag it. */
  editable?: boolean;
}

/** Whether a task passes the party, programme and kind filters and the search text (title or trajectory id). */
export function matchesFilters(task: TimelineTask, filters: TimelineFilters): boolean {
  if (filters.partyId && task.partyId !== filters.partyId) return false;
  if (filters.programme && task.programme !== filters.programme) return false;
  if (filters.kind && task.kind !== filters.kind) return false;
  const search = filters.search.trim().toLowerCase();
  if (!search) return true;
  return task.title.toLowerCase().includes(search) || (task.dikeTrajectId ?? '').toLowerCase().includes(search);
}

export function partyGroupId(partyId: string): string {
  return `party:${partyId}`;
}

/**
 * Nested rows: one group per party (own party first, then by name), one row per task
 * (ordered by realisation start), hidden when filtered out.
 */
export function toTimelineGroups(
  tasks: readonly TimelineTask[],
  parties: readonly Party[],
  ownPartyId: string | null,
  filters: TimelineFilters,
): GroupSpec[] {
  const partyName = new Map(parties.map((party) => [party.id, party.name]));
  const byParty = new Map<string, TimelineTask[]>();
  for (const task of tasks) byParty.set(task.partyId, [...(byParty.get(task.partyId) ?? []), task]);
  const partyIds = [...byParty.keys()].sort((a, b) => {
    if (a === ownPartyId) return -1;
    if (b === ownPartyId) return 1;
    return (partyName.get(a) ?? a).localeCompare(partyName.get(b) ?? b, 'nl');
  });
  const groups: GroupSpec[] = [];
  let order = 0;
  const unfolded = tasks.filter((task) => matchesFilters(task, filters)).length <= UNFOLDED_TASK_LIMIT;
  for (const partyId of partyIds) {
    const own = partyId === ownPartyId;
    const partyTasks = [...byParty.get(partyId)!].sort(
      (a, b) => realisation(a).start.localeCompare(realisation(b).start) || a.title.localeCompare(b.title, 'nl'),
    );
    const visibleTasks = partyTasks.filter((task) => matchesFilters(task, filters));
    groups.push({
      id: partyGroupId(partyId),
      text: partyName.get(partyId) ?? partyId,
      badges: [...(own ? ['own'] : []), `count:${visibleTasks.length}`],
      className: own ? 'party-group own-party' : 'party-group',
      order: order++,
      visible: visibleTasks.length > 0,
      nestedGroups: partyTasks.map((task) => task.id),
      expanded: unfolded,
    });
    for (const task of partyTasks) {
      groups.push({
        id: task.id,
        text: task.title,
        badges: [...(task.dikeTrajectId ? [task.dikeTrajectId] : []), ...(task.outsideWindow ? ['outside-window'] : [])],
        className: ['task-row', own ? 'own-party' : '', task.outsideWindow ? 'outside-window' : ''].filter(Boolean).join(' '),
        order: order++,
        visible: visibleTasks.includes(task),
      });
    }
  }
  return groups;
}

export function realisation(task: Pick<TaskResponse, 'phases'>) {
  const phase = task.phases.find((candidate) => candidate.kind === 'realisatie');
  if (!phase) throw new Error('task without realisatie phase');
  return phase;
}

/** Moves a `YYYY-MM` month by whole months. */
export function shiftMonth(month: string, shift: number): string {
  const [year, monthOfYear] = month.split('-').map(Number);
  const index = year! * 12 + monthOfYear! - 1 + shift;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function phaseItem(task: TimelineTask, phase: TaskResponse['phases'][number], shift = 0, extraClass = ''): ItemSpec {
  const start = shiftMonth(phase.start, shift);
  const end = shiftMonth(phase.end, shift);
  return {
    id: `${task.id}:${phase.kind}`,
    group: task.id,
    start: monthStart(start),
    end: monthAfter(end),
    startMonth: start,
    endMonth: end,
    type: 'range',
    className: ['phase', `phase-${phase.kind}`, task.outsideWindow ? 'outside-window' : '', extraClass].filter(Boolean).join(' '),
    text: label(phase.kind),
    title: `${task.title} — ${label(phase.kind)}: ${formatMonth(start)} – ${formatMonth(end)}`,
  };
}

/** A `YYYY-MM` month as a month index, as the server counts (`year * 12 + month - 1`). */
export function monthIndex(month: string): number {
  const [year, monthOfYear] = month.split('-').map(Number);
  return year! * 12 + monthOfYear! - 1;
}

/** The month index a timeline date falls in. */
export function monthIndexOfDate(date: Date): number {
  return date.getFullYear() * 12 + date.getMonth();
}

/** A task's phases and window as month indices, the form the domain's shift rules take. */
export function scheduleOf(task: Pick<TaskResponse, 'phases' | 'window'>): TaskSchedule {
  return {
    phases: task.phases.map((phase) => ({ kind: phase.kind, start: monthIndex(phase.start), end: monthIndex(phase.end) })),
    window: task.window ? { earliestStart: monthIndex(task.window.earliestStart), latestEnd: monthIndex(task.window.latestEnd) } : null,
  };
}

/**
 * The shifts a task may make at `asOf` (the same rule as the server's: started phases stay,
 * nothing moves into the past, the moving part stays in its window), or null when it cannot move.
 *
 * @example allowedShift({ phases: [{ kind: 'realisatie', start: '2030-01', end: '2030-12' }], window: { earliestStart: '2029-01', latestEnd: '2032-12' } }) // { min: -12, max: 24 }
 */
export function allowedShift(task: Pick<TaskResponse, 'phases' | 'window'>, asOf?: string): { min: number; max: number } | null {
  return allowedShiftRange(scheduleOf(task), asOf === undefined ? undefined : monthIndex(asOf));
}

/** Why a shift is refused at `asOf` (`no_window`, `started`, `past`, `outside_window`), or null when it is allowed. */
export function refusalOf(task: Pick<TaskResponse, 'phases' | 'window'>, shift: number, asOf?: string): ShiftRefusal | null {
  return shiftRefusal(scheduleOf(task), shift, asOf === undefined ? undefined : monthIndex(asOf));
}

/** A dragged shift, kept inside what the task allows while dragging (0 for a task that may not move). */
export function clampShift(task: Pick<TaskResponse, 'phases' | 'window'>, shift: number, asOf?: string): number {
  const range = allowedShift(task, asOf);
  if (!range || range.min > range.max) return 0;
  return Math.min(range.max, Math.max(range.min, shift));
}

/** Whether a phase has started at `asOf` (it starts before that month): it is drawn fixed and never moves. */
export function phaseStarted(phase: { start: string }, asOf?: string): boolean {
  return asOf !== undefined && phase.start < asOf;
}

/** The month `date` falls in, as `YYYY-MM`. */
export function monthOf(date: Date): string {
  return `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * Every task's phases as segments of its row, and its window as a band behind them in that row.
 * In a scenario, moved tasks are drawn at their shifted months with their baseline as ghosts, and
 * only the tasks in `draggable` can be dragged.
 */
export function toTimelineItems(
  tasks: readonly TimelineTask[],
  shifts: ReadonlyMap<string, number> = new Map(),
  draggable: ReadonlySet<string> = new Set(),
  asOf?: string,
): ItemSpec[] {
  const items: ItemSpec[] = [];
  for (const task of tasks) {
    const shift = shifts.get(task.id) ?? 0;
    if (task.window) {
      items.push({
        id: `${task.id}:window`,
        group: task.id,
        start: monthStart(task.window.earliestStart),
        end: monthAfter(task.window.latestEnd),
        startMonth: task.window.earliestStart,
        endMonth: task.window.latestEnd,
        // A range under the phases rather than a vis "background" item, which misplaces rows in nested groups.
        type: 'range',
        className: 'task-window',
        text: '',
        title: `${formatMonth(task.window.earliestStart)} – ${formatMonth(task.window.latestEnd)}`,
      });
    }
    for (const phase of task.phases) {
      // Started phases stay where they are and cannot be dragged: only the moving part follows the mouse.
      const started = phaseStarted(phase, asOf);
      items.push({ ...phaseItem(task, phase, started ? 0 : shift, started ? 'started' : ''), editable: !started && draggable.has(task.id) });
    }
    if (shift !== 0) {
      for (const phase of task.phases.filter((candidate) => !phaseStarted(candidate, asOf))) {
        const ghost = phaseItem(task, phase, 0, 'baseline-ghost');
        items.push({ ...ghost, id: `baseline:${ghost.id}`, title: `${ghost.title} (basis)` });
      }
    }
  }
  return items;
}

/** The realisation of the task a pair suggests moving, drawn where the move would put it. */
export function ghostItem(pair: Pick<AlignmentPairResponse, 'move'>, tasks: readonly TaskResponse[]): ItemSpec | null {
  if (!pair.move) return null;
  const task = tasks.find((candidate) => candidate.id === pair.move!.taskId);
  if (!task) return null;
  const ghost = phaseItem(task, realisation(task), pair.move.shiftMonths, 'ghost');
  return { ...ghost, id: `ghost:${task.id}`, title: `${ghost.title} (${pair.move.shiftMonths > 0 ? '+' : ''}${pair.move.shiftMonths})` };
}

/**
 * Where moved tasks stood before (from a diff's per-phase shifts), drawn as dashed ghosts in
 * their rows: the older position on the timeline.
 */
export function previousPositions(
  tasks: readonly TaskResponse[],
  moved: readonly { taskId: string; phases: readonly { kind: string; startShift: number; endShift: number }[] }[],
): ItemSpec[] {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  return moved.flatMap((entry) => {
    const task = byId.get(entry.taskId);
    if (!task) return [];
    return entry.phases.flatMap((shift) => {
      const phase = task.phases.find((candidate) => candidate.kind === shift.kind);
      if (!phase) return [];
      const start = shiftMonth(phase.start, -shift.startShift);
      const end = shiftMonth(phase.end, -shift.endShift);
      return [
        {
          id: `previous:${task.id}:${phase.kind}`,
          group: task.id,
          start: monthStart(start),
          end: monthAfter(end),
          startMonth: start,
          endMonth: end,
          type: 'range' as const,
          className: 'phase baseline-ghost',
          text: label(phase.kind),
          title: `${task.title} — ${label(phase.kind)}: ${formatMonth(start)} – ${formatMonth(end)}`,
        },
      ];
    });
  });
}
