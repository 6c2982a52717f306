import type { PlanResponse, PlanResult } from '../../../server/contracts/plans.js';
import type { EvaluationResponse, ScenarioResponse } from '../../../server/contracts/scenarios.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import { icon, type IconName } from '../icons.js';
import { formatMonth, t } from '../i18n.js';
import { realisation, shiftMonth, allowedShift } from '../timeline/to-items.js';
import { describeEvaluation } from '../ui/scenario-text.js';
import { errorBlock } from '../ui/status.js';
import { openPlanDialog, planExplanation } from '../plan/plan-dialog.js';
import { planApi } from '../plan/plan-api.js';
import { signed, type AreaCtrl } from './ctrl.js';
import { canEdit, movableByUser, shiftOf, swappableDikes, taskById } from './model.js';
import { proposeScenarioControl } from './propose-scenario.js';

const ICONS: Record<ReturnType<typeof describeEvaluation>[number]['kind'], IconName> = {
  violation: 'stop',
  baseline: 'circle',
  warning: 'warning',
  won: 'check',
  lost: 'cross',
  soil: 'soil',
};

/**
 * Scenario mode in the side panel: open or start a scenario; what the moves do comes first, so a
 * planner drags on the timeline and reads the effect beside it; then moves by keyboard or number,
 * and swapping two sections.
 */
export class ScenarioPanel {
  readonly element: HTMLElement;
  private readonly select = h('select', { id: 'scenario-select' }, h('option', { value: '' }, t('scenarioNone')));
  private readonly output = h('div', { class: 'scenario-output' });
  private readonly moveControls = h('div', { class: 'move-controls' });
  private readonly swapA = h('select', { id: 'swap-a' });
  private readonly swapB = h('select', { id: 'swap-b' });
  private shown: { scenario: ScenarioResponse | null; evaluation: EvaluationResponse | null; pick: string | null; tasks: unknown } | null = null;
  private listed = false;
  private readonly setup: HTMLDetailsElement;
  /** The last plan suggested here: its explanation shows while its scenario is open. */
  private plan: (PlanResponse & { result: PlanResult }) | null = null;
  private revealPlan = false;

  constructor(private readonly ctrl: AreaCtrl) {
    const name = h('input', { id: 'scenario-name', type: 'text' });
    // Open while no scenario is: once one is, the effect of the moves gets the room.
    this.setup = h(
      'details',
      { class: 'scenario-setup', open: true },
      h('summary', {}, `${t('scenarioOpen')} / ${t('scenarioCreate')}`),
      h('p', { class: 'hint' }, t('scenarioIntro')),
      h(
        'div',
        { class: 'toolbar' },
        h('div', { class: 'field' }, h('label', { for: 'scenario-select' }, t('scenarioOpen')), this.select),
        h('div', { class: 'field' }, h('label', { for: 'scenario-name' }, t('scenarioName')), name),
        h('button', { type: 'button', class: 'create-scenario', onclick: () => void ctrl.createScenario(name.value.trim()).then(() => this.listScenarios(true)) }, t('scenarioCreate')),
      ),
    );
    this.select.addEventListener('change', () => {
      if (this.select.value) void ctrl.openScenario(this.select.value);
    });
    this.element = h(
      'section',
      { class: 'scenario-panel', 'aria-labelledby': 'scenario-title' },
      h('div', { class: 'panel-header' }, h('h2', { id: 'scenario-title' }, t('scenarioTitle')), h('button', { type: 'button', class: 'close-scenario', onclick: () => ctrl.closeScenarioMode() }, t('scenarioClose'))),
      h(
        'div',
        { class: 'plan-suggest' },
        h('button', { type: 'button', class: 'primary suggest-plan', onclick: (event: Event) => this.suggestPlan(event.currentTarget as HTMLElement) }, t('planSuggest')),
        h('p', { class: 'hint' }, t('planSuggestHint')),
      ),
      this.setup,
      this.output,
      this.moveControls,
      h(
        'details',
        { class: 'swap' },
        h('summary', {}, t('swapTitle')),
        h('div', { class: 'field' }, h('label', { for: 'swap-a' }, t('swapA')), this.swapA),
        h('div', { class: 'field' }, h('label', { for: 'swap-b' }, t('swapB')), this.swapB),
        h('button', { type: 'button', class: 'swap-button', onclick: () => void ctrl.swap(this.swapA.value, this.swapB.value) }, t('swapButton')),
      ),
    );
  }

