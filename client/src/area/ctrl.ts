import type { AlignmentPairResponse } from '../../../server/contracts/alignments.js';
import type { Area } from '../../../server/contracts/areas.js';
import type { Party } from '../../../server/contracts/parties.js';
import type { CreateAgendaItemBody, PatchAgendaItemBody, ProposalResponse } from '../../../server/contracts/proposals.js';
import type { ScenarioResponse } from '../../../server/contracts/scenarios.js';
import type { CreateTaskBody, TaskPatch, TaskResponse } from '../../../server/contracts/tasks.js';
import type { User } from '../../../server/contracts/users.js';
import { api, ApiError } from '../api.js';
import { formatMonth, label, problemText, t } from '../i18n.js';
import { PAIRS_RENDERED_MARK } from '../marks.js';
import { monthOf, realisation, refusalOf, shiftMonth, allowedShift, type TimelineFilters } from '../timeline/to-items.js';
import {
  canEdit,
  initialState,
  movesWith,
  partyName,
  shiftOf,
  taskById,
  titleOf,
  unknownTaskIds,
  withFilters,
  withScenarioApplied,
  withTaskDeleted,
  withTaskSaved,
  withLiveTasks,
  type AreaState,
  type PairStatusFilter,
  type PanelTab,
} from './model.js';

/** Pairs fetched at once: the filters and status counts work on these in the browser. */
export const PAIRS_FETCH = 5000;
/** Pairs listed at a time in the side panel. */
export const PAIRS_PAGE = 50;

export interface AreaViews {
  redraw(ctrl: AreaCtrl): void;
  /** Says something to screen readers (and shows it in the panel's status line). */
  announce(text: string): void;
  /** Brings the side panel into view (below 1280 px it stacks under the timeline). */
  revealPanel(): void;
  /** Scrolls the side panel (not the page) until the element shows. */
  revealInPanel(element: HTMLElement): void;
}

/**
 * The area page's one model and its actions. Every change goes through `set`, which redraws
 * every view from the new state: an edit, an applied scenario or a filter never needs a reload.
 */
export class AreaCtrl {
  state: AreaState;
  /** How many of the filtered pairs the Kansen tab lists. */
  pairsShown = PAIRS_PAGE;
  readonly asOf: string;
  /** The element that opened the side panel's current content: Escape returns focus there. */
  opener: HTMLElement | null = null;
  private views: AreaViews | null = null;

  constructor(area: Area, tasks: TaskResponse[], parties: Party[], user: User, readonly today: Date) {
    this.state = initialState(area, tasks, parties, user);
    this.asOf = monthOf(today);
  }

  attach(views: AreaViews): void {
    this.views = views;
  }

  set(next: AreaState | ((state: AreaState) => AreaState)): void {
    this.state = typeof next === 'function' ? next(this.state) : next;
    this.views?.redraw(this);
  }

  announce(text: string): void {
    this.views?.announce(text);
  }

  revealInPanel(element: HTMLElement): void {
    this.views?.revealInPanel(element);
  }

  title(taskId: string): string {
    return titleOf(this.state, taskId);
  }

  party(partyId: string): string {
    return partyName(this.state, partyId);
  }

  // Filters and panels

  setFilters(filters: Partial<TimelineFilters>): void {
    this.pairsShown = PAIRS_PAGE;
    this.set((state) => withFilters(state, filters));
  }

  setPairStatus(status: PairStatusFilter): void {
    this.pairsShown = PAIRS_PAGE;
    this.set((state) => ({ ...state, pairStatus: status }));
  }

  setView(view: 'timeline' | 'table'): void {
    this.set((state) => ({ ...state, view }));
  }

  openPanel(panel: PanelTab, opener: HTMLElement | null = null): void {
    if (opener) this.opener = opener;
    this.set((state) => ({ ...state, panel, scenarioMode: state.scenarioMode || panel === 'scenario' }));
    this.views?.revealPanel();
  }

