import type { AlignmentPairResponse, AlignmentReportResponse } from '../../../server/contracts/alignments.js';
import type { Area } from '../../../server/contracts/areas.js';
import type { Party } from '../../../server/contracts/parties.js';
import type { AgendaItemResponse, ProposalResponse } from '../../../server/contracts/proposals.js';
import type { EvaluationResponse, ScenarioResponse } from '../../../server/contracts/scenarios.js';
import type { TaskResponse } from '../../../server/contracts/tasks.js';
import type { User } from '../../../server/contracts/users.js';
import { ALIGNMENT_STATUSES } from '../../../server/domain/alignment.js';
import { canEditPartyTasks, roleHas } from '../../../server/domain/permissions.js';
import { matchesFilters, NO_FILTERS, type TimelineFilters } from '../timeline/to-items.js';

/**
 * The area page's state as plain data, and the pure functions that change it and derive what
 * each view shows. The controller (ctrl.ts) owns one of these and redraws after every change;
 * nothing here touches the DOM or the network, so tests check it without a browser.
 */

export type AlignmentStatus = (typeof ALIGNMENT_STATUSES)[number];
/** A status filter: one status, or every "te combineren" status at once. */
export type PairStatusFilter = AlignmentStatus | 'alignable' | null;
export type PanelTab = 'pairs' | 'scenario' | 'soil' | 'task' | 'snapshots' | 'agenda';

export type TaskPanel = { mode: 'none' } | { mode: 'view'; taskId: string } | { mode: 'edit'; taskId: string } | { mode: 'create' };

export interface AreaState {
  area: Area;
  tasks: TaskResponse[];
  parties: Party[];
  user: User;
  /** The detector's answer; null while it loads. */
  report: AlignmentReportResponse | null;
  filters: TimelineFilters;
  pairStatus: PairStatusFilter;
  view: 'timeline' | 'table';
  panel: PanelTab;
  taskPanel: TaskPanel;
  /** The pair whose Toon was pressed: its tasks are highlighted and its suggested position drawn. */
  selectedPair: AlignmentPairResponse | null;
  /** Scenario mode: on when the Scenario tab is open for a planner. */
  scenarioMode: boolean;
  scenario: ScenarioResponse | null;
  evaluation: EvaluationResponse | null;
  /** The task picked for keyboard moves in scenario mode. */
  scenarioTaskId: string | null;
  /** Titles of tasks outside this area that an evaluation names (urgency is national): messages never show ids. */
  otherTitles: ReadonlyMap<string, string>;
  /** The area table (issue 17): the proposal opened from the inbox, its change drawn as a ghost. */
  proposalFocus: ProposalResponse | null;
  /** The area's agenda; null until the Agenda tab loads it. */
  agenda: AgendaItemResponse[] | null;
}

export function initialState(area: Area, tasks: TaskResponse[], parties: Party[], user: User): AreaState {
  return {
    area,
    tasks,
    parties,
    user,
    report: null,
    filters: { ...NO_FILTERS },
    pairStatus: null,
    view: 'timeline',
    panel: 'pairs',
    taskPanel: { mode: 'none' },
    selectedPair: null,
    scenarioMode: false,
    scenario: null,
    evaluation: null,
    scenarioTaskId: null,
    otherTitles: new Map(),
    proposalFocus: null,
    agenda: null,
  };
}

export function taskById(state: AreaState, taskId: string): TaskResponse | undefined {
  return state.tasks.find((task) => task.id === taskId);
}

/** A task's title, for every message: never its id. */
export function titleOf(state: AreaState, taskId: string): string {
  return taskById(state, taskId)?.title ?? state.evaluation?.shiftedTasks.find((task) => task.id === taskId)?.title ?? state.otherTitles.get(taskId) ?? '…';
}

export function partyName(state: AreaState, partyId: string): string {
  return state.parties.find((party) => party.id === partyId)?.name ?? partyId;
}

export function visibleTasks(state: AreaState): TaskResponse[] {
  return state.tasks.filter((task) => matchesFilters(task, state.filters));
}