  /** Stel een plan voor: the dialog for this area; the plan it finds opens here as the scenario. */
  private suggestPlan(opener: HTMLElement): void {
    const { area } = this.ctrl.state;
    openPlanDialog(
      { areaId: area.id },
      {
        scopeName: area.name,
        partyName: (partyId) => this.ctrl.party(partyId),
        areaName: (areaId) => (areaId === area.id ? area.name : areaId),
        titleOf: (taskId) => taskById(this.ctrl.state, taskId)?.title,
        onPlan: (plan) => this.showPlan(plan),
        opener,
      },
    );
  }

  private async showPlan(plan: PlanResponse): Promise<void> {
    if (!plan.result || !plan.scenarioId) return;
    this.plan = { ...plan, result: plan.result };
    this.revealPlan = true;
    const scenario = await planApi.scenario(plan.scenarioId);
    this.ctrl.set((state) => ({ ...state, scenarioMode: true, panel: 'scenario', scenarioTaskId: null }));
    await this.ctrl.showScenario(scenario);
    this.listScenarios(true);
    this.ctrl.announce(t('planScenarioOpened', { name: scenario.name }));
  }

  private listScenarios(force = false): void {
    if (this.listed && !force) return;
    this.listed = true;
    void api.scenarios(this.ctrl.state.area.id).then((scenarios) => {
      const open = this.ctrl.state.scenario?.id ?? '';
      this.select.replaceChildren(
        h('option', { value: '' }, t('scenarioNone')),
        ...scenarios.filter((candidate) => !candidate.appliedAt).map((scenario) => h('option', { value: scenario.id, selected: scenario.id === open }, scenario.name)),
      );
    });
  }

  update(): void {
    const { state } = this.ctrl;
    this.listScenarios();
    const key = { scenario: state.scenario, evaluation: state.evaluation, pick: state.scenarioTaskId, tasks: state.tasks };
    if (this.shown && Object.entries(key).every(([name, value]) => this.shown![name as keyof typeof key] === value)) return;
    const tasksChanged = this.shown?.tasks !== state.tasks;
    if (this.shown?.scenario?.id !== state.scenario?.id) this.setup.open = state.scenario === null;
    this.shown = key;
    if (state.scenario && this.select.value !== state.scenario.id) {
      if (![...this.select.options].some((option) => option.value === state.scenario!.id)) this.select.append(h('option', { value: state.scenario.id }, state.scenario.name));
      this.select.value = state.scenario.id;
    }
    if (tasksChanged) this.fillSwapLists();
    this.renderOutput();
    this.renderMoveControls();
  }

  private fillSwapLists(): void {
    const dikes = swappableDikes(this.ctrl.state);
    const options = () => dikes.map((task) => h('option', { value: task.id }, `${task.title}${task.urgencyRank ? ` (${t('urgency')} ${task.urgencyRank})` : ''}`));
    this.swapA.replaceChildren(...options());
    this.swapB.replaceChildren(...options());
    if (this.swapB.options.length > 1) this.swapB.selectedIndex = 1;
  }