  /** Escape: closes a task's details or form and returns focus to what opened it. */
  closePanel(): void {
    const opener = this.opener;
    this.opener = null;
    if (this.state.panel === 'task') this.set((state) => ({ ...state, taskPanel: { mode: 'none' }, panel: state.scenarioMode ? 'scenario' : 'pairs' }));
    // Back to what opened the panel, or else to the open tab: focus never drops to the page's start.
    const target = opener?.isConnected ? opener : document.getElementById(`tab-${this.state.panel}`);
    target?.focus();
  }

  showMorePairs(): void {
    this.pairsShown += PAIRS_PAGE;
    this.set((state) => state);
  }

  async loadPairs(): Promise<void> {
    try {
      const report = await api.alignments(this.state.area.id, PAIRS_FETCH);
      this.set((state) => ({ ...state, report }));
      performance.mark(PAIRS_RENDERED_MARK);
    } catch (error) {
      this.announce(errorText(error));
    }
  }

  // Tasks

  /** A click on the timeline: in scenario mode it picks the task to move, otherwise it opens its details. */
  selectTask(taskId: string, opener: HTMLElement | null = null): void {
    if (this.state.scenarioMode && this.state.panel === 'scenario') {
      this.pickForMove(taskId);
      return;
    }
    this.showTask(taskId, opener);
  }

  showTask(taskId: string, opener: HTMLElement | null = null): void {
    if (opener) this.opener = opener;
    this.set((state) => ({ ...state, panel: 'task', taskPanel: { mode: 'view', taskId } }));
    this.views?.revealPanel();
  }

  startCreate(opener: HTMLElement | null = null): void {
    if (opener) this.opener = opener;
    this.set((state) => ({ ...state, panel: 'task', taskPanel: { mode: 'create' } }));
    this.views?.revealPanel();
  }

  startEdit(taskId: string): void {
    this.set((state) => ({ ...state, panel: 'task', taskPanel: { mode: 'edit', taskId } }));
  }

  cancelEdit(): void {
    const panel = this.state.taskPanel;
    this.set((state) => ({ ...state, taskPanel: panel.mode === 'edit' ? { mode: 'view', taskId: panel.taskId } : { mode: 'none' } }));
  }

  async createTask(body: CreateTaskBody): Promise<TaskResponse> {
    const task = await api.createTask(body);
    this.afterTaskChange((state) => withTaskSaved(state, task));
    this.announce(t('taskSaved', { title: task.title }));
    return task;
  }

  /** Saves an edit made on `version`; a 412 throws, with the current task in its problem. */
  async saveTask(taskId: string, version: number, patch: TaskPatch): Promise<TaskResponse> {
    const task = await api.patchTask(taskId, version, patch);
    this.afterTaskChange((state) => withTaskSaved(state, task));
    this.announce(t('taskSaved', { title: task.title }));
    return task;
  }

  /** Someone else's version of a task, taken into the model (the 412 flow shows it). */
  takeCurrent(task: TaskResponse): void {
    this.set((state) => ({ ...state, tasks: state.tasks.map((candidate) => (candidate.id === task.id ? task : candidate)) }));
  }

  async deleteTask(task: TaskResponse): Promise<void> {
    await api.deleteTask(task.id, task.version);
    this.afterTaskChange((state) => withTaskDeleted(state, task.id));
    this.announce(t('taskDeleted', { title: task.title }));
  }

  private afterTaskChange(change: (state: AreaState) => AreaState): void {
    this.set(change);
    // The detector's pairs depend on every task: ask again, the list follows when it answers.
    void this.loadPairs();
    if (this.state.scenario) void this.reevaluate();
  }

  // Pairs

  showPair(pair: AlignmentPairResponse): void {
    this.set((state) => ({ ...state, selectedPair: pair, view: 'timeline' }));
  }

  clearPair(): void {
    this.set((state) => ({ ...state, selectedPair: null }));
  }