function statusMatches(status: AlignmentStatus, filter: PairStatusFilter): boolean {
  if (filter === null) return true;
  if (filter === 'alignable') return status === 'alignable_by_dike' || status === 'alignable_by_other';
  return status === filter;
}

/** Pairs one of whose tasks passes the task filters (whatever their status). */
function filteredPairs(state: AreaState): AlignmentPairResponse[] {
  if (!state.report) return [];
  const shown = new Set(visibleTasks(state).map((task) => task.id));
  return state.report.pairs.filter((pair) => shown.has(pair.dikeTaskId) || shown.has(pair.otherTaskId));
}

/** The pairs the Kansen tab lists: the task filters and the status filter applied. */
export function visiblePairs(state: AreaState): AlignmentPairResponse[] {
  return filteredPairs(state).filter((pair) => statusMatches(pair.status, state.pairStatus));
}

/** How many of the filtered pairs have each status, and how many are "te combineren" in all. */
export function pairStatusCounts(state: AreaState): Record<AlignmentStatus | 'alignable', number> {
  const counts = Object.fromEntries([...ALIGNMENT_STATUSES, 'alignable'].map((status) => [status, 0])) as Record<AlignmentStatus | 'alignable', number>;
  for (const pair of filteredPairs(state)) {
    counts[pair.status]++;
    if (statusMatches(pair.status, 'alignable')) counts.alignable++;
  }
  return counts;
}

/** Whether the user may create, change or delete this task (its own party's editors and planners, admins). */
export function canEdit(user: User, task: Pick<TaskResponse, 'partyId'>): boolean {
  return canEditPartyTasks({ id: user.id, label: user.email, partyId: user.partyId, role: user.role }, task.partyId);
}

export function canCreateTasks(user: User): boolean {
  return roleHas(user.role, 'edit_tasks') && (user.partyId !== null || user.role === 'admin');
}

/** After a create or an edit: the task in its place (or added), its panel showing it. */
export function withTaskSaved(state: AreaState, task: TaskResponse): AreaState {
  const exists = state.tasks.some((candidate) => candidate.id === task.id);
  const tasks = exists ? state.tasks.map((candidate) => (candidate.id === task.id ? task : candidate)) : [...state.tasks, task];
  return { ...state, tasks, taskPanel: { mode: 'view', taskId: task.id }, panel: 'task', report: state.report, selectedPair: null };
}

/** After a delete: the task, its pairs, its scenario move and any selection of it are gone. */
export function withTaskDeleted(state: AreaState, taskId: string): AreaState {
  const report = state.report
    ? { ...state.report, pairs: state.report.pairs.filter((pair) => pair.dikeTaskId !== taskId && pair.otherTaskId !== taskId) }
    : null;
  const selectedPair = state.selectedPair && (state.selectedPair.dikeTaskId === taskId || state.selectedPair.otherTaskId === taskId) ? null : state.selectedPair;
  return {
    ...state,
    tasks: state.tasks.filter((task) => task.id !== taskId),
    report,
    selectedPair,
    taskPanel: { mode: 'none' },
    scenarioTaskId: state.scenarioTaskId === taskId ? null : state.scenarioTaskId,
  };
}

/** After applying a scenario: the moved tasks at their new months, the scenario closed. */
export function withScenarioApplied(state: AreaState, changed: readonly TaskResponse[]): AreaState {
  const byId = new Map(changed.map((task) => [task.id, task]));
  return {
    ...state,
    tasks: state.tasks.map((task) => byId.get(task.id) ?? task),
    scenario: null,
    evaluation: null,
    selectedPair: null,
  };
}

export function withFilters(state: AreaState, filters: Partial<TimelineFilters>): AreaState {
  return { ...state, filters: { ...state.filters, ...filters } };
}

/** The shifts a scenario draws on the timeline. */
export function scenarioShifts(state: AreaState): Map<string, number> {
  return new Map((state.scenario?.moves ?? []).map((move) => [move.taskId, move.shiftMonths]));
}