  private renderOutput(): void {
    const { state } = this.ctrl;
    const scenario = state.scenario;
    if (!scenario) {
      this.output.replaceChildren(h('p', { class: 'hint' }, t('openScenarioFirst')));
      return;
    }
    const evaluation = state.evaluation;
    const lines = evaluation ? describeEvaluation(evaluation, (id) => this.ctrl.title(id), (id) => this.ctrl.party(id), (id) => (id === state.area.id ? state.area.name : id)) : [];
    const confirm = h('div', { class: 'confirm', hidden: true });
    const result = h('div', { class: 'apply-result', role: 'status' });
    const applyButton = h(
      'button',
      {
        type: 'button',
        class: 'primary apply-scenario',
        disabled: !evaluation?.applicable || scenario.moves.length === 0,
        onclick: () => {
          confirm.hidden = false;
          confirm.replaceChildren(
            h('p', {}, t('applyConfirm', { name: scenario.name, moves: scenario.moves.map((move) => `${this.ctrl.title(move.taskId)} ${signed(move.shiftMonths)} ${t('months')}.`).join(' ') })),
            h(
              'button',
              {
                type: 'button',
                class: 'primary confirm-apply',
                onclick: () =>
                  void this.ctrl.apply().then(
                    ({ moves, snapshotTitle }) => {
                      this.ctrl.announce(t('appliedResult', { moves }));
                      this.output.replaceChildren(
                        h(
                          'div',
                          { class: 'apply-result applied', role: 'status', tabindex: '-1' },
                          h('p', {}, icon('check'), ` ${t('scenarioApplied')} ${t('appliedResult', { moves })}`),
                          h('p', {}, snapshotTitle ? t('appliedSnapshot', { title: snapshotTitle }) : t('appliedNoSnapshot')),
                        ),
                      );
                      this.output.querySelector<HTMLElement>('.applied')?.focus();
                      this.listScenarios(true);
                    },
                    (error: unknown) => this.showApplyError(error, scenario),
                  ),
              },
              t('applyYes'),
            ),
            h('button', { type: 'button', onclick: () => ((confirm.hidden = true), applyButton.focus()) }, t('cancel')),
          );
          confirm.querySelector<HTMLElement>('.confirm-apply')?.focus();
        },
      },
      t('scenarioApply'),
    );
    const plan = this.plan?.scenarioId === scenario.id ? this.plan : null;
    this.output.replaceChildren(
      h('h3', {}, scenario.name),
      ...(plan
        ? [
            h(
              'details',
              { class: 'plan-explanation', open: true },
              h('summary', {}, t('planExplanation')),
              ...planExplanation(plan, { partyName: (id) => this.ctrl.party(id), areaName: (id) => (id === state.area.id ? state.area.name : id), titleOf: (id) => this.ctrl.title(id) }, false),
            ),
          ]
        : []),
      scenario.moves.length === 0
        ? h('p', {}, t('movesNone'))
        : h('ul', { class: 'scenario-moves' }, scenario.moves.map((move) => h('li', {}, `${this.ctrl.title(move.taskId)}: ${signed(move.shiftMonths)} ${t('months')}`))),
      h('h4', {}, evaluation?.asOf ? `${t('evaluationTitle')} (${t('asOfLabel', { month: formatMonth(evaluation.asOf) })})` : t('evaluationTitle')),
      !evaluation
        ? h('p', { class: 'loading' }, t('loading'))
        : lines.length === 0
          ? h('p', { class: 'evaluation-clean' }, icon('check'), ` ${t('evaluationClean')}`)
          : h('ul', { class: 'evaluation' }, lines.map((line) => h('li', { class: `evaluation-${line.kind}` }, icon(ICONS[line.kind]), ' ', line.text))),
      h(
        'div',
        { class: 'scenario-actions' },
        applyButton,
        evaluation && !evaluation.applicable ? h('p', { class: 'hint' }, t('notApplicable')) : null,
        h('button', { type: 'button', class: 'reset-scenario', onclick: () => void this.ctrl.resetMoves() }, t('scenarioReset')),
      ),
      confirm,
      result,
      // Moves of other parties' tasks are theirs to decide: Voorleggen asks them, in one bundle.
      ...(scenario.moves.some((move) => {
        const task = taskById(state, move.taskId);
        return task !== undefined && !canEdit(state.user, task);
      })
        ? [proposeScenarioControl(this.ctrl)]
        : []),
    );
    // After a drag or a key press the effect shows beside the timeline, without scrolling the page.
    // A plan that just opened shows its explanation first; the effect of the moves follows below it.
    const explanation = plan && this.revealPlan ? this.output.querySelector<HTMLElement>('.plan-explanation') : null;
    if (explanation) {
      // Kept until the evaluation is in: that redraw would scroll to the effect instead.
      if (evaluation) this.revealPlan = false;
      requestAnimationFrame(() => this.ctrl.revealInPanel(explanation));
    } else if (evaluation) requestAnimationFrame(() => this.ctrl.revealInPanel(this.output.querySelector('h4') ?? this.output));
  }