  /** Probeer: the pair's suggested move into the open scenario, or a new one. */
  async tryPair(pair: AlignmentPairResponse): Promise<void> {
    if (!pair.move) return;
    const { taskId, shiftMonths } = pair.move;
    await this.guard(async () => {
      const scenario = this.state.scenario ?? (await api.createScenario(`${t('tryPair')}: ${this.title(taskId)}`, this.state.area.id));
      const next = await api.setMoves(scenario.id, movesWith(scenario, taskId, shiftMonths));
      this.set((state) => ({ ...state, scenarioMode: true, panel: 'scenario', selectedPair: pair, scenarioTaskId: taskId }));
      await this.showScenario(next);
      this.announce(t('triedPair', { task: this.title(taskId), shift: signed(shiftMonths), name: next.name }));
    });
    this.views?.revealPanel();
    // The pair's button left with the Kansen tab: focus goes where the move now is.
    document.getElementById('panel-scenario')?.focus({ preventScroll: true });
  }

  // Scenarios

  async showScenario(scenario: ScenarioResponse): Promise<void> {
    this.set((state) => ({ ...state, scenario }));
    await this.reevaluate();
  }

  async reevaluate(): Promise<void> {
    const scenario = this.state.scenario;
    if (!scenario) return;
    const evaluation = await api.evaluation(scenario.id);
    if (this.state.scenario?.id !== scenario.id) return;
    const unknown = unknownTaskIds(this.state, evaluation);
    const found = await Promise.all(unknown.map((id) => api.task(id).then((task) => [id, task.title] as const, () => [id, '—'] as const)));
    this.set((state) => ({ ...state, evaluation, otherTitles: found.length ? new Map([...state.otherTitles, ...found]) : state.otherTitles }));
  }

  async openScenario(scenarioId: string): Promise<void> {
    await this.guard(async () => {
      const found = (await api.scenarios(this.state.area.id)).find((candidate) => candidate.id === scenarioId);
      if (found) await this.showScenario(found);
    });
  }

  async createScenario(name: string): Promise<void> {
    await this.guard(async () => this.showScenario(await api.createScenario(name || t('scenarioCreate'), this.state.area.id)));
  }

  closeScenarioMode(): void {
    this.set((state) => ({ ...state, scenarioMode: false, scenario: null, evaluation: null, scenarioTaskId: null, panel: 'pairs' }));
  }

  pickForMove(taskId: string): void {
    this.set((state) => ({ ...state, scenarioTaskId: taskId }));
    const reason = this.whyNotMovable(taskId, shiftOf(this.state, taskId));
    if (reason) this.announce(reason);
  }

  /** Why the user cannot give a task this shift, in words; null when they can. */
  whyNotMovable(taskId: string, shift: number): string | null {
    const task = taskById(this.state, taskId);
    if (!task) return null;
    if (!canEdit(this.state.user, task)) return t('refusal_not_yours', { task: task.title, party: this.party(task.partyId) });
    const refusal = refusalOf(task, shift, this.asOf);
    if (!refusal || (shift === 0 && refusal === 'outside_window')) return null;
    const range = allowedShift(task, this.asOf);
    return t(`refusal_${refusal}`, { task: task.title, shift: signed(shift), min: signed(range?.min ?? 0), max: signed(range?.max ?? 0) });
  }

  /** Keyboard or numeric move: says why when the task cannot go there, else saves it and says where it went. */
  async moveBy(taskId: string, delta: number): Promise<void> {
    await this.setShift(taskId, shiftOf(this.state, taskId) + delta);
  }