/** The shift a scenario gives a task (0 without a move). */
export function shiftOf(state: AreaState, taskId: string): number {
  return state.scenario?.moves.find((move) => move.taskId === taskId)?.shiftMonths ?? 0;
}

/** A scenario's moves with one task's shift replaced (a zero shift removes its move). */
export function movesWith(scenario: ScenarioResponse | null, taskId: string, shiftMonths: number): { taskId: string; shiftMonths: number }[] {
  const moves = (scenario?.moves ?? []).filter((move) => move.taskId !== taskId).map(({ taskId: id, shiftMonths: shift }) => ({ taskId: id, shiftMonths: shift }));
  if (shiftMonths !== 0) moves.push({ taskId, shiftMonths });
  return moves;
}

/** Tasks the user may move in a scenario: own party's (or any, for admins) movable tasks. */
export function movableByUser(state: AreaState): Set<string> {
  return new Set(state.tasks.filter((task) => task.movable && canEdit(state.user, task)).map((task) => task.id));
}

/** The HWBP dike sections the swap lists offer: the user's own, and only those that can move. */
export function swappableDikes(state: AreaState): TaskResponse[] {
  return state.tasks
    .filter((task) => task.programme === 'HWBP' && task.kind === 'dike_reinforcement' && task.movable && canEdit(state.user, task))
    .sort((a, b) => (a.urgencyRank ?? Infinity) - (b.urgencyRank ?? Infinity) || a.title.localeCompare(b.title, 'nl'));
}

/** The task ids an evaluation names that the page knows no title for (tasks in other areas). */
export function unknownTaskIds(state: AreaState, evaluation: EvaluationResponse): string[] {
  const named = [
    ...evaluation.violations.flatMap((violation) => (violation.type === 'window' ? [violation.taskId] : violation.taskIds)),
    ...evaluation.warnings.flatMap((warning) => [warning.moreUrgentTaskId, warning.lessUrgentTaskId]),
    ...evaluation.alignmentDelta.flatMap((area) => area.changes.flatMap((change) => [change.dikeTaskId, change.otherTaskId])),
  ];
  const known = (id: string) => taskById(state, id) !== undefined || evaluation.shiftedTasks.some((task) => task.id === id) || state.otherTitles.has(id);
  return [...new Set(named)].filter((id) => !known(id));
}

// The area table (issue 17).

/**
 * Another user's change arrived live: the area's tasks as they are now, in place. A selection of a
 * task that is gone is dropped; everything else (panel, filters, scenario) stays as the user had it.
 */
export function withLiveTasks(state: AreaState, tasks: TaskResponse[]): AreaState {
  const exists = new Set(tasks.map((task) => task.id));
  const panel = state.taskPanel;
  const gone = (panel.mode === 'view' || panel.mode === 'edit') && !exists.has(panel.taskId);
  const pair = state.selectedPair;
  return {
    ...state,
    tasks,
    taskPanel: gone ? { mode: 'none' } : panel,
    selectedPair: pair && exists.has(pair.dikeTaskId) && exists.has(pair.otherTaskId) ? pair : null,
    scenarioTaskId: state.scenarioTaskId !== null && exists.has(state.scenarioTaskId) ? state.scenarioTaskId : null,
  };
}

/** The move a proposal asks for, when it is a shift: what its ghost draws. */
export function proposalMove(proposal: Pick<ProposalResponse, 'taskId' | 'change'>): { taskId: string; shiftMonths: number } | null {
  return proposal.change.kind === 'shift' ? { taskId: proposal.taskId, shiftMonths: proposal.change.shiftMonths } : null;
}

/** Whether the user may add items to this area's agenda and comment: a party with tasks here, or a director or admin. */
export function mayContributeAgenda(state: Pick<AreaState, 'tasks' | 'user'>): boolean {
  const { user } = state;
  return user.role === 'admin' || user.role === 'area_director' || (user.partyId !== null && state.tasks.some((task) => task.partyId === user.partyId));
}