  private showApplyError(error: unknown, scenario: ScenarioResponse): void {
    const changed = (error as { problem?: { changedTasks?: { title: string }[] } }).problem?.changedTasks;
    const block = changed
      ? h(
          'div',
          { class: 'error', role: 'alert' },
          h('strong', {}, t('scenarioStaleTitle')),
          h('p', {}, `${t('scenarioStaleText')} ${changed.map((task) => task.title).join('; ')}`),
          h('button', { type: 'button', class: 'rebase-scenario', onclick: () => void this.ctrl.rebase() }, t('scenarioRebase')),
        )
      : errorBlock(error);
    if (changed) void this.ctrl.showScenario(scenario);
    this.output.prepend(block);
  }

  /** Keyboard and numeric moves: a slider per picked task (arrows ±1, Shift+arrows or Page keys ±12) and a number field. */
  private renderMoveControls(): void {
    const { state } = this.ctrl;
    const own = state.tasks.filter((task) => movableByUser(state).has(task.id) || task.partyId === state.user.partyId);
    const picked = state.scenarioTaskId ? taskById(state, state.scenarioTaskId) : undefined;
    const taskSelect = h(
      'select',
      { id: 'move-task' },
      h('option', { value: '' }, t('scenarioNone')),
      [...own, ...(picked && !own.includes(picked) ? [picked] : [])].map((task) => h('option', { value: task.id, selected: task.id === picked?.id }, task.title)),
    );
    taskSelect.addEventListener('change', () => taskSelect.value && this.ctrl.pickForMove(taskSelect.value));
    const children: (HTMLElement | null)[] = [
      h('h3', {}, t('moveTask')),
      h('p', { class: 'hint', id: 'move-help' }, t('keyboardHelp')),
      h('div', { class: 'field' }, h('label', { for: 'move-task' }, t('moveTask')), taskSelect),
    ];
    if (picked) {
      const shift = shiftOf(state, picked.id);
      const range = allowedShift(picked, this.ctrl.asOf);
      const phase = realisation(picked);
      const valueText = `${signed(shift)} ${t('months')}: ${t('realisation')} ${formatMonth(shiftMonth(phase.start, shift))} – ${formatMonth(shiftMonth(phase.end, shift))}`;
      const slider = h(
        'div',
        {
          class: 'move-slider',
          role: 'slider',
          tabindex: '0',
          'aria-label': `${t('shiftInput')}: ${picked.title}`,
          'aria-describedby': 'move-help',
          'aria-valuenow': String(shift),
          'aria-valuemin': String(range && range.min <= range.max ? range.min : 0),
          'aria-valuemax': String(range && range.min <= range.max ? range.max : 0),
          'aria-valuetext': valueText,
          onkeydown: (event: Event) => {
            const key = event as KeyboardEvent;
            const step = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -12, PageUp: 12 }[key.key];
            if (step === undefined) return;
            key.preventDefault();
            const delta = Math.abs(step) === 1 && key.shiftKey ? step * 12 : step;
            void this.ctrl.moveBy(picked.id, delta).then(() => this.moveControls.querySelector<HTMLElement>('.move-slider')?.focus());
          },
        },
        valueText,
      );
      const number = h('input', { id: 'move-shift', type: 'number', step: '1', value: String(shift) });
      children.push(
        slider,
        h(
          'form',
          {
            class: 'toolbar move-form',
            onsubmit: (event: Event) => {
              event.preventDefault();
              void this.ctrl.setShift(picked.id, Math.round(Number(number.value) || 0)).then(() => this.moveControls.querySelector<HTMLElement>('#move-shift')?.focus());
            },
          },
          h('div', { class: 'field' }, h('label', { for: 'move-shift' }, t('shiftInput')), number),
          h('button', { type: 'submit', class: 'set-shift' }, t('setShift')),
        ),
      );
    }
    const focused = document.activeElement;
    const refocus = focused && this.moveControls.contains(focused) ? (focused.id || (focused.classList.contains('move-slider') ? '.move-slider' : null)) : null;
    this.moveControls.replaceChildren(...children.filter((child): child is HTMLElement => child !== null));
    if (refocus) this.moveControls.querySelector<HTMLElement>(refocus.startsWith('.') ? refocus : `#${refocus}`)?.focus();
  }
}