  async setShift(taskId: string, shift: number): Promise<void> {
    const refusal = this.whyNotMovable(taskId, shift);
    if (refusal) {
      this.announce(refusal);
      // The timeline may have drawn a drag: put it back where the scenario has it.
      this.set((state) => ({ ...state }));
      return;
    }
    await this.guard(async () => {
      const scenario = this.state.scenario ?? (await api.createScenario(t('scenarioCreate'), this.state.area.id));
      const next = await api.setMoves(scenario.id, movesWith(scenario, taskId, shift));
      await this.showScenario(next);
      const task = taskById(this.state, taskId)!;
      const phase = realisation(task);
      this.announce(
        t('movedTo', { task: task.title, shift: signed(shift), start: formatMonth(shiftMonth(phase.start, shift)), end: formatMonth(shiftMonth(phase.end, shift)) }),
      );
    });
  }

  async swap(taskIdA: string, taskIdB: string): Promise<void> {
    await this.guard(async () => {
      const scenario = this.state.scenario ?? (await api.createScenario(t('swapTitle'), this.state.area.id));
      await this.showScenario(await api.swap(scenario.id, taskIdA, taskIdB));
    });
  }

  async resetMoves(): Promise<void> {
    const scenario = this.state.scenario;
    if (scenario) await this.guard(async () => this.showScenario(await api.setMoves(scenario.id, [])));
  }

  async rebase(): Promise<void> {
    const scenario = this.state.scenario;
    if (scenario) await this.guard(async () => this.showScenario(await api.rebaseScenario(scenario.id)));
  }

  /** Applies the open scenario (after the panel asked for confirmation); answers what changed and where the snapshot is. */
  async apply(): Promise<{ moves: string; snapshotTitle: string | null }> {
    const scenario = this.state.scenario!;
    const result = await api.applyScenarioResult(scenario.id);
    const moves = scenario.moves.map((move) => `${this.title(move.taskId)} ${signed(move.shiftMonths)} ${t('months')}`).join('; ');
    this.set((state) => withScenarioApplied(state, result.tasks));
    void this.loadPairs();
    const snapshots = await api.snapshots(this.state.area.id).catch(() => []);
    const snapshot = snapshots.find((candidate) => candidate.title.includes(`“${scenario.name}”`));
    return { moves, snapshotTitle: snapshot?.title ?? null };
  }

  // The area table (issue 17): proposals, the agenda, and the live meeting screen.

  /** Draws a proposal's change on the timeline as a ghost (opened from the inbox). */
  focusProposal(proposal: ProposalResponse): void {
    this.set((state) => ({ ...state, proposalFocus: proposal, selectedPair: null, view: 'timeline' }));
  }

  clearProposal(): void {
    this.set((state) => ({ ...state, proposalFocus: null }));
  }

  /** Voorstellen: asks the party that owns the pair's moved task to make the suggested move. */
  async proposeFromPair(pair: AlignmentPairResponse, reason: string): Promise<boolean> {
    if (!pair.move) return false;
    const { taskId, shiftMonths } = pair.move;
    try {
      await api.createProposal({ taskId, shiftMonths, reason, pairRef: { dikeTaskId: pair.dikeTaskId, otherTaskId: pair.otherTaskId } });
      const task = taskById(this.state, taskId);
      this.announce(t('proposalSent', { task: this.title(taskId), shift: signed(shiftMonths), party: task ? this.party(task.partyId) : '' }));
      return true;
    } catch (error) {
      this.announce(errorText(error));
      return false;
    }
  }

  async loadAgenda(): Promise<void> {
    await this.guard(async () => {
      const agenda = await api.agenda(this.state.area.id);
      this.set((state) => ({ ...state, agenda }));
    });
  }

  /** Agenderen: puts a pair (or any item) on the area's agenda. */
  async addAgendaItem(body: CreateAgendaItemBody): Promise<boolean> {
    try {
      const item = await api.createAgendaItem(this.state.area.id, body);
      this.set((state) => ({ ...state, agenda: state.agenda ? [...state.agenda.filter((each) => each.id !== item.id), item] : state.agenda }));
      this.announce(t('agendaAdded', { title: item.title }));
      return true;
    } catch (error) {
      this.announce(errorText(error));
      return false;
    }
  }

  async changeAgendaItem(itemId: string, patch: PatchAgendaItemBody | { comment: string }): Promise<boolean> {
    try {
      const item = 'comment' in patch ? await api.commentAgendaItem(itemId, patch.comment) : await api.patchAgendaItem(itemId, patch);
      this.set((state) => ({ ...state, agenda: (state.agenda ?? []).map((each) => (each.id === item.id ? item : each)) }));
      this.announce(t('agendaSaved', { title: item.title }));
      return true;
    } catch (error) {
      this.announce(errorText(error));
      return false;
    }
  }

  /**
   * The live meeting screen: follows the area's events, takes every change into the model in place
   * (no reload) and says briefly what changed and by whom. Returns what stops it.
   */
  startLive(): () => void {
    if (typeof EventSource === 'undefined') return () => undefined;
    const source = api.areaEvents(this.state.area.id);
    const refreshTasks = async () => {
      const tasks = await api.areaTasks(this.state.area.id);
      this.set((state) => withLiveTasks(state, tasks));
      void this.loadPairs();
      if (this.state.scenario) void this.reevaluate();
    };
    const said = (event: MessageEvent) => JSON.parse(event.data as string) as { actorLabel: string; title?: string; status?: string; change?: string };
    // One's own changes were already announced by the action that made them.
    const tell = (data: { actorLabel: string }, text: string) => {
      if (data.actorLabel !== this.state.user.email) this.announce(text);
    };
    // A change this page made itself is in the model already: reading again would only redraw.
    const known = (data: { taskId?: string; version?: number | null }) => {
      const task = data.taskId === undefined ? undefined : taskById(this.state, data.taskId);
      return data.version === null ? task === undefined : task !== undefined && task.version === data.version;
    };
    const onTask = (key: 'liveTaskCreated' | 'liveTaskChanged' | 'liveTaskDeleted') => (event: MessageEvent) => {
      const data = said(event) as ReturnType<typeof said> & { taskId?: string; version?: number | null };
      if (known(data)) return;
      void refreshTasks().then(() => tell(data, t(key, { who: data.actorLabel, title: data.title ?? '' })), (error: unknown) => this.announce(errorText(error)));
    };
    source.addEventListener('task_created', onTask('liveTaskCreated'));
    source.addEventListener('task_changed', onTask('liveTaskChanged'));
    source.addEventListener('task_deleted', onTask('liveTaskDeleted'));
    source.addEventListener('proposal_made', (event) => {
      const data = said(event);
      tell(data, t('liveProposalMade', { who: data.actorLabel, title: data.title ?? '' }));
    });
    source.addEventListener('proposal_decided', (event) => {
      const data = said(event);
      const focus = this.state.proposalFocus;
      if (focus && focus.id === (data as { proposalId?: string }).proposalId) this.set((state) => ({ ...state, proposalFocus: null }));
      tell(data, t('liveProposalDecided', { who: data.actorLabel, title: data.title ?? '', status: label(`proposal_${data.status ?? ''}`) }));
    });
    source.addEventListener('agenda_changed', (event) => {
      const data = said(event);
      if (this.state.agenda) void this.loadAgenda();
      tell(data, t('liveAgendaChanged', { who: data.actorLabel, title: data.title ?? '' }));
    });
    // Missed more than the server keeps: read the area afresh.
    source.addEventListener('reload', () => {
      void refreshTasks();
      if (this.state.agenda) void this.loadAgenda();
    });
    return () => source.close();
  }

  private async guard(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.announce(errorText(error));
    }
  }
}

export function signed(value: number): string {
  return `${value > 0 ? '+' : ''}${value}`;
}

/** A problem in words for the status line (the full block with details is for forms). */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    return problemText(error.problem) ?? `${error.problem.title}: ${error.problem.detail}`;
  }
  return error instanceof Error ? error.message : String(error);
}
